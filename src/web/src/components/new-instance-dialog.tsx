// "+" on a connector: name the connection, fill in the connector's settings, and create it. Field errors from the
// browser's checks or from the server appear beside their fields, and nothing is saved until all are fixed.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { integrations, type ConnectorInfo } from '../api/integrations.js';
import { navigate } from '../lib/router.js';
import { Button } from './button.js';
import { Dialog } from './dialog.js';
import { TextField } from './field.js';
import {
  cleanValues,
  configErrors,
  defaultsFor,
  SchemaForm,
  validateAgainst,
  type FormValues,
} from './schema-form.js';
import { useToast } from './toast.js';

export function NewInstanceDialog({
  connector,
  open,
  onClose,
}: {
  connector: ConnectorInfo;
  open: boolean;
  onClose(): void;
}) {
  const toast = useToast();
  const [name, setName] = useState(connector.displayName);
  const [values, setValues] = useState<FormValues>(() => defaultsFor(connector.configSchema));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [nameError, setNameError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const local = validateAgainst(connector.configSchema, values);
    const nameProblem = name.trim() ? undefined : 'is required';
    setErrors(local);
    setNameError(nameProblem);
    if (nameProblem || Object.keys(local).length > 0) {
      setFormError('Some fields need attention.');
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      const created = await integrations.createInstance({
        connectorId: connector.id,
        name: name.trim(),
        config: cleanValues(connector.configSchema, values),
      });
      toast.show(`${created.name} created`);
      onClose();
      navigate(`/instances/${created.id}/setup`);
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(configErrors(err.fields));
        setNameError(err.fieldError('name'));
        setFormError(err.message);
        focusFirstInvalid();
      } else setFormError(err instanceof Error ? err.message : 'Could not create the instance');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`New ${connector.displayName} connection`}
      wide
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="new-instance-form" busy={busy}>
            Create
          </Button>
        </>
      }
    >
      <form id="new-instance-form" className="form form-wide" noValidate onSubmit={(e) => void submit(e)}>
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
          hint="Shown in the console and in sync failure e-mails."
          onChange={(e) => setName(e.target.value)}
        />
        <SchemaForm schema={connector.configSchema} values={values} onChange={setValues} errors={errors} />
      </form>
    </Dialog>
  );
}

/** Moves focus to the first field marked invalid, after React has rendered the errors. */
export function focusFirstInvalid(): void {
  window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
