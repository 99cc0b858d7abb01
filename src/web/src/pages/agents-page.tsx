// Agents: the record list (search, paging, provenance) plus creating agents and each agent's notification
// preference ("e-mail me when a sync fails").
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.js';
import { auth, type Role } from '../api/auth.js';
import type { AgentRow, RecordDetail } from '../api/records.js';
import { Button } from '../components/button.js';
import type { Column } from '../components/data-table.js';
import { Dialog } from '../components/dialog.js';
import { Checkbox, TextField } from '../components/field.js';
import { Section } from '../components/page.js';
import { useToast } from '../components/toast.js';
import { useSession } from '../lib/session.js';
import { useResource } from '../lib/use-resource.js';
import { RECORD_COLUMNS } from '../records/record-columns.js';
import { recordTypeInfo } from '../records/record-types.js';
import { RecordDetailPage } from './record-detail-page.js';
import { RecordListPage } from './record-list-page.js';

const INFO = recordTypeInfo('agents')!;

/** A checkbox that saves the agent's sync-failure e-mail preference as soon as it changes. */
export function NotifyToggle({
  agentId,
  name,
  initial,
  label,
}: {
  agentId: number;
  name: string;
  initial: boolean;
  label?: string;
}) {
  const toast = useToast();
  const { can } = useSession();
  const [on, setOn] = useState(initial);
  const [busy, setBusy] = useState(false);
  const change = async (next: boolean) => {
    setBusy(true);
    setOn(next);
    try {
      await auth.updateAgent(agentId, { notify_sync_failures: next });
      toast.show(`${name} will ${next ? 'now' : 'no longer'} get an e-mail when a sync fails`);
    } catch (e) {
      setOn(!next);
      toast.show(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <label className="inline-check">
      <input
        type="checkbox"
        checked={on}
        disabled={busy || !can('admin')}
        onChange={(e) => void change(e.target.checked)}
      />
      <span className={label ? undefined : 'visually-hidden'}>
        {label ?? `E-mail ${name} when a sync fails`}
      </span>
    </label>
  );
}

function NewAgentDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(): void }) {
  const roles = useResource<Role[]>(open ? auth.roles : null);
  const [name, setName] = useState('');
  const [login, setLogin] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roleIds, setRoleIds] = useState<number[]>([]);
  const [notify, setNotify] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = 'is required';
    if (login.includes(' ')) local.login = 'must not contain spaces';
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) local.email = 'is not an e-mail address';
    if (password && !login) local.login = 'is required to log in with a password';
    setErrors(local);
    if (Object.keys(local).length) {
      setFormError('Some fields need attention. Nothing was saved.');
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      await auth.createAgent({
        name: name.trim(),
        login: login.trim() || null,
        email: email.trim() || null,
        ...(password ? { password } : {}),
        roles: roleIds,
        notify_sync_failures: notify,
      });
      onCreated();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(
          Object.fromEntries(
            ['name', 'login', 'email', 'password', 'roles'].map((f) => [f, err.fieldError(f) ?? '']),
          ),
        );
        setFormError(`${err.message} Nothing was saved.`);
      } else setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="New agent"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} onClick={() => void submit()}>
            Create
          </Button>
        </>
      }
    >
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        {formError && (
          <div className="notice notice-error" role="alert">
            <p>{formError}</p>
          </div>
        )}
        <TextField
          label="Name"
          required
          value={name}
          error={errors.name || undefined}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label="Login"
          value={login}
          error={errors.login || undefined}
          autoComplete="off"
          onChange={(e) => setLogin(e.target.value)}
        />
        <TextField
          label="E-mail"
          type="email"
          value={email}
          error={errors.email || undefined}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          error={errors.password || undefined}
          hint="Leave blank for an agent who signs in with SSO later."
          onChange={(e) => setPassword(e.target.value)}
        />
        <fieldset className="fieldset">
          <legend>Roles</legend>
          {(roles.data ?? []).map((r) => (
            <Checkbox
              key={r.id}
              label={r.name}
              hint={r.description ?? undefined}
              checked={roleIds.includes(r.id)}
              onChange={(e) =>
                setRoleIds(e.target.checked ? [...roleIds, r.id] : roleIds.filter((x) => x !== r.id))
              }
            />
          ))}
          {errors.roles && <p className="field-error">{errors.roles}</p>}
        </fieldset>
        <Checkbox
          label="E-mail this agent when a sync fails"
          checked={notify}
          onChange={(e) => setNotify(e.target.checked)}
        />
      </form>
    </Dialog>
  );
}

export function AgentsPage() {
  const toast = useToast();
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const columns: Column<AgentRow>[] = RECORD_COLUMNS.agents.map((c) =>
    c.key === 'notify'
      ? {
          ...c,
          cell: (r: AgentRow) =>
            r.apiOnly ? (
              <span className="muted">—</span>
            ) : (
              <>
                <NotifyToggle
                  key={`${r.id}:${reloadKey}`}
                  agentId={r.id}
                  name={r.name}
                  initial={r.notifySyncFailures}
                />
                {!r.email && <span className="muted small"> no e-mail address set</span>}
              </>
            ),
        }
      : c,
  );
  return (
    <>
      <RecordListPage
        info={INFO}
        reloadKey={reloadKey}
        columns={columns as Column<never>[]}
        actions={
          can('admin') ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New agent
            </Button>
          ) : undefined
        }
      />
      {creating && (
        <NewAgentDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setReloadKey((k) => k + 1);
            toast.show('Agent created');
          }}
        />
      )}
    </>
  );
}

export function AgentDetailPage({ id }: { id: string }) {
  const detail = useResource<RecordDetail>(`/records/agents/${encodeURIComponent(id)}`);
  const notify = detail.data?.fields.find((f) => f.label === 'E-mail me when a sync fails');
  return (
    <RecordDetailPage info={INFO} id={id}>
      {detail.data && (
        <Section title="Notification preferences">
          <NotifyToggle
            agentId={detail.data.id}
            name={detail.data.title}
            initial={notify?.value === true}
            label="E-mail this agent when an integration sync fails (and when it recovers)"
          />
        </Section>
      )}
    </RecordDetailPage>
  );
}
