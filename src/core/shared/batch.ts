// Saves several records as one unit: every element is written in ONE transaction, so a failure anywhere
// (an unknown id, a missing site, a permission check) leaves nothing written. Errors raised for element i
// get their field names prefixed with "[i]." (ASP.NET model-state style, which Halo clients parse).
import { AppError, isAppError } from '../errors.js';
import type { Ctx } from '../context.js';
import { withTx } from '../../db/transaction.js';

/** Re-raises `e` with every detail field (and a bare message) tied to element `index`. */
export function atIndex(err: AppError, index: number): AppError {
  const prefix = `[${index}]`;
  const details =
    err.details.length > 0
      ? err.details.map((d) => ({ field: d.field ? `${prefix}.${d.field}` : prefix, message: d.message }))
      : [{ field: prefix, message: err.message }];
  return new AppError(err.code, err.kind, `${prefix}: ${err.message}`, {
    status: err.status,
    details,
    cause: err,
    ...(err.retryAfterSeconds !== undefined ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
  });
}

/** Runs `save` for each element inside one transaction and returns the results in order. */
export async function saveAll<In, Out>(
  ctx: Ctx,
  elements: readonly In[],
  save: (txCtx: Ctx, element: In, index: number) => Promise<Out>,
): Promise<Out[]> {
  return withTx(ctx.db, async (tx) => {
    const txCtx: Ctx = { ...ctx, db: tx };
    const out: Out[] = [];
    for (const [i, el] of elements.entries()) {
      try {
        out.push(await save(txCtx, el, i));
      } catch (e) {
        // Database errors pass through untouched so transact() can still retry busy/serialization failures.
        throw isAppError(e) ? atIndex(e, i) : e;
      }
    }
    return out;
  });
}
