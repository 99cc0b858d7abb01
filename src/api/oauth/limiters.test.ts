import { expect, it } from 'vitest';
import { CredentialLimiter } from './limiters.js';

it('locks a subject from one address without locking it elsewhere, and bounds an address and a subject overall', () => {
  const l = new CredentialLimiter({ perSubjectAndIp: 3, perIp: 5, perSubject: 7 });
  for (let i = 0; i < 3; i++) l.failed('client:a', '10.0.0.1');
  expect(l.retryAfter('client:a', '10.0.0.1')).toBeGreaterThan(0);
  expect(l.retryAfter('client:a', '10.0.0.2')).toBe(0); // the real client elsewhere is not locked out
  expect(l.retryAfter('client:b', '10.0.0.1')).toBe(0);
  for (let i = 0; i < 2; i++) l.failed(`client:x${i}`, '10.0.0.1');
  expect(l.retryAfter('client:c', '10.0.0.1')).toBeGreaterThan(0); // 5 failures from this address
  for (let i = 0; i < 4; i++) l.failed('client:a', `10.0.1.${i}`);
  expect(l.retryAfter('client:a', '10.0.9.9')).toBeGreaterThan(0); // 7 failures for client:a overall
  l.succeeded('client:b', '10.0.0.3');
  expect(l.retryAfter('client:b', '10.0.0.3')).toBe(0);
});
