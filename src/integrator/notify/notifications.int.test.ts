// Failure / recovery / pause e-mails through a real SMTP listener, on both dialects.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../db/testing.js';
import { createRunHandler } from '../execute.js';
import { buildAfterRun } from '../integrator.js';
import { getInstance, isRunnable } from '../instances.js';
import { resumeInstance } from '../pause.js';
import { createSmtpMailer } from './mailer.js';
import { loadIntegratorSettings } from '../settings.js';
import { insertAgent, insertInstance, testServices } from '../test-support/seed.js';
import { scriptedRunner } from '../test-support/scripted-runner.js';
import { startSmtpCapture, type SmtpCapture } from '../test-support/smtp-capture.js';

const failure = (message = 'login rejected for client_secret=hunter2-super-secret') => ({
  status: 'failed' as const,
  error: { code: 'VENDOR_AUTH_FAILED', kind: 'auth', message },
});

describeEachDialect('integrator notifications', (get) => {
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    const { db } = get();
    await insertAgent(db, { name: 'Ada (opted in)', email: 'ada@msp.test', notify: true });
    await insertAgent(db, { name: 'Bob (opted in)', email: 'bob@msp.test', notify: true });
    await insertAgent(db, { name: 'Cy (opted out)', email: 'cy@msp.test', notify: false });
    await insertAgent(db, { name: 'Di (opted in, no e-mail)', email: null, notify: true });
    await insertAgent(db, { name: 'Ed (opted in, inactive)', email: 'ed@msp.test', notify: true, inactive: true });
  });
  afterAll(async () => {
    await smtp.close();
  });

  function setup(pauseAfterFailures = 30, smtpUrl = smtp.url) {
    const services = testServices(get());
    const runner = scriptedRunner(services.db);
    const settings = loadIntegratorSettings({}, { pauseAfterFailures });
    const mailer = createSmtpMailer({ url: smtpUrl, from: 'Tributary <integrator@msp.test>' });
    const afterRun = buildAfterRun(services, settings, mailer);
    const handler = createRunHandler({ services, runInstance: runner.run, afterRun, log: services.log, leaseWaitMaxMs: 0 });
    const run = (instanceId: number) => handler({ instanceId, trigger: 'schedule' }, { signal: new AbortController().signal, attempt: 0, retryLimit: 0 });
    return { services, runner, run };
  }

  const mailsFor = (name: string) => smtp.messages.filter((m) => m.subject.includes(name));

  it('mails opted-in agents once on failure, not again while failing, and once on recovery', async () => {
    const { services, runner, run } = setup();
    const name = `Sophos EU ${Date.now()}`;
    const id = await insertInstance(services.db, { connectorId: 'sophos', name });
    runner.script(id, failure(), failure(), failure(), { status: 'succeeded' }, { status: 'succeeded' });

    await run(id);
    await smtp.waitFor(1);
    let mails = mailsFor(name);
    expect(mails).toHaveLength(1);
    const [first] = mails;
    expect(first?.to).toEqual(['ada@msp.test', 'bob@msp.test']);
    expect(first?.subject).toContain('Sync failing');
    expect(first?.body).toContain(`Instance:  ${name} (#${id})`);
    expect(first?.body).toContain('Connector: sophos');
    expect(first?.body).toContain('Error:     VENDOR_AUTH_FAILED');
    expect(first?.body).toMatch(/When: +\d{4}-\d\d-\d\dT/);
    expect(first?.body).toContain('client_secret=[redacted]');
    expect(first?.raw).not.toContain('hunter2');

    await run(id);
    await run(id);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsFor(name)).toHaveLength(1);

    await run(id);
    await smtp.waitFor(smtp.messages.length);
    mails = mailsFor(name);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toContain('Sync recovered');
    expect(mails[1]?.to).toEqual(['ada@msp.test', 'bob@msp.test']);

    await run(id);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsFor(name)).toHaveLength(2);

    const log = await services.db.selectFrom('integrator_notifications').selectAll().where('instance_id', '=', id).orderBy('id').execute();
    expect(log.map((l) => [l.kind, l.status])).toEqual([
      ['failure', 'sent'],
      ['recovery', 'sent'],
    ]);
  });

  it('pauses after N consecutive failures with a reason, mails once about it, and resuming clears it', async () => {
    const { services, runner, run } = setup(3);
    const name = `Flaky LDAP ${Date.now()}`;
    const id = await insertInstance(services.db, { connectorId: 'ldap', name });
    runner.script(id, failure('bind failed'), failure('bind failed'), failure('bind failed'));

    await run(id);
    await run(id);
    let instance = await getInstance(services.db, id);
    expect(instance?.pausedReason).toBeNull();
    await run(id);
    instance = await getInstance(services.db, id);
    expect(instance?.pausedReason).toBe('Paused after 3 consecutive failures; last error: VENDOR_AUTH_FAILED: bind failed');
    expect(instance && isRunnable(instance)).toBe(false);

    await new Promise((r) => setTimeout(r, 300));
    const mails = mailsFor(name);
    expect(mails.map((m) => m.subject.split(':')[0])).toEqual(['[Tributary] Sync failing', '[Tributary] Sync paused']);
    expect(mails[1]?.body).toContain('Paused after 3 consecutive failures');
    expect(mails[1]?.body).toContain(`tributary integrator --resume ${id}`);

    // A scheduled job still in the queue when the pause happened does not run.
    const callsBefore = runner.calls.length;
    const dropped = await run(id);
    expect(dropped.outcome).toBeNull();
    expect(runner.calls.length).toBe(callsBefore);

    expect(await resumeInstance(services.db, id)).toBe(true);
    instance = await getInstance(services.db, id);
    expect(instance).toMatchObject({ pausedReason: null, consecutiveFailures: 0, enabled: true });
    await run(id);
    await smtp.waitFor(smtp.messages.length);
    await new Promise((r) => setTimeout(r, 200));
    expect(mailsFor(name).map((m) => m.subject.split(':')[0])).toEqual([
      '[Tributary] Sync failing',
      '[Tributary] Sync paused',
      '[Tributary] Sync recovered',
    ]);
  });

  it('logs a mail server failure, records it, and never throws', async () => {
    const { services, runner, run } = setup(30, 'smtp://127.0.0.1:1');
    const id = await insertInstance(services.db, { connectorId: 'sophos' });
    runner.script(id, failure());
    const result = await run(id);
    expect(result.outcome?.status).toBe('failed');
    const log = await services.db.selectFrom('integrator_notifications').selectAll().where('instance_id', '=', id).execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: 'failure', status: 'failed' });
    expect(log[0]?.error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
  });
});
