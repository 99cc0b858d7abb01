// The console's integrations API over the real app and real tokens, with the conformance fixture connector:
// secrets write-only (never in responses, the database or logs), 400s naming the field with nothing written,
// admin only, async runs with pollable progress, previews, mappings.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, createTestApplication } from '../../auth/testing.js';
import { describeEachDialect } from '../../db/testing.js';
import { createLogger } from '../../log.js';
import { registerExtraConnector } from '../../integrations/registry.js';
import { fixtureConnector } from '../../../test/conformance/fixture-connector/connector.js';
import {
  FIXTURE_CLIENT_ID,
  FIXTURE_SECRET,
  FixtureSource,
} from '../../../test/conformance/fixture-connector/source.js';

registerExtraConnector(fixtureConnector);

describeEachDialect('admin API: integrations', (get) => {
  const source = new FixtureSource();
  let app: FastifyInstance;
  let auth: Record<string, string>;
  let logs = '';
  const config = () => ({
    baseUrl: source.url,
    clientId: FIXTURE_CLIENT_ID,
    clientSecret: FIXTURE_SECRET,
    pageSize: 3,
  });
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/admin/api${url}`,
      headers: auth,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    await source.start();
    const sink = new Writable({ write: (c: Buffer, _e, cb) => ((logs += c.toString()), cb()) });
    app = await buildTestApp(get(), { log: createLogger('debug', sink) });
    auth = {
      authorization: (await createTestApplication(get().db, { scopes: 'all', permissions: ['admin'] }))
        .authorization,
    };
  });
  afterAll(async () => {
    await app.close();
    await source.stop();
  });

  it('lists connectors with the config schema and its secret fields flagged', async () => {
    const res = await call('GET', '/connectors');
    const fixture = res.json().find((c: { id: string }) => c.id === 'fixture');
    expect(fixture.configSchema.properties.clientSecret).toMatchObject({ secret: true, writeOnly: true });
    expect(fixture.entities).toEqual(['customers', 'licences']);
    expect(fixture.mappableFields.customers).toEqual(['name', 'website', 'notes']);
    // The customer's name is not written on updates unless the admin maps it.
    expect(fixture.defaultFields.customers).toEqual(['website', 'notes']);
    expect(fixture.defaultFields.licences).toEqual(fixture.mappableFields.licences);
  });

  it('rejects a bad instance with 400 naming the field, writing nothing', async () => {
    const before = (await get().db.selectFrom('integration_instances').select('id').execute()).length;
    const res = await call('POST', '/instances', {
      connectorId: 'fixture',
      name: 'Bad',
      config: { ...config(), baseUrl: 'nope' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('config.baseUrl');
    const noName = await call('POST', '/instances', { connectorId: 'fixture', config: config() });
    expect(noName.statusCode).toBe(400);
    const noTop = await call('POST', '/instances', {
      connectorId: 'fixture',
      name: 'NoTop',
      config: config(),
      createUnderToplevelId: 999_999,
    });
    expect(noTop.statusCode).toBe(400);
    expect(noTop.json().errors[0].field).toBe('createUnderToplevelId');
    expect((await get().db.selectFrom('integration_instances').select('id').execute()).length).toBe(before);
  });

  it('keeps secrets write-only: masked in responses, encrypted in the database, absent from logs, kept on update', async () => {
    const res = await call('POST', '/instances', {
      connectorId: 'fixture',
      name: 'Fixture A',
      config: config(),
      unmappedPolicy: 'create_customer',
    });
    expect(res.statusCode, res.body).toBe(201);
    const inst = res.json();
    expect(inst.config.clientSecret).toBe('********');
    expect(inst.secrets).toEqual({ clientSecret: { set: true } });
    expect(res.body).not.toContain(FIXTURE_SECRET);
    const row = await get()
      .db.selectFrom('integration_instances')
      .selectAll()
      .where('id', '=', inst.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(FIXTURE_SECRET);
    const patched = await call('PATCH', `/instances/${inst.id}`, {
      config: { pageSize: 2, clientSecret: '********' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().config.pageSize).toBe(2);
    expect((await call('POST', `/instances/${inst.id}/check`)).json()).toMatchObject({ ok: true });
    await call('PATCH', `/instances/${inst.id}`, { config: { clientSecret: 'another-wrong-secret' } });
    expect((await call('POST', `/instances/${inst.id}/check`)).json()).toMatchObject({
      ok: false,
      kind: 'auth',
    });
    await call('PATCH', `/instances/${inst.id}`, { config: { clientSecret: FIXTURE_SECRET } });
    expect(logs).not.toContain(FIXTURE_SECRET);
    expect(logs).not.toContain('another-wrong-secret');
  });

  it('generates mappings, previews, runs asynchronously with pollable progress, and shows Last Sync', async () => {
    const inst = (await call('GET', '/instances?connectorId=fixture'))
      .json()
      .find((i: { name: string }) => i.name === 'Fixture A');
    expect((await call('POST', `/instances/${inst.id}/mappings/generate`)).json()).toEqual({
      mapped: 0,
      ambiguous: 0,
      unmatched: 7,
      alreadyMapped: 0,
    });
    expect((await call('GET', `/instances/${inst.id}/mappings?status=unmatched`)).json()).toHaveLength(7);
    const preview = await call('POST', `/instances/${inst.id}/preview`);
    expect(preview.statusCode, preview.body).toBe(202);
    let run = preview.json();
    for (let i = 0; i < 100 && run.status === 'running'; i++)
      run = (await new Promise((r) => setTimeout(r, 50)), (await call('GET', `/runs/${run.id}`)).json());
    expect(run.dryRun).toBe(true);
    expect(
      run.preview.filter((p: { action: string }) => p.action === 'create').length,
    ).toBeGreaterThanOrEqual(7);
    expect(
      (await get().db.selectFrom('external_links').select('id').where('instance_id', '=', inst.id).execute())
        .length,
    ).toBe(0);
    const started = await call('POST', `/instances/${inst.id}/runs`, { entities: ['customers'] });
    expect(started.statusCode).toBe(202);
    run = started.json();
    for (let i = 0; i < 100 && run.status === 'running'; i++)
      run = (await new Promise((r) => setTimeout(r, 50)), (await call('GET', `/runs/${run.id}`)).json());
    expect(run.status).toBe('succeeded');
    expect(run.counts.customers).toMatchObject({ created: 7, failed: 0 });
    const history = (await call('GET', `/instances/${inst.id}/runs`)).json();
    expect(history[0].id).toBe(run.id);
    const after = (await call('GET', `/instances/${inst.id}`)).json();
    expect(after.status.lastSyncAt).toBeTruthy();
    expect(after.status.lastRunId).toBe(run.id);
    expect((await call('GET', `/instances/${inst.id}/mappings?status=mapped`)).json()).toHaveLength(7);
  });

  it('resumes a paused instance: /resume and /enable clear the pause and the failure count', async () => {
    const inst = (await call('GET', '/instances?connectorId=fixture'))
      .json()
      .find((i: { name: string }) => i.name === 'Fixture A');
    const pause = () =>
      get()
        .db.updateTable('integration_instances')
        .set({ paused_reason: 'Paused after 5 consecutive failures', consecutive_failures: 5, enabled: 1 })
        .where('id', '=', inst.id)
        .execute();
    await pause();
    expect((await call('GET', `/instances/${inst.id}`)).json().status).toMatchObject({
      pausedReason: 'Paused after 5 consecutive failures',
      consecutiveFailures: 5,
    });
    const resumed = await call('POST', `/instances/${inst.id}/resume`);
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json()).toMatchObject({
      enabled: true,
      status: { pausedReason: null, consecutiveFailures: 0 },
    });
    await pause();
    const enabled = await call('POST', `/instances/${inst.id}/enable`);
    expect(enabled.json()).toMatchObject({
      enabled: true,
      status: { pausedReason: null, consecutiveFailures: 0 },
    });
    expect((await call('POST', '/instances/999999/resume')).statusCode).toBe(404);
  });

  it('is admin only', async () => {
    const reader = await createTestApplication(get().db, { scopes: 'all', permissions: ['customers:read'] });
    const res = await app.inject({
      method: 'GET',
      url: '/admin/api/instances',
      headers: { authorization: reader.authorization },
    });
    expect(res.statusCode).toBe(403);
  });
});
