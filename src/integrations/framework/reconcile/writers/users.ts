// Directory people in site/customer-mapped containers become end users. Leavers are inactivated according
// to the instance's leaver policy: "no_tickets" (default) only when the user has no tickets, "always", "never".
import { insertWithIds } from '../../../../db/bulk.js';
import type { Tx } from '../../../../db/transaction.js';
import type { ExternalPerson } from '../../contract.js';
import { resolveContainer } from '../../mappings/mapping.js';
import {
  RecordError,
  type RecordWriter,
  type Resolved,
  type Value,
  type Values,
  type WriteCtx,
} from '../types.js';
import {
  activeIds,
  adoptExisting,
  adoptFromPage,
  ADOPTS_USERS,
  ASK_DATABASE,
  inactivate,
  leavers,
} from './shared.js';
import { openOnboardingTicket } from './onboarding.js';

export const USER_FIELDS = [
  'name',
  'firstname',
  'surname',
  'email',
  'phone',
  'mobile',
  'title',
  'department',
  'office',
  'manager',
  'employee_id',
  'login',
  'notes',
] as const;

/** A display name from the fields: name, else "first last", else the e-mail or login. */
export function personName(f: Record<string, string | null>): string | undefined {
  if (f.name) return f.name;
  const joined = [f.firstname, f.surname].filter(Boolean).join(' ');
  return joined || f.email || f.login || undefined;
}

export function personFields(rec: ExternalPerson, allowed: readonly string[]): Values {
  const out: Values = {};
  for (const k of allowed) if (rec.fields[k] !== undefined) out[k] = rec.fields[k] ?? null;
  const name = personName(rec.fields);
  if (!name) throw new RecordError('MISSING_NAME', `Record ${rec.externalId} has no name, e-mail or login`);
  out.name = name;
  return out;
}

async function mainSite(tx: Tx, customerId: number): Promise<number> {
  const c = await tx
    .selectFrom('customers')
    .select('main_site_id')
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (c?.main_site_id) return c.main_site_id;
  const s = await tx
    .selectFrom('sites')
    .select('id')
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .executeTakeFirst();
  if (!s) throw new RecordError('NO_SITE', `Customer ${customerId} has no site to put users in`);
  return s.id;
}

/** The customer's main site, looked up and kept for the rest of the page (resolve looks there first). */
async function lookUpMainSite(w: WriteCtx, customerId: number): Promise<number> {
  const id = await mainSite(w.tx, customerId);
  w.mainSites?.set(customerId, id);
  return id;
}

const text = (v: Value | undefined) => (v === undefined || v === null ? null : String(v));

const TEXT_FIELDS = USER_FIELDS.filter((f) => f !== 'name');

/** The end_users columns of a new row, in the order userRowWithId gives their values. */
const ROW_COLUMNS = [
  'customer_id',
  'site_id',
  'name',
  'inactive',
  ...TEXT_FIELDS,
  'user_role_id',
  'created_at',
  'updated_at',
];

/**
 * A new user's row: its id, then the values in ROW_COLUMNS order (the text fields in USER_FIELDS order). One
 * array, built with named property reads (not v[k] in a loop): this runs for every new user of an import.
 */
function userRowWithId(id: number, v: Values, now: string): unknown[] {
  return [
    id,
    Number(v.customer_id),
    Number(v.site_id),
    String(v.name),
    Number(v.inactive ?? 0),
    text(v.firstname),
    text(v.surname),
    text(v.email),
    text(v.phone),
    text(v.mobile),
    text(v.title),
    text(v.department),
    text(v.office),
    text(v.manager),
    text(v.employee_id),
    text(v.login),
    text(v.notes),
    v.user_role_id === undefined ? null : v.user_role_id,
    now,
    now,
  ];
}

/**
 * A user's structural values: customer, site, active flag, and the user role its mapping gives. Only a mapping
 * that names a role sets it: a role given by hand survives a mapping without one, and the content hash of users
 * whose mapping has no role stays what it was before roles existed (no mass update).
 */
function placement(
  rec: ExternalPerson,
  customerId: number,
  siteId: number,
  userRoleId: number | null,
): Values {
  const structural: Values = { customer_id: customerId, site_id: siteId, inactive: rec.disabled ? 1 : 0 };
  if (userRoleId !== null) structural.user_role_id = userRoleId;
  return structural;
}

function resolveInSite(
  w: WriteCtx,
  rec: ExternalPerson,
  customerId: number,
  structural: Values,
): Resolved | Promise<Resolved> {
  const fields = personFields(rec, USER_FIELDS);
  const adopted = adoptFromPage(w, ADOPTS_USERS, rec, customerId);
  if (adopted === ASK_DATABASE)
    return adoptExisting(w, ADOPTS_USERS, rec, customerId).then((id) =>
      userResolution(rec, fields, structural, id),
    );
  return userResolution(rec, fields, structural, adopted);
}

function userResolution(
  rec: ExternalPerson,
  fields: Values,
  structural: Values,
  existingId: number | undefined,
): Resolved {
  const resolution: Extract<Resolved, { kind: 'write' }> = {
    kind: 'write',
    name: String(fields.name),
    fields,
    structural,
  };
  if (existingId !== undefined) resolution.existingId = existingId;
  const ticket = rec.onboardingTicket;
  if (ticket) resolution.afterCreate = (wc: WriteCtx, id: number) => openOnboardingTicket(wc, id, ticket);
  return resolution;
}

export const userWriter: RecordWriter<ExternalPerson> = {
  recordType: 'user',
  table: 'end_users',
  mappableFields: USER_FIELDS,
  // Synchronous when the page's prefetched links, adoption candidates and main sites answer (an import's
  // records almost all), else a promise.
  resolve(w, rec) {
    const m = resolveContainer(w.mappings, rec.containerId, rec.memberOf);
    if (!m) return { kind: 'skip', reason: 'container not mapped' };
    if (m.target.kind === 'agent') return { kind: 'skip', reason: 'container mapped to agents' };
    const customerId = m.target.customerId;
    const userRoleId = m.target.kind === 'site' ? (m.target.userRoleId ?? null) : null;
    const siteId = m.target.kind === 'site' ? m.target.siteId : w.mainSites?.get(customerId);
    if (siteId === undefined)
      return lookUpMainSite(w, customerId).then((site) =>
        resolveInSite(w, rec, customerId, placement(rec, customerId, site, userRoleId)),
      );
    return resolveInSite(w, rec, customerId, placement(rec, customerId, siteId, userRoleId));
  },
  async create(w, v) {
    const [id] = await insertWithIds(w.tx, 'end_users', ROW_COLUMNS, 1, (_, newId) =>
      userRowWithId(newId, v, w.now),
    );
    return id as number;
  },
  async createMany(w, values) {
    const now = w.now;
    return insertWithIds(w.tx, 'end_users', ROW_COLUMNS, values.length, (i, id) =>
      userRowWithId(id, values[i] as Values, now),
    );
  },
  async sweep(w, ids) {
    return inactivate(w.tx, 'end_users', await leavers(w, 'user_id', ids), w.now);
  },
  active: (tx, ids) => activeIds(tx, 'end_users', ids),
};
