import { expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { systemActor, type Ctx } from '../context.js';
import { createLogger } from '../../log.js';
import { DEMO_NOTE, seedDemo } from './seed-demo.js';
import { createRng } from './prng.js';

const count = async (
  ctx: Ctx,
  table:
    | 'top_levels'
    | 'customers'
    | 'sites'
    | 'end_users'
    | 'teams'
    | 'agents'
    | 'tickets'
    | 'ticket_actions'
    | 'assets'
    | 'licences',
) =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachDialect('seed --demo', (get) => {
  it(
    'creates the stated data through the use cases, refuses a second run, and --force adds a batch',
    { timeout: 120_000 },
    async () => {
      const ctx: Ctx = {
        db: get().db,
        actor: systemActor(),
        log: createLogger('silent'),
        now: () => new Date(),
      };
      const counts = await seedDemo(ctx);
      expect(counts.customers).toBe(50);
      expect(counts.topLevels).toBe(3);
      expect(counts.teams).toBe(4);
      expect(counts.agents).toBe(8);
      expect(counts.sites).toBeGreaterThanOrEqual(50);
      expect(counts.sites).toBeLessThanOrEqual(150);
      expect(counts.users).toBeGreaterThanOrEqual(counts.sites * 2);
      expect(counts.tickets).toBeGreaterThanOrEqual(100);
      expect(counts.closedTickets).toBeGreaterThan(0);
      expect(counts.actions).toBeGreaterThan(counts.closedTickets);
      expect(counts.assets).toBeGreaterThan(50);
      expect(counts.licences).toBeGreaterThanOrEqual(50);
      // The counts are what is in the database (it started empty apart from reference data).
      expect(await count(ctx, 'top_levels')).toBe(counts.topLevels);
      expect(await count(ctx, 'customers')).toBe(counts.customers);
      expect(await count(ctx, 'sites')).toBe(counts.sites);
      expect(await count(ctx, 'end_users')).toBe(counts.users);
      expect(await count(ctx, 'teams')).toBe(counts.teams);
      expect(await count(ctx, 'agents')).toBe(counts.agents);
      expect(await count(ctx, 'tickets')).toBe(counts.tickets);
      expect(await count(ctx, 'ticket_actions')).toBe(counts.actions);
      expect(await count(ctx, 'assets')).toBe(counts.assets);
      expect(await count(ctx, 'licences')).toBe(counts.licences);
      // Every customer has 1–3 sites, and closed tickets have a closed date.
      const perCustomer = await ctx.db
        .selectFrom('sites')
        .select(['customer_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('customer_id')
        .execute();
      expect(perCustomer.every((r) => Number(r.n) >= 1 && Number(r.n) <= 3)).toBe(true);
      const closed = await ctx.db
        .selectFrom('tickets')
        .select(['closed_at'])
        .where('status_id', '=', 9)
        .execute();
      expect(closed.length).toBe(counts.closedTickets);
      expect(closed.every((t) => t.closed_at !== null)).toBe(true);
      expect(
        (await ctx.db.selectFrom('customers').select('notes').execute()).every((c) => c.notes === DEMO_NOTE),
      ).toBe(true);

      await expect(seedDemo(ctx)).rejects.toMatchObject({ code: 'DEMO_DATA_EXISTS', status: 409 });
      const again = await seedDemo(ctx, { force: true, customers: 2, seed: 7 });
      expect(again).toMatchObject({ customers: 2, topLevels: 0, teams: 0 });
      expect(await count(ctx, 'customers')).toBe(52);
    },
  );
});

it('the generator is deterministic per seed', () => {
  const a = createRng(42);
  const b = createRng(42);
  const xs = Array.from({ length: 5 }, () => a.int(0, 1000));
  expect(Array.from({ length: 5 }, () => b.int(0, 1000))).toEqual(xs);
  expect(Array.from({ length: 5 }, () => createRng(43).int(0, 1000))).not.toEqual(xs);
});
