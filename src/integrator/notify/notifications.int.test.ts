// Failure / recovery / pause e-mails through a real SMTP listener, on both dialects, with the real runner
// syncing the Sophos connector against the Sophos Central fake (a scripted 500 makes runs fail).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeSophos, type FakeSophos, type InjectedFault } from '../../../test/fakes/sophos/index.js';
import { describeEachDialect } from '../../db/testing.js';
import { createInstance } from '../../integrations/framework/index.js';
import { adminCtx, testServices } from '../../integrations/framework/testing.js';
import { fakeSophosConfigInput } from '../../integrations/sophos/testing.js';
import type { Services } from '../../services.js';
import { createRunHandler } from '../execute.js';
import { buildAfterRun } from '../integrator.js';
import { getInstance, isRunnable } from '../instances.js';
import { resumeInstance } from '../pause.js';
import { loadRunInstance } from '../runner-port.js';
import { loadIntegratorSettings } from '../settings.js';
import { insertAgent } from '../test-support/seed.js';
import { startSmtpCapture, type SmtpCapture } from '../test-support/smtp-capture.js';
import { createSmtpMailer } from './mailer.js';
import { mailerFromSettings } from '../integrator.js';
import { describeSettings, savePauseAfter, saveSmtp } from '../stored-settings.js';

describeEachDialect('integrator notifications', (get) => {
  let smtp: SmtpCapture;
  let fake: FakeSophos;
  let services: Services;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    fake = await startFakeSophos({ tenants: 3, licencesPerTenant: 1, seed: 11 });
    services = testServices(get());
    const { db } = get();
    await insertAgent(db, { name: 'Ada (opted in)', email: 'ada@msp.test', notify: true });
    await insertAgent(db, { name: 'Bob (opted in)', email: 'bob@msp.test', notify: true });
    await insertAgent(db, { name: 'Cy (opted out)', email: 'cy@msp.test', notify: false });
    await insertAgent(db, { name: 'Di (opted in, no e-mail)', email: null, notify: true });
    await insertAgent(db, {
      name: 'Ed (opted in, inactive)',
      email: 'ed@msp.test',
      notify: true,
      inactive: true,
    });
  });
  afterAll(async () => {
    await smtp?.close();
    await fake?.close();
  });

  async function setup(pauseAfterFailures = 30, smtpUrl = smtp.url) {
    const settings = loadIntegratorSettings({}, { pauseAfterFailures });
    const mailer = async () => createSmtpMailer({ url: smtpUrl, from: 'Tributary <integrator@msp.test>' });
    const afterRun = buildAfterRun(services, settings, mailer);
    const handler = createRunHandler({
      services,
      runInstance: await loadRunInstance(),
      afterRun,
      log: services.log,
      leaseWaitMaxMs: 0,
    });
    const name = `Sophos ${Math.random().toString(36).slice(2, 8)}`;
    const instance = await createInstance(adminCtx(services), {
      connectorId: 'sophos',
      name,
      config: fakeSophosConfigInput(fake, 'partner', { pageSize: 2 }),
      unmappedPolicy: 'create_customer',
      entities: ['customers'],
    });
    const run = async () => {
      const r = await handler(
        { instanceId: instance.id, trigger: 'schedule' },
        { signal: new AbortController().signal, attempt: 0, retryLimit: 0 },
      );
      return r.outcome;
    };
    return { id: instance.id, name, run };
  }

  const failTenants = (): InjectedFault =>
    fake.inject({ route: 'partner.tenants', action: { type: 'status', status: 500 }, times: Infinity });
  const mailsFor = (name: string) => smtp.messages.filter((m) => m.subject.includes(name));
  const settle = () => new Promise((r) => setTimeout(r, 300));

  it('mails opted-in agents once on failure, not again while failing, and once on recovery', async () => {
    const { id, name, run } = await setup();
    const fault = failTenants();
    const first = await run();
    expect(first?.status).toBe('failed');
    await smtp.waitFor(1);
    await settle();
    let mails = mailsFor(name);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.to).toEqual(['ada@msp.test', 'bob@msp.test']);
    expect(mail?.subject).toBe(`[Tributary] Sync failing: ${name} (sophos)`);
    expect(mail?.body).toContain(`Instance:  ${name} (#${id})`);
    expect(mail?.body).toContain('Connector: sophos');
    expect(mail?.body).toContain(`Error:     ${first?.error?.code}`);
    expect(mail?.body).toContain(`Run:       #${first?.runId}`);
    expect(mail?.body).toMatch(/When: +\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(mail?.raw).not.toContain(fake.credentials.partner.clientSecret);

    expect((await run())?.status).toBe('failed');
    expect((await run())?.status).toBe('failed');
    await settle();
    expect(mailsFor(name)).toHaveLength(1);
    expect((await getInstance(services.db, id))?.consecutiveFailures).toBe(3);

    fault.cancel();
    expect((await run())?.status).toBe('succeeded');
    await settle();
    mails = mailsFor(name);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toBe(`[Tributary] Sync recovered: ${name} (sophos)`);
    expect(mails[1]?.to).toEqual(['ada@msp.test', 'bob@msp.test']);

    expect((await run())?.status).toBe('succeeded');
    await settle();
    expect(mailsFor(name)).toHaveLength(2);

    const log = await services.db
      .selectFrom('integrator_notifications')
      .selectAll()
      .where('instance_id', '=', id)
      .orderBy('id')
      .execute();
    expect(log.map((l) => [l.kind, l.status, JSON.parse(l.recipients)])).toEqual([
      ['failure', 'sent', ['ada@msp.test', 'bob@msp.test']],
      ['recovery', 'sent', ['ada@msp.test', 'bob@msp.test']],
    ]);
  });

  it('pauses after N consecutive failures with a reason, mails once about it, and resuming clears it', async () => {
    const { id, name, run } = await setup(3);
    const fault = failTenants();
    await run();
    await run();
    expect((await getInstance(services.db, id))?.pausedReason).toBeNull();
    const third = await run();
    const instance = await getInstance(services.db, id);
    expect(instance?.pausedReason).toMatch(
      new RegExp(`^Paused after 3 consecutive failures; last error: ${third?.error?.code}: `),
    );
    expect(instance && isRunnable(instance)).toBe(false);

    await settle();
    let mails = mailsFor(name);
    expect(mails.map((m) => m.subject)).toEqual([
      `[Tributary] Sync failing: ${name} (sophos)`,
      `[Tributary] Sync paused: ${name} (sophos)`,
    ]);
    expect(mails[1]?.body).toContain('Paused after 3 consecutive failures');
    expect(mails[1]?.body).toContain(`tributary integrator --resume ${id}`);

    // A scheduled job still queued when the pause happened does not run.
    const runsBefore = await services.db
      .selectFrom('integration_runs')
      .select('id')
      .where('instance_id', '=', id)
      .execute();
    expect(await run()).toBeNull();
    expect(
      await services.db.selectFrom('integration_runs').select('id').where('instance_id', '=', id).execute(),
    ).toHaveLength(runsBefore.length);

    fault.cancel();
    expect(await resumeInstance(services.db, id)).toBe(true);
    expect(await getInstance(services.db, id)).toMatchObject({
      pausedReason: null,
      consecutiveFailures: 0,
      enabled: true,
    });
    expect((await run())?.status).toBe('succeeded');
    await settle();
    mails = mailsFor(name);
    expect(mails.map((m) => m.subject.split(':')[0])).toEqual([
      '[Tributary] Sync failing',
      '[Tributary] Sync paused',
      '[Tributary] Sync recovered',
    ]);
  });

  it('a dead mail server is logged and recorded, never thrown', async () => {
    const { id, run } = await setup(30, 'smtp://127.0.0.1:1');
    const fault = failTenants();
    try {
      expect((await run())?.status).toBe('failed');
    } finally {
      fault.cancel();
    }
    const log = await services.db
      .selectFrom('integrator_notifications')
      .selectAll()
      .where('instance_id', '=', id)
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: 'failure', status: 'failed' });
    expect(log[0]?.error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
  });

  it('uses SMTP and the pause threshold stored in the database (URL encrypted at rest) when the environment has none', async () => {
    expect(services.config.smtp).toBeUndefined();
    await saveSmtp(services, { url: smtp.url, from: 'Stored <stored@msp.test>' });
    await savePauseAfter(services, 2);
    try {
      const stored = await services.db.selectFrom('integrator_settings').selectAll().execute();
      expect(stored.find((r) => r.key === 'smtp_url')?.value).not.toContain('127.0.0.1');
      expect(await describeSettings(services)).toEqual({
        smtp: 'database',
        smtpFrom: 'Stored <stored@msp.test>',
        pauseAfterFailures: 2,
      });

      const afterRun = buildAfterRun(services, loadIntegratorSettings({}, {}), mailerFromSettings(services));
      const handler = createRunHandler({
        services,
        runInstance: await loadRunInstance(),
        afterRun,
        log: services.log,
        leaseWaitMaxMs: 0,
      });
      const name = `Stored ${Math.random().toString(36).slice(2, 8)}`;
      const { id } = await createInstance(adminCtx(services), {
        connectorId: 'sophos',
        name,
        config: fakeSophosConfigInput(fake),
        unmappedPolicy: 'create_customer',
        entities: ['customers'],
      });
      const fault = failTenants();
      try {
        for (let i = 0; i < 2; i++)
          await handler(
            { instanceId: id, trigger: 'schedule' },
            { signal: new AbortController().signal, attempt: 0, retryLimit: 0 },
          );
      } finally {
        fault.cancel();
      }
      await settle();
      const mails = mailsFor(name);
      expect(mails.map((m) => m.subject.split(':')[0])).toEqual([
        '[Tributary] Sync failing',
        '[Tributary] Sync paused',
      ]);
      expect(mails[0]?.from).toBe('stored@msp.test');
      expect((await getInstance(services.db, id))?.pausedReason).toMatch(
        /^Paused after 2 consecutive failures/,
      );
    } finally {
      await saveSmtp(services, null);
      await savePauseAfter(services, null);
    }
  });
});
