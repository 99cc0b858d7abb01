import { describe, expect, it } from 'vitest';
import { AREAS, PermissionSet, type Permission } from '../core/permissions.js';
import { requireAccess, type Actor } from '../core/context.js';
import { isAppError } from '../core/errors.js';
import {
  KNOWN_SCOPES,
  narrowScopes,
  permissionsToScopes,
  scopesToPermissions,
  unknownScopes,
} from './scopes.js';

const actorWith = (scopes: string[], agent: Permission[]): Actor => ({
  agentId: 1,
  kind: 'application',
  applicationId: 1,
  permissions: scopesToPermissions(scopes).intersect(new PermissionSet(agent)),
});

function allowed(actor: Actor, area: (typeof AREAS)[number], access: 'read' | 'edit'): boolean {
  try {
    requireAccess({ actor }, area, access);
    return true;
  } catch (e) {
    if (isAppError(e) && e.status === 403) return false;
    throw e;
  }
}

describe('scopes → permissions', () => {
  it('edit:X implies read:X but not other areas', () => {
    const p = scopesToPermissions(['edit:tickets']);
    expect(p.can('tickets', 'edit')).toBe(true);
    expect(p.can('tickets', 'read')).toBe(true);
    expect(p.can('customers', 'read')).toBe(false);
    expect(p.isAdmin).toBe(false);
  });

  it('read:X grants only reading', () => {
    const p = scopesToPermissions(['read:customers']);
    expect(p.can('customers', 'read')).toBe(true);
    expect(p.can('customers', 'edit')).toBe(false);
  });

  it('all is everything including admin; all:standard everything but admin', () => {
    expect(scopesToPermissions(['all']).isAdmin).toBe(true);
    const std = scopesToPermissions(['all:standard']);
    expect(std.isAdmin).toBe(false);
    for (const a of AREAS) expect(std.can(a, 'edit')).toBe(true);
  });

  it('scopes we accept but do not model grant nothing', () => {
    for (const s of ['read:calendar', 'edit:invoices', 'offline_access', 'access:chat']) {
      expect(KNOWN_SCOPES).toContain(s);
      expect(scopesToPermissions([s]).toArray()).toEqual([]);
    }
  });

  it('rejects scopes Halo does not have (there is no read:actions)', () => {
    expect(unknownScopes(['read:tickets', 'read:actions', 'bogus'])).toEqual(['read:actions', 'bogus']);
  });
});

describe('application scopes ∩ agent permissions (requireAccess)', () => {
  const cases: Array<{
    scopes: string[];
    agent: Permission[];
    area: (typeof AREAS)[number];
    access: 'read' | 'edit';
    ok: boolean;
  }> = [
    { scopes: ['edit:tickets'], agent: ['customers:edit'], area: 'tickets', access: 'edit', ok: false },
    { scopes: ['edit:tickets'], agent: ['tickets:read'], area: 'tickets', access: 'edit', ok: false },
    { scopes: ['edit:tickets'], agent: ['tickets:read'], area: 'tickets', access: 'read', ok: true },
    { scopes: ['read:tickets'], agent: ['tickets:edit'], area: 'tickets', access: 'edit', ok: false },
    { scopes: ['read:tickets'], agent: ['tickets:edit'], area: 'tickets', access: 'read', ok: true },
    { scopes: ['edit:tickets'], agent: ['tickets:edit'], area: 'tickets', access: 'edit', ok: true },
    { scopes: ['all'], agent: ['assets:read'], area: 'assets', access: 'edit', ok: false },
    { scopes: ['all'], agent: ['admin'], area: 'softwarelicensing', access: 'edit', ok: true },
    { scopes: ['all:standard'], agent: ['admin'], area: 'agents', access: 'edit', ok: true },
    { scopes: ['read:calendar'], agent: ['admin'], area: 'tickets', access: 'read', ok: false },
    { scopes: ['edit:customers'], agent: ['admin'], area: 'tickets', access: 'read', ok: false },
  ];
  for (const c of cases) {
    it(`scopes [${c.scopes.join(' ')}] × agent [${c.agent.join(' ')}] → ${c.access} ${c.area}: ${c.ok ? 'allowed' : '403'}`, () => {
      expect(allowed(actorWith(c.scopes, c.agent), c.area, c.access)).toBe(c.ok);
    });
  }

  it('admin needs both the admin scope (or all) and an administrator agent', () => {
    expect(actorWith(['all:standard'], ['admin']).permissions.isAdmin).toBe(false);
    expect(actorWith(['all'], ['tickets:edit']).permissions.isAdmin).toBe(false);
    expect(actorWith(['all'], ['admin']).permissions.isAdmin).toBe(true);
    expect(actorWith(['admin'], ['admin']).permissions.isAdmin).toBe(true);
  });
});

describe('narrowing a token request to the application', () => {
  it('echoes a request the application fully holds', () => {
    expect(narrowScopes(['read:tickets', 'edit:customers'], ['all'])).toEqual([
      'read:tickets',
      'edit:customers',
    ]);
    expect(narrowScopes(['all'], ['all'])).toEqual(['all']);
  });
  it('narrows "all" to what the application holds', () => {
    expect(narrowScopes(['all'], ['read:tickets'])).toEqual(['read:tickets']);
    expect(narrowScopes(['edit:tickets'], ['read:tickets'])).toEqual(['read:tickets']);
    expect(narrowScopes(['all'], ['all:standard'])).toEqual(['all:standard']);
  });
  it('drops what the application does not hold at all', () => {
    expect(narrowScopes(['read:assets'], ['read:tickets'])).toEqual([]);
    expect(narrowScopes(['read:calendar'], ['read:tickets'])).toEqual([]);
    expect(narrowScopes(['read:calendar'], ['all:standard'])).toEqual(['read:calendar']);
  });
  it('describes a permission set with the fewest scopes', () => {
    expect(
      permissionsToScopes(new PermissionSet(['tickets:edit', 'tickets:read', 'customers:read'])),
    ).toEqual(['edit:tickets', 'read:customers']);
  });
});
