// Mappings: where each vendor container goes: a Sophos tenant to a customer; a directory's OU, domain or group
// to a site (its people become end users) or to agents. "Generate Mappings" matches by name; names that match
// more than one customer (or site) wait in the review list; "Add" maps one by hand (mapping-dialog.tsx).
import { Fragment, useCallback, useState } from 'react';
import { auth, type Role, type Team, type UserRole } from '../../api/auth.js';
import { errorMessage } from '../../api/client.js';
import { integrations, type Mapping } from '../../api/integrations.js';
import { Button } from '../../components/button.js';
import { DataTable } from '../../components/data-table.js';
import { Link } from '../../components/link.js';
import { Section } from '../../components/page.js';
import { Badge, EmptyState, ErrorNotice, Loading } from '../../components/states.js';
import { useToast } from '../../components/toast.js';
import { useNames } from '../../lib/use-names.js';
import { useResource } from '../../lib/use-resource.js';
import type { InstanceTabProps } from './instance-page.js';
import { MappingDialog } from './mapping-dialog.js';
import { targetKinds } from './mapping-form.js';

const STATUS_TONE = { mapped: 'good', ambiguous: 'warn', unmatched: 'neutral' } as const;
const STATUS_LABEL = { mapped: 'Mapped', ambiguous: 'Needs review', unmatched: 'Not mapped' } as const;

interface TargetNames {
  customers: Map<number, string>;
  sites: Map<number, string>;
  roles: Map<number, string>;
  teams: Map<number, string>;
  userRoles: Map<number, string>;
}

const byId = (rows: readonly { id: number; name: string }[] | undefined) =>
  new Map((rows ?? []).map((r) => [r.id, r.name]));

function target(m: Mapping, names: TargetNames) {
  if (m.targetKind === 'agent') {
    const parts = [
      m.roleId !== null ? (names.roles.get(m.roleId) ?? `Role ${m.roleId}`) : null,
      m.teamId !== null ? (names.teams.get(m.teamId) ?? `Team ${m.teamId}`) : null,
    ].filter((x): x is string => x !== null);
    return parts.length ? `Agents (${parts.join(', ')})` : 'Agents';
  }
  if (m.customerId === null) return <span className="muted">—</span>;
  const customer = (
    <Link to={`/customers/${m.customerId}`}>
      {names.customers.get(m.customerId) ?? `Customer ${m.customerId}`}
    </Link>
  );
  if (m.targetKind === 'site' && m.siteId !== null) {
    const userRoleId = m.userRoleId ?? null;
    return (
      <>
        {customer} › <Link to={`/sites/${m.siteId}`}>{names.sites.get(m.siteId) ?? `Site ${m.siteId}`}</Link>
        {userRoleId !== null && (
          <span className="muted small">
            {' '}
            · user role: {names.userRoles.get(userRoleId) ?? `User role ${userRoleId}`}
          </span>
        )}
      </>
    );
  }
  return customer;
}

/** A DN may wrap after each comma (between its RDNs), never inside one: a long DN would widen the table. */
function breakAfterCommas(id: string) {
  return id.split(',').map((part, i, all) => (
    <Fragment key={i}>
      {part}
      {i < all.length - 1 && (
        <>
          ,<wbr />
        </>
      )}
    </Fragment>
  ));
}

/**
 * The people a mapping holds now. Counted at its target (a site's people from this connection, or the agents
 * with its role and team), so two mappings to one site show the same people.
 */
function people(m: Mapping) {
  if (!m.people) return <span className="muted">—</span>;
  const { active, inactive } = m.people;
  const noun = m.targetKind === 'agent' ? 'agent' : 'user';
  const count = `${active} active ${noun}${active === 1 ? '' : 's'}`;
  // A site's or customer's people are a list to open; agents have their own page.
  const list =
    m.targetKind === 'site' && m.siteId !== null
      ? `/users?siteId=${m.siteId}`
      : m.targetKind === 'customer' && m.customerId !== null
        ? `/users?customerId=${m.customerId}`
        : null;
  return (
    <>
      {list ? <Link to={list}>{count}</Link> : count}
      {inactive > 0 && <span className="muted small"> · {inactive} inactive</span>}
    </>
  );
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
        target:
          kind === 'site'
            ? { kind: 'site', siteId: id, userRoleId: mapping.userRoleId ?? null }
            : { kind: 'customer', customerId: id },
        // The edit replaces every setting: keep the container's own.
        recursive: mapping.recursive,
        filter: mapping.filter,
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

export function MappingsTab({ instance, connector }: InstanceTabProps) {
  const toast = useToast();
  const list = useResource<Mapping[]>(integrations.mappings(instance.id));
  const [generating, setGenerating] = useState(false);
  /** The dialog: undefined when closed, null to add a mapping, else the mapping being edited. */
  const [editing, setEditing] = useState<Mapping | null | undefined>(undefined);
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

  const mappedIds = new Set((list.data ?? []).filter((m) => m.status === 'mapped').map((m) => m.externalId));

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
  const hasAgents = rows.some((m) => m.targetKind === 'agent');
  const hasUserRoles = rows.some((m) => m.targetKind === 'site' && m.userRoleId != null);
  const roles = useResource<Role[]>(hasAgents ? auth.roles : null);
  const teams = useResource<Team[]>(hasAgents ? auth.teams : null);
  const userRoles = useResource<UserRole[]>(hasUserRoles ? auth.userRoles : null);
  const names: TargetNames = {
    customers: customerNames,
    sites: siteNames,
    roles: byId(roles.data),
    teams: byId(teams.data),
    userRoles: byId(userRoles.data),
  };
  // Directories map containers to sites or agents, not only customers: the column and the title say "target".
  const varied =
    targetKinds(connector).length > 1 ||
    rows.some((m) => m.targetKind !== null && m.targetKind !== 'customer');
  return (
    <>
      <Section
        title={varied ? 'Mappings' : 'Customer mappings'}
        actions={
          <>
            <Button variant="primary" busy={generating} onClick={() => void generate()}>
              Generate Mappings
            </Button>
            <Button onClick={() => setEditing(null)}>Add</Button>
          </>
        }
      >
        <p>
          {varied
            ? `The people in each ${label} (or domain, or group) from ${connector.displayName} become end users on the site it is mapped to, or agents.`
            : `Each ${label} from ${connector.displayName} is imported into the customer it is mapped to.`}{' '}
          Generate Mappings matches by name; anything it cannot decide waits for you below.
        </p>
        {list.error && (
          <ErrorNotice error={list.error} title="Could not load the mappings" onRetry={reload} />
        )}
        {!list.data && !list.error && <Loading />}
        {list.data && (
          <DataTable
            caption={varied ? `${label} mappings` : `${label} to customer mappings`}
            rows={rows}
            rowKey={(m) => m.id}
            columns={[
              { key: 'name', header: label, cell: (m) => m.externalName },
              {
                key: 'id',
                header: 'External id',
                cell: (m) => <code className="breakable">{breakAfterCommas(m.externalId)}</code>,
              },
              {
                key: 'status',
                header: 'Status',
                cell: (m) => <Badge tone={STATUS_TONE[m.status]}>{STATUS_LABEL[m.status]}</Badge>,
              },
              { key: 'target', header: varied ? 'Target' : 'Customer', cell: (m) => target(m, names) },
              ...(varied ? [{ key: 'people', header: 'People now', cell: (m: Mapping) => people(m) }] : []),
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
                      onClick={() => setEditing(m)}
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
                  Choose Generate Mappings to match {connector.displayName}’s {label}s to your{' '}
                  {varied ? 'sites' : 'customers'} by name, or Add to map one yourself.
                </p>
              </EmptyState>
            }
          />
        )}
      </Section>
      <Section title={`Needs review (${review.length})`}>
        {review.length === 0 ? (
          <p className="muted">
            Nothing to review: every generated mapping found exactly one {varied ? 'site' : 'customer'} or
            none.
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
      {editing !== undefined && (
        <MappingDialog
          key={editing?.id ?? 'new'}
          instance={instance}
          connector={connector}
          mapping={editing}
          mappedIds={mappedIds}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            reload();
          }}
        />
      )}
    </>
  );
}
