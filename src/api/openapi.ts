// OpenAPI document generated from the route schemas (zod), with a browsable reference at /docs.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const openApiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tributary API',
        description:
          'HaloPSA-compatible resource server (/api) and authorisation server (/auth), plus the console API (/admin/api).',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          haloApiKey: { type: 'apiKey', in: 'header', name: 'X-Halo-Api-Key' },
          session: { type: 'apiKey', in: 'cookie', name: 'tributary_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
});
