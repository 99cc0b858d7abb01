// The core use-case context for writes a run makes: inside the page's transaction, attributed to the
// instance's API-only agent (actor kind "integration").
import type { Ctx } from '../../../../core/context.js';
import { PermissionSet } from '../../../../core/permissions.js';
import type { WriteCtx } from '../types.js';

export function useCaseCtx(w: WriteCtx): Ctx {
  return {
    db: w.tx,
    actor: {
      agentId: w.agentId,
      kind: 'integration',
      permissions: PermissionSet.all(),
      instanceId: w.instance.id,
    },
    log: w.log,
    now: () => new Date(w.now),
  };
}
