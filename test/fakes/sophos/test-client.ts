// Tiny fetch helpers for the fake's own tests (the real connector lives in src/integrations/sophos).

import type { FakeSophos } from './server.js';
import type { SophosCredential } from './types.js';

export async function postToken(
  fake: FakeSophos,
  credential: Pick<SophosCredential, 'clientId' | 'clientSecret'>,
  scope = 'token',
): Promise<Response> {
  return fetch(fake.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credential.clientId,
      client_secret: credential.clientSecret,
      scope,
    }),
  });
}

export async function tokenFor(fake: FakeSophos, credential: SophosCredential): Promise<string> {
  const response = await postToken(fake, credential);
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

export async function get(
  base: string,
  path: string,
  token: string,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...headers },
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}
