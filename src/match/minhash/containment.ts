/**
 * Containment matching: a text mostly contained in another (a quote an outlet trimmed, a message
 * quoted in pieces) belongs with it, although their resemblance (Jaccard) is low because one is
 * much longer. MinHash LSH estimates resemblance only, so containment has its own index: an
 * inverted index from shingle to the texts holding it, with overlaps counted exactly.
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

export class ContainmentIndex {
  private readonly postings = new Map<number, number[]>();
  private readonly sizes: number[] = [];

  constructor(readonly config: ContainmentConfig = DEFAULT_CONTAINMENT_CONFIG) {}

  /** Whether a text of this many words takes part in containment matching at all. */
  eligible(wordCount: number): boolean {
    return wordCount >= this.config.minWords;
  }

  /** Indexes a text's shingle set; returns its member index. */
  add(shingles: Uint32Array): number {
    const member = this.sizes.length;
    this.sizes.push(shingles.length);
    for (const s of shingles) {
      const list = this.postings.get(s);
      if (!list) this.postings.set(s, [member]);
      else if (list.length <= this.config.maxPostings) list.push(member);
    }
    return member;
  }

  /** Texts that contain this one, or that this one contains, at or above the threshold; best first. */
  find(shingles: Uint32Array): ContainmentHit[] {
    const shared = new Map<number, number>();
    for (const s of shingles) {
      const list = this.postings.get(s);
      if (!list || list.length > this.config.maxPostings) continue;
      for (const m of list) shared.set(m, (shared.get(m) ?? 0) + 1);
    }
    const hits: ContainmentHit[] = [];
    for (const [member, n] of shared) {
      if (n < this.config.minShared) continue;
      const size = this.sizes[member] as number;
      const containment = n / Math.max(1, Math.min(shingles.length, size));
      if (containment >= this.config.threshold)
        hits.push({ member, containment, holdsQuery: size >= shingles.length });
    }
    return hits.sort((a, b) => b.containment - a.containment || a.member - b.member);
  }
}
