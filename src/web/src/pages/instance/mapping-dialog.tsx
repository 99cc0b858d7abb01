// Add or edit one mapping: the container (picked from discovery, or typed when discovery fails or misses it),
// and where its records go: a customer (Sophos tenants), or, for directories, a site with an optional user
// role (end users) or agents with an optional role and team. Directories also get "include sub-containers"
// and an extra filter, which the server validates.
import { useEffect, useState } from 'react';
import { api, ApiError, errorMessage, qs } from '../../api/client.js';
import { auth, type Role, type Team, type UserRole } from '../../api/auth.js';
import {
  integrations,
  type ConnectorInfo,
  type DiscoveredContainer,
  type Instance,
  type Mapping,
} from '../../api/integrations.js';
import type { Page, SiteRow } from '../../api/records.js';
import { Button } from '../../components/button.js';
import { CustomerPicker } from '../../components/customer-picker.js';
import { Dialog } from '../../components/dialog.js';
import { Checkbox, SelectField, TextField } from '../../components/field.js';
import { useToast } from '../../components/toast.js';
import { useNames } from '../../lib/use-names.js';
import { useResource } from '../../lib/use-resource.js';
import {
  addBody,
  checkDraft,
  draftFrom,
  editBody,
  serverErrors,
  TARGET_LABEL,
  targetKinds,
  type MappingDraft,
  type MappingErrors,
  type TargetKind,
} from './mapping-form.js';

const TYPE_IT = '__type__';

/** The active sites of one customer, every page of them. */
function useSitesOf(customerId: number | null) {
  const [sites, setSites] = useState<SiteRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setSites(null);
    setError(null);
    if (customerId === null) return;
    const controller = new AbortController();
    const all: SiteRow[] = [];
    const load = async (page: number): Promise<void> => {
      const p = await api.get<Page<SiteRow>>(
        `/records/sites${qs({ customerId, page, pageSize: 200, status: 'active' })}`,
        controller.signal,
      );
      all.push(...p.items);
      if (p.items.length === p.pageSize && all.length < p.total) return load(page + 1);
    };
    load(1)
      .then(() => setSites(all))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(e));
      });
    return () => controller.abort();
  }, [customerId]);
  return { sites, error };
}

const idOptions = (rows: readonly { id: number; name: string }[] | undefined) =>
  (rows ?? []).map((r) => ({ value: String(r.id), label: r.name }));
const toId = (v: string): number | null => (v ? Number(v) : null);
const loadError = (e: Error | undefined, what: string) =>
  e ? `Could not load the ${what}: ${e.message}` : undefined;

interface MappingDialogProps {
  instance: Instance;
  connector: ConnectorInfo;
  /** The mapping to edit, or null to add one. */
  mapping: Mapping | null;
  /** Containers already mapped: not offered again. */
  mappedIds: ReadonlySet<string>;
  onClose(): void;
  onSaved(): void;
}

export function MappingDialog({
  instance,
  connector,
  mapping,
  mappedIds,
  onClose,
  onSaved,
}: MappingDialogProps) {
  const toast = useToast();
  const kinds = targetKinds(connector);
  const people = kinds.includes('site');
  const label = connector.containerLabel || 'Container';
  const isLdap = connector.id === 'ldap';
  const [d, setD] = useState<MappingDraft>(() => draftFrom(mapping, kinds));
  const [errors, setErrors] = useState<MappingErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [containers, setContainers] = useState<DiscoveredContainer[] | null>(null);
  const [typing, setTyping] = useState(false);
  const set = (patch: Partial<MappingDraft>) => setD((x) => ({ ...x, ...patch }));

  useEffect(() => {
    if (mapping) return;
    // Offer the source's containers to pick from; typing an id stays possible, and is all that is left if discovery fails.
    let live = true;
    integrations
      .discover(instance.id)
      .then((r) => {
        if (live) setContainers(r.containers);
      })
      .catch(() => {
        if (live) setContainers([]);
      });
    return () => {
      live = false;
    };
  }, [instance.id, mapping]);

  const userRoles = useResource<UserRole[]>(d.target === 'site' ? auth.userRoles : null);
  const roles = useResource<Role[]>(d.target === 'agent' ? auth.roles : null);
  const teams = useResource<Team[]>(d.target === 'agent' ? auth.teams : null);
  // Editing a site mapping: its customer's name, to pre-fill the customer search.
  const initialCustomerId = mapping?.targetKind === 'site' ? mapping.customerId : null;
  const initialCustomer = useNames('customers', initialCustomerId !== null ? [initialCustomerId] : []);
  const initialCustomerName = initialCustomerId !== null ? initialCustomer.get(initialCustomerId) : undefined;
  const sites = useSitesOf(d.target === 'site' ? d.customerId : null);

  const choices = (containers ?? []).filter((c) => !mappedIds.has(c.externalId));
  const showPicker = !mapping && choices.length > 0;
  const showTyped = !mapping && containers !== null && (choices.length === 0 || typing);

  const save = async () => {
    const local = checkDraft(d, !mapping);
    setErrors(local);
    if (Object.keys(local).length) {
      setFormError('Some fields need attention. Nothing was saved.');
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      if (mapping) await integrations.updateMapping(instance.id, mapping.id, editBody(d));
      else await integrations.addMapping(instance.id, addBody(d));
      toast.show('Mapping saved');
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(serverErrors(e));
        setFormError(`${e.message} Nothing was saved.`);
      } else setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const idLabel = isLdap ? 'Distinguished name (DN)' : `${label} id`;
  const idHint = isLdap
    ? 'The OU’s, domain’s or group’s DN, e.g. OU=Staff,DC=example,DC=com.'
    : `The ${label}’s id in ${connector.displayName}.`;

  return (
    <Dialog
      open
      wide={people}
      onClose={onClose}
      title={mapping ? `Map ${mapping.externalName}` : 'Add a mapping'}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={saving} onClick={() => void save()}>
            Save mapping
          </Button>
        </>
      }
    >
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
        {mapping && (
          <p className="muted">
            {label}: <code>{mapping.externalId}</code>
          </p>
        )}
        {showPicker && (
          <SelectField
            label={label}
            required
            value={typing ? TYPE_IT : d.externalId}
            error={typing ? undefined : errors.externalId}
            placeholder={`Choose ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}…`}
            options={[
              ...choices.map((c) => ({
                value: c.externalId,
                label: choiceLabel(c, choices, people),
                spoken: spokenChoice(c, choices, people),
              })),
              { value: TYPE_IT, label: `Another ${label}: type its ${isLdap ? 'DN' : 'id'}…` },
            ]}
            onChange={(e) => {
              const picked = choices.find((c) => c.externalId === e.target.value);
              setTyping(e.target.value === TYPE_IT);
              set({
                externalId: picked?.externalId ?? '',
                externalName: picked?.name ?? '',
                containerKind: picked?.kind ?? null,
              });
            }}
          />
        )}
        {!mapping && containers === null && (
          <p className="muted">
            Loading the {label}s from {connector.displayName}…
          </p>
        )}
        {showTyped && (
          <>
            <TextField
              label={idLabel}
              required
              value={d.externalId}
              error={errors.externalId}
              hint={idHint}
              onChange={(e) => set({ externalId: e.target.value, containerKind: null })}
            />
            <TextField
              label={`${label} name`}
              value={d.externalName}
              hint="How the console shows it; leave empty to use the id."
              onChange={(e) => set({ externalName: e.target.value })}
            />
          </>
        )}
        {kinds.length > 1 && (
          <fieldset className="fieldset">
            <legend>Import the people in it as</legend>
            {kinds.map((k: TargetKind) => (
              <label key={k} className="inline-check">
                <input
                  type="radio"
                  name="mapping-target"
                  value={k}
                  checked={d.target === k}
                  onChange={() => {
                    setErrors({});
                    set({ target: k });
                  }}
                />{' '}
                {TARGET_LABEL[k]}
              </label>
            ))}
          </fieldset>
        )}
        {d.target === 'customer' && (
          <CustomerPicker
            key={d.externalId}
            label="Import into customer"
            value={d.customerId}
            error={errors.customerId}
            initialSearch={mapping?.externalName ?? ''}
            onChange={(id) => set({ customerId: id })}
          />
        )}
        {d.target === 'site' && (
          <>
            <CustomerPicker
              key={`site:${initialCustomerName ?? ''}`}
              label="Import into site of customer"
              value={d.customerId}
              error={errors.customerId}
              initialSearch={initialCustomerName ?? ''}
              onChange={(id) => set({ customerId: id, siteId: null })}
            />
            <SelectField
              label="Site"
              required
              value={d.siteId === null ? '' : String(d.siteId)}
              error={errors.siteId ?? sites.error ?? undefined}
              placeholder={
                d.customerId === null
                  ? 'Choose a customer first'
                  : sites.sites === null
                    ? 'Loading the sites…'
                    : sites.sites.length
                      ? 'Choose a site…'
                      : 'This customer has no sites'
              }
              options={[
                ...(d.siteId !== null && !sites.sites?.some((s) => s.id === d.siteId)
                  ? [{ value: String(d.siteId), label: `Site ${d.siteId}` }]
                  : []),
                ...idOptions(sites.sites ?? []),
              ]}
              onChange={(e) => set({ siteId: toId(e.target.value) })}
            />
            <SelectField
              label="User role"
              value={d.userRoleId === null ? '' : String(d.userRoleId)}
              error={errors.userRoleId ?? loadError(userRoles.error, 'user roles')}
              hint="Given to every end user this mapping imports."
              placeholder="No user role"
              options={idOptions(userRoles.data)}
              onChange={(e) => set({ userRoleId: toId(e.target.value) })}
            />
          </>
        )}
        {d.target === 'agent' && (
          <>
            <SelectField
              label="Agent role"
              value={d.roleId === null ? '' : String(d.roleId)}
              error={errors.roleId ?? loadError(roles.error, 'roles')}
              placeholder="No role"
              options={idOptions(roles.data)}
              onChange={(e) => set({ roleId: toId(e.target.value) })}
            />
            <SelectField
              label="Team"
              value={d.teamId === null ? '' : String(d.teamId)}
              error={errors.teamId ?? loadError(teams.error, 'teams')}
              placeholder="No team"
              options={idOptions(teams.data?.filter((t) => !t.inactive || t.id === d.teamId))}
              onChange={(e) => set({ teamId: toId(e.target.value) })}
            />
          </>
        )}
        {(people || /\bOU\b|organi[sz]ational unit/i.test(connector.containerLabel)) && (
          <Checkbox
            label="Include sub-containers"
            hint={people ? 'Also the people in OUs below this one.' : undefined}
            checked={d.recursive}
            onChange={(e) => set({ recursive: e.target.checked })}
          />
        )}
        {people && (
          <TextField
            label="Filter"
            value={d.filter}
            error={errors.filter}
            hint={
              isLdap
                ? 'Optional: an LDAP filter the people must also match, e.g. (department=Sales).'
                : 'Optional: a filter the people must also match.'
            }
            spellCheck={false}
            onChange={(e) => set({ filter: e.target.value })}
          />
        )}
      </form>
    </Dialog>
  );
}

/**
 * How a discovered container is offered: its name, with its path only when another one shares the name (two
 * OUs called Sales in different places), and how many people (or records) are directly inside, where
 * discovery counted them ("Sales · 2 people").
 */
function choiceLabel(c: DiscoveredContainer, all: readonly DiscoveredContainer[], people: boolean): string {
  // An option holds text only: the tree is drawn with no-break spaces, which, unlike ordinary ones, an option
  // does not collapse.
  return `${'\u00a0\u00a0\u00a0'.repeat(c.depth)}${namedWithCount(c, all, people)}`;
}

/**
 * The same choice as a screen reader should say it: the indentation is silent, so a container below another
 * names its parent ("Sales · 2 people, inside Contoso"). Undefined at the top of the tree (the label says it).
 */
function spokenChoice(
  c: DiscoveredContainer,
  all: readonly DiscoveredContainer[],
  people: boolean,
): string | undefined {
  if (c.depth === 0 || !c.parentId) return undefined;
  const parentId = c.parentId.toLowerCase();
  const parent = all.find((o) => o.externalId.toLowerCase() === parentId);
  return parent ? `${namedWithCount(c, all, people)}, inside ${parent.name}` : undefined;
}

/** The container's name (with its path when another shares the name) and what discovery counted in it. */
function namedWithCount(
  c: DiscoveredContainer,
  all: readonly DiscoveredContainer[],
  people: boolean,
): string {
  const name = c.path && all.some((o) => o !== c && o.name === c.name) ? `${c.name} (${c.path})` : c.name;
  if (c.recordCount === undefined) return name;
  const unit = !people ? 'records' : c.recordCount === 1 ? 'person' : 'people';
  return `${name} · ${c.recordCount.toLocaleString('en')} ${unit}`;
}
