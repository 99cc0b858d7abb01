// A config update may not rename a key synced records' ids begin with (LDAP's domain key): refused with the
// field and the count, nothing written. Removing a domain, renaming one nothing was synced under, and keys
// that merely share a prefix (LIKE wildcards in a key) are allowed.
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../db/testing.js';
import { AppError } from '../../../core/errors.js';
import { adminCtx, testServices } from '../testing.js';
import { createInstance } from './create-instance.js';
import { updateInstance } from './update-instance.js';

const domain = (id: string) => ({
  id,
  hosts: ['dc1.example.test'],
  bindDn: `svc@${id}.example.test`,
  bindPassword: `pw-${id}`,
  baseDns: [`DC=${id},DC=example,DC=test`],
});

describeEachDialect('config updates and the keys synced ids begin with', (get) => {
  let seq = 0;
  const setup = async (ids: string[], linked: string[]) => {
    const ctx = adminCtx(testServices(get()));
    const inst = await createInstance(ctx, {
      connectorId: 'ldap',
      name: `keys ${++seq}`,
      config: { domains: ids.map(domain) },
    });
    const now = new Date().toISOString();
    if (linked.length)
      await get()
        .db.insertInto('external_links')
        .values(
          linked.map((externalId, i) => ({
            instance_id: inst.id,
            record_type: 'user' as const,
            record_id: i + 1,
            external_id: externalId,
            last_seen_at: now,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    return { ctx, id: inst.id };
  };
  const domainsOf = async (id: number) => {
    const row = await get()
      .db.selectFrom('integration_instances')
      .select('config_json')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return (JSON.parse(row.config_json) as { domains: { id: string }[] }).domains.map((d) => d.id);
  };

  it('refuses renaming a domain key that records were synced under, naming the field and the count', async () => {
    const { ctx, id } = await setup(['corp', 'child'], ['corp:guid-1', 'corp:guid-2', 'child:guid-3']);
    const err = await updateInstance(ctx, id, {
      config: { domains: [domain('child'), domain('corporate')] },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe(
      '"corp" cannot be renamed to "corporate": 2 synced records are linked under it',
    );
    expect((err as AppError).details).toEqual([
      { field: 'config.domains.1.id', message: expect.stringContaining('replaces "corp"') as string },
    ]);
    expect(await domainsOf(id)).toEqual(['corp', 'child']);

    // Sent as the CLI or console sends it, without the password (kept per key, so the new key has none): the
    // rename is still what is reported, not the missing password. A change of case is a rename too.
    const { bindPassword: _omitted, ...withoutPassword } = domain('Corp');
    const cased = await updateInstance(ctx, id, {
      config: { domains: [withoutPassword, domain('child')] },
    }).catch((e: unknown) => e);
    expect((cased as AppError).message).toBe(
      '"corp" cannot be renamed to "Corp": 2 synced records are linked under it',
    );
    expect(await domainsOf(id)).toEqual(['corp', 'child']);
  });

  it('allows removing a domain, and renaming one that nothing was synced under', async () => {
    const { ctx, id } = await setup(['corp', 'child'], ['corp:guid-1']);
    await updateInstance(ctx, id, { config: { domains: [domain('corp'), domain('branch')] } });
    expect(await domainsOf(id)).toEqual(['corp', 'branch']);
    await updateInstance(ctx, id, { config: { domains: [domain('branch')] } });
    expect(await domainsOf(id)).toEqual(['branch']);
  });

  it('counts only ids that begin with the key and a colon: a key with LIKE wildcards matches itself only', async () => {
    const { ctx, id } = await setup(['a_b'], ['axb:guid-1', 'a_bc:guid-2']);
    await updateInstance(ctx, id, { config: { domains: [domain('renamed')] } });
    expect(await domainsOf(id)).toEqual(['renamed']);
  });
});
