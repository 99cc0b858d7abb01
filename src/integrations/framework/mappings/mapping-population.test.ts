// The people a mapping holds, counted after real runs: a site mapping's end users of this instance (active and
// inactive), a customer mapping's in all the customer's sites, an agent mapping's agents by role and team, and
// never the records of another instance on the same site.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../db/testing.js';
import type { Services } from '../../../services.js';
import { registerExtraConnector } from '../../registry.js';
import type { ExternalPerson } from '../contract.js';
import { createInstance } from '../instances/create-instance.js';
import { memory, memoryConnector, resetMemory } from '../memory-connector.test-support.js';
import { runInstance } from '../runs/run-instance.js';
import { adminCtx, customerWithSite, testServices } from '../testing.js';
import { addMapping, listMappingsWithPeople } from './edit-mappings.js';
import { mappingPopulation } from './mapping-population.js';

registerExtraConnector(memoryConnector);

const person = (id: string, container: string, disabled = false): ExternalPerson => ({
  externalId: id,
  containerId: container,
  disabled,
  fields: { name: `Person ${id}` },
});

describeEachDialect('mapping population', (get) => {
  let services: Services;
  beforeAll(() => {
    services = testServices(get());
  });
  beforeEach(() => {
    resetMemory();
    memory.pageSize = 100;
  });

  it('counts each mapping’s people at its target, active and inactive, for this instance only', async () => {
    const ctx = adminCtx(services);
    const db = get().db;
    const { customerId, siteId: sales } = await customerWithSite(db, 'Population Co');
    const it2 = await db
      .insertInto('sites')
      .values({ customer_id: customerId, name: 'IT', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const nobody = await db
      .insertInto('sites')
      .values({ customer_id: customerId, name: 'Nobody here', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const role = async (name: string) =>
      (
        await db
          .insertInto('roles')
          .values({ name, created_at: 'x', updated_at: 'x' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const team = async (name: string) =>
      (
        await db
          .insertInto('teams')
          .values({ name, created_at: 'x', updated_at: 'x' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const [tech, lead, desk] = [await role('Pop Tech'), await role('Pop Lead'), await team('Pop Desk')];

    const inst = await createInstance(ctx, {
      connectorId: 'memory',
      name: 'population',
      config: { token: 't' },
    });
    const map = (externalId: string, target: Parameters<typeof addMapping>[2]['target']) =>
      addMapping(ctx, inst.id, { externalId, target });
    const m = {
      sales: await map('OU=Sales', { kind: 'site', siteId: sales }),
      alsoSales: await map('OU=Sales Temps', { kind: 'site', siteId: sales }),
      it: await map('OU=IT', { kind: 'site', siteId: it2.id }),
      empty: await map('OU=Empty', { kind: 'site', siteId: nobody.id }),
      techs: await map('OU=Techs', { kind: 'agent', roleId: tech, teamId: desk }),
      anyLead: await map('OU=Leads', { kind: 'agent', roleId: lead, teamId: null }),
      headOffice: await map('OU=Head office', { kind: 'customer', customerId }),
    };
    memory.records.users = [
      person('u1', 'OU=Sales'),
      person('u2', 'OU=Sales'),
      person('u3', 'OU=Sales', true), // disabled at the source: inactive
      person('u4', 'OU=Sales Temps'),
      person('u5', 'OU=IT'),
    ];
    memory.records.agents = [
      person('a1', 'OU=Techs'),
      person('a2', 'OU=Techs', true),
      person('a3', 'OU=Leads'),
    ];
    const run = await runInstance(services, {
      instanceId: inst.id,
      trigger: 'manual',
      entities: ['users', 'agents'],
    });
    expect(run.status, JSON.stringify(run)).toBe('succeeded');

    // Another instance's people on the same site are not this instance's.
    const other = await createInstance(ctx, { connectorId: 'memory', name: 'other', config: { token: 't' } });
    await addMapping(ctx, other.id, { externalId: 'OU=Sales', target: { kind: 'site', siteId: sales } });
    memory.records.users = [person('x1', 'OU=Sales'), person('x2', 'OU=Sales')];
    memory.records.agents = [];
    await runInstance(services, { instanceId: other.id, trigger: 'manual', entities: ['users'] });

    const people = Object.fromEntries(
      (await listMappingsWithPeople(ctx, inst.id)).map((x) => [x.externalId, x.people]),
    );
    expect(people).toEqual({
      [m.sales.externalId]: { active: 3, inactive: 1 }, // the site holds u1, u2, u4 and the disabled u3
      [m.alsoSales.externalId]: { active: 3, inactive: 1 }, // the same site: the same people
      [m.it.externalId]: { active: 1, inactive: 0 },
      [m.empty.externalId]: { active: 0, inactive: 0 },
      [m.techs.externalId]: { active: 1, inactive: 1 },
      [m.anyLead.externalId]: { active: 1, inactive: 0 },
      // A customer mapping's people go to its main site: all of its sites count.
      [m.headOffice.externalId]: { active: 4, inactive: 1 },
    });
    // A vendor's customer holds no people (Sophos): its mapping has no population.
    const all = await listMappingsWithPeople(ctx, inst.id);
    const asVendor = await mappingPopulation(db, inst.id, all, { customersHoldPeople: false });
    expect(asVendor.has(m.headOffice.id)).toBe(false);
    expect(asVendor.get(m.sales.id)).toEqual({ active: 3, inactive: 1 });
    const otherPeople = await listMappingsWithPeople(ctx, other.id);
    expect(otherPeople.map((x) => x.people)).toEqual([{ active: 2, inactive: 0 }]);
  });
});
