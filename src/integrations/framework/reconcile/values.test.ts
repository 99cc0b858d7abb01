import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, mergeValues, selectFields } from './values.js';

describe('contentHash', () => {
  // Links store this digest; a different formula would make every stored record look changed after an upgrade.
  const stored = (values: Record<string, unknown>) =>
    crypto
      .createHash('sha256')
      .update(
        JSON.stringify(
          Object.keys(values)
            .sort()
            .map((k) => [k, values[k] ?? null]),
        ),
      )
      .digest('base64url')
      .slice(0, 32);

  it('equals the digest links already store (sha256 of the sorted [key, value] pairs as JSON)', () => {
    const values = {
      name: 'Ada "the first" Lovelace',
      email: null,
      site_id: 3,
      title: 'Ünïcode\n\\',
      inactive: 0,
    };
    expect(contentHash(values)).toBe(stored(values));
    expect(contentHash({})).toBe(stored({}));
  });

  it('matches the stored formula on awkward text and on many key sets', () => {
    const awkward = [
      '',
      'plain',
      'quote " and \\ back',
      'tab\tnew\nline',
      '\u2028\u2029',
      'emoji 😀',
      'lone \ud800',
      'ctl \u0001',
      'é ñ 漢',
    ];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const values: Record<string, string | number | null> = {};
      const keys = ['name', 'email', 'site_id', 'title', 'zeta', 'alpha', 'inactive'].filter(
        () => rnd() < 0.7,
      );
      for (const k of keys)
        values[k] =
          rnd() < 0.2
            ? null
            : rnd() < 0.3
              ? Math.floor(rnd() * 100)
              : (awkward[Math.floor(rnd() * awkward.length)] as string);
      expect(contentHash(values)).toBe(stored(values));
    }
  });

  it('tells the last key set from one with fewer, more or the same keys in another order', () => {
    // contentHash recognises the previous call's key set without building anything; each of these follows one
    // that differs from it in a way that walk must notice.
    const sequence: Record<string, string | number | null>[] = [
      { a: '1', b: 2, c: null },
      { a: '1', b: 2, c: null },
      { a: '1', b: 2 },
      { a: '1', b: 2, c: null, d: 'x' },
      { b: 2, a: '1', c: null },
      { a: '1', c: null, b: 2 },
      {},
      { a: '1' },
    ];
    for (const values of sequence) expect(contentHash(values)).toBe(stored(values));
  });

  it('matches the stored formula at the edges of plain ASCII text, numbers and length', () => {
    const cases: Record<string, string | number | null>[] = [
      { a: ' ~', b: '\u007f', c: '\u001f' },
      { a: 'x'.repeat(20_000) },
      { a: 'x'.repeat(16_370), b: 'y' },
      { n: -0, m: 1.5, k: -42, big: 1e21, tiny: 5e-7, nan: Number.NaN, inf: Number.POSITIVE_INFINITY },
      { ké: 'plain', other: 'plain' },
      { 'quo"te': 'v', 'back\\slash': 'w' },
    ];
    for (const values of cases) expect(contentHash(values)).toBe(stored(values));
  });

  it('ignores key order and sees every value change', () => {
    expect(contentHash({ a: '1', b: 2 })).toBe(contentHash({ b: 2, a: '1' }));
    expect(contentHash({ a: '1', b: 2 })).not.toBe(contentHash({ a: '1', b: 3 }));
    expect(contentHash({ a: null })).not.toBe(contentHash({ a: '' }));
    expect(contentHash({ a: '2' })).not.toBe(contentHash({ a: 2 }));
  });
});

describe('selectFields and mergeValues', () => {
  const fields = { name: 'Ada', email: 'ada@example.test', title: null };

  it('keeps the selected fields (all when none are selected) and the ones to keep', () => {
    expect(selectFields(fields, null)).toEqual(fields);
    expect(selectFields(fields, ['email', 'phone'])).toEqual({ email: 'ada@example.test' });
    expect(selectFields(fields, ['title'], ['name'])).toEqual({ name: 'Ada', title: null });
    expect(selectFields(fields, [])).toEqual({});
  });

  it('merges fields and structural values in that order, structural winning, without touching either', () => {
    const structural = { customer_id: 3, site_id: 9, name: 'Structural' };
    const merged = mergeValues(fields, structural);
    expect(merged).toEqual({ ...fields, ...structural });
    expect(Object.keys(merged)).toEqual(['name', 'email', 'title', 'customer_id', 'site_id']);
    expect(fields.name).toBe('Ada');
    expect(merged).not.toBe(fields);
  });
});
