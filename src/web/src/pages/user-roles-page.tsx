// User roles (Halo's end-user roles): the list, and creating one. A directory mapping gives a role to every end
// user it imports into a site (Integrations › a connection › Mappings).
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.js';
import { auth, type UserRole } from '../api/auth.js';
import { Button } from '../components/button.js';
import { DataTable } from '../components/data-table.js';
import { Dialog } from '../components/dialog.js';
import { TextArea, TextField } from '../components/field.js';
import { PageHeader } from '../components/page.js';
import { EmptyState, ErrorNotice, Loading } from '../components/states.js';
import { useToast } from '../components/toast.js';
import { useSession } from '../lib/session.js';
import { useResource } from '../lib/use-resource.js';

function NewUserRoleDialog({ onClose, onCreated }: { onClose(): void; onCreated(role: UserRole): void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const local: Record<string, string> = {};
    if (!name.trim()) local.name = 'is required';
    setErrors(local);
    if (Object.keys(local).length) {
      setFormError('Some fields need attention. Nothing was saved.');
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const role = await auth.createUserRole({
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      onCreated(role);
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors({ name: err.fieldError('name') ?? '', description: err.fieldError('description') ?? '' });
        setFormError(`${err.message} Nothing was saved.`);
      } else setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="New user role"
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
        <TextArea
          label="Description"
          rows={2}
          value={description}
          error={errors.description || undefined}
          onChange={(e) => setDescription(e.target.value)}
        />
      </form>
    </Dialog>
  );
}

export function UserRolesPage() {
  const toast = useToast();
  const { can } = useSession();
  const roles = useResource<UserRole[]>(auth.userRoles);
  const [creating, setCreating] = useState(false);
  const newButton = can('admin') ? (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New user role
    </Button>
  ) : undefined;

  return (
    <>
      <PageHeader title="User roles" actions={newButton}>
        <p className="page-meta">
          Roles for end users. A directory mapping (Active Directory / LDAP) can give one to everyone it
          imports into a site.
        </p>
      </PageHeader>
      {roles.error && (
        <ErrorNotice error={roles.error} title="Could not load the user roles" onRetry={roles.reload} />
      )}
      {!roles.data && !roles.error && <Loading />}
      {roles.data && (
        <DataTable
          caption="User roles"
          rows={roles.data}
          rowKey={(r) => r.id}
          columns={[
            { key: 'name', header: 'Name', cell: (r) => <strong>{r.name}</strong> },
            {
              key: 'description',
              header: 'Description',
              cell: (r) => r.description ?? <span className="muted">—</span>,
            },
          ]}
          empty={
            <EmptyState title="No user roles yet" action={newButton}>
              <p>Create one to give the end users a mapping imports a role.</p>
            </EmptyState>
          }
        />
      )}
      {creating && (
        <NewUserRoleDialog
          onClose={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            roles.reload();
            toast.show(`User role ${r.name} created`);
          }}
        />
      )}
    </>
  );
}
