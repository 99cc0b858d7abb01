// Halo clients declare JSON on every request, bodiless ones too: HaloAPI's PowerShell module passes
// `-ContentType 'application/json; charset=utf-8'` to Invoke-WebRequest for GET and DELETE (which then sends
// the header with an empty body), and n8n's node sets `Content-Type: application/json` on its DELETEs.
// Fastify's JSON parser refuses an empty body with 400, which broke Remove-HaloTicket. For methods that carry
// no body by meaning, an empty JSON body is read as no body; a POST with an empty body is still an error.
import type { FastifyInstance } from 'fastify';

const BODILESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** Registers, in this (encapsulated) scope, a JSON parser that accepts an empty body on bodiless methods. */
export function tolerateEmptyJsonBodies(app: FastifyInstance): void {
  const strict = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (BODILESS.has(request.method) && text.trim() === '') {
      done(null, undefined);
      return;
    }
    strict(request, text, done);
  });
}
