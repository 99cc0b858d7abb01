// Builds the HTTP application (without listening): Halo-compatible /auth and /api, the console's /admin/api,
// the OpenAPI reference at /docs, and the console itself at /.
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../services.js';
import { errorHandlerPlugin } from './plugins/errors.js';
import { openApiPlugin } from './openapi.js';
import { authenticatePlugin } from './plugins/authenticate.js';
import { oauthRoutes } from './oauth/index.js';
import { haloRoutes } from './halo/index.js';
import { adminRoutes } from './admin/index.js';
import { webConsole } from './web.js';

export interface BuildAppOptions {
  /** Largest accepted request body; Halo clients post arrays of records. */
  bodyLimitBytes?: number;
  /** PEM certificate and key: serve HTTPS instead of HTTP. */
  https?: { cert: Buffer; key: Buffer };
}

export async function buildApp(services: Services, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const base = {
    loggerInstance: services.log,
    bodyLimit: options.bodyLimitBytes ?? 5 * 1024 * 1024,
    // Halo clients send /api/client, /api/Client and /api/CLIENT alike.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    trustProxy: false,
  };
  // The HTTPS server type differs from the HTTP one only in the transport; routes and plugins are the same.
  const server = (options.https
    ? Fastify({ ...base, https: options.https })
    : Fastify(base)) as unknown as FastifyInstance;
  const app = server.withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', services);
  app.decorateRequest('actor', null);

  await app.register(errorHandlerPlugin);
  await app.register(formbody);
  await app.register(cookie);
  await app.register(openApiPlugin);
  await app.register(authenticatePlugin);

  await app.register(oauthRoutes);
  await app.register(haloRoutes, { prefix: '/api' });
  await app.register(adminRoutes, { prefix: '/admin/api' });
  await app.register(webConsole);

  // A trivial route for health checks and as the benchmark's no-op floor.
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  return app as unknown as FastifyInstance;
}
