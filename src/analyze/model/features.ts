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
 * Calls `emit` with the hashed index of every word unigram and bigram and character 3–5-gram of a
 * normalised text (so the model sees through the same evasions as the rules); returns how many.
 * Repeated n-grams are emitted again: their weights simply add up.
 */
export function forEachFeature(normalized: string, emit: (index: number) => void): number {
  const norm = normalized.length > 5000 ? normalized.slice(0, 5000) : normalized;
  let count = 0;
  const words = norm.match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    emit(fnv(w, 1) % RULE_FEATURE_BASE);
    count++;
    if (i > 0) {
      emit(fnv(`${words[i - 1]} ${w}`, 2) % RULE_FEATURE_BASE);
      count++;
    }
  }
  // Character n-grams, hashed incrementally: one FNV run per start position covers all three lengths.
  const padded = ` ${words.join(' ')} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    let h = 0x811c9dc5 >>> 0;
    for (let n = 1; n <= 5 && i + n <= padded.length; n++) {
      h ^= padded.charCodeAt(i + n - 1);
      h = Math.imul(h, 0x01000193) >>> 0;
      if (n >= 3) {
        emit(((h ^ (n * 0x9e3779b1)) >>> 0) % RULE_FEATURE_BASE);
        count++;
      }
    }
  }
  return count;
}

/** Each n-gram occurrence weighs 1/√n, so a text's vector has about unit length whatever its size. */
export function ngramScale(count: number): number {
  return count > 0 ? 1 / Math.sqrt(count) : 0;
}

/** Rule strengths enter as features, one per label, so the model learns how far to trust them. */
export const RULE_FEATURE_SCALE = 2;

/** The sparse vector of `featurize` for training: n-gram occurrences plus rule strengths. */
export function featurize(text: string, ruleStrengths?: Record<Label, number>): SparseVector {
  const indexes: number[] = [];
  const count = forEachFeature(normalizeText(text).text, (i) => indexes.push(i));
  const scale = ngramScale(count);
  const size = indexes.length + (ruleStrengths ? LABELS.length : 0);
  const index = new Int32Array(size);
  const value = new Float32Array(size);
  indexes.forEach((i, k) => {
    index[k] = i;
    value[k] = scale;
  });
  if (ruleStrengths) {
    LABELS.forEach((l, j) => {
      index[indexes.length + j] = RULE_FEATURE_BASE + j;
      value[indexes.length + j] = ruleStrengths[l] * RULE_FEATURE_SCALE;
    });
  }
  return { index, value };
}
