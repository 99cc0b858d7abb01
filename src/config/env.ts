// The process configuration: one zod schema over the environment, read once at boot, failing fast.
import path from 'node:path';
import { z } from 'zod';

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

export const EnvSchema = z.object({
  TRIBUTARY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  TRIBUTARY_HOST: z.string().min(1).default('127.0.0.1'),
  TRIBUTARY_DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL connection string; when unset the embedded SQLite file in the data directory is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Public base URL used in /api/authinfo and e-mails; defaults to http://host:port. */
  TRIBUTARY_PUBLIC_URL: z.url().optional(),
  /** 32-byte master key (base64 or hex) for secrets at rest; otherwise a key file in the data directory. */
  TRIBUTARY_MASTER_KEY: z.string().min(1).optional(),
  /** Initial admin password for the first start; otherwise a one-time password is printed. */
  TRIBUTARY_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  TRIBUTARY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Run the integrator inside `tributary serve` (the default) or only in separate processes. */
  TRIBUTARY_EMBEDDED_INTEGRATOR: booleanish.default(true),
  /** TLS certificate and key (PEM files) for serving HTTPS. */
  TRIBUTARY_TLS_CERT: z.string().min(1).optional(),
  TRIBUTARY_TLS_KEY: z.string().min(1).optional(),
  /** Bearer token lifetime in seconds. */
  TRIBUTARY_TOKEN_TTL: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** SMTP for failure notices, e.g. smtp://user:pass@mail.example.com:587 */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_FROM: z.string().min(3).default('Tributary <tributary@localhost>'),
  /**
   * Users a first import creates before it drops end_users' lookup indexes and builds them at its end
   * (much faster for large directories); 0 keeps them throughout.
   */
  TRIBUTARY_BULK_IMPORT_THRESHOLD: z.coerce.number().int().min(0).default(10_000),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string | undefined;
  masterKey: string | undefined;
  adminPassword: string | undefined;
  logLevel: Env['TRIBUTARY_LOG_LEVEL'];
  embeddedIntegrator: boolean;
  tls: { cert: string; key: string } | undefined;
  tokenTtlSeconds: number;
  smtp: { url: string; from: string } | undefined;
  bulkImportThreshold: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment (plus CLI overrides) into a Config, or throws one error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const source = { ...env };
  // PORT is the de-facto convention of hosting platforms; our own variable wins.
  if (source.TRIBUTARY_PORT === undefined && source.PORT !== undefined) source.TRIBUTARY_PORT = source.PORT;
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.TRIBUTARY_TLS_CERT === undefined) !== (e.TRIBUTARY_TLS_KEY === undefined)) {
    throw new ConfigError(
      'Invalid configuration:\n  TRIBUTARY_TLS_CERT and TRIBUTARY_TLS_KEY must be set together',
    );
  }
  const config: Config = {
    port: e.TRIBUTARY_PORT,
    host: e.TRIBUTARY_HOST,
    dataDir: path.resolve(e.TRIBUTARY_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.TRIBUTARY_PUBLIC_URL,
    masterKey: e.TRIBUTARY_MASTER_KEY,
    adminPassword: e.TRIBUTARY_ADMIN_PASSWORD,
    logLevel: e.TRIBUTARY_LOG_LEVEL,
    embeddedIntegrator: e.TRIBUTARY_EMBEDDED_INTEGRATOR,
    tls:
      e.TRIBUTARY_TLS_CERT && e.TRIBUTARY_TLS_KEY
        ? { cert: e.TRIBUTARY_TLS_CERT, key: e.TRIBUTARY_TLS_KEY }
        : undefined,
    tokenTtlSeconds: e.TRIBUTARY_TOKEN_TTL,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
    bulkImportThreshold: e.TRIBUTARY_BULK_IMPORT_THRESHOLD,
  };
  const merged = { ...config, ...stripUndefined(overrides) };
  if (overrides.dataDir) merged.dataDir = path.resolve(overrides.dataDir);
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
