import { expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.js';
import { ensureFirstAdmin, firstAdminNotice } from './ensure-first-admin.js';
import { logIn } from './sessions/log-in.js';
import { loadAgentPermissions } from './agent-permissions.js';

describeEachDialect('first start: the admin agent', (get) => {
  it('creates admin with a generated one-time password exactly once, as an Administrator', async () => {
    const { db } = get();
    const first = await ensureFirstAdmin(db);
    expect(first).toMatchObject({ created: true, login: 'admin', source: 'generated' });
    if (!first.created || first.source !== 'generated') throw new Error('unreachable');
    expect(first.password.length).toBeGreaterThanOrEqual(20);
    expect(firstAdminNotice(first, 'http://127.0.0.1:8080')).toContain(first.password);
    const session = await logIn(db, { login: 'admin', password: first.password }, new Date());
    expect((await loadAgentPermissions(db, session.agentId)).isAdmin).toBe(true);
    // A second start (or a concurrent one) does nothing.
    expect(await Promise.all([ensureFirstAdmin(db), ensureFirstAdmin(db)])).toEqual([
      { created: false },
      { created: false },
    ]);
    const admins = await db.selectFrom('agents').select('id').where('login', '=', 'admin').execute();
    expect(admins).toHaveLength(1);
    const row = await db
      .selectFrom('agents')
      .select('password_hash')
      .where('login', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain(first.password);
  });
});

describeEachDialect('first start with TRIBUTARY_ADMIN_PASSWORD', (get) => {
  it('uses the configured password and reveals nothing', async () => {
    const result = await ensureFirstAdmin(get().db, { adminPassword: 'configured-admin-password' });
    expect(result).toEqual({ created: true, agentId: expect.any(Number), login: 'admin', source: 'env' });
    await expect(
      logIn(get().db, { login: 'admin', password: 'configured-admin-password' }, new Date()),
    ).resolves.toBeDefined();
  });
});
