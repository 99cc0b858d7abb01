// `tributary serve`: boots, ensures the first admin exists, listens, and shuts down cleanly on signals.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/app.js';
import { boot, type BootOptions } from './boot.js';
import { ConfigError } from './config/env.js';
import { ensureFirstAdmin, firstAdminNotice } from './auth/ensure-first-admin.js';
import { startIntegrator, type IntegratorHandle } from './integrator/integrator.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** The embedded integrator, unless TRIBUTARY_EMBEDDED_INTEGRATOR=false (or it failed to start). */
  integrator: IntegratorHandle | undefined;
  close(): Promise<void>;
}

/** Reads the PEM files named by TRIBUTARY_TLS_CERT/KEY; a missing or unreadable file stops the start. */
function readTls(tls: { cert: string; key: string }): { cert: Buffer; key: Buffer } {
  try {
    return { cert: fs.readFileSync(tls.cert), key: fs.readFileSync(tls.key) };
  } catch (e) {
    throw new ConfigError(
      `Invalid configuration:\n  TRIBUTARY_TLS_CERT/TRIBUTARY_TLS_KEY: ${(e as Error).message}`,
    );
  }
}

export async function startServer(options: BootOptions = {}): Promise<RunningServer> {
  const booted = await boot(options);
  const { config, log } = booted.services;
  const app = await buildApp(booted.services, config.tls ? { https: readTls(config.tls) } : {});
  // Migrations ran in boot(); now make sure somebody can sign in.
  const firstAdmin = await ensureFirstAdmin(booted.services.db, { adminPassword: config.adminPassword });
  // Shown at once, before listening: if listening then fails, the password must not be lost with it.
  if (firstAdmin.created && firstAdmin.source === 'generated') {
    process.stdout.write(
      firstAdminNotice(firstAdmin, config.publicUrl ?? `http://${config.host}:${config.port}`),
    );
  } else if (firstAdmin.created) {
    log.info(
      { login: firstAdmin.login },
      'Created the first administrator with the password from TRIBUTARY_ADMIN_PASSWORD',
    );
  }
  const isLoopback = ['127.0.0.1', 'localhost', '::1'].includes(config.host);
  if (!config.tls && !isLoopback) {
    log.warn(
      { host: config.host },
      'Serving plain HTTP on a non-loopback address: put TLS in front (or set TRIBUTARY_TLS_CERT/KEY)',
    );
  }
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${config.tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url }, 'Tributary is listening');
  let integrator: IntegratorHandle | undefined;
  if (config.embeddedIntegrator) {
    // A broken integrator must not take the API and console down with it: log loudly and keep serving.
    integrator = await startIntegrator(booted.services, { postgresUrl: booted.handle.url }).catch(
      (e: unknown) => {
        log.error(
          { err: e },
          'The embedded integrator failed to start; scheduled syncs will not run in this process',
        );
        return undefined;
      },
    );
  }
  return {
    app,
    url,
    integrator,
    close: async () => {
      await integrator?.stop();
      await app.close();
      await booted.close();
    },
  };
}
