/**
 * Multi-index hashing for PDQ: each 256-bit hash is cut into 16 chunks of 16 bits, each chunk
 * indexed in its own table. Two hashes within distance d ≤ 31 differ in at most one bit in at least
 * one chunk (16 chunks × 2 bits > 31), so probing every chunk's value and its 16 one-bit neighbours
 * finds every match; candidates are then checked on the full distance. Tables are compact
 * (offsets + ids, built once), so a million hashes take about 100 MB.
 */
const CHUNKS = 16;

const POP16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = (t[i >> 1] as number) + (i & 1);
  return t;
})();

/** A hash as 16 chunks of 16 bits, chunk 0 from the first four hex digits. */
export function pdqChunks(hex: string): Uint16Array {
  const out = new Uint16Array(CHUNKS);
  for (let c = 0; c < CHUNKS; c++) out[c] = Number.parseInt(hex.slice(c * 4, c * 4 + 4), 16);
  return out;
}

export interface IndexMatch {
  id: number;
  distance: number;
}

export class PdqIndex {
  private readonly hashes: Uint16Array;
  private readonly offsets: Uint32Array[] = [];
  private readonly postings: Uint32Array[] = [];
  readonly size: number;

  constructor(hexes: readonly string[]) {
    this.size = hexes.length;
    this.hashes = new Uint16Array(hexes.length * CHUNKS);
    for (const [i, h] of hexes.entries()) this.hashes.set(pdqChunks(h), i * CHUNKS);
    for (let c = 0; c < CHUNKS; c++) {
      const counts = new Uint32Array(65537);
      for (let i = 0; i < this.size; i++) {
        const slot = (this.hashes[i * CHUNKS + c] as number) + 1;
        counts[slot] = (counts[slot] as number) + 1;
      }
      for (let v = 0; v < 65536; v++) counts[v + 1] = (counts[v + 1] as number) + (counts[v] as number);
      const fill = counts.slice(0, 65536);
      const ids = new Uint32Array(this.size);
      for (let i = 0; i < this.size; i++) {
        const v = this.hashes[i * CHUNKS + c] as number;
        ids[fill[v] as number] = i;
        fill[v] = (fill[v] as number) + 1;
      }
      this.offsets.push(counts);
      this.postings.push(ids);
    }
  }

  distanceTo(id: number, query: Uint16Array): number {
    let d = 0;
    const base = id * CHUNKS;
    for (let c = 0; c < CHUNKS; c++)
      d += POP16[((this.hashes[base + c] as number) ^ (query[c] as number)) & 0xffff] as number;
    return d;
  }

  /** Every indexed hash within `maxDistance` (≤ 31) of the query, nearest first. */
  query(hex: string, maxDistance = 31): IndexMatch[] {
    if (maxDistance > 31) throw new Error('pdq index: multi-index probing covers distances up to 31');
    const q = pdqChunks(hex);
    const seen = new Set<number>();
    const out: IndexMatch[] = [];
    for (let c = 0; c < CHUNKS; c++) {
      const value = q[c] as number;
      for (let bit = -1; bit < 16; bit++) {
        const probe = bit < 0 ? value : value ^ (1 << bit);
        const offsets = this.offsets[c] as Uint32Array;
        const ids = this.postings[c] as Uint32Array;
        for (let k = offsets[probe] as number; k < (offsets[probe + 1] as number); k++) {
          const id = ids[k] as number;
          if (seen.has(id)) continue;
          seen.add(id);
          const d = this.distanceTo(id, q);
          if (d <= maxDistance) out.push({ id, distance: d });
        }
      }
    }
    return out.sort((a, b) => a.distance - b.distance);
  }
}
