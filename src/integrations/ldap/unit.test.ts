// Pure parts of the LDAP connector: GUID text, RootDSE detection, DN helpers, the full/incremental plan,
// entry → person mapping and the config schema.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_CURSOR,
  generalizedTime,
  mappingsHash,
  minusSeconds,
  type LdapCursor,
} from './incremental/cursor.js';
import { planRead, type PlanInput } from './incremental/plan.js';
import { LdapConfigSchema } from './manifest.js';
import { attributeMap, entryToPerson, isDisabled, type PersonContext } from './mappers.js';
import { guidToString, isUnder, normaliseDn, parentDn, parseRootDse, rdnValue } from './vendor.js';
import { secretPaths } from '../framework/secret-field.js';
import type { ContainerMapping } from '../framework/contract.js';

describe('vendor helpers', () => {
  it('formats objectGUID bytes as Microsoft GUID text (the same as the tombstone DEL: name)', () => {
    // From Samba: objectGUID:: eyHO4nqbW0akh73UnqZRvA== ↔ CN=Ada Lovelace\0ADEL:e2ce217b-9b7a-465b-a487-bdd49ea651bc
    expect(guidToString(Buffer.from('eyHO4nqbW0akh73UnqZRvA==', 'base64'))).toBe(
      'e2ce217b-9b7a-465b-a487-bdd49ea651bc',
    );
    expect(() => guidToString(Buffer.alloc(3))).toThrow();
  });

  it('detects AD, OpenLDAP and others from the RootDSE, and paging support', () => {
    const ad = parseRootDse({
      supportedCapabilities: ['1.2.840.113556.1.4.800'],
      supportedControl: ['1.2.840.113556.1.4.319', '1.2.840.113556.1.4.417'],
      highestCommittedUSN: '3992',
      dsServiceName: 'CN=NTDS Settings,CN=DC1',
    });
    expect(ad).toMatchObject({
      vendor: 'ad',
      supportsPaging: true,
      supportsShowDeleted: true,
      highestCommittedUSN: '3992',
    });
    expect(
      parseRootDse({ objectClass: ['top', 'OpenLDAProotDSE'], supportedControl: '1.2.840.113556.1.4.319' }),
    ).toMatchObject({ vendor: 'openldap', supportsPaging: true });
    expect(parseRootDse({ objectClass: 'top' })).toMatchObject({ vendor: 'other', supportsPaging: false });
  });

  it('splits DNs on unescaped commas only', () => {
    expect(normaliseDn('CN=Smith\\, John , OU=Sales ,DC=example, DC=test')).toBe(
      'CN=Smith\\, John,OU=Sales,DC=example,DC=test',
    );
    expect(parentDn('CN=Smith\\, John,OU=Sales,DC=x')).toBe('OU=Sales,DC=x');
    expect(rdnValue('CN=Smith\\, John,OU=Sales')).toBe('Smith, John');
    expect(isUnder('cn=a,OU=Sales,dc=x', 'ou=sales, DC=X')).toBe(true);
    expect(isUnder('cn=a,OU=NotSales,dc=x', 'ou=sales,dc=x')).toBe(false);
  });
});

describe('full or incremental', () => {
  const cursor: LdapCursor = {
    inProgress: false,
    lastFullAt: '2026-01-01T00:00:00.000Z',
    mappingsHash: 'h',
    domains: {
      corp: { vendor: 'ad', usn: '100', dsServiceName: 'CN=NTDS Settings,CN=DC1', invocationId: 'inv' },
    },
  };
  const input = (o: Partial<PlanInput> = {}): PlanInput => ({
    cursor,
    incrementalEnabled: true,
    fullReconcileHours: 24,
    mappingsHash: 'h',
    now: new Date('2026-01-01T06:00:00Z'),
    domains: [
      {
        id: 'corp',
        vendor: 'ad',
        dsServiceName: 'CN=NTDS Settings,CN=DC1',
        invocationId: 'inv',
        host: 'dc1',
      },
    ],
    ...o,
  });
  it('reads changes only on the same DC with the same invocationID', () => {
    expect(planRead(input())).toEqual({
      mode: 'incremental',
      reason: 'changes only (corp: uSNChanged > 100 on the same DC)',
    });
  });
  it.each([
    [{ cursor: undefined }, 'no watermark yet: first read'],
    [
      { cursor: { ...cursor, inProgress: true } },
      'the previous read did not finish: reading everything again',
    ],
    [{ incrementalEnabled: false }, 'incremental sync is turned off for this instance'],
    [
      { mappingsHash: 'other' },
      'the mappings or the directory scope (base DNs, filters, attributes) changed since the last full read',
    ],
    [
      { now: new Date('2026-01-02T01:00:00Z') },
      'scheduled full reconcile (last full read 25 h ago, every 24 h)',
    ],
    [
      {
        domains: [
          {
            id: 'corp',
            vendor: 'ad' as const,
            dsServiceName: 'CN=NTDS Settings,CN=DC2',
            invocationId: 'inv',
            host: 'dc2',
          },
        ],
      },
      'domain corp: a different domain controller answered (dc2); USNs are per DC',
    ],
    [
      {
        domains: [
          {
            id: 'corp',
            vendor: 'ad' as const,
            dsServiceName: 'CN=NTDS Settings,CN=DC1',
            invocationId: 'new',
            host: 'dc1',
          },
        ],
      },
      "domain corp: the DC's invocationID changed (restored from backup?)",
    ],
    [{ domains: [{ id: 'child', vendor: 'ad' as const, host: 'dc9' }] }, 'domain child has no watermark yet'],
    [{ groups: { 'cn=g,dc=x': 'usn:7' } }, 'the group mappings have no membership watermark yet'],
    [
      { cursor: { ...cursor, groups: { 'cn=g,dc=x': 'usn:7' } }, groups: { 'cn=g,dc=x': 'usn:9' } },
      'the members of group cn=g,dc=x changed since the last read',
    ],
    [
      { cursor: { ...cursor, groups: { 'cn=g,dc=x': 'usn:7' } }, groups: { 'cn=h,dc=x': 'usn:7' } },
      'the members of group cn=h,dc=x changed since the last read',
    ],
  ])('reads everything when %o', (o, reason) => {
    expect(planRead(input(o))).toEqual({ mode: 'full', reason });
  });
  it('reads changes only while every group mapping has the membership stamp of the last read', () => {
    const groups = { 'cn=g,dc=x': 'usn:7' };
    expect(planRead(input({ cursor: { ...cursor, groups }, groups: { ...groups } })).mode).toBe(
      'incremental',
    );
    // A cursor from before group stamps is fine for a read without group mappings.
    expect(planRead(input({ groups: undefined })).mode).toBe('incremental');
  });
  it("keeps OpenLDAP watermarks in the directory's own time format, with an overlap", () => {
    expect(generalizedTime('20260101120000.123456Z#000000#000#000000')).toBe('20260101120000Z');
    expect(minusSeconds('20260101000100Z', 300)).toBe('20251231235600Z');
    expect(EMPTY_CURSOR.lastFullAt).toBeNull();
    expect(mappingsHash([], { a: 1 })).not.toBe(mappingsHash([], { a: 2 }));
  });
  it('hashes a site mapping without a user role as before user roles existed; a role changes the hash', () => {
    const m = (target: ContainerMapping['target']): ContainerMapping => ({
      externalId: 'OU=Sales,DC=x',
      target,
      recursive: false,
      filter: null,
    });
    const before = mappingsHash([m({ kind: 'site', customerId: 1, siteId: 2 })]);
    // The digest the previous release stored for this mapping (its target had no userRoleId key).
    expect(before).toBe('G44fp_OZRpbtyfDoDS6w5V');
    expect(mappingsHash([m({ kind: 'site', customerId: 1, siteId: 2, userRoleId: null })])).toBe(before);
    const withRole = mappingsHash([m({ kind: 'site', customerId: 1, siteId: 2, userRoleId: 5 })]);
    expect(withRole).not.toBe(before);
    expect(mappingsHash([m({ kind: 'site', customerId: 1, siteId: 2, userRoleId: 6 })])).not.toBe(withRole);
  });
});

describe('entry → person', () => {
  const ctx: PersonContext = {
    domainId: 'corp',
    vendor: 'ad',
    anchor: 'objectGUID',
    map: attributeMap('ad', 'users', { userAttributes: { office: 'l' }, agentAttributes: {} }),
    matchExisting: { attribute: 'mail', field: 'email' },
    onboarding: { summary: 'Welcome {name} to {ou} ({department})' },
  };
  const entry = {
    dn: 'CN=Ada Lovelace,OU=Sales,DC=example,DC=test',
    objectGUID: Buffer.from('eyHO4nqbW0akh73UnqZRvA==', 'base64'),
    displayName: 'Ada Lovelace',
    givenName: 'Ada',
    sn: 'Lovelace',
    mail: 'ada@example.test',
    userPrincipalName: 'ada@example.test',
    manager: 'CN=Smith\\, John,OU=Board,DC=example,DC=test',
    department: 'Analytics',
    l: 'London',
    userAccountControl: '514',
  };
  it('maps attributes, manager DN to a name, disabled bit, (domain, GUID) id, match and onboarding text', () => {
    const p = entryToPerson(entry, ctx);
    expect(p).toMatchObject({
      externalId: 'corp:e2ce217b-9b7a-465b-a487-bdd49ea651bc',
      containerId: 'OU=Sales,DC=example,DC=test',
      disabled: true,
      fields: {
        name: 'Ada Lovelace',
        firstname: 'Ada',
        surname: 'Lovelace',
        email: 'ada@example.test',
        login: 'ada@example.test',
        manager: 'Smith, John',
        department: 'Analytics',
        office: 'London',
        phone: null,
      },
      match: { field: 'email', value: 'ada@example.test' },
      onboardingTicket: { summary: 'Welcome Ada Lovelace to Sales (Analytics)' },
    });
    expect(isDisabled({ dn: 'x', userAccountControl: '512' }, { vendor: 'ad' })).toBe(false);
    expect(isDisabled({ dn: 'x', pwdAccountLockedTime: '000001010000Z' }, { vendor: 'openldap' })).toBe(true);
  });
  it('fails the read (not the record) when the anchor cannot be read: the service account lacks rights', () => {
    expect(() => entryToPerson({ ...entry, objectGUID: [] as unknown as Buffer }, ctx)).toThrow(
      expect.objectContaining({ code: 'LDAP_NO_ANCHOR_VALUE', kind: 'config' }),
    );
  });
});

describe('config schema', () => {
  const domain = {
    id: 'corp',
    hosts: ['dc1.example.test'],
    bindDn: 'svc@example.test',
    bindPassword: 'pw',
    baseDns: ['DC=example,DC=test'],
  };
  it('defaults to LDAPS, page size 500, incremental with a daily full reconcile, and marks each domain password secret', () => {
    const c = LdapConfigSchema.parse({ domains: [domain] });
    expect(c.domains[0]).toMatchObject({ security: 'ldaps', vendor: 'auto' });
    expect(c).toMatchObject({
      pageSize: 500,
      incremental: true,
      fullReconcileHours: 24,
      allowInsecurePlainLdap: false,
      matchExisting: { attribute: 'mail', field: 'email' },
    });
    expect(secretPaths(LdapConfigSchema)).toEqual(['domains.*.bindPassword']);
  });
  it('refuses plain LDAP without the loud switch, empty passwords, page sizes over 1000, duplicate domain ids, bad filters', () => {
    const issues = (cfg: unknown) =>
      (LdapConfigSchema.safeParse(cfg).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(issues({ domains: [{ ...domain, security: 'plain' }] })).toEqual(['domains.0.security']);
    expect(
      LdapConfigSchema.safeParse({
        domains: [{ ...domain, security: 'plain' }],
        allowInsecurePlainLdap: true,
      }).success,
    ).toBe(true);
    expect(issues({ domains: [{ ...domain, bindPassword: '' }] })).toEqual(['domains.0.bindPassword']);
    expect(issues({ domains: [domain], pageSize: 1001 })).toEqual(['pageSize']);
    expect(issues({ domains: [domain, domain] })).toEqual(['domains.1.id']);
    expect(issues({ domains: [domain], userFilter: '(objectClass=user' })).toEqual(['userFilter']);
    expect(issues({ domains: [{ ...domain, vendor: 'other' }] })).toEqual(['domains.0.anchorAttribute']);
  });
});
