// User roles (Halo's end-user roles): the list, creating, renaming and deleting one. A directory mapping gives a
// role to every end user it imports into a site (Integrations › a connection › Mappings).
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

interface UserRoleDialogProps {
  /** The role to edit, or null for a new one. */
  role: UserRole | null;
  onClose(): void;
  onSaved(role: UserRole): void;
}

function UserRoleDialog({ role, onClose, onSaved }: UserRoleDialogProps) {
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
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
      const saved = role
        ? await auth.updateUserRole(role.id, { name: name.trim(), description: description.trim() || null })
        : await auth.createUserRole({
            name: name.trim(),
            ...(description.trim() ? { description: description.trim() } : {}),
          });
      onSaved(saved);
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
      title={role ? `Edit user role ${role.name}` : 'New user role'}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} onClick={() => void submit()}>
            {role ? 'Save' : 'Create'}
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

/** Asks before deleting: the end users holding the role are left without one. */
function DeleteUserRoleDialog({
  role,
  onClose,
  onDeleted,
}: {
  role: UserRole;
  onClose(): void;
  onDeleted(): void;
}) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await auth.deleteUserRole(role.id);
      toast.show(
        `User role ${role.name} deleted; ${r.usersCleared} end user${r.usersCleared === 1 ? '' : 's'} held it`,
      );
      onDeleted();
    } catch (e) {
      setError(`${errorMessage(e)} Nothing was deleted.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Delete user role ${role.name}?`}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" busy={busy} onClick={() => void remove()}>
            Delete
          </Button>
        </>
      }
    >
      {error && (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <p>End users who hold it will have no user role. A mapping that gives it must be changed first.</p>
    </Dialog>
  );
}

export function UserRolesPage() {
  const toast = useToast();
  const { can } = useSession();
  const roles = useResource<UserRole[]>(auth.userRoles);
  /** The role being edited; null for a new one; undefined when no dialog is open. */
  const [editing, setEditing] = useState<UserRole | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<UserRole | null>(null);
  const admin = can('admin');
  const newButton = admin ? (
    <Button variant="primary" onClick={() => setEditing(null)}>
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
            ...(admin
              ? [
                  {
                    key: 'actions',
                    header: <span className="visually-hidden">Actions</span>,
                    cell: (r: UserRole) => (
                      <span className="row-actions">
                        <Button variant="ghost" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
                          Edit
                        </Button>
                        <Button
                          variant="ghost"
                          onClick={() => setDeleting(r)}
                          aria-label={`Delete ${r.name}`}
                        >
                          Delete
                        </Button>
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
          empty={
            <EmptyState title="No user roles yet" action={newButton}>
              <p>Create one to give the end users a mapping imports a role.</p>
            </EmptyState>
          }
        />
      )}
      {editing !== undefined && (
        <UserRoleDialog
          role={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(r) => {
            toast.show(editing ? `User role ${r.name} saved` : `User role ${r.name} created`);
            setEditing(undefined);
            roles.reload();
          }}
        />
      )}
      {deleting && (
        <DeleteUserRoleDialog
          role={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            roles.reload();
          }}
        />
      )}
    </>
  );
}
