// Manual runs ("Run now" in the console / admin API) notify like scheduled ones: through a real SMTP listener
// on both dialects, with the real runner syncing Sophos against its fake (a scripted 500 makes runs fail).
// A failing manual run mails once and counts toward the pause threshold; a succeeding one mails the recovery;
// a failing preview changes nothing.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeSophos, type FakeSophos } from '../../../test/fakes/sophos/index.js';
import { buildTestApp, createTestApplication } from '../../auth/testing.js';
import { describeEachDialect } from '../../db/testing.js';
import { fakeSophosConfigInput } from '../../integrations/sophos/testing.js';
import { getInstance } from '../instances.js';
import { savePauseAfter, saveSmtp } from '../stored-settings.js';
import { insertAgent } from '../test-support/seed.js';
import { startSmtpCapture, type SmtpCapture } from '../test-support/smtp-capture.js';

describeEachDialect('manual runs notify like scheduled runs', (get) => {
  let smtp: SmtpCapture;
  let fake: FakeSophos;
  let app: FastifyInstance;
  let authorization = '';
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    fake = await startFakeSophos({ tenants: 3, licencesPerTenant: 1, seed: 5 });
    app = await buildTestApp(get());
    authorization = (await createTestApplication(get().db, { scopes: 'all', permissions: ['admin'] }))
      .authorization;
    await insertAgent(get().db, { name: 'Ada (opted in)', email: 'ada@msp.test', notify: true });
    // The SMTP an admin stored (encrypted): the same settings the scheduler's runs use.
    await saveSmtp(app.services, { url: smtp.url, from: 'Tributary <integrator@msp.test>' });
    await savePauseAfter(app.services, 3);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await fake?.close();
  });

  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/admin/api${url}`,
      headers: { authorization },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const settle = () => new Promise((r) => setTimeout(r, 300));
  /** Starts a run from the admin API and waits for it to finish. */
  const runNow = async (id: number, dryRun = false) => {
    const res = await call('POST', `/instances/${id}/runs`, { dryRun });
    expect(res.statusCode, res.body).toBe(202);
    const runId = res.json<{ id: number }>().id;
    for (let i = 0; i < 200; i++) {
      const run = (await call('GET', `/runs/${runId}`)).json<{ status: string }>();
      if (run.status !== 'running' && run.status !== 'queued') return run.status;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`run ${runId} did not finish`);
  };

  it('a failing manual run mails once and counts toward the pause; a succeeding one mails the recovery', async () => {
    const created = await call('POST', '/instances', {
      connectorId: 'sophos',
      name: 'Sophos manual',
      config: fakeSophosConfigInput(fake, 'partner', { pageSize: 2 }),
      unmappedPolicy: 'create_customer',
      entities: ['customers'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    const mailsFor = () => smtp.messages.filter((m) => m.subject.includes('Sophos manual'));

    const fault = fake.inject({
      route: 'partner.tenants',
      action: { type: 'status', status: 500 },
      times: Infinity,
    });
    // A failing preview is not a sync failure: nobody is told.
    expect(await runNow(id, true)).toBe('failed');
    await settle();
    expect(mailsFor()).toHaveLength(0);

    expect(await runNow(id)).toBe('failed');
    await smtp.waitFor(1);
    await settle();
    expect(mailsFor().map((m) => m.subject)).toEqual(['[Tributary] Sync failing: Sophos manual (sophos)']);
    expect(mailsFor()[0]?.to).toEqual(['ada@msp.test']);

    // Still failing: no second mail; the third failure in a row pauses it (and says so).
    expect(await runNow(id)).toBe('failed');
    expect(await runNow(id)).toBe('failed');
    await settle();
    const inst = await getInstance(get().db, id);
    expect(inst?.consecutiveFailures).toBe(3);
    expect(inst?.pausedReason).toMatch(/^Paused after 3 consecutive failures/);
    expect(mailsFor()).toHaveLength(2);
    expect(mailsFor()[1]?.subject).toContain('paused');

    fault.cancel();
    expect(await runNow(id)).toBe('succeeded');
    await settle();
    expect(mailsFor()).toHaveLength(3);
    expect(mailsFor()[2]?.subject).toMatch(/recovered/i);
  });
});
