// The console's record lists over HTTP: signed-in only, permission by area, validated paging and ids, and the
// settings status that never shows a secret.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { buildTestApp, createTestConsoleAgent, testServices } from '../../auth/testing.js';
import { describeSettings } from './records.js';

const T = '2026-11-21T06:00:00.000Z';

describeEachDialect('admin API: records and settings status', (get) => {
  let app: FastifyInstance;
  let admin: string;
  let ticketsOnly: string;
  beforeAll(async () => {
    app = await buildTestApp(get());
    admin = (await createTestConsoleAgent(get().db, ['admin'])).cookie;
    ticketsOnly = (await createTestConsoleAgent(get().db, ['tickets:read'])).cookie;
    for (const name of ['Alpha Ltd', 'Beta Ltd', 'Gamma plc'])
      await get().db.insertInto('customers').values({ name, created_at: T, updated_at: T }).execute();
  });
  afterAll(async () => {
    await app.close();
  });
  const get_ = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('needs a signed-in agent', async () => {
    expect((await get_('/admin/api/records/customers')).statusCode).toBe(401);
  });

  it('lists with search and paging', async () => {
    const res = await get_('/admin/api/records/customers?search=ltd&pageSize=1&page=2', admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      total: 2,
      page: 2,
      pageSize: 1,
      items: [{ name: 'Beta Ltd', sources: [] }],
    });
  });

  it('fetches named ids and rejects malformed ones', async () => {
    const all = (await get_('/admin/api/records/customers', admin)).json() as {
      items: { id: number; name: string }[];
    };
    const id = all.items.find((c) => c.name === 'Gamma plc')!.id;
    expect(
      (await get_(`/admin/api/records/customers?ids=${id}`, admin))
        .json()
        .items.map((c: { name: string }) => c.name),
    ).toEqual(['Gamma plc']);
    const bad = await get_('/admin/api/records/customers?ids=1,x', admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('ids');
  });

  it('validates the type and the page size', async () => {
    expect((await get_('/admin/api/records/widgets', admin)).statusCode).toBe(400);
    expect((await get_('/admin/api/records/customers?pageSize=1000', admin)).statusCode).toBe(400);
    expect((await get_('/admin/api/records/customers/999999', admin)).statusCode).toBe(404);
  });

  it('checks the permission area of each type', async () => {
    expect((await get_('/admin/api/records/customers', ticketsOnly)).statusCode).toBe(403);
    expect((await get_('/admin/api/records/tickets', ticketsOnly)).statusCode).toBe(200);
  });

  it('reports SMTP and master key status to admins only, without secrets', async () => {
    expect((await get_('/admin/api/settings/status', ticketsOnly)).statusCode).toBe(403);
    const res = await get_('/admin/api/settings/status', admin);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.database.dialect).toBe(get().dialect);
    expect(body.smtp.configured).toBe(false);
    expect(body.masterKey.currentKeyId).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toMatch(/password|secret/i);
  });

  it('describes a configured SMTP server without its credentials', () => {
    const services = testServices(get(), {
      config: {
        smtp: { url: 'smtp://mailer:hunter2-pass@mail.example.com:2525', from: 'Tributary <t@example.com>' },
      },
    });
    const s = describeSettings(services);
    expect(s.smtp).toEqual({
      configured: true,
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      from: 'Tributary <t@example.com>',
    });
    expect(JSON.stringify(s)).not.toContain('hunter2');
    expect(JSON.stringify(s)).not.toContain('mailer');
  });
});
