// POST /api/v2/oauth2/token on the id host (§1.1): client_credentials with scope=token as a form, or the
// Postman "Refresh token" JSON body with grant_type=refresh_token.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeContext } from '../context.js';
import { header, oauthErrorBody, readBody, sendJson } from '../http-util.js';

/** Fields of the request body, from a form or (refresh only, as Postman does it) JSON. */
async function readFields(req: IncomingMessage): Promise<Map<string, string> | undefined> {
  const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await readBody(req);
  if (type === 'application/x-www-form-urlencoded') return new Map(new URLSearchParams(text));
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) return undefined;
      const fields = new Map<string, string>();
      for (const [key, value] of Object.entries(parsed))
        if (typeof value === 'string') fields.set(key, value);
      fields.set('__json', '1');
      return fields;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface TokenOutcome {
  /** The client_id the request named (for the request log), if any. */
  clientId: string | undefined;
  issued: boolean;
}

export async function handleToken(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: FakeContext,
): Promise<TokenOutcome> {
  const fields = await readFields(req);
  // (inferred) error codes other than oauth.invalid_client_secret are ours; §1.1 documents only that one.
  if (!fields) {
    sendJson(
      res,
      400,
      oauthErrorBody('oauth.invalid_request', 'Body must be application/x-www-form-urlencoded'),
    );
    return { clientId: undefined, issued: false };
  }
  const clientId = fields.get('client_id');
  const grant = fields.get('grant_type');
  const credential = clientId === undefined ? undefined : ctx.state.findCredential(clientId);
  // Unknown client id and wrong secret answer alike, so the fake never confirms which ids exist.
  if (!credential || credential.clientSecret !== fields.get('client_secret')) {
    sendJson(res, 401, oauthErrorBody('oauth.invalid_client_secret', 'Unauthorized'));
    return { clientId, issued: false };
  }

  if (grant === 'client_credentials') {
    // (inferred) client_credentials is documented only as a form with scope=token; anything else is refused
    // so a client that drifts from the documented request fails here rather than against Sophos.
    if (fields.has('__json')) {
      sendJson(
        res,
        400,
        oauthErrorBody('oauth.invalid_request', 'Body must be application/x-www-form-urlencoded'),
      );
      return { clientId, issued: false };
    }
    if (fields.get('scope') !== 'token') {
      sendJson(res, 400, oauthErrorBody('oauth.invalid_scope', 'scope must be "token"'));
      return { clientId, issued: false };
    }
  } else if (grant === 'refresh_token') {
    const refreshToken = fields.get('refresh_token') ?? '';
    if (ctx.tokens.redeemRefresh(refreshToken) !== credential.clientId) {
      sendJson(res, 401, oauthErrorBody('oauth.invalid_refresh_token', 'Unauthorized'));
      return { clientId, issued: false };
    }
  } else {
    sendJson(res, 400, oauthErrorBody('oauth.unsupported_grant_type', 'Unsupported grant_type'));
    return { clientId, issued: false };
  }

  sendJson(res, 200, ctx.tokens.issue(credential, ctx.controls.tokenTtlSeconds, ctx.now()), {
    'cache-control': 'no-store',
  });
  return { clientId, issued: true };
}
