// One row of a configuration list by id (SLAs come with their priorities, as GET /SLA/{id} does in Halo).
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { requireLookupRead } from './access.js';
import { KINDS, type LookupKind } from './kinds.js';
import { loadExtras } from './list-lookups.js';
import { presentLookup, type LookupWire } from './presenter.js';
import { lookupTables } from './table.js';

export async function getLookup(ctx: Ctx, kind: LookupKind, id: number): Promise<LookupWire> {
  const spec = KINDS[kind];
  requireLookupRead(ctx, spec);
  const row = await lookupTables(ctx.db)
    .selectFrom(spec.table)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(spec.noun, id);
  return presentLookup(kind, row, await loadExtras(ctx, kind, [row], true));
}
