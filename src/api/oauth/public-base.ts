import type { FastifyRequest } from 'fastify';

/** The externally visible base URL: the configured public URL, else what the client used to reach us. */
export function publicBase(request: FastifyRequest): string {
  const configured = request.server.services.config.publicUrl;
  if (configured) return configured.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}
