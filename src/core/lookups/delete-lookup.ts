// Deletes one row of a configuration list. A row still in use (a status on a ticket, a priority of a ticket
// type) is refused with 409; deactivate it instead (POST with inactive: true).
import type { Ctx } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { withTx } from '../../db/transaction.js';
import { requireLookupWrite } from './access.js';
import { KINDS, type LookupKind } from './kinds.js';
import { invalidateReferenceData } from './reference-cache.js';
import { lookupTables } from './table.js';

const FK_CODES = new Set(['SQLITE_CONSTRAINT_FOREIGNKEY', '23503']);

export function isForeignKeyViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FK_CODES.has(code);
}

export async function deleteLookup(
  ctx: Ctx,
  kind: LookupKind,
  id: number,
): Promise<{ id: number; deleted: true }> {
  const spec = KINDS[kind];
  requireLookupWrite(ctx, spec);
  try {
    await withTx(ctx.db, async (tx) => {
      const res = await lookupTables(tx).deleteFrom(spec.table).where('id', '=', id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw notFound(spec.noun, id);
    });
  } catch (e) {
    if (isForeignKeyViolation(e)) {
      throw conflict(`${spec.noun} ${id} is in use and cannot be deleted; set it inactive instead`, [
        { field: 'id', message: 'is referenced by other records' },
      ]);
    }
    throw e;
  }
  invalidateReferenceData(ctx.db);
  return { id, deleted: true };
}
