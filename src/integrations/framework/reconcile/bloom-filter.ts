// A Bloom filter of strings: "certainly not added" or "maybe added". Used to skip the per-batch link lookup of
// a first import (see run-entity.ts): only ids the run itself linked can have links, and a fixed 1 MiB of bits
// answers for them instead of one index probe per record. False positives only cost a lookup; there are no
// false negatives.
export class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** `log2Bits` sizes the filter (default 2^23 bits = 1 MiB: about 2 % false positives at 1,000,000 ids). */
  constructor(
    log2Bits = 23,
    private readonly hashes = 5,
  ) {
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  add(key: string): void {
    const [h1, h2] = hashPair(key);
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  mightContain(key: string): boolean {
    const [h1, h2] = hashPair(key);
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      if (((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit hashes of the UTF-16 code units (FNV-1a and a multiplicative mix), for double hashing. */
function hashPair(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // An odd step, so the probes of one key never collapse onto one bit.
  return [a >>> 0, (b | 1) >>> 0];
}
