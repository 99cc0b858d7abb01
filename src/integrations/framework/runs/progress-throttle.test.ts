import { expect, it } from 'vitest';
import { progressThrottle } from './progress-throttle.js';

it('writes the first page of each entity, then at most once per interval, and the page completing the total', () => {
  let t = 0;
  const due = progressThrottle(1000, () => t);
  expect(due('customers', 10, 100)).toBe(true); // first page: the console learns the total
  t = 200;
  expect(due('customers', 20, 100)).toBe(false);
  t = 900;
  expect(due('customers', 30, 100)).toBe(false);
  t = 1000;
  expect(due('customers', 40, 100)).toBe(true);
  t = 1100;
  expect(due('customers', 50, undefined)).toBe(false);
  expect(due('customers', 100, 100)).toBe(true); // complete
  t = 1150;
  expect(due('licences', 5, undefined)).toBe(true); // a new entity
  expect(due('licences', 10, undefined)).toBe(false);
});
