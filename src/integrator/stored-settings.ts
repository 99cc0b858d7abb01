// Integrator settings an admin stores in the database; they win over the environment. The SMTP URL can
// carry a password, so it is stored encrypted (cipher envelope) and never returned or logged in clear.
import type { Services } from '../services.js';
import type { SmtpSettings } from './notify/mailer.js';

const SMTP_URL = 'smtp_url';
const SMTP_FROM = 'smtp_from';
const PAUSE_AFTER = 'pause_after_failures';
/** Global settings are not an instance's: bind their envelopes to "instance 0". */
const binding = { instanceId: 0, field: 'integrator.smtp_url' };
/** The settings stored encrypted, with their bindings: `keys rotate` re-wraps them (crypto/encrypted-stores.ts). */
export const ENCRYPTED_SETTINGS: Readonly<Record<string, { instanceId: number; field: string }>> = {
  [SMTP_URL]: binding,
};

async function read(services: Services): Promise<Map<string, string>> {
  const rows = await services.db.selectFrom('integrator_settings').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

async function put(services: Services, key: string, value: string | null): Promise<void> {
  if (value === null) {
    await services.db.deleteFrom('integrator_settings').where('key', '=', key).execute();
    return;
  }
  const now = new Date().toISOString();
  await services.db
    .insertInto('integrator_settings')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** SMTP from the database when an admin stored it, else from the environment (SMTP_URL / SMTP_FROM). */
export async function resolveSmtp(services: Services): Promise<SmtpSettings | undefined> {
  const stored = await read(services);
  const envelope = stored.get(SMTP_URL);
  if (envelope) {
    try {
      const url = services.cipher.decrypt(envelope, binding);
      return {
        url,
        from: stored.get(SMTP_FROM) ?? services.config.smtp?.from ?? 'Tributary <tributary@localhost>',
      };
    } catch (e) {
      services.log.error(
        { err: e },
        'integrator: the stored SMTP URL cannot be decrypted; falling back to SMTP_URL',
      );
    }
  }
  return services.config.smtp;
}

/** Stores (or with null, removes) the SMTP settings. */
export async function saveSmtp(
  services: Services,
  smtp: { url: string; from?: string | undefined } | null,
): Promise<void> {
  if (smtp === null) {
    await put(services, SMTP_URL, null);
    await put(services, SMTP_FROM, null);
    return;
  }
  if (!/^smtps?:\/\//i.test(smtp.url)) throw new Error('the SMTP URL must start with smtp:// or smtps://');
  await put(services, SMTP_URL, services.cipher.encrypt(smtp.url, binding));
  if (smtp.from !== undefined) await put(services, SMTP_FROM, smtp.from);
}

export async function saveSmtpFrom(services: Services, from: string): Promise<void> {
  await put(services, SMTP_FROM, from);
}

/** The stored global pause threshold, if an admin set one. */
export async function storedPauseAfter(services: Services): Promise<number | undefined> {
  const v = (await read(services)).get(PAUSE_AFTER);
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export async function savePauseAfter(services: Services, n: number | null): Promise<void> {
  if (n !== null && !(Number.isInteger(n) && n > 0))
    throw new Error('the pause threshold must be a positive whole number');
  await put(services, PAUSE_AFTER, n === null ? null : String(n));
}

/** What an admin may see: whether SMTP is set and where from, never the URL itself. */
export async function describeSettings(services: Services): Promise<{
  smtp: 'database' | 'environment' | 'none';
  smtpFrom: string | null;
  pauseAfterFailures: number | null;
}> {
  const stored = await read(services);
  return {
    smtp: stored.has(SMTP_URL) ? 'database' : services.config.smtp ? 'environment' : 'none',
    smtpFrom: stored.get(SMTP_FROM) ?? services.config.smtp?.from ?? null,
    pauseAfterFailures: (await storedPauseAfter(services)) ?? null,
  };
}
