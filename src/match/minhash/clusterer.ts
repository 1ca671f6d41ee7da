import { type ContainmentConfig, ContainmentIndex, DEFAULT_CONTAINMENT_CONFIG } from './containment.js';
import { estimateJaccard, MinHasher } from './minhash.js';
import { fnv1a, matchWords, shingleHashes } from './shingles.js';

/** Matching settings; defaults chosen with `npm run bench:dedup`. */
export interface ClusterConfig {
  /** Words per shingle. */
  shingleSize: number;
  /** LSH bands × rows must equal the signature size. */
  bands: number;
  rows: number;
  /** Estimated Jaccard at or above which two texts are one message. */
  threshold: number;
  /** When a text mostly contained in another (or containing it) joins it; null: resemblance only. */
  containment?: ContainmentConfig | null;
}

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  shingleSize: 3,
  bands: 32,
  rows: 4,
  threshold: 0.5,
  containment: DEFAULT_CONTAINMENT_CONFIG,
};

/** What to cluster: a whole item (quoteIndex null) or one quote of it. */
export interface MatchUnit {
  itemId: number;
  quoteIndex: number | null;
  text: string;
  /**
   * A whole item that quotes others (a news report): it holds several messages, so it neither joins
   * nor gathers clusters by containment, or one report would chain every message it quotes.
   */
  holdsQuotes?: boolean;
}

export interface Assignment {
  unit: MatchUnit;
  clusterId: number;
  /**
   * 'new' opened a cluster; 'exact' joined by identical normalised text; 'near' by MinHash;
   * 'contained' by containment (a fragment of a member, or holding one).
   */
  how: 'new' | 'exact' | 'near' | 'contained';
  similarity: number;
  signature: Uint32Array;
  exactKey: string;
}

export interface Merge {
  from: number;
  into: number;
}

/** A member restored from the store when a clusterer starts. */
export interface KnownMember {
  clusterId: number;
  signature: Uint32Array;
  exactKey: string;
  /** The member's text and whether it quotes others, to rebuild the containment index. */
  text?: string;
  holdsQuotes?: boolean;
}

/**
 * Incremental near-duplicate clustering: each new text joins the cluster of its most similar
 * known text, opens a new cluster, or merges the clusters it bridges into the oldest one (whose id
 * stays). Exact duplicates (same normalised text) short-cut through a hash map; others go through
 * LSH banding and are confirmed on the estimated Jaccard similarity. Nothing is recomputed for
 * earlier texts.
 */
export class Clusterer {
  private readonly hasher: MinHasher;
  private readonly buckets = new Map<number, number[]>();
  private readonly members: { clusterId: number; signature: Uint32Array }[] = [];
  private readonly exact = new Map<string, number>();
  /** Union-find parent: a merged cluster points to the cluster that absorbed it. */
  private readonly parent = new Map<number, number>();
  private readonly containment: ContainmentIndex | null;
  /** The cluster each containment-indexed text joined, by its index there. */
  private readonly containedIn: number[] = [];
  private nextId: number;

  constructor(
    readonly config: ClusterConfig = DEFAULT_CLUSTER_CONFIG,
    known: Iterable<KnownMember> = [],
    firstId = 1,
  ) {
    if (config.bands * config.rows <= 0) throw new Error('clusterer: bands × rows must be positive');
    this.hasher = new MinHasher(config.bands * config.rows);
    this.containment = config.containment ? new ContainmentIndex(config.containment) : null;
    this.nextId = firstId;
    for (const m of known) {
      this.index(m.clusterId, m.signature);
      this.exact.set(m.exactKey, m.clusterId);
      if (m.text !== undefined && !m.holdsQuotes) {
        const words = matchWords(m.text);
        this.indexContainment(m.clusterId, words, shingleHashes(words, this.config.shingleSize));
      }
      if (m.clusterId >= this.nextId) this.nextId = m.clusterId + 1;
    }
  }

  /** The cluster a (possibly merged) id now belongs to. */
  resolve(id: number): number {
    let at = id;
    for (let p = this.parent.get(at); p !== undefined; p = this.parent.get(at)) at = p;
    return at;
  }

  signatureOf(text: string): { signature: Uint32Array; exactKey: string } {
    const { signature, exactKey } = this.fingerprint(matchWords(text));
    return { signature, exactKey };
  }

  private fingerprint(words: string[]) {
    // Two independent 32-bit hashes of the normalised text: collisions are negligible at this scale.
    const joined = words.join(' ');
    const exactKey = `${fnv1a(joined).toString(16)}${fnv1a(joined, 0x01000193).toString(16)}`;
    const shingles = shingleHashes(words, this.config.shingleSize);
    return { signature: this.hasher.signature(shingles), exactKey, shingles };
  }

  /** Assigns one text; returns its assignment and any merges it caused. */
  add(unit: MatchUnit): { assignment: Assignment; merges: Merge[] } {
    const words = matchWords(unit.text);
    const { signature, exactKey, shingles } = this.fingerprint(words);
    const containable = !unit.holdsQuotes;
    const exactHit = this.exact.get(exactKey);
    if (exactHit !== undefined) {
      const clusterId = this.resolve(exactHit);
      this.index(clusterId, signature);
      if (containable) this.indexContainment(clusterId, words, shingles);
      return {
        assignment: { unit, clusterId, how: 'exact', similarity: 1, signature, exactKey },
        merges: [],
      };
    }
    const matched = new Map<number, number>();
    for (const m of this.candidates(signature)) {
      const member = this.members[m];
      if (!member) continue;
      const s = estimateJaccard(signature, member.signature);
      if (s < this.config.threshold) continue;
      const c = this.resolve(member.clusterId);
      if (s > (matched.get(c) ?? -1)) matched.set(c, s);
    }
    const merges: Merge[] = [];
    let clusterId: number;
    let similarity = 0;
    let how: Assignment['how'] = 'near';
    const contained = matched.size === 0 && containable ? this.containingCluster(words, shingles) : null;
    if (contained) {
      ({ clusterId, similarity } = contained);
      how = 'contained';
    } else if (matched.size === 0) {
      clusterId = this.nextId++;
      how = 'new';
    } else {
      const ids = [...matched.keys()].sort((a, b) => a - b);
      clusterId = ids[0] as number;
      similarity = Math.max(...matched.values());
      for (const other of ids.slice(1)) {
        this.parent.set(other, clusterId);
        merges.push({ from: other, into: clusterId });
      }
    }
    this.index(clusterId, signature);
    if (containable) this.indexContainment(clusterId, words, shingles);
    this.exact.set(exactKey, clusterId);
    return {
      assignment: {
        unit,
        clusterId,
        how,
        similarity,
        signature,
        exactKey,
      },
      merges,
    };
  }

  /**
   * The cluster a text joins by containment. Containment attaches a text to one cluster and never
   * merges clusters: a text holding members of two clusters is a compilation (a thread, a digest)
   * and joins neither, and a fragment found in several clusters joins the one holding most of it.
   */
  private containingCluster(
    words: string[],
    shingles: Uint32Array,
  ): { clusterId: number; similarity: number } | null {
    if (!this.containment?.eligible(words.length)) return null;
    const holders = new Map<number, number>();
    const held = new Map<number, number>();
    for (const hit of this.containment.find(shingles)) {
      const clusterId = this.resolve(this.containedIn[hit.member] as number);
      const side = hit.holdsQuery ? holders : held;
      side.set(clusterId, Math.max(side.get(clusterId) ?? 0, hit.containment));
    }
    const candidates = holders.size > 0 ? holders : held.size === 1 ? held : null;
    if (!candidates) return null;
    let best: { clusterId: number; similarity: number } | null = null;
    for (const [clusterId, similarity] of candidates)
      if (!best || similarity > best.similarity) best = { clusterId, similarity };
    return best;
  }

  private indexContainment(clusterId: number, words: string[], shingles: Uint32Array): void {
    if (!this.containment?.eligible(words.length)) return;
    this.containedIn[this.containment.add(shingles)] = clusterId;
  }

  /** One numeric key per band: the band's rows hashed together, with the band number in the low bits. */
  private bandKeys(signature: Uint32Array): number[] {
    const { bands, rows } = this.config;
    const keys: number[] = [];
    for (let b = 0; b < bands; b++) {
      let h = 0x811c9dc5;
      for (let r = 0; r < rows; r++) {
        h = Math.imul(h ^ (signature[b * rows + r] as number), 0x01000193) >>> 0;
      }
      keys.push(h * 256 + b);
    }
    return keys;
  }

  private candidates(signature: Uint32Array): Set<number> {
    const out = new Set<number>();
    for (const key of this.bandKeys(signature)) for (const m of this.buckets.get(key) ?? []) out.add(m);
    return out;
  }

  private index(clusterId: number, signature: Uint32Array): void {
    const m = this.members.length;
    this.members.push({ clusterId, signature });
    for (const key of this.bandKeys(signature)) {
      const list = this.buckets.get(key);
      if (list) list.push(m);
      else this.buckets.set(key, [m]);
    }
  }
}
