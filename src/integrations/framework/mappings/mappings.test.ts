// Mapping generation and hand edits over a real database: exact names only (case and surrounding spaces
// ignored), OUs to sites, ambiguous names to the review list, manual mappings never overwritten.
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../db/testing.js';
import type { Services } from '../../../services.js';
import { registerExtraConnector } from '../../registry.js';
import { createInstance } from '../instances/create-instance.js';
import { memoryConnector } from '../memory-connector.test-support.js';
import { adminCtx, testServices } from '../testing.js';
import { addMapping, editMapping, listMappings, removeMapping } from './edit-mappings.js';
import { proposeMappings } from './generate-mappings.js';
import { createUserRole, listUserRoles } from '../../../core/user-roles/user-roles.js';

registerExtraConnector(memoryConnector);

describeEachDialect('mappings', (get) => {
  let services: Services;
  let instanceId = 0;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    services = testServices(get());
    const db = get().db;
    for (const name of ['Contoso', 'Fabrikam', 'Twin', 'twin ', 'Contoso Ltd']) {
      ids[name] = (
        await db
          .insertInto('customers')
          .values({ name, created_at: 'x', updated_at: 'x' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    ids.site = (
      await db
        .insertInto('sites')
        .values({
          customer_id: ids.Fabrikam as number,
          name: 'Leeds Office',
          created_at: 'x',
          updated_at: 'x',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    instanceId = (
      await createInstance(adminCtx(services), {
        connectorId: 'memory',
        name: 'maps',
        config: { token: 't' },
      })
    ).id;
  });

  it('maps exact names only, sends duplicates to the review list, and never guesses', async () => {
    const r = await proposeMappings(adminCtx(services), instanceId, [
      { externalId: 't1', name: '  CONTOSO ', kind: 'tenant' },
      { externalId: 't2', name: 'Contoso Limited', kind: 'tenant' },
      { externalId: 't3', name: 'TWIN', kind: 'tenant' },
      { externalId: 'ou1', name: 'leeds office', kind: 'ou' },
    ]);
    expect(r).toEqual({ mapped: 2, ambiguous: 1, unmatched: 1, alreadyMapped: 0 });
    const all = await listMappings(adminCtx(services), instanceId);
    const by = Object.fromEntries(all.map((m) => [m.externalId, m]));
    expect(by.t1).toMatchObject({
      status: 'mapped',
      targetKind: 'customer',
      customerId: ids.Contoso,
      source: 'generated',
    });
    expect(by.t2).toMatchObject({ status: 'unmatched', targetKind: null });
    expect(by.t3).toMatchObject({ status: 'ambiguous', targetKind: null });
    expect([...(by.t3?.candidates ?? [])].sort()).toEqual([ids.Twin, ids['twin ']].sort());
    expect(by.ou1).toMatchObject({
      status: 'mapped',
      targetKind: 'site',
      siteId: ids.site,
      customerId: ids.Fabrikam,
    });
    expect(await listMappings(adminCtx(services), instanceId, { status: 'ambiguous' })).toHaveLength(1);
  });

  it('keeps manual and existing mappings when generating again', async () => {
    const manual = await addMapping(adminCtx(services), instanceId, {
      externalId: 't3',
      target: { kind: 'customer', customerId: ids.Twin as number },
    });
    expect(manual).toMatchObject({ status: 'mapped', source: 'manual', customerId: ids.Twin });
    const again = await proposeMappings(adminCtx(services), instanceId, [
      { externalId: 't1', name: 'Contoso', kind: 'tenant' },
      { externalId: 't3', name: 'Twin', kind: 'tenant' },
      { externalId: 't2', name: 'Contoso Ltd', kind: 'tenant' }, // renamed at the source: now matches
    ]);
    expect(again).toEqual({ mapped: 1, ambiguous: 0, unmatched: 0, alreadyMapped: 2 });
    const t3 = (await listMappings(adminCtx(services), instanceId)).find((m) => m.externalId === 't3');
    expect(t3).toMatchObject({ source: 'manual', customerId: ids.Twin });
  });

  it('edits and removes by hand, validating targets', async () => {
    const m = (await listMappings(adminCtx(services), instanceId)).find((x) => x.externalId === 't1');
    if (!m) throw new Error('missing');
    await expect(
      editMapping(adminCtx(services), m.id, { target: { kind: 'customer', customerId: 999_999 } }),
    ).rejects.toMatchObject({ kind: 'input' });
    expect(
      await editMapping(adminCtx(services), m.id, {
        target: { kind: 'site', siteId: ids.site as number },
        recursive: true,
      }),
    ).toMatchObject({ source: 'manual', targetKind: 'site', recursive: true });
    await removeMapping(adminCtx(services), m.id);
    await expect(removeMapping(adminCtx(services), m.id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('gives a site mapping a user role, refusing one that does not exist with nothing written', async () => {
    const ctx = adminCtx(services);
    const role = await createUserRole(ctx, { name: 'Customer User' });
    await expect(
      addMapping(ctx, instanceId, {
        externalId: 'ou-roles',
        target: { kind: 'site', siteId: ids.site as number, userRoleId: 999_999 },
      }),
    ).rejects.toMatchObject({
      kind: 'input',
      details: [{ field: 'target.userRoleId', message: 'does not exist' }],
    });
    expect((await listMappings(ctx, instanceId)).some((x) => x.externalId === 'ou-roles')).toBe(false);

    const added = await addMapping(ctx, instanceId, {
      externalId: 'ou-roles',
      target: { kind: 'site', siteId: ids.site as number, userRoleId: role.id },
    });
    expect(added).toMatchObject({ targetKind: 'site', userRoleId: role.id });
    // Re-targeting to agents drops the user role: it belongs to end users only.
    expect(
      await editMapping(ctx, added.id, { target: { kind: 'agent', roleId: null, teamId: null } }),
    ).toMatchObject({ targetKind: 'agent', userRoleId: null });
    await expect(createUserRole(ctx, { name: ' customer user ' })).rejects.toMatchObject({
      kind: 'conflict',
      details: [{ field: 'name', message: 'is already used' }],
    });
    await expect(createUserRole(ctx, { name: '  ' })).rejects.toMatchObject({ kind: 'input' });
    expect((await listUserRoles(ctx)).map((r) => r.name)).toEqual(['Customer User']);
  });

  it('names a hand-added container from what its id says, when the connector can read it', async () => {
    const ctx = adminCtx(services);
    const ldap = (
      await createInstance(ctx, {
        connectorId: 'ldap',
        name: 'names',
        config: {
          domains: [
            {
              id: 'corp',
              hosts: ['127.0.0.1'],
              baseDns: ['DC=corp,DC=example'],
              bindDn: 'CN=svc,DC=corp,DC=example',
              bindPassword: 'pw-not-used-here',
            },
          ],
        },
      })
    ).id;
    const agents = { kind: 'agent' as const, roleId: null, teamId: null };
    const group = await addMapping(ctx, ldap, {
      externalId: 'CN=Help\\2C Desk,OU=Groups,DC=corp,DC=example',
      target: agents,
    });
    expect(group).toMatchObject({ externalName: 'Help, Desk', containerKind: 'group' });
    const ou = await addMapping(ctx, ldap, {
      externalId: 'OU=Sales,DC=corp,DC=example',
      target: { kind: 'site', siteId: ids.site as number },
    });
    expect(ou).toMatchObject({ externalName: 'Sales', containerKind: 'ou' });
    // What the console sends from discovery wins over the id's own syntax.
    const named = await addMapping(ctx, ldap, {
      externalId: 'OU=Leeds,DC=corp,DC=example',
      externalName: 'Leeds office',
      containerKind: 'ou',
      target: { kind: 'site', siteId: ids.site as number },
    });
    expect(named).toMatchObject({ externalName: 'Leeds office', containerKind: 'ou' });
    await expect(
      addMapping(ctx, ldap, {
        externalId: 'OU=Bad,DC=corp,DC=example',
        filter: '((title=x)',
        target: agents,
      }),
    ).rejects.toMatchObject({
      kind: 'input',
      details: [{ field: 'filter', message: 'has unbalanced parentheses' }],
    });
    expect(
      await addMapping(ctx, ldap, {
        externalId: 'OU=Sales,DC=corp,DC=example',
        filter: '(&(title=Engineer)(!(department=Temp)))',
        target: { kind: 'site', siteId: ids.site as number },
      }),
    ).toMatchObject({ filter: '(&(title=Engineer)(!(department=Temp)))', externalName: 'Sales' });
    await expect(addMapping(ctx, ldap, { externalId: 'Sales', target: agents })).rejects.toMatchObject({
      kind: 'input',
      details: [{ field: 'externalId', message: 'is not a DN' }],
    });
    expect((await listMappings(ctx, ldap)).map((m) => m.externalId).sort()).toEqual([
      'CN=Help\\2C Desk,OU=Groups,DC=corp,DC=example',
      'OU=Leeds,DC=corp,DC=example',
      'OU=Sales,DC=corp,DC=example',
    ]);
    // A connector without the hook keeps the id as the name.
    expect(
      await addMapping(ctx, instanceId, {
        externalId: 'tenant-9',
        target: { kind: 'customer', customerId: ids.Contoso as number },
      }),
    ).toMatchObject({ externalName: 'tenant-9', containerKind: 'tenant' });
  });
});
