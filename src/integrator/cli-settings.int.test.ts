// The integrator's admin options as real processes on a SQLite file: --resume, stored SMTP (encrypted)
// with --test-mail to a real SMTP listener, --settings, --set-pause-after (global and per instance).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey } from '../crypto/keyring.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { runCli } from './test-support/cli.js';
import { insertInstance } from './test-support/seed.js';
import { startSmtpCapture, type SmtpCapture } from './test-support/smtp-capture.js';

describe('tributary integrator admin options [sqlite, separate process]', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let smtp: SmtpCapture;
  let env: Record<string, string>;
  const key = newKey();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-cli-'));
    handle = openDatabase({ dataDir: dir });
    await migrateToLatest(handle.db);
    smtp = await startSmtpCapture();
    env = {
      TRIBUTARY_DATA_DIR: dir,
      TRIBUTARY_MASTER_KEY: key.toString('base64'),
      TRIBUTARY_LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    await handle?.close();
    await smtp?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--resume clears the pause and the failure count', async () => {
    const id = await insertInstance(handle.db, { connectorId: 'sophos' });
    await handle.db
      .updateTable('integration_instances')
      .set({ enabled: 0, paused_reason: 'Paused after 30 consecutive failures', consecutive_failures: 30 })
      .where('id', '=', id)
      .execute();
    const r = await runCli(['integrator', '--resume', String(id)], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`Instance ${id} resumed.`);
    const row = await handle.db
      .selectFrom('integration_instances')
      .select(['enabled', 'paused_reason', 'consecutive_failures'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ enabled: 1, paused_reason: null, consecutive_failures: 0 });
    const missing = await runCli(['integrator', '--resume', '99999'], env);
    expect(missing.code).toBe(2);
  });

  it('stores SMTP encrypted, sends a test mail with it, and reports settings without the password', async () => {
    const url = `smtp://mailer:pa55-word@127.0.0.1:${smtp.port}`;
    const r = await runCli(
      [
        'integrator',
        '--set-smtp-url',
        url,
        '--set-smtp-from',
        'Ops <ops@msp.test>',
        '--test-mail',
        'admin@msp.test',
      ],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Test e-mail sent to admin@msp.test.');
    expect(r.stdout).toContain('SMTP: database (from Ops <ops@msp.test>)');
    expect(r.stdout + r.stderr).not.toContain('pa55-word');
    const mails = await smtp.waitFor(1);
    expect(mails[0]).toMatchObject({
      from: 'ops@msp.test',
      to: ['admin@msp.test'],
      subject: '[Tributary] Test e-mail',
    });
    const stored = await handle.db
      .selectFrom('integrator_settings')
      .selectAll()
      .where('key', '=', 'smtp_url')
      .executeTakeFirstOrThrow();
    expect(stored.value).not.toContain('pa55-word');
    expect(stored.value).toMatch(/^tsec1\./);

    const cleared = await runCli(['integrator', '--clear-smtp'], env);
    expect(cleared.stdout).toContain('SMTP: none');
    const failing = await runCli(
      ['integrator', '--set-smtp-url', 'smtp://nobody:secret-pw@127.0.0.1:1', '--test-mail', 'a@msp.test'],
      env,
    );
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(
      /Error \(SMTP_FAILED\): The test e-mail could not be sent: .*ECONNREFUSED/,
    );
    expect(failing.stderr).not.toContain('secret-pw');
  });

  it('--set-pause-after stores the global threshold, or one instance’s', async () => {
    const id = await insertInstance(handle.db, { connectorId: 'sophos' });
    let r = await runCli(['integrator', '--set-pause-after', '12'], env);
    expect(r.stdout).toContain('Pause after consecutive failures: 12 (stored)');
    r = await runCli(['integrator', '--set-pause-after', '4', '--instance', String(id)], env);
    expect(r.code, r.stderr).toBe(0);
    const state = await handle.db
      .selectFrom('integrator_instance_state')
      .select('pause_after_failures')
      .where('instance_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(state.pause_after_failures).toBe(4);
    r = await runCli(['integrator', '--set-pause-after', 'default'], env);
    expect(r.stdout).toContain('Pause after consecutive failures: 30 (environment/default)');
    r = await runCli(['integrator', '--set-pause-after', 'lots'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set-pause-after expects a positive whole number');
  });
});
