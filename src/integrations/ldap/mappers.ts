// Pure mapping from directory entries to the framework's shapes: which attributes feed which field (vendor
// defaults, overridden per instance), the person's container (parent DN), disabled state, the external id
// (domain + anchor, so one anchor value in two domains stays two people) and the onboarding ticket text.
import type { ExternalContainer, ExternalPerson } from '../framework/contract.js';
import { AppError } from '../../core/errors.js';
import type { Entry } from 'ldapts';
import { outsideWindow, windowAttributes, windowOf } from './account-expiry.js';
import type { LdapConfig } from './manifest.js';
import { anchorText, first, normaliseDn, parentDn, rdnValue, type Vendor } from './vendor.js';

export type PersonKind = 'users' | 'agents';
export type AttributeMap = Record<string, string>;

const AD_USER: AttributeMap = {
  name: 'displayName',
  firstname: 'givenName',
  surname: 'sn',
  email: 'mail',
  phone: 'telephoneNumber',
  mobile: 'mobile',
  title: 'title',
  department: 'department',
  office: 'physicalDeliveryOfficeName',
  manager: 'manager',
  employee_id: 'employeeID',
  login: 'userPrincipalName',
};
const LDAP_USER: AttributeMap = {
  name: 'displayName',
  firstname: 'givenName',
  surname: 'sn',
  email: 'mail',
  phone: 'telephoneNumber',
  mobile: 'mobile',
  title: 'title',
  department: 'departmentNumber',
  office: 'roomNumber',
  manager: 'manager',
  employee_id: 'employeeNumber',
  login: 'uid',
};
const AD_AGENT: AttributeMap = {
  name: 'displayName',
  firstname: 'givenName',
  surname: 'sn',
  initials: 'initials',
  email: 'mail',
  jobtitle: 'title',
  phone: 'telephoneNumber',
  login: 'userPrincipalName',
};
const LDAP_AGENT: AttributeMap = {
  name: 'displayName',
  firstname: 'givenName',
  surname: 'sn',
  initials: 'initials',
  email: 'mail',
  jobtitle: 'title',
  phone: 'telephoneNumber',
  login: 'uid',
};

/** Attributes whose values are DNs: the field gets the DN's first RDN value (a manager's name). */
const DN_VALUED = new Set(['manager', 'secretary', 'seealso']);

export function attributeMap(
  vendor: Vendor,
  kind: PersonKind,
  config: Pick<LdapConfig, 'userAttributes' | 'agentAttributes'>,
): AttributeMap {
  const base =
    kind === 'users' ? (vendor === 'ad' ? AD_USER : LDAP_USER) : vendor === 'ad' ? AD_AGENT : LDAP_AGENT;
  const overrides = (kind === 'users' ? config.userAttributes : config.agentAttributes) as Record<
    string,
    string | undefined
  >;
  const out: AttributeMap = { ...base };
  for (const [k, v] of Object.entries(overrides)) if (v) out[k] = v;
  return out;
}

/** Who is a person, before the admin's filters: AD user objects that are people, else inetOrgPerson. */
export const defaultPersonFilterText = (vendor: Vendor): string =>
  vendor === 'ad'
    ? '(&(objectCategory=person)(objectClass=user))'
    : '(|(objectClass=inetOrgPerson)(objectClass=person))';

export interface PersonContext {
  domainId: string;
  vendor: Vendor;
  anchor: string;
  map: AttributeMap;
  matchExisting: LdapConfig['matchExisting'];
  onboarding: LdapConfig['onboarding'];
  /**
   * The clock the read began at (epoch ms; AD: the DC's, OpenLDAP: ours): accounts whose expiry (accountExpires,
   * pwdEndTime: account-expiry.ts) is past it, or whose start (pwdStartTime) is still ahead, are disabled.
   * Undefined: no window is checked.
   */
  expiryNow?: number | undefined;
}

export function attributesToRead(p: PersonContext): string[] {
  const set = new Set<string>([p.anchor, 'cn', ...Object.values(p.map)]);
  if (p.matchExisting) set.add(p.matchExisting.attribute);
  if (p.vendor === 'ad')
    set.add('userAccountControl').add('userPrincipalName').add('sAMAccountName').add('uSNChanged');
  else set.add('pwdAccountLockedTime').add('modifyTimestamp');
  const window = windowOf(p.vendor);
  if (window) for (const a of windowAttributes(window)) set.add(a);
  return [...set];
}

/** Case-insensitive attribute access (servers return their own spelling: objectGUID vs objectguid). */
export function attr(entry: Entry, name: string): unknown {
  if (name in entry) return entry[name];
  const k = Object.keys(entry).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : entry[k];
}

const text = (v: unknown): string | null => {
  const s = first(v)?.trim();
  return s ? s : null;
};

/** Whether an attribute has any value (what `values(v).length > 0` says). */
const hasValue = (v: unknown): boolean =>
  v !== undefined && v !== null && (!Array.isArray(v) || v.length > 0);

/** The field → attribute pairs of a person context, worked out once per read instead of once per entry. */
export interface FieldPlan {
  field: string;
  attribute: string;
  dnValued: boolean;
}
const plans = new WeakMap<AttributeMap, FieldPlan[]>();
/** The fields an attribute map fills, in the order people's `fields` have them. */
export function fieldPlanOf(map: AttributeMap): readonly FieldPlan[] {
  let plan = plans.get(map);
  if (!plan) {
    plan = Object.entries(map).map(([field, attribute]) => ({
      field,
      attribute,
      dnValued: DN_VALUED.has(attribute.toLowerCase()),
    }));
    plans.set(map, plan);
  }
  return plan;
}

/**
 * AD: userAccountControl bit 0x2 (ACCOUNTDISABLE). OpenLDAP: a ppolicy lock (pwdAccountLockedTime). Either: an
 * expiry (accountExpires, pwdEndTime) past the read's clock, or a start (pwdStartTime) ahead of it
 * (account-expiry.ts).
 */
export function isDisabled(entry: Entry, p: Pick<PersonContext, 'vendor' | 'expiryNow'>): boolean {
  if (p.vendor === 'ad') {
    const uac = Number(first(attr(entry, 'userAccountControl')) ?? '0');
    if (Number.isFinite(uac) && (uac & 0x2) === 0x2) return true;
  } else if (hasValue(attr(entry, 'pwdAccountLockedTime'))) return true;
  const window = windowOf(p.vendor);
  return window !== undefined && outsideWindow(window, (a) => first(attr(entry, a)), p.expiryNow);
}

export const externalIdOf = (domainId: string, anchor: string): string => `${domainId}:${anchor}`;

export function anchorOf(entry: Entry, p: Pick<PersonContext, 'anchor' | 'domainId'>): string {
  const a = anchorText(attr(entry, p.anchor));
  if (!a)
    throw new AppError(
      'LDAP_NO_ANCHOR_VALUE',
      'config',
      `Domain ${p.domainId}: ${entry.dn} has no ${p.anchor}; the service account must be able to read it`,
    );
  return a;
}

function fill(template: string, f: Record<string, string | null>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in f ? (f[k] ?? '') : m));
}

/**
 * The person an entry describes. `containerId` defaults to the entry's parent DN; a read that already knows
 * the mapping that claims the entry passes its id (and saves parsing the DN again).
 */
export function entryToPerson(
  entry: Entry,
  p: PersonContext,
  memberOf?: string[],
  containerId?: string,
): ExternalPerson {
  const fields: Record<string, string | null> = {};
  for (const { field, attribute, dnValued } of fieldPlanOf(p.map)) {
    const v = text(attr(entry, attribute));
    fields[field] = v !== null && dnValued ? rdnValue(v) : v;
  }
  if (!fields.name && !fields.firstname && !fields.surname) fields.name = text(attr(entry, 'cn'));
  const person: ExternalPerson = {
    externalId: externalIdOf(p.domainId, anchorOf(entry, p)),
    containerId: containerId ?? normaliseDn(parentDn(entry.dn)),
    disabled: isDisabled(entry, p),
    fields,
  };
  if (memberOf) person.memberOf = memberOf;
  const matchValue = p.matchExisting ? text(attr(entry, p.matchExisting.attribute)) : null;
  if (p.matchExisting && matchValue) person.match = { field: p.matchExisting.field, value: matchValue };
  if (p.onboarding) {
    const o = p.onboarding;
    const vars = {
      ...fields,
      name: fields.name ?? [fields.firstname, fields.surname].filter(Boolean).join(' '),
      domain: p.domainId,
      ou: rdnValue(parentDn(entry.dn)),
    };
    person.onboardingTicket = {
      summary: fill(o.summary, vars).slice(0, 200),
      ...(o.details ? { details: fill(o.details, vars) } : {}),
      ...(o.ticketTypeId ? { ticketTypeId: o.ticketTypeId } : {}),
      ...(o.teamId ? { teamId: o.teamId } : {}),
      ...(o.priorityId ? { priorityId: o.priorityId } : {}),
    };
  }
  return person;
}

/** An OU/container entry as a mappable container. */
export function entryToContainer(
  entry: Entry,
  recordCount: number | undefined,
  kind: ExternalContainer['kind'] = 'ou',
): ExternalContainer {
  const dn = normaliseDn(entry.dn);
  return {
    externalId: dn,
    name: text(attr(entry, 'ou')) ?? text(attr(entry, 'name')) ?? text(attr(entry, 'cn')) ?? rdnValue(dn),
    kind,
    parentId: parentDn(dn),
    path: dn,
    ...(recordCount !== undefined ? { recordCount } : {}),
  };
}
