// Which mappings a full read serves with one subtree search of their base DN, and which referrals such a
// search may ignore.
import { describe, expect, it } from 'vitest';
import type { ContainerMapping } from '../../framework/contract.js';
import { planFullRead, referredHoldsMapping, type DomainRead, type Kinds } from './people.js';

const read = (id: string, baseDns: string[]) => ({ s: { domain: { id, baseDns } } }) as unknown as DomainRead;
const mapping = (externalId: string): ContainerMapping => ({
  externalId,
  target: { kind: 'site', customerId: 1, siteId: 1 },
  recursive: false,
  filter: null,
});
const kind = (r: DomainRead, dn: string, o: { group?: boolean; filter?: boolean } = {}): Kinds[number] =>
  ({
    m: mapping(dn),
    r,
    group: o.group ?? false,
    filter: o.filter ? { type: 'present' } : undefined,
  }) as Kinds[number];

describe('planFullRead', () => {
  const corp = read('corp', ['dc=example,dc=test']);
  const ous = (n: number) =>
    Array.from({ length: n }, (_, i) => kind(corp, `ou=Branch ${i},dc=example,dc=test`));

  it('auto: one base search once 10 plain OU mappings share the base, per mapping below that', () => {
    expect(planFullRead('auto', [corp], ous(9)).perBase).toEqual([]);
    const plan = planFullRead('auto', [corp], ous(10));
    expect(plan.perBase.map((b) => [b.base, b.mappings.length])).toEqual([['dc=example,dc=test', 10]]);
    expect(plan.perMapping).toEqual([]);
  });

  it('keeps groups and mappings with their own filter on their own searches', () => {
    const group = kind(corp, 'cn=Staff,dc=example,dc=test', { group: true });
    const filtered = kind(corp, 'ou=Sales,dc=example,dc=test', { filter: true });
    const plan = planFullRead('per_base', [corp], [...ous(2), group, filtered]);
    expect(plan.perBase[0]?.keys).toEqual(
      new Set(['ou=branch 0,dc=example,dc=test', 'ou=branch 1,dc=example,dc=test']),
    );
    expect(plan.perMapping).toEqual([group, filtered]);
  });

  it('per_mapping never searches a base; a base below another base of the domain is not searched twice', () => {
    expect(planFullRead('per_mapping', [corp], ous(20)).perBase).toEqual([]);
    const nested = read('corp', ['dc=example,dc=test', 'ou=Branch 0,dc=example,dc=test']);
    const plan = planFullRead('per_base', [nested], [kind(nested, 'ou=Branch 0,dc=example,dc=test')]);
    expect(plan.perBase.map((b) => b.base)).toEqual(['dc=example,dc=test']);
  });

  it('plans each domain by its own base DNs', () => {
    const child = read('child', ['dc=child,dc=example,dc=test']);
    const plan = planFullRead(
      'per_base',
      [corp, child],
      [kind(corp, 'ou=A,dc=example,dc=test'), kind(child, 'ou=B,dc=child,dc=example,dc=test')],
    );
    expect(plan.perBase.map((b) => [b.r, b.base])).toEqual([
      [corp, 'dc=example,dc=test'],
      [child, 'dc=child,dc=example,dc=test'],
    ]);
  });
});

describe('referredHoldsMapping', () => {
  const mapped = [mapping('OU=Staff,DC=example,DC=test')];
  it('ignores a referral to a subtree with no mapped OU (a child domain, an application partition)', () => {
    expect(referredHoldsMapping('ldap://child.example.test/DC=child,DC=example,DC=test', mapped)).toBe(false);
  });
  it('keeps a referral to a subtree holding a mapped OU, and one it cannot read', () => {
    expect(referredHoldsMapping('ldap://dc2.example.test/DC=example,DC=test', mapped)).toBe(true);
    expect(referredHoldsMapping('ldap://dc2.example.test/OU=Staff,DC=example,DC=test??sub', mapped)).toBe(
      true,
    );
    expect(referredHoldsMapping('not a url', mapped)).toBe(true);
    expect(referredHoldsMapping('ldap://dc2.example.test/', mapped)).toBe(true);
  });
});
