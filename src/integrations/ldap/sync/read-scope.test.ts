// Before connecting, readPeople runs a read on its own thread when the cursor allows a change-only read: the
// decision must follow the read plan's rules, with the mappings and scope hashed as the read hashes them.
import { describe, expect, it } from 'vitest';
import type { ContainerMapping } from '../../framework/contract.js';
import type { LdapCursor } from '../incremental/cursor-schema.js';
import { LdapConfigSchema } from '../manifest.js';
import { expectIncremental, isForKind, readScopeHash } from './read-scope.js';

const config = LdapConfigSchema.parse({
  domains: [
    {
      id: 'corp',
      hosts: ['ldap.example.test'],
      bindDn: 'cn=svc,dc=example,dc=test',
      bindPassword: 'secret',
      baseDns: ['dc=example,dc=test'],
    },
  ],
});
const mappings: ContainerMapping[] = [
  {
    externalId: 'ou=Staff,dc=example,dc=test',
    target: { kind: 'site', customerId: 1, siteId: 2 },
    recursive: true,
    filter: null,
  },
  {
    externalId: 'ou=IT,dc=example,dc=test',
    target: { kind: 'agent', roleId: 1, teamId: null },
    recursive: false,
    filter: null,
  },
];
const cursorFor = (over: Partial<LdapCursor> = {}): LdapCursor => ({
  inProgress: false,
  lastFullAt: new Date(Date.now() - 3_600_000).toISOString(),
  mappingsHash: readScopeHash(config, mappings.filter(isForKind('users')), 'users'),
  domains: { corp: { vendor: 'openldap', modifyTimestamp: '20261121000000Z' } },
  ...over,
});

describe('expectIncremental', () => {
  it('is true for a finished read of the same scope within the full-reconcile period', () => {
    expect(expectIncremental(config, mappings, 'users', cursorFor())).toBe(true);
  });

  it('is false where the read plan reads everything', () => {
    expect(expectIncremental(config, mappings, 'users', undefined)).toBe(false);
    expect(expectIncremental(config, mappings, 'users', cursorFor({ inProgress: true }))).toBe(false);
    expect(expectIncremental(config, mappings, 'users', cursorFor({ lastFullAt: null }))).toBe(false);
    const old = new Date(Date.now() - 48 * 3_600_000).toISOString();
    expect(expectIncremental(config, mappings, 'users', cursorFor({ lastFullAt: old }))).toBe(false);
    expect(expectIncremental(config, mappings.slice(1), 'users', cursorFor())).toBe(false); // mappings changed
    expect(expectIncremental(config, mappings, 'agents', cursorFor())).toBe(false); // another kind's scope
    expect(expectIncremental({ ...config, incremental: false }, mappings, 'users', cursorFor())).toBe(false);
    expect(expectIncremental(config, mappings, 'users', cursorFor({ domains: {} }))).toBe(false);
  });
});
