// resolveContainer: exact ids first (case and surrounding spaces ignored), then the most specific recursive
// mapping whose id is a DN suffix, then memberOf. It remembers the last container it resolved, so the same
// answers must come back whatever order containers arrive in.
import { describe, expect, it } from 'vitest';
import type { ContainerMapping } from '../contract.js';
import { resolveContainer } from './mapping.js';

const site = (externalId: string, siteId: number, recursive = false): ContainerMapping => ({
  externalId,
  recursive,
  filter: null,
  target: { kind: 'site', customerId: 1, siteId },
});

describe('resolveContainer', () => {
  const mappings = [
    site('OU=Sales,DC=example,DC=test', 1),
    site('OU=Corp,DC=example,DC=test', 2, true),
    site('OU=Berlin,OU=Corp,DC=example,DC=test', 3, true),
    site('CN=VIP,OU=Groups,DC=example,DC=test', 4),
  ];
  const siteOf = (containerId: string, memberOf?: string[]) => {
    const m = resolveContainer(mappings, containerId, memberOf);
    return m?.target.kind === 'site' ? m.target.siteId : undefined;
  };

  it('answers the same for a container asked again, after another, and with memberOf in between', () => {
    const asked: [string, string[] | undefined, number | undefined][] = [
      ['OU=Sales,DC=example,DC=test', undefined, 1],
      ['ou=sales,dc=example,dc=test ', undefined, 1],
      ['OU=Team,OU=Berlin,OU=Corp,DC=example,DC=test', undefined, 3],
      ['OU=Team,OU=Berlin,OU=Corp,DC=example,DC=test', undefined, 3],
      ['OU=Team,OU=Paris,OU=Corp,DC=example,DC=test', undefined, 2],
      ['OU=Elsewhere,DC=example,DC=test', undefined, undefined],
      ['OU=Elsewhere,DC=example,DC=test', ['CN=VIP,OU=Groups,DC=example,DC=test'], 4],
      ['OU=Elsewhere,DC=example,DC=test', undefined, undefined],
      ['OU=Elsewhere,DC=example,DC=test', [], undefined],
      ['OU=Sales,DC=example,DC=test', ['CN=VIP,OU=Groups,DC=example,DC=test'], 1],
      ['OU=Sales,DC=example,DC=test', undefined, 1],
    ];
    for (const [containerId, memberOf, expected] of asked)
      expect([containerId, memberOf, siteOf(containerId, memberOf)]).toEqual([
        containerId,
        memberOf,
        expected,
      ]);
  });

  it('keeps what it remembers per mappings array', () => {
    expect(siteOf('OU=Sales,DC=example,DC=test')).toBe(1);
    const other = [site('OU=Sales,DC=example,DC=test', 9)];
    const m = resolveContainer(other, 'OU=Sales,DC=example,DC=test');
    expect(m?.target).toEqual({ kind: 'site', customerId: 1, siteId: 9 });
    expect(siteOf('OU=Sales,DC=example,DC=test')).toBe(1);
  });
});
