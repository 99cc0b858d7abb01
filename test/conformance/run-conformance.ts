// The connector conformance suite: every connector's test calls runConnectorConformance with its fake
// source. It checks the contract (schema, check), idempotence, change pick-up, the empty-source guard,
// mid-run failures (no cursor past uncommitted data, no sweep) and kill -9 convergence, on both dialects.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Connector, EntityName } from '../../src/integrations/framework/contract.js';
import { createInstance } from '../../src/integrations/framework/instances/create-instance.js';
import { checkInstance } from '../../src/integrations/framework/instances/check-instance.js';
import type { CreateInstanceInput } from '../../src/integrations/framework/instances/input.js';
import { runInstance, type RunOutcome } from '../../src/integrations/framework/runs/run-instance.js';
import { adminCtx, testServices } from '../../src/integrations/framework/testing.js';
import { describeEachDialect } from '../../src/db/testing.js';
import type { Services } from '../../src/services.js';
import { snapshotInstance, sweptCount } from './snapshot.js';
import { defineKillTest } from './kill-test.js';

/** The handle each connector's test gives the suite over its fake source. */
export interface ConformanceSource {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Back to the seeded data, no faults. */
  reset(): void;
  /** The source answers with no records at all. */
  makeEmpty(): void;
  /** After `n` more list pages, every list request fails with a 5xx (null clears it). */
  failAfterPages(n: number | null): void;
  /** Slow every list page down (for the kill -9 test). */
  delayPages(ms: number): void;
  /** Change at least one record of the first entity AND remove at least one (with its dependents). */
  mutate(): void;
}

export interface ConformanceOptions<Config> {
  name: string;
  connector: Connector<Config>;
  source: ConformanceSource;
  makeConfig(variant: 'good' | 'bad_credentials'): Record<string, unknown>;
  /** A config the schema must reject (default: {}). */
  invalidConfig?: Record<string, unknown>;
  /** Modules the child process preloads with --import (a test-only connector registers itself this way). */
  childImports?: string[];
  /** Instance settings (default: create customers for unmapped containers). */
  settings?: Partial<CreateInstanceInput>;
  /** Runs after each instance is created (e.g. adds the container mappings a directory connector needs). */
  prepareInstance?: (services: Services, instanceId: number) => Promise<void>;
  /**
   * The source brings end users: the kill -9 test then lowers the child's bulk-import threshold to one user and
   * kills it while the import has its indexes dropped (see kill-test.ts).
   */
  bulkImport?: boolean;
}

const RECORD_TYPE: Record<EntityName, string> = {
  customers: 'customer',
  licences: 'licence',
  users: 'user',
  agents: 'agent',
};

const total = (o: RunOutcome, k: 'created' | 'updated' | 'unchanged' | 'inactivated' | 'failed') =>
  Object.values(o.counts).reduce((n, c) => n + (c?.[k] ?? 0), 0);

export function runConnectorConformance<Config>(o: ConformanceOptions<Config>): void {
  const connector = o.connector as unknown as Connector;
  let seq = 0;
  beforeAll(() => o.source.start());
  afterAll(() => o.source.stop());

  it(`${o.name}: the config schema parses a good config and rejects a bad one`, () => {
    expect(connector.manifest.configSchema.safeParse(o.makeConfig('good')).success).toBe(true);
    expect(connector.manifest.configSchema.safeParse(o.invalidConfig ?? {}).success).toBe(false);
  });

  describeEachDialect(`${o.name} conformance`, (get, dialect) => {
    let services: Services;
    const newInstance = async (variant: 'good' | 'bad_credentials' = 'good') => {
      const inst = await createInstance(adminCtx(services), {
        connectorId: connector.manifest.id,
        name: `${o.name} ${++seq}`,
        config: o.makeConfig(variant),
        unmappedPolicy: 'create_customer',
        ...o.settings,
      });
      await o.prepareInstance?.(services, inst.id);
      return inst;
    };
    const run = (instanceId: number, entities?: EntityName[]) =>
      runInstance(services, { instanceId, trigger: 'manual', ...(entities ? { entities } : {}) });
    beforeAll(() => {
      services = testServices(get());
    });

    it('check fails cleanly on bad credentials and passes on good ones', async () => {
      o.source.reset();
      const bad = await checkInstance(adminCtx(services), (await newInstance('bad_credentials')).id);
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.kind).toBe('auth');
      expect((await checkInstance(adminCtx(services), (await newInstance()).id)).ok).toBe(true);
    });

    it('the first sync is idempotent: a second sync creates and updates nothing', async () => {
      o.source.reset();
      const inst = await newInstance();
      const first = await run(inst.id);
      expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
      expect(total(first, 'created')).toBeGreaterThan(0);
      const snap = await snapshotInstance(services.db, inst.id);
      const second = await run(inst.id);
      expect(second.status).toBe('succeeded');
      expect([total(second, 'created'), total(second, 'updated'), total(second, 'inactivated')]).toEqual([
        0, 0, 0,
      ]);
      expect(total(second, 'unchanged')).toBeGreaterThan(0);
      expect(await snapshotInstance(services.db, inst.id)).toEqual(snap);
    });

    it('picks up changes and removals on the next sync', async () => {
      o.source.reset();
      const inst = await newInstance();
      await run(inst.id);
      o.source.mutate();
      const next = await run(inst.id);
      expect(next.status).toBe('succeeded');
      expect(total(next, 'updated')).toBeGreaterThan(0);
      expect(total(next, 'inactivated')).toBeGreaterThan(0);
    });

    it('an empty source inactivates nobody (guarded)', async () => {
      o.source.reset();
      const inst = await newInstance();
      await run(inst.id);
      o.source.makeEmpty();
      const empty = await run(inst.id);
      expect(['needs_approval', 'failed']).toContain(empty.status);
      expect(total(empty, 'inactivated')).toBe(0);
      expect(sweptCount(await snapshotInstance(services.db, inst.id))).toBe(0);
    });

    it('a failure mid-run keeps committed pages, advances no cursor past them and sweeps nothing; a rerun converges', async () => {
      o.source.reset();
      const inst = await newInstance();
      await run(inst.id);
      o.source.mutate();
      o.source.failAfterPages(1);
      const failed = await run(inst.id);
      expect(failed.status).toBe('failed');
      expect(failed.error?.kind).toMatch(/transient|vendor/);
      // The entity that was reading when the source failed: nothing of its type swept, no completed cursor.
      const failedEntity = Object.keys(failed.counts).at(-1) as EntityName;
      const type = RECORD_TYPE[failedEntity];
      const snap = await snapshotInstance(services.db, inst.id);
      expect(
        sweptCount(Object.fromEntries(Object.entries(snap).filter(([k]) => k.startsWith(`${type}:`)))),
      ).toBe(0);
      const runRow = await services.db
        .selectFrom('integration_runs')
        .select('started_at')
        .where('id', '=', failed.runId)
        .executeTakeFirstOrThrow();
      const c = await services.db
        .selectFrom('sync_cursors')
        .selectAll()
        .where('instance_id', '=', inst.id)
        .where('entity', '=', failedEntity)
        .executeTakeFirst();
      expect(c === undefined || c.full_in_progress === 1 || c.updated_at < runRow.started_at).toBe(true);
      const status = await services.db
        .selectFrom('integration_instances')
        .select(['consecutive_failures', 'last_error'])
        .where('id', '=', inst.id)
        .executeTakeFirstOrThrow();
      expect(status.consecutive_failures).toBe(1);
      expect(status.last_error).toBeTruthy();
      o.source.failAfterPages(null);
      expect((await run(inst.id)).status).toBe('succeeded');
      const recovered = await snapshotInstance(services.db, inst.id);
      // The same history without the fault: seeded sync, mutate, sync.
      o.source.reset();
      const clean = await newInstance();
      await run(clean.id);
      o.source.mutate();
      await run(clean.id);
      expect(recovered).toEqual(await snapshotInstance(services.db, clean.id));
    });

    defineKillTest({
      dialect,
      source: o.source,
      connectorId: connector.manifest.id,
      makeConfig: () => o.makeConfig('good'),
      childImports: o.childImports ?? [],
      settings: o.settings ?? {},
      ...(o.prepareInstance ? { prepareInstance: o.prepareInstance } : {}),
      bulkImport: o.bulkImport ?? false,
    });
  });
}
