/**
 * Containment matching: a text mostly contained in another (a quote an outlet trimmed, a message
 * quoted in pieces) belongs with it, although their resemblance (Jaccard) is low because one is
 * much longer. MinHash LSH estimates resemblance only, so containment has its own index: an
 * inverted index from shingle to the texts holding it. Only every other shingle (by hash) is
 * indexed, which halves the index; a candidate sharing one of those is then checked on its full
 * shingle set, so overlaps are counted exactly. A fragment of ten shingles escapes the sample
 * with odds of 1 in 1,000.
 */

/** Containment settings; defaults chosen with `npm run bench:dedup` (fragments and stock phrases planted). */
export interface ContainmentConfig {
  /** Words a text needs before it may join by containment, as fragment or as container. */
  minWords: number;
  /** Share of the shorter text's shingles found in the longer one. */
  threshold: number;
  /** Shingles the two must share at least: a stock phrase of a few words never suffices. */
  minShared: number;
  /**
   * A shingle held by more texts than this is boilerplate (a sign-off, a slogan every channel
   * repeats): it neither counts as shared nor is indexed further, which bounds the work per text.
   */
  maxPostings: number;
}

export const DEFAULT_CONTAINMENT_CONFIG: ContainmentConfig = {
  minWords: 12,
  threshold: 0.6,
  minShared: 7,
  maxPostings: 64,
};

/** A text that holds, or is held by, the text looked up. */
export interface ContainmentHit {
  /** The index the text was added under. */
  member: number;
  /** Share of the shorter text's shingles found in the longer. */
  containment: number;
  /** Whether the indexed text is the longer one, holding the text looked up. */
  holdsQuery: boolean;
}

const sampled = (shingle: number) => (shingle & 1) === 0;

/** How many values two sorted arrays share. */
function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

export class ContainmentIndex {
  private readonly postings = new Map<number, number[]>();
  /** Each indexed text's shingles, sorted, to count overlaps exactly. */
  private readonly sets: Uint32Array[] = [];

  constructor(readonly config: ContainmentConfig = DEFAULT_CONTAINMENT_CONFIG) {}

  /** Whether a text of this many words takes part in containment matching at all. */
  eligible(wordCount: number): boolean {
    return wordCount >= this.config.minWords;
  }

  /** Indexes a text's shingle set; returns its member index. */
  add(shingles: Uint32Array): number {
    const member = this.sets.length;
    this.sets.push(Uint32Array.from(shingles).sort());
    for (const s of shingles) {
      if (!sampled(s)) continue;
      const list = this.postings.get(s);
      if (!list) this.postings.set(s, [member]);
      else if (list.length <= this.config.maxPostings) list.push(member);
    }
    return member;
  }

  /** Texts that contain this one, or that this one contains, at or above the threshold; best first. */
  find(shingles: Uint32Array): ContainmentHit[] {
    const candidates = new Set<number>();
    for (const s of shingles) {
      if (!sampled(s)) continue;
      const list = this.postings.get(s);
      if (!list || list.length > this.config.maxPostings) continue;
      for (const m of list) candidates.add(m);
    }
    if (candidates.size === 0) return [];
    const query = Uint32Array.from(shingles).sort();
    const hits: ContainmentHit[] = [];
    for (const member of candidates) {
      const set = this.sets[member] as Uint32Array;
      const n = sharedCount(query, set);
      if (n < this.config.minShared) continue;
      const size = set.length;
      const containment = n / Math.max(1, Math.min(shingles.length, size));
      if (containment >= this.config.threshold)
        hits.push({ member, containment, holdsQuery: size >= shingles.length });
    }
    return hits.sort((a, b) => b.containment - a.containment || a.member - b.member);
  }
}
