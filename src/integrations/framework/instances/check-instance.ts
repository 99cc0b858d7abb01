// `check` and `discover` for a stored instance. Check never throws: a bad config or a connector that
// throws becomes ok:false with a kind, its message masked of the instance's secrets.
import { requireAdmin } from '../../../core/context.js';
import { createRedactor } from '../../kit/redact.js';
import { checkFailure, type CheckResult, type DiscoverResult, type ExternalContainer } from '../contract.js';
import { containerTree } from './container-tree.js';
import { prepareConnector } from '../connector-context.js';
import type { IntegrationCtx } from '../context.js';
import { loadInstanceRow } from './instance.js';

export async function checkInstance(ctx: IntegrationCtx, id: number): Promise<CheckResult> {
  requireAdmin(ctx);
  await loadInstanceRow(ctx.db, id); // 404 for an unknown id, before anything else
  let secrets: readonly string[] = [];
  try {
    const p = await prepareConnector(ctx.db, ctx.cipher, ctx.log, id, {
      signal: AbortSignal.timeout(60_000),
    });
    secrets = p.ctx.secretValues;
    const r = await p.connector.check(p.ctx);
    return r.ok ? r : { ...r, message: createRedactor(secrets)(r.message) };
  } catch (e) {
    const r = checkFailure(e);
    return r.ok ? r : { ...r, message: createRedactor(secrets)(r.message) };
  }
}

/** A discovered container with its depth in the tree (0: top level). */
export type DiscoveredContainer = ExternalContainer & { depth: number };

/** The connector's discovery, its containers in tree order (container-tree.ts). */
export async function discoverInstance(
  ctx: IntegrationCtx,
  id: number,
): Promise<Omit<DiscoverResult, 'containers'> & { containers: DiscoveredContainer[] }> {
  requireAdmin(ctx);
  const p = await prepareConnector(ctx.db, ctx.cipher, ctx.log, id, { signal: AbortSignal.timeout(120_000) });
  const found = await p.connector.discover(p.ctx);
  return {
    ...found,
    containers: containerTree(found.containers).map(({ container, depth }) => ({ ...container, depth })),
  };
}
