// Halo API scopes (halo-api.md §1.4) and the one place they are mapped onto Tributary permissions.
// `edit:X` implies `read:X`; `all` is everything including admin; `all:standard` everything but admin.
// Scopes Halo defines for modules we do not model (calendar, invoices, …) are accepted but grant nothing,
// so a client configured for Halo with e.g. "read:calendar" still gets a token.
import { AREAS, PermissionSet, type Area, type Permission } from '../core/permissions.js';

/** Scopes that map onto a modelled area. Actions come under tickets, sites and end users under customers. */
const MODELLED_AREAS: readonly Area[] = AREAS;

/** Scopes Halo knows that grant nothing here (module not modelled, or an OAuth/OpenID marker). */
const UNMODELLED_SCOPES: readonly string[] = [
  'offline_access',
  'all:teams',
  'admin:webhooks',
  'editMine:timesheets',
  'access:chat',
  'access:adpasswordreset',
  ...[
    'calendar',
    'crm',
    'timesheets',
    'contracts',
    'suppliers',
    'items',
    'projects',
    'sales',
    'quotes',
    'sos',
    'pos',
    'invoices',
    'reporting',
    'software',
    'kb',
  ].flatMap((m) => [`read:${m}`, `edit:${m}`]),
];

export const KNOWN_SCOPES: readonly string[] = [
  'all',
  'all:standard',
  'admin',
  ...MODELLED_AREAS.flatMap((a) => [`read:${a}`, `edit:${a}`]),
  ...UNMODELLED_SCOPES,
];

const KNOWN = new Set(KNOWN_SCOPES);

export const DEFAULT_SCOPE = 'all';

export function isKnownScope(scope: string): boolean {
  return KNOWN.has(scope);
}

/** Splits a space-separated scope string (OAuth `scope`), dropping empties and duplicates, keeping order. */
export function parseScopeString(value: string | undefined | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(/\s+/).filter(Boolean))];
}

export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((s) => !KNOWN.has(s));
}

const STANDARD: readonly Permission[] = MODELLED_AREAS.flatMap(
  (a) => [`${a}:read`, `${a}:edit`] as Permission[],
);

/** The permissions one scope grants. Unknown and unmodelled scopes grant nothing. */
export function permissionsOfScope(scope: string): Permission[] {
  if (scope === 'all') return [...STANDARD, 'admin'];
  if (scope === 'all:standard') return [...STANDARD];
  if (scope === 'admin') return ['admin'];
  const m = /^(read|edit):([a-z]+)$/.exec(scope);
  if (!m) return [];
  const area = m[2] as Area;
  if (!MODELLED_AREAS.includes(area)) return [];
  return m[1] === 'edit' ? [`${area}:edit`, `${area}:read`] : [`${area}:read`];
}

/** The union of what a list of scopes grants. */
export function scopesToPermissions(scopes: readonly string[]): PermissionSet {
  return new PermissionSet(scopes.flatMap(permissionsOfScope));
}

/**
 * The scopes a token is issued with, given what the client asked for and what the application holds
 * (RFC 6749 §3.3: the server may narrow the request and then says so in the response's `scope`).
 * When the application holds everything requested, the request is echoed unchanged.
 */
export function narrowScopes(requested: readonly string[], held: readonly string[]): string[] {
  const heldPerms = scopesToPermissions(held);
  const out: string[] = [];
  for (const scope of requested) {
    const perms = permissionsOfScope(scope);
    if (perms.length === 0) {
      // Unmodelled scopes pass only if the application holds them (or holds a blanket scope).
      if (held.includes(scope) || held.includes('all') || held.includes('all:standard')) out.push(scope);
      continue;
    }
    const want = new PermissionSet(perms);
    if (perms.every((p) => permissionHeld(heldPerms, p))) {
      out.push(scope);
      continue;
    }
    // Partly held: issue the held part, expressed as scopes.
    out.push(...permissionsToScopes(want.intersect(heldPerms)));
  }
  return [...new Set(out)];
}

function permissionHeld(set: PermissionSet, p: Permission): boolean {
  if (p === 'admin') return set.isAdmin;
  const [area, access] = p.split(':') as [Area, 'read' | 'edit'];
  return set.can(area, access);
}

/** The smallest list of scopes granting exactly `set` (used to describe a narrowed grant). */
export function permissionsToScopes(set: PermissionSet): string[] {
  if (set.isAdmin) return ['all'];
  const scopes: string[] = [];
  for (const area of MODELLED_AREAS) {
    if (set.can(area, 'edit')) scopes.push(`edit:${area}`);
    else if (set.can(area, 'read')) scopes.push(`read:${area}`);
  }
  if (scopes.length === MODELLED_AREAS.length && scopes.every((s) => s.startsWith('edit:')))
    return ['all:standard'];
  return scopes;
}
