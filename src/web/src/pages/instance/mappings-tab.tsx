// Mappings: which customer each vendor container (Sophos tenant, OU, group) belongs to. "Generate Mappings" matches
// by name; names that match more than one customer wait in the review list; "Add" maps one by hand.
import { useCallback, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { integrations, type Mapping } from '../../api/integrations.js';
import { Button } from '../../components/button.js';
import { CustomerPicker } from '../../components/customer-picker.js';
import { DataTable } from '../../components/data-table.js';
import { Dialog } from '../../components/dialog.js';
import { Checkbox, SelectField, TextField } from '../../components/field.js';
import { Link } from '../../components/link.js';
import { Section } from '../../components/page.js';
import { Badge, EmptyState, ErrorNotice, Loading } from '../../components/states.js';
import { useToast } from '../../components/toast.js';
import { useNames } from '../../lib/use-names.js';
import { useResource } from '../../lib/use-resource.js';
import type { InstanceTabProps } from './instance-page.js';

const STATUS_TONE = { mapped: 'good', ambiguous: 'warn', unmatched: 'neutral' } as const;
const STATUS_LABEL = { mapped: 'Mapped', ambiguous: 'Needs review', unmatched: 'Not mapped' } as const;

function target(m: Mapping, customers: Map<number, string>, sites: Map<number, string>) {
  if (m.targetKind === 'agent') return 'Agents';
  if (m.customerId === null) return <span className="muted">—</span>;
  const customer = (
    <Link to={`/customers/${m.customerId}`}>{customers.get(m.customerId) ?? `Customer ${m.customerId}`}</Link>
  );
  if (m.targetKind === 'site' && m.siteId !== null) {
    return (
      <>
        {customer} › <Link to={`/sites/${m.siteId}`}>{sites.get(m.siteId) ?? `Site ${m.siteId}`}</Link>
      </>
    );
  }
  return customer;
}

/** A container whose name matched several customers (or sites, for OUs): the admin picks one. */
function ReviewRow({
  mapping,
  instanceId,
  names,
  onDone,
}: {
  mapping: Mapping;
  instanceId: number;
  names: Map<number, string>;
  onDone(): void;
}) {
  const toast = useToast();
  const [busy, setBusy] = useState<number | null>(null);
  const kind = mapping.containerKind === 'ou' ? 'site' : 'customer';
  const choose = async (id: number) => {
    setBusy(id);
    try {
      await integrations.updateMapping(instanceId, mapping.id, {
        target: kind === 'site' ? { kind: 'site', siteId: id } : { kind: 'customer', customerId: id },
      });
      toast.show(`${mapping.externalName} mapped to ${names.get(id) ?? `${kind} ${id}`}`);
      onDone();
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    } finally {
      setBusy(null);
    }
  };
  return (
    <li className="review-item">
      <div>
        <strong>{mapping.externalName}</strong> <code>{mapping.externalId}</code>
        <p className="muted">Matches more than one {kind}. Choose the right one:</p>
      </div>
      <div className="review-choices" role="group" aria-label={`Candidates for ${mapping.externalName}`}>
        {mapping.candidates.map((id) => (
          <Button key={id} busy={busy === id} onClick={() => void choose(id)}>
            {names.get(id) ?? `${kind} ${id}`}
          </Button>
        ))}
      </div>
    </li>
  );
}

interface EditState {
  mapping: Mapping | null;
  externalId: string;
  externalName: string;
  customerId: number | null;
  recursive: boolean;
}

export function MappingsTab({ instance, connector }: InstanceTabProps) {
  const toast = useToast();
  const list = useResource<Mapping[]>(integrations.mappings(instance.id));
  const [generating, setGenerating] = useState(false);
  const [edit, setEdit] = useState<EditState | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const reload = list.reload;
  const label = connector.containerLabel || 'Container';

  const generate = useCallback(async () => {
    setGenerating(true);
    try {
      const r = await integrations.generateMappings(instance.id);
      toast.show(
        `Mappings generated: ${r.mapped} mapped, ${r.ambiguous} to review, ${r.unmatched} without a match${r.alreadyMapped ? `, ${r.alreadyMapped} already mapped` : ''}`,
      );
      reload();
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    } finally {
      setGenerating(false);
    }
  }, [instance.id, reload, toast]);

  const [containers, setContainers] = useState<{ externalId: string; name: string }[] | null>(null);
  const openEdit = (m: Mapping | null) => {
    setErrors({});
    setFormError(null);
    setEdit({
      mapping: m,
      externalId: m?.externalId ?? '',
      externalName: m?.externalName ?? '',
      customerId: m?.customerId ?? null,
      recursive: m?.recursive ?? false,
    });
    if (!m) {
      // Offer the source's containers to pick from; typing an id stays possible if discovery fails.
      setContainers(null);
      integrations
        .discover(instance.id)
        .then((d) => setContainers(d.containers.map((c) => ({ externalId: c.externalId, name: c.name }))))
        .catch(() => setContainers([]));
    }
  };
  const mappedIds = new Set((list.data ?? []).filter((m) => m.status === 'mapped').map((m) => m.externalId));
  const choices = (containers ?? []).filter((c) => !mappedIds.has(c.externalId));

  const save = async () => {
    if (!edit) return;
    const local: Record<string, string> = {};
    if (!edit.mapping && !edit.externalId.trim()) local.externalId = 'is required';
    if (edit.customerId === null) local.customerId = 'choose a customer';
    setErrors(local);
    if (Object.keys(local).length) {
      setFormError('Some fields need attention. Nothing was saved.');
      return;
    }
    setSaving(true);
    try {
      const body = { target: { kind: 'customer', customerId: edit.customerId }, recursive: edit.recursive };
      if (edit.mapping) await integrations.updateMapping(instance.id, edit.mapping.id, body);
      else
        await integrations.addMapping(instance.id, {
          ...body,
          externalId: edit.externalId.trim(),
          ...(edit.externalName.trim() ? { externalName: edit.externalName.trim() } : {}),
        });
      toast.show('Mapping saved');
      setEdit(null);
      reload();
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors({
          externalId: e.fieldError('externalId') ?? '',
          customerId: e.fieldError('target.customerId') ?? e.fieldError('customerId') ?? '',
        });
        setFormError(`${e.message} Nothing was saved.`);
      } else setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (m: Mapping) => {
    try {
      await integrations.removeMapping(instance.id, m.id);
      toast.show(`Mapping for ${m.externalName} removed`);
      reload();
    } catch (e) {
      toast.show(errorMessage(e), 'error');
    }
  };

  const rows = list.data ?? [];
  const review = rows.filter((m) => m.status === 'ambiguous');
  const customerNames = useNames('customers', [
    ...rows.map((m) => m.customerId).filter((x): x is number => x !== null),
    ...review.filter((m) => m.containerKind !== 'ou').flatMap((m) => m.candidates),
  ]);
  const siteNames = useNames('sites', [
    ...rows.map((m) => m.siteId).filter((x): x is number => x !== null),
    ...review.filter((m) => m.containerKind === 'ou').flatMap((m) => m.candidates),
  ]);
  return (
    <>
      <Section
        title="Customer mappings"
        actions={
          <>
            <Button variant="primary" busy={generating} onClick={() => void generate()}>
              Generate Mappings
            </Button>
            <Button onClick={() => openEdit(null)}>Add</Button>
          </>
        }
      >
        <p>
          Each {label} from {connector.displayName} is imported into the customer it is mapped to. Generate
          Mappings matches by name; anything it cannot decide waits for you below.
        </p>
        {list.error && (
          <ErrorNotice error={list.error} title="Could not load the mappings" onRetry={reload} />
        )}
        {!list.data && !list.error && <Loading />}
        {list.data && (
          <DataTable
            caption={`${label} to customer mappings`}
            rows={rows}
            rowKey={(m) => m.id}
            columns={[
              { key: 'name', header: label, cell: (m) => m.externalName },
              { key: 'id', header: 'External id', cell: (m) => <code>{m.externalId}</code> },
              {
                key: 'status',
                header: 'Status',
                cell: (m) => <Badge tone={STATUS_TONE[m.status]}>{STATUS_LABEL[m.status]}</Badge>,
              },
              { key: 'target', header: 'Customer', cell: (m) => target(m, customerNames, siteNames) },
              {
                key: 'source',
                header: 'Made by',
                cell: (m) => (m.source === 'manual' ? 'You' : 'Generated'),
              },
              {
                key: 'actions',
                header: <span className="visually-hidden">Actions</span>,
                cell: (m) => (
                  <span className="row-actions">
                    <Button
                      variant="ghost"
                      onClick={() => openEdit(m)}
                      aria-label={`Edit mapping for ${m.externalName}`}
                    >
                      Edit
                    </Button>
                    <Button
                      variant="ghost"
                      onClick={() => void remove(m)}
                      aria-label={`Remove mapping for ${m.externalName}`}
                    >
                      Remove
                    </Button>
                  </span>
                ),
              },
            ]}
            empty={
              <EmptyState title="No mappings yet">
                <p>
                  Choose Generate Mappings to match {connector.displayName}’s {label}s to your customers by
                  name, or Add to map one yourself.
                </p>
              </EmptyState>
            }
          />
        )}
      </Section>
      <Section title={`Needs review (${review.length})`}>
        {review.length === 0 ? (
          <p className="muted">
            Nothing to review: every generated mapping found exactly one customer or none.
          </p>
        ) : (
          <ul className="review-list">
            {review.map((m) => (
              <ReviewRow
                key={m.id}
                mapping={m}
                instanceId={instance.id}
                names={m.containerKind === 'ou' ? siteNames : customerNames}
                onDone={reload}
              />
            ))}
          </ul>
        )}
      </Section>
      <Dialog
        open={edit !== null}
        onClose={() => setEdit(null)}
        title={edit?.mapping ? `Map ${edit.mapping.externalName}` : 'Add a mapping'}
        footer={
          <>
            <Button onClick={() => setEdit(null)}>Cancel</Button>
            <Button variant="primary" busy={saving} onClick={() => void save()}>
              Save mapping
            </Button>
          </>
        }
      >
        {edit && (
          <form
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            {formError && (
              <div className="notice notice-error" role="alert">
                <p>{formError}</p>
              </div>
            )}
            {!edit.mapping && choices.length > 0 && (
              <SelectField
                label={label}
                required
                value={edit.externalId}
                error={errors.externalId || undefined}
                placeholder={`Choose a ${label}…`}
                options={choices.map((c) => ({ value: c.externalId, label: c.name }))}
                onChange={(e) =>
                  setEdit({
                    ...edit,
                    externalId: e.target.value,
                    externalName: choices.find((c) => c.externalId === e.target.value)?.name ?? '',
                  })
                }
              />
            )}
            {!edit.mapping && containers === null && (
              <p className="muted">
                Loading the {label}s from {connector.displayName}…
              </p>
            )}
            {!edit.mapping && containers !== null && choices.length === 0 && (
              <>
                <TextField
                  label={`${label} id`}
                  required
                  value={edit.externalId}
                  error={errors.externalId || undefined}
                  hint={`The ${label}’s id in ${connector.displayName}.`}
                  onChange={(e) => setEdit({ ...edit, externalId: e.target.value })}
                />
                <TextField
                  label={`${label} name`}
                  value={edit.externalName}
                  onChange={(e) => setEdit({ ...edit, externalName: e.target.value })}
                />
              </>
            )}
            <CustomerPicker
              key={edit.externalId}
              label="Import into customer"
              value={edit.customerId}
              error={errors.customerId || undefined}
              initialSearch={edit.mapping?.externalName ?? ''}
              onChange={(id) => setEdit({ ...edit, customerId: id })}
            />
            {/\bOU\b|organi[sz]ational unit/i.test(connector.containerLabel) && (
              <Checkbox
                label="Include sub-containers"
                checked={edit.recursive}
                onChange={(e) => setEdit({ ...edit, recursive: e.target.checked })}
              />
            )}
          </form>
        )}
      </Dialog>
    </>
  );
}
