// What a people read covers (its mappings and directory scope, hashed into the cursor) and, before any
// connection, which mode it will most likely run in. Shared by the read itself (people.ts, in the worker) and
// the main thread's choice of where to run it (worker-read.ts), so both hash the scope the same way.
import type { ContainerMapping } from '../../framework/contract.js';
import { mappingsHash } from '../incremental/cursor.js';
import type { LdapCursor } from '../incremental/cursor-schema.js';
import { planRead } from '../incremental/plan.js';
import type { LdapConfig } from '../manifest.js';
import type { PersonKind } from '../mappers.js';
import { normaliseDn } from '../vendor.js';

export const isForKind = (kind: PersonKind) => (m: ContainerMapping) =>
  kind === 'agents' ? m.target.kind === 'agent' : m.target.kind !== 'agent';

/** The hash of the read's mappings and scope (base DNs, filter, attributes): a change forces a full read. */
export function readScopeHash(
  config: LdapConfig,
  mine: readonly ContainerMapping[],
  kind: PersonKind,
): string {
  const scope = {
    domains: config.domains.map((d) => [
      d.id,
      d.baseDns.map((b) => normaliseDn(b).toLowerCase()),
      d.vendor,
      d.anchorAttribute ?? null,
    ]),
    userFilter: config.userFilter ?? null,
    attributes: kind === 'users' ? config.userAttributes : config.agentAttributes,
  };
  return mappingsHash(mine, scope);
}

/**
 * True when the cursor allows a change-only read, assuming each domain is answered by the DC that set its
 * watermark and no mapped group's membership changed (only connecting tells; if either did, the read is full
 * wherever it runs).
 */
export function expectIncremental(
  config: LdapConfig,
  mappings: readonly ContainerMapping[],
  kind: PersonKind,
  cursor: LdapCursor | undefined,
): boolean {
  if (!cursor) return false;
  const plan = planRead({
    cursor,
    incrementalEnabled: config.incremental,
    fullReconcileHours: config.fullReconcileHours,
    mappingsHash: readScopeHash(config, mappings.filter(isForKind(kind)), kind),
    now: new Date(),
    domains: config.domains.map((d) => {
      const w = cursor.domains[d.id];
      return {
        id: d.id,
        vendor: w?.vendor ?? 'other',
        dsServiceName: w?.dsServiceName,
        invocationId: w?.invocationId,
        host: '',
      };
    }),
  });
  return plan.mode === 'incremental';
}
