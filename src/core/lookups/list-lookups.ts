// Lists one configuration list (bare array on the wire). These lists are small, so they are read whole and
// filtered in memory, ordered by sequence where the kind has one, then id.
import type { Ctx } from '../context.js';
import { requireLookupRead } from './access.js';
import { KINDS, type LookupKind } from './kinds.js';
import { presentLookup, type LookupRecord, type LookupWire, type PresentExtras } from './presenter.js';
import { lookupTables } from './table.js';

export interface LookupFilters {
  /** Include inactive rows (Halo: showall, showinactive, includeinactive). */
  includeInactive?: boolean | undefined;
  /** Status: leave out closed statuses. */
  excludeClosed?: boolean | undefined;
  /** Priority: only this SLA's priorities. */
  slaId?: number | undefined;
  /** Category: which of the four lists (1..4). */
  typeId?: number | undefined;
  /** Lookup: which list (11 = lookup types). */
  lookupId?: number | undefined;
  /** SLA: include each SLA's priorities. */
  showPriorities?: boolean | undefined;
}

export async function loadExtras(
  ctx: Ctx,
  kind: LookupKind,
  rows: LookupRecord[],
  showPriorities: boolean,
): Promise<PresentExtras> {
  if (kind === 'tickettype') {
    const ids = [
      ...new Set(rows.map((r) => r.default_team_id).filter((v): v is number => typeof v === 'number')),
    ];
    if (ids.length === 0) return {};
    const teams = await ctx.db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute();
    return { teamNames: new Map(teams.map((t) => [t.id, t.name])) };
  }
  if (kind === 'sla' && showPriorities) {
    const prios = await lookupTables(ctx.db)
      .selectFrom('priorities')
      .selectAll()
      .orderBy('sequence')
      .orderBy('id')
      .execute();
    const bySla = new Map<number, LookupRecord[]>(rows.map((r) => [r.id, []]));
    for (const p of prios) if (p.sla_id != null) bySla.get(p.sla_id)?.push(p);
    return { prioritiesBySla: bySla };
  }
  return {};
}

export async function listLookups(
  ctx: Ctx,
  kind: LookupKind,
  filters: LookupFilters = {},
): Promise<LookupWire[]> {
  const spec = KINDS[kind];
  requireLookupRead(ctx, spec);
  let rows = await lookupTables(ctx.db).selectFrom(spec.table).selectAll().orderBy('id').execute();
  rows = rows.filter((r) => {
    if (!filters.includeInactive && r.inactive === 1) return false;
    if (kind === 'status' && filters.excludeClosed && r.is_closed === 1) return false;
    if (kind === 'priority' && filters.slaId !== undefined && r.sla_id !== filters.slaId) return false;
    if (kind === 'category' && filters.typeId !== undefined && r.type_id !== filters.typeId) return false;
    if (kind === 'lookup' && filters.lookupId !== undefined && r.lookupid !== filters.lookupId) return false;
    return true;
  });
  if (spec.columns.includes('sequence'))
    rows.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0) || a.id - b.id);
  const extras = await loadExtras(ctx, kind, rows, filters.showPriorities === true);
  return rows.map((r) => presentLookup(kind, r, extras));
}
