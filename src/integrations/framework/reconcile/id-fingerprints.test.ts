import { describe, expect, it } from 'vitest';
import { IdFingerprints } from './id-fingerprints.js';

describe('IdFingerprints', () => {
  it('never forgets an added id, through many doublings of its table', () => {
    const f = new IdFingerprints(4); // 16 slots to begin with
    const ids = Array.from({ length: 50_000 }, (_, i) => `corp:${i.toString(36)}-${(i * 7919).toString(16)}`);
    for (const id of ids) f.add(id);
    expect(f.size).toBe(ids.length);
    expect(ids.every((id) => f.mightContain(id))).toBe(true);
  });

  it('counts an id added twice once', () => {
    const f = new IdFingerprints();
    f.add('ad:a');
    f.add('ad:a');
    f.add('ad:b');
    expect(f.size).toBe(2);
  });

  it('answers "not linked" for every other id: no collisions among 200,000 ids and 200,000 strangers', () => {
    const f = new IdFingerprints();
    for (let i = 0; i < 200_000; i++) f.add(`ad:${crypto.randomUUID()}`);
    let maybe = 0;
    for (let i = 0; i < 200_000; i++) if (f.mightContain(`ad:${crypto.randomUUID()}`)) maybe++;
    // Ids that differ in one character, as sequential directory ids do.
    for (let i = 0; i < 200_000; i++) if (f.mightContain(`ad:user-${i}`)) maybe++;
    expect(maybe).toBe(0);
    expect(new IdFingerprints().mightContain('anything')).toBe(false);
    expect(new IdFingerprints().mightContain('')).toBe(false);
  });
});
