// The external ids a first import has linked so far, as 64-bit fingerprints: "certainly not linked" or
// "linked, or a fingerprint collision". Used to skip the per-page link lookup of a first import (see
// run-entity.ts): only ids the run itself linked can have links. A Bloom filter did this before, in a fixed
// 1 MiB, but at 1,000,000 ids it answered "maybe" for 2 % of new ids; a large first import now drops the links'
// identity index (bulk-import.ts), and a "maybe" then makes the run build that index again at once. With 64
// bits per id a collision among a million ids has odds of about 1 in 30 million, so a "maybe" is in practice a
// record the connector sent twice. The table grows by doubling: 16 MB at 1,000,000 ids, 2 MB at 100,000.
export class IdFingerprints {
  /** Open addressing with linear probing; slot i holds the fingerprint's halves at 2i and 2i + 1; 0,0 is empty. */
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(log2Slots = 14) {
    this.slots = new Uint32Array(2 << log2Slots);
    this.mask = (1 << log2Slots) - 1;
  }

  get size(): number {
    return this.count;
  }

  add(key: string): void {
    fingerprint(key);
    if (this.insert(fpHigh, fpLow) && ++this.count * 2 > this.mask + 1) this.grow();
  }

  mightContain(key: string): boolean {
    fingerprint(key);
    const slots = this.slots;
    for (let i = fpLow & this.mask; ; i = (i + 1) & this.mask) {
      const high = slots[2 * i] as number;
      const low = slots[2 * i + 1] as number;
      if (high === fpHigh && low === fpLow) return true;
      if (high === 0 && low === 0) return false;
    }
  }

  /** True when the fingerprint was not there yet. */
  private insert(high: number, low: number): boolean {
    const slots = this.slots;
    for (let i = low & this.mask; ; i = (i + 1) & this.mask) {
      const h = slots[2 * i] as number;
      const l = slots[2 * i + 1] as number;
      if (h === high && l === low) return false;
      if (h === 0 && l === 0) {
        slots[2 * i] = high;
        slots[2 * i + 1] = low;
        return true;
      }
    }
  }

  /** Doubles the table (kept at most half full, so probe runs stay short). */
  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 2) {
      const high = old[i] as number;
      const low = old[i + 1] as number;
      if (high !== 0 || low !== 0) this.insert(high, low);
    }
  }
}

// The last fingerprint computed (module state rather than a returned pair: no allocation per lookup).
let fpHigh = 0;
let fpLow = 0;

/**
 * Two 32-bit hashes of the UTF-16 code units with different multipliers (FNV-1a's and MurmurHash's), each
 * finished with MurmurHash3's avalanche so that every input bit reaches every output bit. Never 0,0 (empty).
 */
function fingerprint(key: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  fpHigh = avalanche(a);
  fpLow = avalanche(b) || 1;
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
