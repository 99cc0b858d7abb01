// Setup: the connection's name and the connector's settings (secrets write-only), "Check connection" with its
// typed result, and removing the connection.
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { integrations, type CheckResult } from '../../api/integrations.js';
import { Button } from '../../components/button.js';
import { Dialog } from '../../components/dialog.js';
import { TextField } from '../../components/field.js';
import { focusFirstInvalid } from '../../components/new-instance-dialog.js';
import { Section } from '../../components/page.js';
import {
  cleanValues,
  configErrors,
  SchemaForm,
  validateAgainst,
  type FormValues,
} from '../../components/schema-form.js';
import { useToast } from '../../components/toast.js';
import { navigate } from '../../lib/router.js';
import type { InstanceTabProps } from './instance-page.js';

const ADVICE: Record<string, string> = {
  config: 'A setting is missing or invalid. Check the fields above.',
  auth: 'The credentials were refused. Check the client ID and secret (or password) and that they have not expired.',
  network: 'The server could not be reached. Check the URL and that this machine can reach it.',
  tls: 'The secure connection failed. Check the certificate or the TLS settings.',
  permission: 'The credentials work but lack a needed permission. Grant the listed role or scope.',
  rate_limited: 'The vendor is limiting requests. Wait a minute and check again.',
  vendor: 'The vendor answered with an error. Try again later; if it persists, contact the vendor.',
};

export function CheckResultNotice({ result }: { result: CheckResult }) {
  if (result.ok) {
    return (
      <div className="notice notice-success" role="status">
        <p className="notice-title">Connection works</p>
        <p>{result.message}</p>
        {result.details && (
          <dl className="details compact">
            {Object.entries(result.details).map(([k, v]) => (
              <div className="details-row" key={k}>
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    );
  }
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">Connection failed ({result.kind.replace('_', ' ')})</p>
      <p>{result.message}</p>
      {ADVICE[result.kind] && <p>{ADVICE[result.kind]}</p>}
    </div>
  );
}

export function SetupTab({ instance, connector, reload }: InstanceTabProps) {
  const toast = useToast();
  const [name, setName] = useState(instance.name);
  const [values, setValues] = useState<FormValues>(() => ({ ...(instance.config ?? {}) }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [nameError, setNameError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const stored = instance.secrets ?? {};
  // "Check connection" tests what is saved, so say so when the form holds unsaved edits.
  const dirty =
    name.trim() !== instance.name ||
    JSON.stringify(cleanValues(connector.configSchema, values)) !==
      JSON.stringify(cleanValues(connector.configSchema, { ...(instance.config ?? {}) }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const local = validateAgainst(connector.configSchema, values, stored);
    const nameProblem = name.trim() ? undefined : 'is required';
    setErrors(local);
    setNameError(nameProblem);
    if (nameProblem || Object.keys(local).length) {
      setFormError('Some fields need attention. Nothing was saved.');
      focusFirstInvalid();
      return;
    }
    setSaving(true);
    try {
      await integrations.updateInstance(instance.id, {
        name: name.trim(),
        config: cleanValues(connector.configSchema, values),
      });
      toast.show('Settings saved');
      setCheck(null);
      reload();
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(configErrors(err.fields));
        setNameError(err.fieldError('name'));
        setFormError(`${err.message} Nothing was saved.`);
        focusFirstInvalid();
      } else setFormError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const runCheck = async () => {
    setChecking(true);
    setCheck(null);
    try {
      setCheck(await integrations.check(instance.id));
    } catch (err) {
      setCheck({ ok: false, kind: 'vendor', message: errorMessage(err) });
    } finally {
      setChecking(false);
    }
  };

  const remove = async () => {
    setDeleting(true);
    try {
      await integrations.deleteInstance(instance.id);
      toast.show(`${instance.name} removed`);
      navigate(`/integrations/${instance.connectorId}`);
    } catch (err) {
      toast.show(errorMessage(err), 'error');
      setDeleting(false);
      setConfirmDelete(false);
    }
  };

  return (
    <>
      <Section title="Connection details">
        <form className="form" noValidate onSubmit={(e) => void save(e)}>
          {formError && (
            <div className="notice notice-error" role="alert">
              <p>{formError}</p>
            </div>
          )}
          <TextField
            label="Name"
            name="name"
            required
            value={name}
            error={nameError}
            onChange={(e) => setName(e.target.value)}
          />
          <SchemaForm
            schema={connector.configSchema}
            values={values}
            onChange={setValues}
            errors={errors}
            storedSecrets={stored}
          />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={saving}>
              Save
            </Button>
            <Button onClick={() => void runCheck()} busy={checking}>
              Check connection
            </Button>
          </div>
        </form>
        {dirty && (
          <p className="muted small">
            You have unsaved changes: Check connection tests the saved settings, so save first.
          </p>
        )}
        <div aria-live="polite" className="check-result">
          {checking && <p className="muted">Checking the connection…</p>}
          {check && <CheckResultNotice result={check} />}
        </div>
      </Section>
      <Section title="Remove this connection">
        <p>Records it imported stay; they are no longer updated. Its run history and mappings are deleted.</p>
        <Button variant="danger" onClick={() => setConfirmDelete(true)}>
          Remove connection…
        </Button>
      </Section>
      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={`Remove ${instance.name}?`}
        footer={
          <>
            <Button onClick={() => setConfirmDelete(false)}>Cancel</Button>
            <Button variant="danger" busy={deleting} onClick={() => void remove()}>
              Remove
            </Button>
          </>
        }
      >
        <p>This stops all syncing for this connection. Imported customers, users and licences are kept.</p>
      </Dialog>
    </>
  );
}
