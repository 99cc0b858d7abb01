// Mappings by hand: add (or replace) a mapping for a container, edit it, remove it, list them (the review
// list is the rows with status "ambiguous"). A hand-made mapping is "manual" and generation never touches it.
import { z } from 'zod';
import { isoNow, requireAdmin } from '../../../core/context.js';
import { invalidInput, notFound } from '../../../core/errors.js';
import { withTx, type Tx } from '../../../db/transaction.js';
import { parseInput, type IntegrationCtx } from '../context.js';
import { findConnector } from '../../registry.js';
import { loadInstanceRow } from '../instances/instance.js';
import { toMappingView, type MappingView } from './mapping.js';
import { mappingPopulation, type Population } from './mapping-population.js';

export const MappingInputSchema = z.object({
  externalId: z.string().trim().min(1),
  externalName: z.string().trim().min(1).optional(),
  containerKind: z.enum(['tenant', 'ou', 'orgunit', 'group', 'domain']).optional(),
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('customer'), customerId: z.number().int().positive() }),
    z.object({
      kind: z.literal('site'),
      siteId: z.number().int().positive(),
      userRoleId: z.number().int().positive().nullable().default(null),
    }),
    z.object({
      kind: z.literal('agent'),
      roleId: z.number().int().positive().nullable().default(null),
      teamId: z.number().int().positive().nullable().default(null),
    }),
  ]),
  recursive: z.boolean().default(false),
  filter: z.string().min(1).nullable().default(null),
});
export type MappingInput = z.input<typeof MappingInputSchema>;

async function targetColumns(tx: Tx, t: z.output<typeof MappingInputSchema>['target']) {
  const exists = async (table: 'customers' | 'roles' | 'teams' | 'user_roles', id: number, field: string) => {
    if (!(await tx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()))
      throw invalidInput(`${field} ${id} does not exist`, [
        { field: `target.${field}`, message: 'does not exist' },
      ]);
  };
  if (t.kind === 'customer') {
    await exists('customers', t.customerId, 'customerId');
    return {
      target_kind: 'customer' as const,
      customer_id: t.customerId,
      site_id: null,
      role_id: null,
      team_id: null,
      user_role_id: null,
    };
  }
  if (t.kind === 'site') {
    const site = await tx
      .selectFrom('sites')
      .select(['id', 'customer_id'])
      .where('id', '=', t.siteId)
      .executeTakeFirst();
    if (!site)
      throw invalidInput(`siteId ${t.siteId} does not exist`, [
        { field: 'target.siteId', message: 'does not exist' },
      ]);
    if (t.userRoleId !== null) await exists('user_roles', t.userRoleId, 'userRoleId');
    return {
      target_kind: 'site' as const,
      customer_id: site.customer_id,
      site_id: site.id,
      role_id: null,
      team_id: null,
      user_role_id: t.userRoleId,
    };
  }
  if (t.roleId !== null) await exists('roles', t.roleId, 'roleId');
  if (t.teamId !== null) await exists('teams', t.teamId, 'teamId');
  return {
    target_kind: 'agent' as const,
    customer_id: null,
    site_id: null,
    role_id: t.roleId,
    team_id: t.teamId,
    user_role_id: null,
  };
}

export async function addMapping(
  ctx: IntegrationCtx,
  instanceId: number,
  input: MappingInput,
): Promise<MappingView> {
  requireAdmin(ctx);
  const i = parseInput(MappingInputSchema, input);
  return withTx(ctx.db, async (tx) => {
    const instance = await loadInstanceRow(tx, instanceId);
    // Before anything is written: an id the connector could never read is refused here, not by the next sync.
    const connector = findConnector(instance.connector_id);
    const described = connector?.describeContainerId?.(i.externalId);
    if (i.filter !== null) connector?.checkMappingFilter?.(i.filter);
    const now = isoNow(ctx);
    const cols = await targetColumns(tx, i.target);
    const old = await tx
      .selectFrom('container_mappings')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('external_id', '=', i.externalId)
      .executeTakeFirst();
    const values = {
      ...cols,
      status: 'mapped' as const,
      source: 'manual' as const,
      recursive: i.recursive ? 1 : 0,
      filter: i.filter,
      candidates_json: null,
      external_name: i.externalName ?? old?.external_name ?? described?.name ?? i.externalId,
      container_kind: i.containerKind ?? old?.container_kind ?? described?.kind ?? 'tenant',
      updated_at: now,
    };
    if (old) await tx.updateTable('container_mappings').set(values).where('id', '=', old.id).execute();
    else
      await tx
        .insertInto('container_mappings')
        .values({ ...values, instance_id: instanceId, external_id: i.externalId, created_at: now })
        .execute();
    const row = await tx
      .selectFrom('container_mappings')
      .selectAll()
      .where('instance_id', '=', instanceId)
      .where('external_id', '=', i.externalId)
      .executeTakeFirstOrThrow();
    return toMappingView(row);
  });
}

/** Edits a mapping by id: same input as add (the container id must stay the same). */
export async function editMapping(
  ctx: IntegrationCtx,
  mappingId: number,
  input: Omit<MappingInput, 'externalId'>,
): Promise<MappingView> {
  requireAdmin(ctx);
  const row = await ctx.db
    .selectFrom('container_mappings')
    .selectAll()
    .where('id', '=', mappingId)
    .executeTakeFirst();
  if (!row) throw notFound('Mapping', mappingId);
  return addMapping(ctx, row.instance_id, { ...input, externalId: row.external_id });
}

export async function removeMapping(ctx: IntegrationCtx, mappingId: number): Promise<void> {
  requireAdmin(ctx);
  const r = await ctx.db.deleteFrom('container_mappings').where('id', '=', mappingId).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound('Mapping', mappingId);
}

export async function listMappings(
  ctx: IntegrationCtx,
  instanceId: number,
  filter: { status?: MappingView['status'] } = {},
): Promise<MappingView[]> {
  return (await instanceMappings(ctx, instanceId, filter)).mappings;
}

/** The instance (checked to exist) and its mappings, by name. */
async function instanceMappings(
  ctx: IntegrationCtx,
  instanceId: number,
  filter: { status?: MappingView['status'] },
) {
  requireAdmin(ctx);
  const instance = await loadInstanceRow(ctx.db, instanceId);
  let q = ctx.db
    .selectFrom('container_mappings')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .orderBy('external_name');
  if (filter.status) q = q.where('status', '=', filter.status);
  return { instance, mappings: (await q.execute()).map(toMappingView) };
}

/** A mapping with the people it holds now (mapping-population.ts); null where it holds none (a vendor's customers). */
export type MappingWithPeople = MappingView & { people: Population | null };

/** listMappings, each with its population: what the console and `mappings list` show. */
export async function listMappingsWithPeople(
  ctx: IntegrationCtx,
  instanceId: number,
  filter: { status?: MappingView['status'] } = {},
): Promise<MappingWithPeople[]> {
  const { instance, mappings } = await instanceMappings(ctx, instanceId, filter);
  const connector = findConnector(instance.connector_id);
  const people = await mappingPopulation(ctx.db, instanceId, mappings, {
    customersHoldPeople: connector?.manifest.entities.includes('users') === true,
  });
  return mappings.map((m) => ({ ...m, people: people.get(m.id) ?? null }));
}
