// The environment is read once at boot: defaults when unset, typed values when set, and one error naming every
// bad variable before anything starts.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      embeddedIntegrator: true,
      tokenTtlSeconds: 3600,
      smtp: undefined,
      tls: undefined,
      bulkImportThreshold: 10_000,
    });
  });

  it('reads set values, PORT as a fallback for TRIBUTARY_PORT, and 0 to keep the indexes through imports', () => {
    const c = loadConfig({
      PORT: '9000',
      TRIBUTARY_EMBEDDED_INTEGRATOR: 'off',
      TRIBUTARY_BULK_IMPORT_THRESHOLD: '0',
      SMTP_URL: 'smtp://mail.example.test:587',
    });
    expect(c).toMatchObject({
      port: 9000,
      embeddedIntegrator: false,
      bulkImportThreshold: 0,
      smtp: { url: 'smtp://mail.example.test:587', from: 'Tributary <tributary@localhost>' },
    });
    expect(loadConfig({ PORT: '9000', TRIBUTARY_PORT: '9100' }).port).toBe(9100);
  });

  it('names every bad variable in one error', () => {
    const bad = () =>
      loadConfig({
        TRIBUTARY_BULK_IMPORT_THRESHOLD: '-1',
        TRIBUTARY_PORT: 'eighty',
        DATABASE_URL: 'mysql://db',
      });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/TRIBUTARY_BULK_IMPORT_THRESHOLD/);
    expect(bad).toThrow(/TRIBUTARY_PORT/);
    expect(bad).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ TRIBUTARY_BULK_IMPORT_THRESHOLD: '2.5' })).toThrow(
      /TRIBUTARY_BULK_IMPORT_THRESHOLD/,
    );
  });

  it('wants the TLS certificate and key together', () => {
    expect(() => loadConfig({ TRIBUTARY_TLS_CERT: '/etc/tributary/cert.pem' })).toThrow(
      /TRIBUTARY_TLS_CERT and TRIBUTARY_TLS_KEY must be set together/,
    );
  });
});
