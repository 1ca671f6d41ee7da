import { LABELS, type Label } from '../../domain/index.js';
import { normalizeText } from '../text/01-normalize.js';

/** Hashed feature space size (2^18): small enough to ship, large enough to keep collisions rare. */
export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;
/** Rule strengths take the last slots, one per label, so the model learns how far to trust them. */
export const RULE_FEATURE_BASE = MASK - LABELS.length;

/** 32-bit FNV-1a over a string's UTF-16 units, with a seed that separates feature kinds. */
function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/**
 * Word unigrams and bigrams and character 3–5-grams of the normalised text (so the model sees
 * through the same evasions as the rules), L2-normalised, plus one feature per label's rule strength.
 */
export function featurize(text: string, ruleStrengths?: Record<Label, number>): SparseVector {
  const norm = normalizeText(text.length > 5000 ? text.slice(0, 5000) : text).text;
  const counts = new Map<number, number>();
  const add = (i: number) => counts.set(i, (counts.get(i) ?? 0) + 1);
  const words = norm.match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    add(fnv(w, 1) % RULE_FEATURE_BASE);
    if (i > 0) add(fnv(`${words[i - 1]} ${w}`, 2) % RULE_FEATURE_BASE);
  }
  const padded = ` ${words.join(' ')} `;
  for (let n = 3; n <= 5; n++) {
    for (let i = 0; i + n <= padded.length; i++) add(fnv(padded.slice(i, i + n), 10 + n) % RULE_FEATURE_BASE);
  }
  let norm2 = 0;
  for (const v of counts.values()) norm2 += v * v;
  const scale = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
  const size = counts.size + (ruleStrengths ? LABELS.length : 0);
  const index = new Int32Array(size);
  const value = new Float32Array(size);
  let k = 0;
  for (const [i, v] of counts) {
    index[k] = i;
    value[k] = v * scale;
    k++;
  }
  if (ruleStrengths) {
    LABELS.forEach((l, j) => {
      index[k] = RULE_FEATURE_BASE + j;
      value[k] = ruleStrengths[l] * 2;
      k++;
    });
  }
  return { index, value };
}
