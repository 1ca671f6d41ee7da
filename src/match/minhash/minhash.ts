/**
 * MinHash signatures: for each of `size` hash functions, the smallest hash over a text's
 * shingles. The share of equal positions between two signatures estimates their Jaccard similarity.
 * The hash functions are multiply-add permutations of the 32-bit shingle hash, drawn from a fixed
 * seed so signatures stay comparable across runs and machines.
 */
export class MinHasher {
  private readonly a: Uint32Array;
  private readonly b: Uint32Array;

  constructor(
    readonly size = 128,
    seed = 0x5eed,
  ) {
    this.a = new Uint32Array(size);
    this.b = new Uint32Array(size);
    let s = seed >>> 0 || 1;
    const next = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return s >>> 0;
    };
    for (let i = 0; i < size; i++) {
      this.a[i] = next() | 1;
      this.b[i] = next();
    }
  }

  signature(shingles: Uint32Array): Uint32Array {
    const sig = new Uint32Array(this.size).fill(0xffffffff);
    for (let k = 0; k < shingles.length; k++) {
      // A final xorshift mixes the low bits, which a bare multiply-add leaves weak.
      const x = shingles[k] as number;
      for (let i = 0; i < this.size; i++) {
        let h = (Math.imul(this.a[i] as number, x) + (this.b[i] as number)) >>> 0;
        h ^= h >>> 15;
        h = Math.imul(h, 0x2c1b3c6d) >>> 0;
        h = (h ^ (h >>> 12)) >>> 0;
        if (h < (sig[i] as number)) sig[i] = h;
      }
    }
    return sig;
  }
}

/** Estimated Jaccard similarity: the share of equal signature positions. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
