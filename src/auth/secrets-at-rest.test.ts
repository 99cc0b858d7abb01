// No plaintext secret, token, API key, password or session id in the database (every text column of every
// table) or in the logs (pino output captured at trace level, through real HTTP requests).
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.js';
import type { Db } from '../db/transaction.js';
import { createLogger } from '../log.js';
import { buildTestApp, createTestConsoleAgent, testCtx } from './testing.js';
import { createAgent } from './agents/create-agent.js';

async function dumpAllText(db: Db, dialect: 'sqlite' | 'postgres'): Promise<string> {
  const tables =
    dialect === 'sqlite'
      ? (
          await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(
            db,
          )
        ).rows.map((r) => r.name);
  expect(tables).toContain('api_tokens');
  const parts: string[] = [];
  for (const t of tables) {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(db)).rows;
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}

describeEachDialect('secrets at rest and in logs', (get, dialect) => {
  it('stores only hashes and never logs a secret', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = await buildTestApp(get(), { log: createLogger('trace', sink) });
    try {
      const admin = await createTestConsoleAgent(get().db, ['admin']);
      const agent = await createAgent(testCtx(get().db), {
        name: 'Secrets agent',
        is_api_only: true,
        roles: ['Administrator'],
      });

      // Through the console API: create an app (client credentials) and an API-key app; regenerate a secret.
      const created = await app.inject({
        method: 'POST',
        url: '/admin/api/applications',
        headers: { cookie: admin.cookie },
        payload: { name: 'Leaky?', login_agent_id: agent.id },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { client_id: clientId, client_secret: firstSecret } = created.json();
      const regenerated = await app.inject({
        method: 'POST',
        url: `/admin/api/applications/${created.json().application.id}/regenerate-secret`,
        headers: { cookie: admin.cookie, 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(regenerated.statusCode, regenerated.body).toBe(200);
      const secret: string = regenerated.json().client_secret;
      const keyApp = await app.inject({
        method: 'POST',
        url: '/admin/api/applications',
        headers: { cookie: admin.cookie },
        payload: { name: 'Key', login_agent_id: agent.id, auth_method: 'api_key' },
      });
      const apiKey: string = keyApp.json().api_key;

      // Tokens by form, by Basic, a failure, and a secret wrongly put in the query string.
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const t1 = await app.inject({
        method: 'POST',
        url: '/auth/token',
        headers: form,
        payload: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: secret,
        }).toString(),
      });
      const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
      const t2 = await app.inject({
        method: 'POST',
        url: '/auth/token?tenant=',
        headers: { ...form, authorization: `Basic ${basic}` },
        payload: 'grant_type=client_credentials',
      });
      await app.inject({
        method: 'POST',
        url: '/auth/token',
        headers: form,
        payload: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: firstSecret,
        }).toString(),
      });
      const inQuery = await app.inject({
        method: 'POST',
        url: `/auth/token?client_secret=${secret}`,
        headers: form,
        payload: `grant_type=client_credentials&client_id=${clientId}`,
      });
      expect(inQuery.statusCode).toBe(400);
      const tokens: string[] = [t1.json().access_token, t2.json().access_token];
      for (const token of tokens)
        expect(
          (
            await app.inject({
              method: 'GET',
              url: '/api/Client',
              headers: { authorization: `Bearer ${token}` },
            })
          ).statusCode,
        ).toBe(200);
      expect(
        (await app.inject({ method: 'GET', url: '/api/Client', headers: { 'x-halo-api-key': apiKey } }))
          .statusCode,
      ).toBe(200);

      // A console sign-in through HTTP.
      const signIn = await app.inject({
        method: 'POST',
        url: '/admin/api/session',
        payload: { login: admin.login, password: admin.password },
      });
      expect(signIn.statusCode).toBe(200);
      const sessionId = String(signIn.headers['set-cookie']).split(';')[0]?.split('=')[1] ?? '';
      expect(sessionId.length).toBeGreaterThan(40);

      const plaintexts = {
        firstSecret,
        secret,
        apiKey,
        password: admin.password,
        sessionId,
        consoleCookie: admin.cookie.split('=')[1] ?? '',
        ...Object.fromEntries(tokens.map((t, i) => [`token${i}`, t])),
      };
      const dump = await dumpAllText(get().db, dialect);
      expect(dump).toContain(clientId); // the scan does see the rows
      for (const [name, value] of Object.entries(plaintexts)) {
        expect(value.length, name).toBeGreaterThan(10);
        expect(dump.includes(value), `${name} found in the database`).toBe(false);
      }
      const logs = lines.join('');
      expect(logs).toContain('token issued'); // the capture works
      for (const [name, value] of Object.entries(plaintexts))
        expect(logs.includes(value), `${name} found in the logs`).toBe(false);
      expect(logs.includes(basic), 'Basic credentials found in the logs').toBe(false);
    } finally {
      await app.close();
    }
  });
});
