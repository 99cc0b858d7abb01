// Proposes mappings from discovered containers by EXACT name (case and surrounding spaces ignored): a tenant
// named like one customer maps to it; an OU named like one site maps to that site (else like one customer).
// A name matching several records goes to the review list (status "ambiguous" with the candidates) and is
// never auto-mapped. Manual mappings and existing mapped rows are never overwritten.
import { isoNow, requireAdmin } from '../../../core/context.js';
import { withTx, type Tx } from '../../../db/transaction.js';
import type { ExternalContainer } from '../contract.js';
import type { IntegrationCtx } from '../context.js';
import { discoverInstance } from '../instances/check-instance.js';
import type { MappingRow } from './mapping.js';

export interface GenerateResult {
  mapped: number;
  ambiguous: number;
  unmatched: number;
  alreadyMapped: number;
}

const key = (s: string) => s.trim().toLowerCase();

function index<T extends { name: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r.name), [...(m.get(key(r.name)) ?? []), r]);
  return m;
}

type Proposal = Pick<MappingRow, 'status' | 'target_kind' | 'customer_id' | 'site_id' | 'candidates_json'>;

async function proposer(tx: Tx) {
  const customers = index(
    await tx.selectFrom('customers').select(['id', 'name']).where('inactive', '=', 0).execute(),
  );
  const sites = index(
    await tx.selectFrom('sites').select(['id', 'name', 'customer_id']).where('inactive', '=', 0).execute(),
  );
  const none = { target_kind: null, customer_id: null, site_id: null, candidates_json: null };
  return (c: ExternalContainer): Proposal => {
    if (c.kind === 'ou') {
      const s = sites.get(key(c.name)) ?? [];
      if (s.length === 1 && s[0])
        return {
          ...none,
          status: 'mapped',
          target_kind: 'site',
          customer_id: s[0].customer_id,
          site_id: s[0].id,
        };
      if (s.length > 1)
        return { ...none, status: 'ambiguous', candidates_json: JSON.stringify(s.map((x) => x.id)) };
    }
    const cs = customers.get(key(c.name)) ?? [];
    if (cs.length === 1 && cs[0])
      return { ...none, status: 'mapped', target_kind: 'customer', customer_id: cs[0].id };
    if (cs.length > 1)
      return { ...none, status: 'ambiguous', candidates_json: JSON.stringify(cs.map((x) => x.id)) };
    return { ...none, status: 'unmatched' };
  };
}

/** Proposes mappings for the given containers (exported for tests and for callers that already discovered). */
export async function proposeMappings(
  ctx: IntegrationCtx,
  instanceId: number,
  containers: ExternalContainer[],
): Promise<GenerateResult> {
  const result: GenerateResult = { mapped: 0, ambiguous: 0, unmatched: 0, alreadyMapped: 0 };
  await withTx(ctx.db, async (tx) => {
    const propose = await proposer(tx);
    const existing = new Map(
      (
        await tx.selectFrom('container_mappings').selectAll().where('instance_id', '=', instanceId).execute()
      ).map((r) => [r.external_id, r]),
    );
    const now = isoNow(ctx);
    // A container listed twice (e.g. under two overlapping base DNs) is proposed once: the first time.
    const proposed = new Set<string>();
    for (const c of containers) {
      if (proposed.has(c.externalId)) continue;
      proposed.add(c.externalId);
      const old = existing.get(c.externalId);
      if (old && (old.source === 'manual' || old.status === 'mapped')) {
        result.alreadyMapped++;
        continue;
      }
      const p = propose(c);
      result[p.status === 'mapped' ? 'mapped' : p.status]++;
      const values = {
        ...p,
        external_name: c.name,
        container_kind: c.kind,
        source: 'generated' as const,
        updated_at: now,
      };
      if (old) await tx.updateTable('container_mappings').set(values).where('id', '=', old.id).execute();
      else
        await tx
          .insertInto('container_mappings')
          .values({ ...values, instance_id: instanceId, external_id: c.externalId, created_at: now })
          .execute();
    }
  });
  return result;
}

/** Discovers the instance's containers and proposes mappings for them. */
export async function generateMappings(ctx: IntegrationCtx, instanceId: number): Promise<GenerateResult> {
  requireAdmin(ctx);
  const { containers } = await discoverInstance(ctx, instanceId);
  return proposeMappings(ctx, instanceId, containers);
}
