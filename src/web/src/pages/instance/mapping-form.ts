// The mapping dialog's form as plain data: which targets a connector offers, the draft an existing mapping
// pre-fills, the browser-side checks, the request body, and where the server's field errors belong.
import type { ApiError } from '../../api/client.js';
import type {
  ConnectorInfo,
  ContainerKind,
  Mapping,
  MappingInput,
  MappingTarget,
} from '../../api/integrations.js';

export type TargetKind = MappingTarget['kind'];

export const TARGET_LABEL: Record<TargetKind, string> = {
  customer: 'Customer',
  site: 'Site (end users)',
  agent: 'Agents',
};

/** Customer for connectors that import customers (Sophos); site and agents for those that import people (LDAP). */
export function targetKinds(connector: Pick<ConnectorInfo, 'entities'>): TargetKind[] {
  const kinds: TargetKind[] = [];
  if (connector.entities.includes('customers')) kinds.push('customer');
  if (connector.entities.includes('users') || connector.entities.includes('agents'))
    kinds.push('site', 'agent');
  return kinds.length ? kinds : ['customer'];
}

const CONTAINER_KINDS: readonly string[] = ['tenant', 'ou', 'orgunit', 'group', 'domain'];

export function isContainerKind(kind: string | null | undefined): kind is ContainerKind {
  return typeof kind === 'string' && CONTAINER_KINDS.includes(kind);
}

export interface MappingDraft {
  externalId: string;
  externalName: string;
  /** The discovered container's kind; null when the id was typed (the server works it out). */
  containerKind: string | null;
  target: TargetKind;
  customerId: number | null;
  siteId: number | null;
  userRoleId: number | null;
  roleId: number | null;
  teamId: number | null;
  recursive: boolean;
  filter: string;
}

export function draftFrom(m: Mapping | null, kinds: readonly TargetKind[]): MappingDraft {
  const first = kinds[0] ?? 'customer';
  const target = m?.targetKind && kinds.includes(m.targetKind) ? m.targetKind : first;
  return {
    externalId: m?.externalId ?? '',
    externalName: m?.externalName ?? '',
    containerKind: m?.containerKind ?? null,
    target,
    customerId: m?.customerId ?? null,
    siteId: m?.siteId ?? null,
    userRoleId: m?.userRoleId ?? null,
    roleId: m?.roleId ?? null,
    teamId: m?.teamId ?? null,
    recursive: m?.recursive ?? false,
    filter: m?.filter ?? '',
  };
}

export type MappingErrors = Partial<
  Record<'externalId' | 'customerId' | 'siteId' | 'userRoleId' | 'roleId' | 'teamId' | 'filter', string>
>;

/** The browser-side checks: what must be chosen before anything is sent. */
export function checkDraft(d: MappingDraft, adding: boolean): MappingErrors {
  const errors: MappingErrors = {};
  if (adding && !d.externalId.trim()) errors.externalId = 'is required';
  if (d.target === 'customer' && d.customerId === null) errors.customerId = 'choose a customer';
  if (d.target === 'site') {
    if (d.customerId === null && d.siteId === null) errors.customerId = 'choose the site’s customer';
    if (d.siteId === null) errors.siteId = 'choose a site';
  }
  return errors;
}

function targetOf(d: MappingDraft): MappingTarget {
  if (d.target === 'site') return { kind: 'site', siteId: d.siteId ?? 0, userRoleId: d.userRoleId };
  if (d.target === 'agent') return { kind: 'agent', roleId: d.roleId, teamId: d.teamId };
  return { kind: 'customer', customerId: d.customerId ?? 0 };
}

/** The edit (PATCH) body: every setting, since the server resets what is left out to its default. */
export function editBody(d: MappingDraft): Omit<MappingInput, 'externalId'> {
  const filter = d.filter.trim();
  return { target: targetOf(d), recursive: d.recursive, filter: filter || null };
}

/** The add (POST) body: the edit body plus the container, its name and kind when known. */
export function addBody(d: MappingDraft): MappingInput {
  const name = d.externalName.trim();
  return {
    ...editBody(d),
    externalId: d.externalId.trim(),
    ...(name ? { externalName: name } : {}),
    ...(isContainerKind(d.containerKind) ? { containerKind: d.containerKind } : {}),
  };
}

/** The server's field errors, placed next to the dialog's fields. */
export function serverErrors(e: ApiError): MappingErrors {
  const pick = (...paths: string[]) => paths.map((p) => e.fieldError(p)).find((m) => m !== undefined);
  const out: Record<keyof MappingErrors, string | undefined> = {
    externalId: pick('externalId', 'externalName', 'containerKind'),
    customerId: pick('target.customerId'),
    siteId: pick('target.siteId'),
    userRoleId: pick('target.userRoleId'),
    roleId: pick('target.roleId'),
    teamId: pick('target.teamId'),
    filter: pick('filter'),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as MappingErrors;
}
