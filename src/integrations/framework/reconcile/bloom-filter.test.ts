import { describe, expect, it } from 'vitest';
import { BloomFilter } from './bloom-filter.js';

describe('BloomFilter', () => {
  it('never forgets an added key', () => {
    const f = new BloomFilter(16);
    const keys = Array.from({ length: 5000 }, (_, i) => `corp:${i.toString(36)}-${(i * 7919).toString(16)}`);
    for (const k of keys) f.add(k);
    expect(keys.every((k) => f.mightContain(k))).toBe(true);
  });

  it('answers "not added" for almost every other key at its design load', () => {
    const f = new BloomFilter(20); // 1 Mi bits
    for (let i = 0; i < 100_000; i++) f.add(`ad:${crypto.randomUUID()}`);
    let falsePositives = 0;
    for (let i = 0; i < 100_000; i++) if (f.mightContain(`ad:${crypto.randomUUID()}`)) falsePositives++;
    // 5 hashes, ~10.5 bits per key: about 1 % in theory.
    expect(falsePositives).toBeLessThan(2_500);
    expect(new BloomFilter(20).mightContain('anything')).toBe(false);
  });
});
