// A large first import drops end_users' lookup indexes and the links' identity index after a write batch and
// builds them at its end (bulk-import.ts). What must hold: the same users, links and adoptions as with the
// indexes; an id sent again found and updated, not linked twice; the adoption
// indexes kept while a hand-made user could be adopted; nothing dropped by a dry run, a small import, an
// import smaller than the table, or a run that is not a first import; the indexes back after a failed read,
// and back at the start of the next run after a process died while they were gone.
import type { FastifyBaseLogger } from 'fastify';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import {
  END_USER_INDEXES,
  dropEndUserIndexes,
  existingEndUserIndexes,
} from '../../../db/end-user-indexes.js';
import { dropLinkIdentityIndex, linkIdentityIndexExists } from '../../../db/link-identity-index.js';
import { describeEachDialect } from '../../../db/testing.js';
import { transact } from '../../../db/transaction.js';
import type { Services } from '../../../services.js';
import { createLogger } from '../../../log.js';
import { registerExtraConnector } from '../../registry.js';
import { beginBulkImport } from './bulk-import.js';
import type { ExternalPerson } from '../contract.js';
import { createInstance } from '../instances/create-instance.js';
import { addMapping } from '../mappings/edit-mappings.js';
import { memory, memoryConnector, resetMemory } from '../memory-connector.test-support.js';
import { runInstance } from '../runs/run-instance.js';
import { adminCtx, customerWithSite, testServices } from '../testing.js';

registerExtraConnector(memoryConnector);

const ALL = END_USER_INDEXES.map((i) => i.name).sort();
const ADOPTION = END_USER_INDEXES.filter((i) => i.adoption)
  .map((i) => i.name)
  .sort();

describeEachDialect('reconciler: large first imports', (get) => {
  let services: Services;
  let seq = 0;
  beforeAll(() => {
    services = testServices(get());
  });
  beforeEach(() => {
    resetMemory();
  });

  const setup = async () => {
    const n = ++seq;
    const db = get().db;
    const inst = await createInstance(adminCtx(services), {
      connectorId: 'memory',
      name: `bulk${n}`,
      config: { token: 'tok' },
      unmappedPolicy: 'skip',
    });
    const { customerId, siteId } = await customerWithSite(db, `Bulk ${n}`);
    await addMapping(adminCtx(services), inst.id, {
      externalId: `OU=K${n}`,
      target: { kind: 'site', siteId },
    });
    const rowsBefore = Number(
      (await db.selectFrom('end_users').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    );
    const people = (count: number) =>
      Array.from({ length: count }, (_, i): ExternalPerson => ({
        externalId: `k${n}-${i}`,
        containerId: `OU=K${n}`,
        disabled: false,
        fields: { name: `K${n} ${i}`, email: `k${n}.${i}@bulk.test` },
        match: { field: 'email', value: `k${n}.${i}@bulk.test` },
      }));
    /** The indexes there are when page `p` is read: between write batches, since pages arrive at once. */
    const indexesAtPage = (p: number) => {
      const seen: { names?: string[]; identity?: boolean } = {};
      memory.beforePage = async (page) => {
        if (page !== p) return;
        seen.names = [...(await existingEndUserIndexes(db))].sort();
        seen.identity = await linkIdentityIndexExists(db);
      };
      return seen;
    };
    const run = (threshold: number, dryRun = false) => {
      services.config.bulkImportThreshold = threshold;
      return runInstance(services, {
        instanceId: inst.id,
        trigger: 'manual',
        entities: ['users'],
        ...(dryRun ? { dryRun: true } : {}),
      });
    };
    const users = () =>
      db
        .selectFrom('end_users')
        .select(['id', 'name', 'email', 'site_id'])
        .where('customer_id', '=', customerId)
        .orderBy('id')
        .execute();
    const links = () =>
      db
        .selectFrom('external_links')
        .select(['external_id', 'record_id'])
        .where('instance_id', '=', inst.id)
        .execute();
    const handMade = async (name: string, email: string) =>
      (
        await db
          .insertInto('end_users')
          .values({ customer_id: customerId, site_id: siteId, name, email, created_at: 'x', updated_at: 'x' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    return { db, siteId, rowsBefore, people, indexesAtPage, run, users, links, handMade };
  };

  it('drops all four after the first batch when no one is adoptable, and builds them again at the end', async () => {
    const t = await setup();
    // The first page is a batch by itself (write-batches.ts): make it alone outgrow the table.
    memory.pageSize = t.rowsBefore + 100;
    memory.records.users = t.people(memory.pageSize * 3);
    const during = t.indexesAtPage(1);
    const r = await t.run(memory.pageSize);
    expect(r.status).toBe('succeeded');
    expect(r.counts.users).toMatchObject({ created: memory.pageSize * 3, failed: 0, updated: 0 });
    expect(during).toEqual({ names: [], identity: false });
    expect([...(await existingEndUserIndexes(t.db))].sort()).toEqual(ALL);
    expect(await linkIdentityIndexExists(t.db)).toBe(true);
    const rows = await t.users();
    expect(rows).toHaveLength(memory.pageSize * 3);
    expect(rows.every((u) => u.site_id === t.siteId)).toBe(true);
    expect(new Set((await t.links()).map((l) => l.record_id))).toEqual(new Set(rows.map((u) => u.id)));

    // No longer a first import: nothing is dropped, and every user is recognised.
    const again = t.indexesAtPage(1);
    const second = await t.run(1);
    expect(second.counts.users).toMatchObject({ created: 0, updated: 0, unchanged: memory.pageSize * 3 });
    expect(again).toEqual({ names: ALL, identity: true });
  });

  it('builds the identity index inside the batch that must look an id up again, and only once', async () => {
    const { db } = await setup();
    const infos: unknown[] = [];
    const log = Object.assign(Object.create(createLogger('silent')) as FastifyBaseLogger, {
      info: (...a: unknown[]) => infos.push(a),
    });
    const bulk = await beginBulkImport({
      db,
      log,
      table: 'end_users',
      dryRun: false,
      firstImport: true,
      threshold: 1,
    });
    await bulk.afterBatch(Number.MAX_SAFE_INTEGER);
    expect(await linkIdentityIndexExists(db)).toBe(false);
    await transact(db, async (tx) => {
      await bulk.beforeLinkLookup(tx);
      expect(await linkIdentityIndexExists(tx)).toBe(true);
      await bulk.beforeLinkLookup(tx); // built already: nothing more
    });
    expect(infos).toHaveLength(2); // dropped; built again for the lookup
    await bulk.finish();
    expect(await linkIdentityIndexExists(db)).toBe(true);
    expect([...(await existingEndUserIndexes(db))].sort()).toEqual(ALL);
  });

  it('finds an id sent again after the identity index was dropped: one user, updated, and one link', async () => {
    const t = await setup();
    memory.pageSize = t.rowsBefore + 100;
    const people = t.people(memory.pageSize * 3);
    const first = people[0] as ExternalPerson;
    // The last record of the third page is the first one again, renamed (a source that sends a person twice).
    people[people.length - 1] = { ...first, fields: { ...first.fields, name: 'Renamed' } };
    memory.records.users = people;
    const during = t.indexesAtPage(1);
    const r = await t.run(memory.pageSize);
    expect(r.status).toBe('succeeded');
    expect(r.counts.users).toMatchObject({ created: people.length - 1, updated: 1, failed: 0 });
    expect(during).toEqual({ names: [], identity: false });
    expect(await linkIdentityIndexExists(t.db)).toBe(true);
    const links = await t.links();
    expect(links).toHaveLength(people.length - 1);
    expect(links.filter((l) => l.external_id === first.externalId)).toHaveLength(1);
    const rows = await t.users();
    expect(rows).toHaveLength(people.length - 1);
    expect(rows.find((u) => u.email === first.fields.email)?.name).toBe('Renamed');
  });

  it('keeps the adoption indexes while a hand-made user could be adopted, and adopts them', async () => {
    const t = await setup();
    memory.pageSize = t.rowsBefore + 101; // counting the hand-made user
    const people = t.people(memory.pageSize * 3);
    const last = people[people.length - 1] as ExternalPerson;
    const ann = await t.handMade('Ann by hand', last.match?.value as string);
    memory.records.users = people;
    const during = t.indexesAtPage(2);
    const r = await t.run(memory.pageSize);
    expect(r.counts.users).toMatchObject({ created: people.length - 1, updated: 1, failed: 0 });
    expect(during).toEqual({ names: ADOPTION, identity: false });
    expect([...(await existingEndUserIndexes(t.db))].sort()).toEqual(ALL);
    expect((await t.links()).find((l) => l.external_id === last.externalId)?.record_id).toBe(ann);
    expect(await t.users()).toHaveLength(people.length);
  });

  it('drops nothing in a dry run, below the threshold, or when the table held more users than it imports', async () => {
    const t = await setup();
    memory.pageSize = t.rowsBefore + 100;
    memory.records.users = t.people(memory.pageSize * 2);
    const dry = t.indexesAtPage(1);
    expect((await t.run(1, true)).counts.users).toMatchObject({ created: memory.pageSize * 2 });
    expect(dry).toEqual({ names: ALL, identity: true });
    const disabled = t.indexesAtPage(1);
    expect((await t.run(0, true)).counts.users).toMatchObject({ created: memory.pageSize * 2 });
    expect(disabled).toEqual({ names: ALL, identity: true });

    // The table already holds more end users than this import brings: no rebuild of everyone's indexes.
    memory.pageSize = 10;
    memory.records.users = memory.records.users.slice(0, 30);
    const smaller = t.indexesAtPage(1);
    expect((await t.run(1)).counts.users).toMatchObject({ created: 30, failed: 0 });
    expect(smaller).toEqual({ names: ALL, identity: true });

    // The instance has links now: a large import later is not a first import, and keeps every index.
    const rows = Number(
      (await t.db.selectFrom('end_users').select(t.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    );
    memory.pageSize = rows + 200;
    memory.records.users = t.people(memory.pageSize * 2);
    const later = t.indexesAtPage(1);
    expect((await t.run(1)).counts.users).toMatchObject({ created: memory.pageSize * 2 - 30, unchanged: 30 });
    expect(later).toEqual({ names: ALL, identity: true });
  });

  it('builds them again when the read fails after they were dropped, and the rerun converges', async () => {
    const t = await setup();
    memory.pageSize = t.rowsBefore + 100;
    memory.records.users = t.people(memory.pageSize * 3);
    memory.failOnPage = memory.reads + 2; // the third page fails
    const during = t.indexesAtPage(1);
    const failed = await t.run(memory.pageSize);
    expect(failed.status).toBe('failed');
    expect(during).toEqual({ names: [], identity: false });
    expect([...(await existingEndUserIndexes(t.db))].sort()).toEqual(ALL);
    expect(await linkIdentityIndexExists(t.db)).toBe(true);

    memory.failOnPage = null;
    const rerun = await t.run(memory.pageSize);
    expect(rerun.status).toBe('succeeded');
    expect(await t.users()).toHaveLength(memory.pageSize * 3);
  });

  it('builds indexes that a killed import left dropped before the next run reads', async () => {
    const t = await setup();
    await transact(t.db, async (tx) => {
      await dropEndUserIndexes(tx, END_USER_INDEXES);
      await dropLinkIdentityIndex(tx);
    });
    memory.pageSize = 10;
    memory.records.users = t.people(20);
    const first = t.indexesAtPage(0);
    const r = await t.run(0);
    expect(r.counts.users).toMatchObject({ created: 20 });
    expect(first).toEqual({ names: ALL, identity: true });
  });
});
