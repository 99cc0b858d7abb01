// Secrets at rest, end to end over a real database: the seeded secret never appears in the database (file or
// rows) or the logs; ciphertexts swapped between rows fail; a missing or wrong key refuses to start;
// `keys rotate` keeps everything readable and retires the old key.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../db/testing.js';
import { createLogger } from '../log.js';
import { registerExtraConnector } from '../integrations/registry.js';
import { createInstance } from '../integrations/framework/instances/create-instance.js';
import { rawConfig } from '../integrations/framework/instances/instance-config.js';
import { runInstance } from '../integrations/framework/runs/run-instance.js';
import { adminCtx, testServices } from '../integrations/framework/testing.js';
import { fixtureConnector } from '../../test/conformance/fixture-connector/connector.js';
import { bootCipher } from './boot-cipher.js';
import { keyFilePath, newKey, readKeyFile, writeKeyFile } from './keyring.js';
import { rotateMasterKey } from './rotate.js';
import { ENCRYPTED_SETTINGS, resolveSmtp, saveSmtp } from '../integrator/stored-settings.js';
import type { Services } from '../services.js';
import { createCipher } from './cipher.js';
import { ringFrom } from './keyring.js';

registerExtraConnector(fixtureConnector);
const SECRET = 'seeded-secret-9f8e7d6c5b4a';
const SMTP_URL = `smtp://mailer:${SECRET}-smtp@127.0.0.1:2525`;

describeEachDialect('secrets at rest', (get, dialect) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-keys-'));
  let logs = '';
  const ids: number[] = [];
  let services: Services;
  let envKey: Buffer | undefined;
  /** The stored SMTP URL, read with a cipher of the given keys (undefined when it cannot be decrypted). */
  const smtpUnder = async (keys: Buffer[]) =>
    (await resolveSmtp({ ...services, cipher: createCipher(ringFrom(keys, 'test')) }))?.url;
  /** Every encrypted integrator setting is under the given key id. */
  const settingsUnder = async (keyId: string) => {
    const rows = await get()
      .db.selectFrom('integrator_settings')
      .select(['key', 'value'])
      .where('key', 'in', Object.keys(ENCRYPTED_SETTINGS))
      .execute();
    expect(rows).toHaveLength(1);
    for (const r of rows) expect(services.cipher.keyIdOf(r.value)).toBe(keyId);
  };
  beforeAll(async () => {
    writeKeyFile(keyFilePath(dataDir), [newKey()]);
    const cipher = await bootCipher({ masterKey: undefined, dataDir }, get().db);
    const sink = new Writable({ write: (c: Buffer, _e, cb) => ((logs += c.toString()), cb()) });
    services = { ...testServices(get(), { log: createLogger('silent') }), cipher };
    await saveSmtp(services, { url: SMTP_URL });
    services = { ...testServices(get(), { log: createLogger('trace', sink) }), cipher };
    for (const name of ['one', 'two']) {
      const i = await createInstance(adminCtx(services), {
        connectorId: 'fixture',
        name,
        config: { baseUrl: 'http://127.0.0.1:9', clientId: 'c', clientSecret: `${SECRET}-${name}` },
      });
      ids.push(i.id);
      await runInstance(services, { instanceId: i.id, trigger: 'manual' }); // fails to connect: its error is stored and logged
    }
  });

  it('never stores or logs the plaintext', async () => {
    const rows = await get().db.selectFrom('integration_instances').selectAll().execute();
    const runs = await get().db.selectFrom('integration_runs').selectAll().execute();
    expect(JSON.stringify([rows, runs])).not.toContain(SECRET);
    expect(runs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(SECRET);
    if (dialect === 'sqlite') {
      // The database file and its WAL, byte for byte.
      const { rows: files } = await sql<{ file: string }>`PRAGMA database_list`.execute(get().db);
      const file = files[0]?.file ?? '';
      expect(file).not.toBe('');
      for (const f of [file, `${file}-wal`])
        if (fs.existsSync(f)) expect(fs.readFileSync(f).includes(Buffer.from(SECRET))).toBe(false);
    }
  });

  it('refuses a ciphertext swapped into another row', async () => {
    const cipher = await bootCipher({ masterKey: undefined, dataDir }, get().db);
    const [a, b] = await Promise.all(
      ids.map((id) =>
        get()
          .db.selectFrom('integration_instances')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      ),
    );
    if (!a || !b) throw new Error('rows missing');
    expect(rawConfig(cipher, a).clientSecret).toBe(`${SECRET}-one`);
    expect(() => rawConfig(cipher, { ...a, secrets_json: b.secrets_json })).toThrow(/cannot be decrypted/);
  });

  it('refuses to start without the key file, or with a different key, once secrets exist', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-nokey-'));
    await expect(bootCipher({ masterKey: undefined, dataDir: empty }, get().db)).rejects.toMatchObject({
      code: 'MASTER_KEY_MISSING',
    });
    expect(fs.existsSync(keyFilePath(empty))).toBe(false); // no new key silently generated
    await expect(
      bootCipher({ masterKey: newKey().toString('base64'), dataDir: empty }, get().db),
    ).rejects.toMatchObject({ code: 'MASTER_KEY_MISMATCH' });
  });

  it('rotates: everything stays readable under the new key and the old key is retired', async () => {
    const before = readKeyFile(keyFilePath(dataDir))[0];
    const r = await rotateMasterKey(get().db, { masterKey: undefined, dataDir });
    expect(r.rewrapped).toBeGreaterThanOrEqual(3);
    // Every encrypted store, not only instance secrets: the stored SMTP URL too.
    expect(r.stores).toMatchObject({ instances: 2, integrator_settings: 1 });
    const after = readKeyFile(keyFilePath(dataDir));
    expect(after).toHaveLength(1);
    expect(after[0]?.equals(before as Buffer)).toBe(false);
    await settingsUnder(r.keyId);
    expect(await smtpUnder([after[0] as Buffer])).toBe(SMTP_URL);
    expect(await smtpUnder([before as Buffer])).toBeUndefined();
    const cipher = await bootCipher({ masterKey: undefined, dataDir }, get().db);
    for (const id of ids) {
      const row = await get()
        .db.selectFrom('integration_instances')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(String(rawConfig(cipher, row).clientSecret)).toMatch(new RegExp(`^${SECRET}`));
    }
    // The retired key alone can no longer read anything.
    await expect(
      bootCipher({ masterKey: (before as Buffer).toString('base64'), dataDir }, get().db),
    ).rejects.toMatchObject({ code: 'MASTER_KEY_MISMATCH' });
  });

  it('rotates with TRIBUTARY_MASTER_KEY: "<new>,<old>", then "<new>" alone reads everything', async () => {
    const old = readKeyFile(keyFilePath(dataDir))[0] as Buffer;
    const fresh = newKey();
    envKey = fresh;
    const r = await rotateMasterKey(get().db, {
      masterKey: `${fresh.toString('base64')},${old.toString('base64')}`,
      dataDir,
    });
    expect(r.rewrapped).toBeGreaterThanOrEqual(3);
    expect(r.stores.integrator_settings).toBe(1);
    expect(r.retiredKeyIds).toHaveLength(1);
    await settingsUnder(r.keyId);
    expect(await smtpUnder([fresh])).toBe(SMTP_URL);
    const cipher = await bootCipher({ masterKey: fresh.toString('hex'), dataDir }, get().db);
    const row = await get()
      .db.selectFrom('integration_instances')
      .selectAll()
      .where('id', '=', ids[0] as number)
      .executeTakeFirstOrThrow();
    expect(rawConfig(cipher, row).clientSecret).toBe(`${SECRET}-one`);
  });
  it('refuses to start when any encrypted store (here the stored SMTP URL) is under a key it does not hold', async () => {
    const masterKey = (envKey as Buffer).toString('base64');
    await bootCipher({ masterKey, dataDir }, get().db); // everything readable so far
    const row = await get()
      .db.selectFrom('integrator_settings')
      .select(['key', 'value'])
      .where('key', 'in', Object.keys(ENCRYPTED_SETTINGS))
      .executeTakeFirstOrThrow();
    const foreign = createCipher(ringFrom([newKey()], 'test'));
    const setValue = (value: string) =>
      get().db.updateTable('integrator_settings').set({ value }).where('key', '=', row.key).execute();
    await setValue(foreign.encrypt(SMTP_URL, ENCRYPTED_SETTINGS[row.key]!));
    try {
      await expect(bootCipher({ masterKey, dataDir }, get().db)).rejects.toMatchObject({
        code: 'MASTER_KEY_MISMATCH',
      });
    } finally {
      await setValue(row.value);
    }
  });
});
