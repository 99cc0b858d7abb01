// Tiny fetch helpers for the fake's own tests (the real connector lives in src/integrations/sophos).
// Imports vitest: only test files may import this module.

import { afterEach, expect } from 'vitest';
import { startFakeSophos, type FakeSophos, type FakeSophosOptions } from './server.js';
import type { SophosCredential, SophosErrorBody } from './types.js';

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

/** Starts fakes for one test file and closes them after each test. */
export function useFakes(): (options?: FakeSophosOptions) => Promise<FakeSophos> {
  const running: FakeSophos[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((fake) => fake.close()));
  });
  return async (options = {}) => {
    const fake = await startFakeSophos(options);
    running.push(fake);
    return fake;
  };
}

export const partnerHeaders = (fake: FakeSophos) => ({ 'X-Partner-ID': fake.credentials.partner.id });
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asserts the §1.5 error body: exactly its seven fields, with `error` as given. */
export function expectErrorBody(body: unknown, error: string): void {
  const parsed = body as SophosErrorBody;
  expect(Object.keys(parsed).sort()).toEqual([
    'code',
    'correlationId',
    'createdAt',
    'docUrl',
    'error',
    'message',
    'requestId',
  ]);
  expect(parsed.error).toBe(error);
}
