// Discover: the OU tree of every domain with the number of people directly in each container, and the
// groups (for group → agents mappings). Everything is read with paged searches and counted as it streams:
// memory grows with the number of containers, never with the number of users.
import type { ConnectorContext, DiscoverResult, ExternalContainer } from '../framework/contract.js';
import { openDomain } from './client.js';
import { and, eq, not, or, parseAdminFilter } from './filter.js';
import type { LdapConfig } from './manifest.js';
import { attributeMap, defaultPersonFilterText, entryToContainer } from './mappers.js';
import { normaliseDn, parentDn } from './vendor.js';

export async function discoverLdap(ctx: ConnectorContext<LdapConfig>): Promise<DiscoverResult> {
  const config = ctx.config;
  const containers: ExternalContainer[] = [];
  const attributes = new Set<string>();
  for (const d of config.domains) {
    const s = await openDomain(config, d, { log: ctx.log, signal: ctx.signal });
    try {
      for (const k of ['users', 'agents'] as const)
        for (const a of Object.values(attributeMap(s.vendor, k, config))) attributes.add(a);
      const personFilter = and(
        parseAdminFilter(defaultPersonFilterText(s.vendor), 'person filter'),
        config.userFilter ? parseAdminFilter(config.userFilter, 'userFilter') : undefined,
      );
      for (const base of d.baseDns) {
        const counts = new Map<string, number>();
        for await (const page of s.pages({ base, scope: 'sub', filter: personFilter, attributes: ['1.1'] })) {
          for (const e of page) {
            const p = normaliseDn(parentDn(e.dn)).toLowerCase();
            counts.set(p, (counts.get(p) ?? 0) + 1);
          }
        }
        const count = (dn: string) => counts.get(normaliseDn(dn).toLowerCase()) ?? 0;
        const baseKey = normaliseDn(base).toLowerCase();
        let baseIsContainer = false;
        const ouFilter = or(eq('objectClass', 'organizationalUnit'), eq('objectClass', 'container'));
        for await (const page of s.pages({
          base,
          scope: 'sub',
          filter: ouFilter,
          attributes: ['ou', 'cn', 'name', 'objectClass'],
        })) {
          for (const e of page) {
            const isOu = ([] as unknown[])
              .concat(e.objectClass ?? e.objectclass ?? [])
              .some((c) => String(c).toLowerCase() === 'organizationalunit');
            const n = count(e.dn);
            // A base DN that is itself an OU is listed once, as that OU (a subtree search returns its base):
            // by its own name, so generation can match it, and with one id, as mappings need.
            const isBase = normaliseDn(e.dn).toLowerCase() === baseKey;
            if (isBase) baseIsContainer = true;
            // AD has many system containers; show plain containers only when people live in them.
            if (isBase || isOu || n > 0) containers.push(entryToContainer(e, n));
          }
        }
        // Otherwise the base (a domain's root, DC=…) is listed as the domain.
        if (!baseIsContainer)
          containers.push({
            externalId: normaliseDn(base),
            name: `${d.id}: ${base}`,
            kind: 'domain',
            path: normaliseDn(base),
            recordCount: count(base),
          });
        const groups = or(
          eq('objectClass', 'group'),
          eq('objectClass', 'groupOfNames'),
          eq('objectClass', 'groupOfUniqueNames'),
        );
        // AD's built-in groups (Domain Admins, Print Operators, …) are critical system objects: not mapping targets.
        // Only on AD: elsewhere the attribute is unknown and NOT(undefined) would drop every group.
        const groupFilter =
          s.vendor === 'ad' ? and(groups, not(eq('isCriticalSystemObject', 'TRUE'))) : groups;
        for await (const page of s.pages({
          base,
          scope: 'sub',
          filter: groupFilter,
          attributes: ['cn', 'name'],
        })) {
          for (const e of page) containers.push(entryToContainer(e, undefined, 'group'));
        }
      }
    } finally {
      await s.close();
    }
  }
  return { containers, attributes: [...attributes].sort() };
}
