// A site mapping's user role reaches its people: set when they are created (the batched insert) and when
// they are adopted, changed when the mapping's role changes, and left alone (a role given by hand survives)
// while the mapping names none. Giving a mapping a role must not rewrite users of other mappings.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { createUserRole } from '../../../core/user-roles/user-roles.js';
import { describeEachDialect } from '../../../db/testing.js';
import type { Services } from '../../../services.js';
import { registerExtraConnector } from '../../registry.js';
import type { ExternalPerson } from '../contract.js';
import { createInstance } from '../instances/create-instance.js';
import { addMapping, editMapping } from '../mappings/edit-mappings.js';
import { memory, memoryConnector, resetMemory } from '../memory-connector.test-support.js';
import { runInstance } from '../runs/run-instance.js';
import { adminCtx, customerWithSite, testServices } from '../testing.js';

registerExtraConnector(memoryConnector);

describeEachDialect('reconciler: user roles from site mappings', (get) => {
  let services: Services;
  beforeAll(() => {
    services = testServices(get());
  });
  beforeEach(() => {
    resetMemory();
    memory.pageSize = 100;
  });

  it('sets, changes and leaves alone the user role as the mapping says', async () => {
    const ctx = adminCtx(services);
    const db = get().db;
    const staff = await createUserRole(ctx, { name: 'Staff' });
    const approver = await createUserRole(ctx, { name: 'Approver' });
    const inst = await createInstance(ctx, {
      connectorId: 'memory',
      name: 'roles',
      config: { token: 'tok' },
    });
    const { customerId, siteId } = await customerWithSite(db, 'Roles Co');
    const sales = await addMapping(ctx, inst.id, {
      externalId: 'OU=Sales',
      target: { kind: 'site', siteId, userRoleId: staff.id },
    });
    const it2 = await addMapping(ctx, inst.id, { externalId: 'OU=IT', target: { kind: 'site', siteId } });
    // Hand-made, with a role given by hand; the directory adopts him by e-mail into the mapping without a role.
    await db
      .insertInto('end_users')
      .values({
        customer_id: customerId,
        site_id: siteId,
        name: 'Ivan',
        email: 'ivan@roles.test',
        user_role_id: approver.id,
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    const person = (id: string, ou: string, name: string): ExternalPerson => ({
      externalId: id,
      containerId: ou,
      disabled: false,
      fields: { name, email: `${name.toLowerCase()}@roles.test` },
      match: { field: 'email', value: `${name.toLowerCase()}@roles.test` },
    });
    memory.records.users = [
      person('s1', 'OU=Sales', 'Sara'),
      person('s2', 'OU=Sales', 'Sam'),
      person('i1', 'OU=IT', 'Ivan'),
      person('i2', 'OU=IT', 'Iris'),
    ];
    const roles = async () =>
      Object.fromEntries(
        (
          await db
            .selectFrom('end_users')
            .select(['name', 'user_role_id'])
            .where('customer_id', '=', customerId)
            .execute()
        ).map((u) => [u.name, u.user_role_id]),
      );
    const run = () => runInstance(services, { instanceId: inst.id, trigger: 'manual', entities: ['users'] });

    expect((await run()).counts.users).toMatchObject({ created: 3, updated: 0, unchanged: 1, failed: 0 });
    expect(await roles()).toEqual({ Sara: staff.id, Sam: staff.id, Ivan: approver.id, Iris: null });
    expect((await run()).counts.users).toMatchObject({ created: 0, updated: 0, unchanged: 4 });

    // The Sales mapping's role changes: its two people are updated, IT's are not touched.
    await editMapping(ctx, sales.id, { target: { kind: 'site', siteId, userRoleId: approver.id } });
    expect((await run()).counts.users).toMatchObject({ updated: 2, unchanged: 2 });
    expect(await roles()).toEqual({ Sara: approver.id, Sam: approver.id, Ivan: approver.id, Iris: null });

    // IT's mapping gains a role: Ivan's hand-given role is now the mapping's to decide.
    await editMapping(ctx, it2.id, { target: { kind: 'site', siteId, userRoleId: staff.id } });
    expect((await run()).counts.users).toMatchObject({ updated: 2, unchanged: 2 });
    expect(await roles()).toEqual({ Sara: approver.id, Sam: approver.id, Ivan: staff.id, Iris: staff.id });
  });
});
