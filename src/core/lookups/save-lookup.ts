// Creates (no id) or partially updates (id) one row of a configuration list. References to other lookups
// (an SLA, a status, a team) are checked so a bad one is a 400 naming the field, not a foreign-key error.
import type { Ctx } from '../context.js';
import { invalidInput, notFound, type FieldIssue } from '../errors.js';
import { withTx, type Tx } from '../../db/transaction.js';
import { requireLookupWrite } from './access.js';
import { KINDS, type LookupColumn, type LookupKind, type LookupValues } from './kinds.js';
import { presentLookup, type LookupWire } from './presenter.js';
import { invalidateReferenceData } from './reference-cache.js';
import { lookupTables } from './table.js';
import { loadExtras } from './list-lookups.js';

/** The Halo field name a column is written from, for error messages. */
export function wireName(kind: LookupKind, column: LookupColumn): string {
  const names: Partial<Record<LookupColumn, string>> = {
    sla_id: 'slaid',
    response_hours: 'responsetime',
    fix_hours: 'fixtime',
    default_sla_id: 'default_sla',
    default_priority_id: 'default_priority',
    initial_status_id: 'initial_status',
    value_int: 'valueint1',
    is_private: 'defaultprivate',
  };
  if (column === 'name' && kind === 'outcome') return 'outcome';
  return names[column] ?? column;
}

const REFERENCES: Partial<Record<LookupColumn, 'slas' | 'priorities' | 'teams' | 'statuses'>> = {
  sla_id: 'slas',
  default_sla_id: 'slas',
  default_priority_id: 'priorities',
  default_team_id: 'teams',
  initial_status_id: 'statuses',
};

async function checkReferences(tx: Tx, kind: LookupKind, values: LookupValues): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const [column, table] of Object.entries(REFERENCES) as Array<
    [LookupColumn, 'slas' | 'priorities' | 'teams' | 'statuses']
  >) {
    const id = values[column];
    if (typeof id !== 'number') continue;
    const found = await tx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    if (!found)
      issues.push({
        field: wireName(kind, column),
        message: `no ${table.replace(/e?s$/, '')} with id ${id}`,
      });
  }
  if (issues.length > 0) throw invalidInput(issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
}

export async function saveLookup(
  ctx: Ctx,
  kind: LookupKind,
  id: number | undefined,
  input: LookupValues,
): Promise<LookupWire> {
  const spec = KINDS[kind];
  requireLookupWrite(ctx, spec);
  const values: LookupValues = {};
  for (const c of spec.columns) if (input[c] !== undefined) (values as Record<string, unknown>)[c] = input[c];
  if (values.name !== undefined && values.name.trim() === '')
    throw invalidInput(`${wireName(kind, 'name')} must not be empty`, [
      { field: wireName(kind, 'name'), message: 'must not be empty' },
    ]);
  if (id === undefined) {
    const missing = spec.required.filter((c) => values[c] === undefined || values[c] === null);
    if (missing.length > 0) {
      throw invalidInput(
        `${spec.noun}: ${missing.map((c) => wireName(kind, c)).join(', ')} required`,
        missing.map((c) => ({ field: wireName(kind, c), message: 'is required' })),
      );
    }
  }
  const now = ctx.now().toISOString();
  const row = await withTx(ctx.db, async (tx) => {
    await checkReferences(tx, kind, values);
    const t = lookupTables(tx);
    if (id === undefined) {
      return t
        .insertInto(spec.table)
        .values({ ...values, created_at: now, updated_at: now } as never)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const updated = await t
      .updateTable(spec.table)
      .set({ ...values, updated_at: now } as never)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw notFound(spec.noun, id);
    return updated;
  });
  invalidateReferenceData(ctx.db);
  return presentLookup(kind, row, await loadExtras(ctx, kind, [row], true));
}
