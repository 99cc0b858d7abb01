import { describe, expect, it } from 'vitest';
import { redactMessage } from './redact.js';

describe('redactMessage', () => {
  it('removes credentials in URLs, headers and key=value pairs', () => {
    const out = redactMessage(
      'GET https://svc:pa55word@api.example.com/x failed; Authorization: Bearer abcdefghijklmnop; password=hunter2 "client_secret": "s3cr3t-value" token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghij',
    );
    for (const secret of ['pa55word', 'abcdefghijklmnop', 'hunter2', 's3cr3t-value', 'eyJhbGciOiJIUzI1NiJ9'])
      expect(out).not.toContain(secret);
    expect(out).toContain('https://[redacted]@api.example.com/x');
    expect(out).toContain('password=[redacted]');
  });

  it('keeps ordinary messages and truncates very long ones', () => {
    expect(redactMessage('LDAP bind failed: invalid credentials (49)')).toBe(
      'LDAP bind failed: invalid credentials (49)',
    );
    expect(redactMessage('x'.repeat(2000), 100)).toHaveLength(101);
  });
});
