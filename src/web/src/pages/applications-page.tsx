// API applications (Halo's Configuration › Integrations › Halo API): create one (its secret is shown once),
// regenerate a secret, revoke tokens, deactivate.
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.js';
import { auth, type Agent, type Application, type IssuedCredential } from '../api/auth.js';
import { Button } from '../components/button.js';
import { DataTable } from '../components/data-table.js';
import { Dialog } from '../components/dialog.js';
import { Checkbox, SelectField, TextArea, TextField } from '../components/field.js';
import { PageHeader } from '../components/page.js';
import { SecretOnceDialog } from '../components/secret-once-dialog.js';
import { Badge, EmptyState, ErrorNotice, Loading } from '../components/states.js';
import { useToast } from '../components/toast.js';
import { formatDateTime } from '../lib/format.js';
import { useResource } from '../lib/use-resource.js';

interface Draft {
  name: string;
  description: string;
  authMethod: 'client_credentials' | 'api_key';
  loginAgentId: string;
  scopes: string[];
}

function NewApplicationDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(issued: IssuedCredential): void;
}) {
  const agents = useResource<Agent[]>(open ? auth.agents : null);
  const scopes = useResource<string[]>(open ? auth.scopes : null);
  const [d, setD] = useState<Draft>({
    name: '',
    description: '',
    authMethod: 'client_credentials',
    loginAgentId: '',
    scopes: ['all'],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const local: Record<string, string> = {};
    if (!d.name.trim()) local.name = 'is required';
    if (!d.loginAgentId) local.login_agent_id = 'choose the agent this application acts as';
    if (d.scopes.length === 0) local.scopes = 'choose at least one scope';
    setErrors(local);
    if (Object.keys(local).length) {
      setFormError('Some fields need attention. Nothing was saved.');
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const issued = await auth.createApplication({
        name: d.name.trim(),
        description: d.description.trim() || null,
        auth_method: d.authMethod,
        login_agent_id: Number(d.loginAgentId),
        scopes: d.scopes,
      });
      onCreated(issued);
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors({
          name: err.fieldError('name') ?? '',
          login_agent_id: err.fieldError('login_agent_id') ?? '',
          scopes: err.fieldError('scopes') ?? '',
        });
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
      title="New API application"
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
          label="Application name"
          required
          value={d.name}
          error={errors.name || undefined}
          onChange={(e) => setD({ ...d, name: e.target.value })}
        />
        <TextArea
          label="Description"
          rows={2}
          value={d.description}
          onChange={(e) => setD({ ...d, description: e.target.value })}
        />
        <SelectField
          label="Authentication method"
          value={d.authMethod}
          options={[
            { value: 'client_credentials', label: 'Client ID and Secret (Services)' },
            { value: 'api_key', label: 'API key (X-Halo-Api-Key header)' },
          ]}
          onChange={(e) => setD({ ...d, authMethod: e.target.value as Draft['authMethod'] })}
        />
        <SelectField
          label="Login agent"
          required
          hint="The application acts as this agent; its roles limit what the application may do."
          value={d.loginAgentId}
          error={errors.login_agent_id || undefined}
          placeholder={agents.data ? 'Choose an agent…' : 'Loading agents…'}
          options={(agents.data ?? [])
            .filter((a) => !a.inactive)
            .map((a) => ({ value: String(a.id), label: `${a.name}${a.is_api_only ? ' (API only)' : ''}` }))}
          onChange={(e) => setD({ ...d, loginAgentId: e.target.value })}
        />
        <fieldset className={`fieldset${errors.scopes ? ' field-invalid' : ''}`}>
          <legend>Permissions (scopes)</legend>
          {(scopes.data ?? ['all']).map((s) => (
            <Checkbox
              key={s}
              label={s}
              checked={d.scopes.includes(s)}
              onChange={(e) =>
                setD({ ...d, scopes: e.target.checked ? [...d.scopes, s] : d.scopes.filter((x) => x !== s) })
              }
            />
          ))}
          {errors.scopes && <p className="field-error">{errors.scopes}</p>}
        </fieldset>
      </form>
    </Dialog>
  );
}

export function ApplicationsPage() {
  const toast = useToast();
  const apps = useResource<Application[]>(auth.applications);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedCredential | null>(null);
  const [regenerate, setRegenerate] = useState<Application | null>(null);
  const [busy, setBusy] = useState(false);

  const doRegenerate = async () => {
    if (!regenerate) return;
    setBusy(true);
    try {
      const r = await auth.regenerateSecret(regenerate.id);
      setRegenerate(null);
      setIssued(r);
      apps.reload();
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (a: Application) => {
    try {
      await auth.updateApplication(a.id, { active: !a.active });
      toast.show(`${a.name} ${a.active ? 'deactivated' : 'activated'}`);
      apps.reload();
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    }
  };

  const revoke = async (a: Application) => {
    try {
      await auth.revokeTokens(a.id);
      toast.show(`Tokens of ${a.name} revoked`);
      apps.reload();
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    }
  };

  return (
    <>
      <PageHeader
        title="API applications"
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New application
          </Button>
        }
      >
        <p className="page-meta">
          Tools written for HaloPSA’s API (PowerShell modules, RMMs, CIPP) authenticate with one of these.
        </p>
      </PageHeader>
      {apps.error && (
        <ErrorNotice error={apps.error} title="Could not load the applications" onRetry={apps.reload} />
      )}
      {!apps.data && !apps.error && <Loading />}
      {apps.data && (
        <DataTable
          caption="API applications"
          rows={apps.data}
          rowKey={(a) => a.id}
          columns={[
            { key: 'name', header: 'Name', cell: (a) => <strong>{a.name}</strong> },
            {
              key: 'method',
              header: 'Method',
              cell: (a) => (a.auth_method === 'api_key' ? 'API key' : 'Client credentials'),
            },
            { key: 'client', header: 'Client ID', cell: (a) => <code>{a.client_id}</code> },
            { key: 'agent', header: 'Login agent', cell: (a) => a.login_agent_name },
            { key: 'scopes', header: 'Scopes', cell: (a) => a.scopes.join(' ') },
            { key: 'tokens', header: 'Live tokens', numeric: true, cell: (a) => a.active_tokens },
            { key: 'secret', header: 'Secret created', cell: (a) => formatDateTime(a.secret_created_at) },
            {
              key: 'status',
              header: 'Status',
              cell: (a) => (a.active ? <Badge tone="good">Active</Badge> : <Badge>Inactive</Badge>),
            },
            {
              key: 'actions',
              header: <span className="visually-hidden">Actions</span>,
              cell: (a) => (
                <span className="row-actions">
                  <Button
                    variant="ghost"
                    onClick={() => setRegenerate(a)}
                    aria-label={`Regenerate the secret of ${a.name}`}
                  >
                    Regenerate
                  </Button>
                  <Button
                    variant="ghost"
                    onClick={() => void revoke(a)}
                    aria-label={`Revoke the tokens of ${a.name}`}
                    disabled={a.active_tokens === 0}
                  >
                    Revoke tokens
                  </Button>
                  <Button
                    variant="ghost"
                    onClick={() => void toggle(a)}
                    aria-label={`${a.active ? 'Deactivate' : 'Activate'} ${a.name}`}
                  >
                    {a.active ? 'Deactivate' : 'Activate'}
                  </Button>
                </span>
              ),
            },
          ]}
          empty={
            <EmptyState
              title="No API applications yet"
              action={
                <Button variant="primary" onClick={() => setCreating(true)}>
                  New application
                </Button>
              }
            >
              <p>Create one for each tool that should use Tributary’s Halo-compatible API.</p>
            </EmptyState>
          }
        />
      )}
      {creating && (
        <NewApplicationDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            setIssued(r);
            apps.reload();
          }}
        />
      )}
      <Dialog
        open={regenerate !== null}
        onClose={() => setRegenerate(null)}
        title={`Regenerate the secret of ${regenerate?.name ?? ''}?`}
        footer={
          <>
            <Button onClick={() => setRegenerate(null)}>Cancel</Button>
            <Button variant="danger" busy={busy} onClick={() => void doRegenerate()}>
              Regenerate
            </Button>
          </>
        }
      >
        <p>
          The current secret and every token issued with it stop working at once. Tools using it must be given
          the new secret.
        </p>
      </Dialog>
      <SecretOnceDialog issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
