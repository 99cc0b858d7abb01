// Reads the client's credentials from HTTP Basic (RFC 6749 §2.3.1: MUST be supported) or from the form.
import type { FastifyRequest } from 'fastify';
import { OAuthError } from '../../auth/oauth-error.js';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  viaBasic: boolean;
}

/** §2.3.1: id and secret are form-urlencoded before being joined with ":" and base64-encoded. */
function parseBasic(header: string): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header.trim());
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

export function clientCredentialsFrom(
  request: FastifyRequest,
  form: { client_id?: string | undefined; client_secret?: string | undefined },
): ClientCredentials {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^Basic\s/i.test(header.trim())) {
    const basic = parseBasic(header);
    if (!basic) throw new OAuthError('invalid_request', 'The Authorization header is not valid HTTP Basic');
    // §2.3: one authentication method per request; tolerate a form that repeats the same values.
    if (
      (form.client_id && form.client_id !== basic.id) ||
      (form.client_secret && form.client_secret !== basic.secret)
    ) {
      throw new OAuthError(
        'invalid_request',
        'Send the client credentials either with HTTP Basic or in the form, not both',
      );
    }
    return { clientId: basic.id, clientSecret: basic.secret, viaBasic: true };
  }
  if (!form.client_id) throw new OAuthError('invalid_request', 'client_id is required');
  if (!form.client_secret) throw new OAuthError('invalid_request', 'client_secret is required');
  return { clientId: form.client_id, clientSecret: form.client_secret, viaBasic: false };
}
