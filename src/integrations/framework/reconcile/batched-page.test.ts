// The batched page path of the reconciler (one savepoint, page-wide adoption lookup, multi-row inserts) must
// behave exactly as record-by-record: adoption claims a hand-made user once per page, a bad record fails
// alone while the rest of its page is written, a repeated external id in one page is one user, onboarding
// tickets open for created users only, and a dry run previews without writing.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../db/testing.js';
import type { Services } from '../../../services.js';
import { registerExtraConnector } from '../../registry.js';
import type { ExternalPerson } from '../contract.js';
import { createInstance } from '../instances/create-instance.js';
import { addMapping } from '../mappings/edit-mappings.js';
import { memory, memoryConnector, resetMemory } from '../memory-connector.test-support.js';
import { getRun } from '../runs/list-runs.js';
import { runInstance } from '../runs/run-instance.js';
import { adminCtx, customerWithSite, testServices } from '../testing.js';
import type { PreviewChange } from './types.js';

registerExtraConnector(memoryConnector);

describeEachDialect('reconciler: batched pages', (get) => {
  let services: Services;
  let seq = 0;
  beforeAll(() => {
    services = testServices(get());
  });
  beforeEach(() => {
    resetMemory();
    memory.pageSize = 100;
  });

  const setup = async () => {
    const n = ++seq;
    const inst = await createInstance(adminCtx(services), {
      connectorId: 'memory',
      name: `batched${n}`,
      config: { token: 'tok' },
      unmappedPolicy: 'create_customer',
    });
    const db = get().db;
    const { customerId, siteId } = await customerWithSite(db, `Batch ${n}`);
    await addMapping(adminCtx(services), inst.id, {
      externalId: `OU=B${n}`,
      target: { kind: 'site', siteId },
    });
    const handMade = async (name: string, email: string) =>
      (
        await db
          .insertInto('end_users')
          .values({ customer_id: customerId, site_id: siteId, name, email, created_at: 'x', updated_at: 'x' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const person = (
      id: string,
      name: string,
      email: string,
      o: Partial<ExternalPerson> = {},
    ): ExternalPerson => ({
      externalId: id,
      containerId: `OU=B${n}`,
      disabled: false,
      fields: { name, email },
      match: { field: 'email', value: email },
      ...o,
    });
    const run = (dryRun = false) =>
      runInstance(services, {
        instanceId: inst.id,
        trigger: 'manual',
        entities: ['users'],
        ...(dryRun ? { dryRun: true } : {}),
      });
    const users = async () =>
      db
        .selectFrom('end_users')
        .select(['id', 'name', 'email'])
        .where('customer_id', '=', customerId)
        .orderBy('id')
        .execute();
    const links = async () =>
      Object.fromEntries(
        (
          await db
            .selectFrom('external_links')
            .select(['external_id', 'record_id'])
            .where('instance_id', '=', inst.id)
            .execute()
        ).map((l) => [l.external_id, l.record_id]),
      );
    const tickets = async (userIds: number[]) =>
      userIds.length === 0
        ? 0
        : (await db.selectFrom('tickets').select('id').where('user_id', 'in', userIds).execute()).length;
    return { inst, handMade, person, run, users, links, tickets };
  };

  it('adopts a hand-made user once per page, creates the rest with their links and onboarding tickets', async () => {
    const t = await setup();
    const ann = await t.handMade('Ann', 'ann@batch.test');
    const onboarding = { summary: 'Welcome' };
    memory.records.users = [
      t.person('u1', 'Ann Smith', 'ann@batch.test', { onboardingTicket: onboarding }),
      // Same e-mail, other case: Ann is linked to u1 by now, so u2 is a new user, as record by record.
      t.person('u2', 'Ann Two', 'ANN@batch.test', { onboardingTicket: onboarding }),
      t.person('u3', 'Bob', 'bob@batch.test', { onboardingTicket: onboarding }),
    ];
    const dry = await t.run(true);
    expect(dry.counts.users).toMatchObject({ created: 2, updated: 1, failed: 0 });
    const preview = ((await getRun(adminCtx(services), dry.runId)).preview ?? []) as PreviewChange[];
    expect(preview.map((p) => [p.action, p.externalId])).toEqual([
      ['update', 'u1'],
      ['create', 'u2'],
      ['create', 'u3'],
    ]);
    expect(await t.users()).toHaveLength(1);

    const live = await t.run();
    expect(live.counts.users).toMatchObject({ created: 2, updated: 1, unchanged: 0, failed: 0, skipped: 0 });
    const rows = await t.users();
    expect(rows.map((u) => u.name)).toEqual(['Ann Smith', 'Ann Two', 'Bob']);
    const links = await t.links();
    expect(links).toEqual({ u1: ann, u2: rows[1]?.id, u3: rows[2]?.id });
    // Onboarding opens a ticket for each created user, not for the adopted one.
    expect(await t.tickets([ann])).toBe(0);
    expect(await t.tickets(rows.slice(1).map((u) => u.id))).toBe(2);

    const again = await t.run();
    expect(again.counts.users).toMatchObject({ created: 0, updated: 0, unchanged: 3, failed: 0 });
  });

  it('a bad record fails alone: the rest of its page is written and the counts are exact', async () => {
    const t = await setup();
    await t.handMade('Dup A', 'dup@batch.test');
    await t.handMade('Dup B', 'dup@batch.test');
    memory.records.users = [
      t.person('v1', 'Vic', 'vic@batch.test'),
      t.person('v2', 'Dup', 'dup@batch.test'),
      t.person('v3', 'Val', 'val@batch.test'),
      t.person('v3', 'Val', 'val@batch.test'), // repeated in the page: one user, seen twice
    ];
    const r = await t.run();
    expect(r.status).toBe('partial');
    expect(r.counts.users).toMatchObject({ created: 2, unchanged: 1, failed: 1, updated: 0 });
    const detail = await getRun(adminCtx(services), r.runId);
    expect(detail.recordErrors?.map((e) => [e.externalId, e.code])).toEqual([['v2', 'AMBIGUOUS_MATCH']]);
    expect((await t.users()).map((u) => u.name)).toEqual(['Dup A', 'Dup B', 'Vic', 'Val']);
    expect(Object.keys(await t.links()).sort()).toEqual(['v1', 'v3']);
  });

  it('a first import that sees one id again batches later links it once (the first-import lookup skip)', async () => {
    const t = await setup();
    memory.pageSize = 1000;
    // More than one write batch (5,000 records) apart, and again in the same chunk of 500.
    const people = Array.from({ length: 5200 }, (_, i) => t.person(`w${i}`, `W ${i}`, `w${i}@batch.test`));
    people.push(
      t.person('w0', 'W 0 renamed', 'w0@batch.test'),
      t.person('w5199', 'W 5199', 'w5199@batch.test'),
    );
    memory.records.users = people;
    const r = await t.run();
    expect(r.counts.users).toMatchObject({ created: 5200, updated: 1, unchanged: 1, failed: 0 });
    const rows = await t.users();
    expect(rows).toHaveLength(5200);
    expect(rows.find((u) => u.email === 'w0@batch.test')?.name).toBe('W 0 renamed');
    expect(Object.keys(await t.links())).toHaveLength(5200);
  });
});
