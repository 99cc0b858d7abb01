import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.js';

describe('redact', () => {
  it('masks secret values in plain, URL-encoded and base64 forms, and bearer tokens', () => {
    const r = createRedactor(['p@ss word!', 'abcd1234', undefined, 'ab']);
    expect(r('login failed for p@ss word! at x')).toBe('login failed for [redacted] at x');
    expect(r('GET /x?secret=p%40ss%20word! 401')).toContain('[redacted]');
    expect(r(`basic ${Buffer.from('abcd1234').toString('base64')}`)).toBe('basic [redacted]');
    expect(r('Authorization: Bearer eyJhbGciOi.x.y')).toBe('Authorization: Bearer [redacted]');
    expect(r('client_secret=zzz&x=1')).toBe('client_secret=[redacted]&x=1');
    expect(r('ab stays')).toBe('ab stays'); // too short to mask safely
  });
});
