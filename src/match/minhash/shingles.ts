/**
 * Text normalised for near-duplicate matching: links, mentions and hashtag marks removed, case
 * and compatibility forms folded, punctuation dropped, so a repost with a link or a hashtag added
 * still meets its original. Returns the words.
 */
export function matchWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/[@#](\p{L}|\p{N}|_)+/gu, ' ')
    .replace(/\((sic)\)/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** 32-bit FNV-1a. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Hashes of the word k-shingles of a text (a set). Texts shorter than k words give one shingle of
 * all their words, so short posts can still match.
 */
export function shingleHashes(words: readonly string[], k: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  // Each word is hashed once; a shingle's hash combines its words' hashes in order.
  const wordHashes = words.map((w) => fnv1a(w));
  const set = new Set<number>();
  const n = Math.min(k, words.length);
  for (let i = 0; i + n <= words.length; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < n; j++) h = Math.imul(h ^ (wordHashes[i + j] as number), 0x01000193) >>> 0;
    set.add(h);
  }
  return Uint32Array.from(set);
}

/** Exact Jaccard similarity of two shingle sets (for measurement). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const sa = new Set(a);
  let inter = 0;
  for (const x of b) if (sa.has(x)) inter++;
  return inter / (a.length + b.length - inter);
}
