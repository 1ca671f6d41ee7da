import { LABELS, type Label } from '../../domain/index.js';
import { BoundedMemo } from '../../shared/bounded-memo.js';
import { LEXICON_CATEGORIES } from '../lexicon.js';
import type { Token } from '../text/02-tokens.js';
import type { TextView } from '../text-view.js';
import type { WordVectors } from './word-vectors.js';

/** Hashed feature space size (2^18): small enough to ship, large enough to keep collisions rare. */
export const FEATURE_BITS = 18;
const SIZE = 1 << FEATURE_BITS;
/**
 * The last slots hold the dense features: rule strengths per label, lexicon categories present,
 * and the shape of the voice (question, negation, person). The n-gram hash never reaches them.
 */
export const DENSE_SLOTS = 512;
export const DENSE_BASE = SIZE - DENSE_SLOTS;
const RULE_BASE = DENSE_BASE;
const CATEGORY_BASE = RULE_BASE + LABELS.length;
/** Where the rule strengths sit, so training can hide them (rule dropout). */
export const RULE_SLOTS = { start: RULE_BASE, end: CATEGORY_BASE };
const SHAPE_BASE = CATEGORY_BASE + LEXICON_CATEGORIES.length;
const SHAPES = [
  'question',
  'exclaimed',
  'first_person',
  'second_person',
  'third_person',
  'short',
  'long',
] as const;
const VECTOR_BASE = SHAPE_BASE + SHAPES.length;
/** Pooled word vectors: the mean and the maximum of each dimension over the voice's content words. */
const VECTOR_DIMS = 100;
if (VECTOR_BASE + 2 * VECTOR_DIMS > SIZE) throw new Error('features: dense block overflows');
/** Pooled vectors weigh like a short text's n-grams together, so neither swamps the other. */
const VECTOR_SCALE = 2;

/** Words too common to say what a text is about: left out of pooled vectors and of explanations. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'a an the and or but of to in on at by for with from as is are was were be been it its this that these those my your his her our their i you he she we they me him us them so if then than just not no do does did has have had will would can could should shall may might must there here what which who whom whose when where why how all any some every each very too also only up out about into over under again once'.split(
    ' ',
  ),
);

/** Rule strengths weigh double: one slot carries what a rule saw in the whole voice. */
export const RULE_FEATURE_SCALE = 2;

/** 32-bit FNV-1a over a string's UTF-16 units, with a seed that separates feature kinds. */
export function fnv(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** FNV-1a's offset basis and one step of it, on signed 32-bit values (the same bits as unsigned). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const fnvStep = (h: number, unit: number): number => Math.imul(h ^ unit, 0x01000193);

/** What `forEachNgram` XORs into an n-character gram's hash, `n * 0x9e3779b1`, as 32 bits. */
const CHAR_SALT_3 = Math.imul(3, 0x9e3779b1);
const CHAR_SALT_4 = Math.imul(4, 0x9e3779b1);
const CHAR_SALT_5 = Math.imul(5, 0x9e3779b1);

/**
 * A 32-bit hash's n-gram index, `hash % DENSE_BASE` with the hash read as unsigned. The divisor is
 * written out because optimised code does not see a module constant's value: a remainder by a value
 * it cannot see, of a hash past 2^31, compiles to a floating-point remainder, ten times the cost of
 * integer division by a known constant (a multiply and a shift), and was a quarter of the n-grams' time.
 */
const denseIndex = (hash: number): number => (hash >>> 0) % 261_632;
if (DENSE_BASE !== 261_632) throw new Error('features: denseIndex must divide by DENSE_BASE');

export const unigramIndex = (word: string) => fnv(word, 1) % DENSE_BASE;
export const bigramIndex = (a: string, b: string) => fnv(`${a} ${b}`, 2) % DENSE_BASE;

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/**
 * Counts of hashed n-gram indexes for one voice at a time, kept in first-seen order. An
 * open-addressing table sized to the voice (a few kilobytes for a post) rather than one counter per
 * index of the feature space: a megabyte-wide counter array cost a cache miss per n-gram, most of
 * the features' time. The indexes and their counts are kept in arrays in first-seen order (the
 * table holds where), so reading them out is a walk along two arrays rather than a jump into the
 * table per index. Cleared slot by slot after each voice, so it is all empty between calls.
 */
class NgramCounts {
  /** Per slot: the n-gram index plus one (0: empty), then its place in first-seen order. */
  private slots: Int32Array = new Int32Array(2 << 10);
  /** 32 minus the table's bits: a hash's top bits pick its slot. */
  private shift = 32 - 10;
  /** The distinct indexes in first-seen order, each one's count, and each one's slot. */
  indexes: Int32Array = new Int32Array(1 << 9);
  counts: Uint32Array = new Uint32Array(1 << 9);
  private slotOf: Int32Array = new Int32Array(1 << 9);
  size = 0;
  /**
   * One table per size, kept once made: a voice uses the smallest that holds it, so a post's
   * n-grams fill a few kilobytes that stay in cache even after an article needed a large table.
   */
  private readonly tables: {
    slots: Int32Array;
    indexes: Int32Array;
    counts: Uint32Array;
    slotOf: Int32Array;
  }[] = [];

  /** Makes room for up to `most` distinct indexes; the table must be empty. */
  reserve(most: number): void {
    let bits = 10;
    while (1 << bits < most * 2) bits++;
    if (32 - bits === this.shift) return;
    let table = this.tables[bits];
    if (!table) {
      table = {
        slots: new Int32Array(2 << bits),
        indexes: new Int32Array(1 << (bits - 1)),
        counts: new Uint32Array(1 << (bits - 1)),
        slotOf: new Int32Array(1 << (bits - 1)),
      };
      this.tables[bits] = table;
    }
    this.slots = table.slots;
    this.indexes = table.indexes;
    this.counts = table.counts;
    this.slotOf = table.slotOf;
    this.shift = 32 - bits;
  }

  add(index: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    // Fibonacci hashing: the product's top bits depend on all of the index's bits.
    let slot = Math.imul(index + 1, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const at = slots[2 * slot] as number;
      if (at === index + 1) {
        const k = slots[2 * slot + 1] as number;
        this.counts[k] = (this.counts[k] as number) + 1;
        return;
      }
      if (at === 0) {
        const k = this.size++;
        slots[2 * slot] = index + 1;
        slots[2 * slot + 1] = k;
        this.indexes[k] = index;
        this.counts[k] = 1;
        this.slotOf[k] = slot;
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  clear(): void {
    for (let k = 0; k < this.size; k++) this.slots[2 * (this.slotOf[k] as number)] = 0;
    this.size = 0;
  }
}

const NGRAM_COUNTS = new NgramCounts();

/** Longest text read for n-grams: past it, a text's n-grams say nothing its first part did not. */
const MAX_NGRAM_CHARS = 5000;

/**
 * Calls `emit` with the hashed index of every word unigram and bigram and character 3–5-gram of a
 * normalised text (so the model sees through the same evasions as the rules); returns how many.
 */
export function forEachNgram(normalized: string, emit: (index: number) => void): number {
  const norm = normalized.length > MAX_NGRAM_CHARS ? normalized.slice(0, MAX_NGRAM_CHARS) : normalized;
  let count = 0;
  const words = norm.match(/[\p{L}\p{N}]+/gu) ?? [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    emit(unigramIndex(w));
    count++;
    if (i > 0) {
      emit(bigramIndex(words[i - 1] as string, w));
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
        emit(((h ^ (n * 0x9e3779b1)) >>> 0) % DENSE_BASE);
        count++;
      }
    }
  }
  return count;
}

/** Whether each ASCII unit is a letter or digit, as `[\p{L}\p{N}]` reads it. */
const ASCII_WORD = Uint8Array.from({ length: 0x80 }, (_, u) =>
  /[\p{L}\p{N}]/u.test(String.fromCharCode(u)) ? 1 : 0,
);
const WORD_CODE_POINT = /^[\p{L}\p{N}]$/u;
/** Each BMP unit's class, filled in on first sight: 0 not yet asked, 1 letter or digit, 2 neither. */
const BMP_WORD = new Uint8Array(0x10000);

/** Whether the BMP unit `u` (not a surrogate) is a letter or digit. */
function bmpWord(u: number): boolean {
  let c = BMP_WORD[u] as number;
  if (c === 0) {
    c = WORD_CODE_POINT.test(String.fromCharCode(u)) ? 1 : 2;
    BMP_WORD[u] = c;
  }
  return c === 1;
}

/** Scratch for `countNgrams`: the padded words as units, and each word's span in `norm`. */
let paddedUnits = new Uint16Array(1024);
let wordStarts = new Int32Array(256);
let wordEnds = new Int32Array(256);

/**
 * `forEachNgram` into `NGRAM_COUNTS`, the same indexes in the same order, without building a string:
 * words are found by a scan of the text's units (one class lookup per unit, where the expression
 * built an array of strings), hashed where they lie, a word pair hashed across both words instead
 * of joined first, and the padded text written into reused units. `forEachNgram` stays the definition.
 */
function countNgrams(norm: string): void {
  const limit = Math.min(norm.length, MAX_NGRAM_CHARS);
  if (paddedUnits.length < limit + 2) paddedUnits = new Uint16Array(limit + 2);
  const padded = paddedUnits;
  let words = 0;
  let len = 0;
  padded[len++] = 0x20;
  for (let i = 0; i < limit; ) {
    // The code point at i and its width, as the expression's `u` flag reads it: a surrogate pair
    // cut by the limit is a lone surrogate, which is no letter.
    const u = norm.charCodeAt(i);
    let width = 1;
    let word: boolean;
    if (u < 0x80) word = ASCII_WORD[u] === 1;
    else if (u < 0xd800 || u > 0xdfff) word = bmpWord(u);
    else if (u <= 0xdbff && i + 1 < limit && (norm.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      width = 2;
      word = WORD_CODE_POINT.test(norm.slice(i, i + 2));
    } else word = false;
    if (!word) {
      i += width;
      continue;
    }
    // A word starts at i: find its end, then write it into the padded units.
    let end = i + width;
    while (end < limit) {
      const v = norm.charCodeAt(end);
      if (v < 0x80) {
        if (ASCII_WORD[v] !== 1) break;
        end++;
      } else if (v < 0xd800 || v > 0xdfff) {
        if (!bmpWord(v)) break;
        end++;
      } else if (
        v <= 0xdbff &&
        end + 1 < limit &&
        (norm.charCodeAt(end + 1) & 0xfc00) === 0xdc00 &&
        WORD_CODE_POINT.test(norm.slice(end, end + 2))
      )
        end += 2;
      else break;
    }
    if (words === wordStarts.length) {
      const starts = new Int32Array(words * 2);
      starts.set(wordStarts);
      wordStarts = starts;
      const ends = new Int32Array(words * 2);
      ends.set(wordEnds);
      wordEnds = ends;
    }
    wordStarts[words] = i;
    wordEnds[words] = end;
    words++;
    if (words > 1) padded[len++] = 0x20;
    for (let k = i; k < end; k++) padded[len++] = norm.charCodeAt(k);
    i = end;
  }
  padded[len++] = 0x20;
  // Every n-gram may be new: two per word but the first, three per padded unit but the last four.
  NGRAM_COUNTS.reserve(
    Math.max(0, 2 * words - 1) + Math.max(0, len - 2) + Math.max(0, len - 3) + Math.max(0, len - 4),
  );
  // Word unigrams and bigrams: FNV-1a over the word (seed 1), and over "a b" (seed 2).
  for (let w = 0; w < words; w++) {
    const start = wordStarts[w] as number;
    const end = wordEnds[w] as number;
    let h = FNV_OFFSET ^ 1;
    for (let k = start; k < end; k++) h = fnvStep(h, norm.charCodeAt(k));
    NGRAM_COUNTS.add(denseIndex(h));
    if (w > 0) {
      let b = FNV_OFFSET ^ 2;
      for (let k = wordStarts[w - 1] as number, e = wordEnds[w - 1] as number; k < e; k++)
        b = fnvStep(b, norm.charCodeAt(k));
      b = fnvStep(b, 0x20);
      for (let k = start; k < end; k++) b = fnvStep(b, norm.charCodeAt(k));
      NGRAM_COUNTS.add(denseIndex(b));
    }
  }
  // Character 3–5-grams of the padded words, as in `forEachNgram`: one FNV run per start position,
  // unrolled, adding the 3-, 4- and 5-gram in that order.
  for (let i = 0; i + 3 <= len; i++) {
    const h3 = fnvStep(
      fnvStep(fnvStep(FNV_OFFSET, padded[i] as number), padded[i + 1] as number),
      padded[i + 2] as number,
    );
    NGRAM_COUNTS.add(denseIndex(h3 ^ CHAR_SALT_3));
    if (i + 4 > len) continue;
    const h4 = fnvStep(h3, padded[i + 3] as number);
    NGRAM_COUNTS.add(denseIndex(h4 ^ CHAR_SALT_4));
    if (i + 5 > len) continue;
    const h5 = fnvStep(h4, padded[i + 4] as number);
    NGRAM_COUNTS.add(denseIndex(h5 ^ CHAR_SALT_5));
  }
}

const FIRST = new Set(['i', 'we', 'me', 'us', 'my', 'our', "i'm", 'im', "we're", "i'll", "we'll", 'ill']);
const SECOND = new Set(['you', 'your', 'u', 'ur', "you're", 'youre', 'yours']);
const THIRD = new Set(['he', 'she', 'they', 'them', 'his', 'her', 'their', 'it']);
/** The persons a word names, as bits (first 1, second 2, third 4): one lookup per word, not three. */
const PERSON_BITS = new Map<string, number>();
[FIRST, SECOND, THIRD].forEach((words, p) => {
  for (const w of words) PERSON_BITS.set(w, (PERSON_BITS.get(w) ?? 0) | (1 << p));
});
const ALL_PERSONS = 0b111;
/** No longer word names a person: longer words skip the lookup (and hashing their text). */
const LONGEST_PERSON_WORD = Math.max(...[...PERSON_BITS.keys()].map((w) => w.length));

/**
 * The features of one voice of a text, for training and serving alike (one function, so the model
 * is served exactly what it learned from): hashed n-grams of the voice's normalised text, counted
 * and scaled to unit length whatever the text's size or repetition; the strongest rule hit
 * per label; which lexicon categories occur; and the voice's shape.
 */
export function voiceFeatures(
  view: TextView,
  ruleStrengths: Record<Label, number>,
  vectors?: WordVectors,
  /**
   * `scratch`: the vector lives in memory the next call overwrites, for a caller that scores it at
   * once (the detector); a fresh buffer per voice was a tenth of the features' cost. `fresh` (the
   * default) is the caller's to keep, as training keeps every vector.
   */
  lifetime: 'fresh' | 'scratch' = 'fresh',
): SparseVector {
  // Counted per index and scaled to unit length: a repeated n-gram ("aaaa…", one word over and
  // over) weighs by its share of the text, never by the text's length. Indexes are kept in the
  // order first seen: the model sums in this order, so a different one could change a score's
  // last bit.
  const norm = view.modelText;
  countNgrams(norm);
  const distinct = NGRAM_COUNTS.size;
  let squares = 0;
  const counts = NGRAM_COUNTS.counts;
  for (let k = 0; k < distinct; k++) squares += (counts[k] as number) * (counts[k] as number);
  const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  // The dense features are gathered first, into scratch arrays, so the n-grams' counts can go
  // straight into typed arrays of the final length.
  DENSE.size = 0;
  LABELS.forEach((l, j) => {
    if (ruleStrengths[l] > 0) DENSE.add(RULE_BASE + j, ruleStrengths[l] * RULE_FEATURE_SCALE);
  });
  // Which categories occur, read from the view's counts in category order (a lookup by name per
  // category cost 35 map lookups per voice).
  const categoryCounts = view.categoryCounts;
  for (let j = 0; j < LEXICON_CATEGORIES.length; j++)
    if ((categoryCounts[j] as number) > 0) DENSE.add(CATEGORY_BASE + j, 0.5);
  // Which persons the voice uses, in one pass over its words rather than one per person.
  let persons = 0;
  for (const t of view.tokens) {
    if (t.text.length > LONGEST_PERSON_WORD) continue;
    persons |= PERSON_BITS.get(t.text) ?? 0;
    if (persons === ALL_PERSONS) break;
  }
  const shape: Record<(typeof SHAPES)[number], boolean> = {
    question: view.sentences.some((s) => s.question),
    exclaimed: view.sentences.some((s) => s.exclaimed),
    first_person: (persons & 1) !== 0,
    second_person: (persons & 2) !== 0,
    third_person: (persons & 4) !== 0,
    short: view.tokens.length <= 12,
    long: view.tokens.length > 60,
  };
  SHAPES.forEach((s, j) => {
    if (shape[s]) DENSE.add(SHAPE_BASE + j, 0.5);
  });
  if (vectors) pooledVectors(view, vectors);
  // Both arrays in one buffer: one allocation per voice instead of two, or none from scratch.
  const length = distinct + DENSE.size;
  const { index, value } = lifetime === 'scratch' ? scratchVector(length) : freshVector(length);
  index.set(NGRAM_COUNTS.indexes.subarray(0, distinct));
  for (let k = 0; k < distinct; k++) value[k] = (counts[k] as number) * scale;
  NGRAM_COUNTS.clear();
  for (let k = 0; k < DENSE.size; k++) {
    index[distinct + k] = DENSE.index[k] as number;
    value[distinct + k] = DENSE.value[k] as number;
  }
  return { index, value };
}

function freshVector(length: number): SparseVector {
  const buffer = new ArrayBuffer(8 * length);
  return { index: new Int32Array(buffer, 0, length), value: new Float32Array(buffer, 4 * length, length) };
}

/** Room for `scratchVector`'s indexes (first half) and values (second half), grown as needed. */
let scratchBuffer = new ArrayBuffer(8 * 4096);

/** A vector of `length` entries in the scratch buffer: valid until the next call. */
function scratchVector(length: number): SparseVector {
  let room = scratchBuffer.byteLength / 8;
  if (room < length) {
    while (room < length) room *= 2;
    scratchBuffer = new ArrayBuffer(8 * room);
  }
  return {
    index: new Int32Array(scratchBuffer, 0, length),
    value: new Float32Array(scratchBuffer, 4 * room, length),
  };
}

/** The dense features of the voice being read, in the order added (scratch, reused per voice). */
const DENSE = {
  index: new Int32Array(DENSE_SLOTS),
  /** Doubles, rounded to float32 only when copied out, as the values always were. */
  value: new Float64Array(DENSE_SLOTS),
  size: 0,
  add(i: number, v: number): void {
    this.index[this.size] = i;
    this.value[this.size] = v;
    this.size++;
  },
};

/** The vector rows of the voice's content words, in order (scratch, grown as needed). */
let pooledRows = new Int32Array(256);

/**
 * Every quantised component's value, q / 127, by q + 128: a table read instead of a division per
 * component of every word. The same division made once, so the same doubles.
 */
const COMPONENT = Float64Array.from({ length: 256 }, (_, i) => (i - 128) / 127);

/**
 * The vectors of a vocabulary's content words (function words left out), each stored with its
 * word, and an open-addressing table keyed by a hash of the word's units that says where. A lookup
 * reads one slot, then the record: the word's units to confirm the hit lie right after the vector
 * it returns, so a content word costs two places in memory. Looking the word up through its id
 * (slot, then where its units start, the units, and the vector elsewhere) cost four, and on most
 * words each missed the cache.
 */
class ContentRows {
  /** Per slot: the word's record offset plus one (0: empty), then the word's hash. */
  private readonly slots: Int32Array;
  private readonly shift: number;
  /**
   * One record per content word: its `dims` vector components (as in the vocabulary's data), its
   * length in two bytes, then its units in two bytes each (low byte first).
   */
  readonly records: Int8Array;
  private readonly bytes: Uint8Array;
  private readonly dims: number;

  constructor(vectors: WordVectors) {
    const words = vectors.words;
    const dims = vectors.dims;
    this.dims = dims;
    // A word listed twice is read at the row the vocabulary's own lookup gives it.
    const content: number[] = [];
    let size = 0;
    words.forEach((w, i) => {
      if (w.length > 0xffff) throw new Error('features: a vocabulary word longer than its record can say');
      if (FUNCTION_WORDS.has(w) || vectors.row(w) !== i * dims) return;
      content.push(i);
      size += dims + 2 + 2 * w.length;
    });
    let bits = 4;
    while (1 << bits < content.length * 2) bits++;
    this.shift = 32 - bits;
    this.slots = new Int32Array(2 << bits);
    this.records = new Int8Array(size);
    this.bytes = new Uint8Array(this.records.buffer);
    const mask = (1 << bits) - 1;
    let at = 0;
    for (const i of content) {
      const w = words[i] as string;
      this.records.set(vectors.data.subarray(i * dims, (i + 1) * dims), at);
      const tail = at + dims;
      this.bytes[tail] = w.length & 0xff;
      this.bytes[tail + 1] = w.length >>> 8;
      for (let k = 0; k < w.length; k++) {
        this.bytes[tail + 2 + 2 * k] = w.charCodeAt(k) & 0xff;
        this.bytes[tail + 3 + 2 * k] = w.charCodeAt(k) >>> 8;
      }
      const h = unitsHash(w);
      let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
      while ((this.slots[2 * slot] as number) !== 0) slot = (slot + 1) & mask;
      this.slots[2 * slot] = at + 1;
      this.slots[2 * slot + 1] = h;
      at = tail + 2 + 2 * w.length;
    }
  }

  /**
   * Rows looked up so far, by word: a text's words are mostly words seen before, and the map of
   * them stays in cache where the vocabulary's table (a megabyte of slots, then the record) missed
   * it on most words. Emptied when full, so words never seen twice cannot grow it without end.
   */
  private readonly seen = new BoundedMemo<string, number>(1 << 16);

  /** Where a content word's vector starts in `records`, or -1 (a function or unknown word). */
  row(word: string): number {
    return this.seen.lookup(word) ?? this.seen.remember(word, this.find(word));
  }

  private find(word: string): number {
    const h = unitsHash(word);
    const mask = (this.slots.length >> 1) - 1;
    const bytes = this.bytes;
    for (let slot = Math.imul(h, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const at = (this.slots[2 * slot] as number) - 1;
      if (at < 0) return -1;
      if (this.slots[2 * slot + 1] !== h) continue;
      const tail = at + this.dims;
      if ((bytes[tail] as number) + ((bytes[tail + 1] as number) << 8) !== word.length) continue;
      let k = 0;
      while (
        k < word.length &&
        (bytes[tail + 2 + 2 * k] as number) + ((bytes[tail + 3 + 2 * k] as number) << 8) ===
          word.charCodeAt(k)
      )
        k++;
      if (k === word.length) return at;
    }
  }
}

/** FNV-1a over a string's units, as a signed 32-bit integer. */
function unitsHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Each vocabulary's content-word table, built on its first pooling. */
const CONTENT_ROWS = new WeakMap<WordVectors, ContentRows>();

/** Mean- and max-pooled unit word vectors of the voice's content words, as dense features. */
function pooledVectors(view: TextView, vectors: WordVectors): void {
  const dims = Math.min(vectors.dims, VECTOR_DIMS);
  let rowsOf = CONTENT_ROWS.get(vectors);
  if (!rowsOf) {
    rowsOf = new ContentRows(vectors);
    CONTENT_ROWS.set(vectors, rowsOf);
  }
  const data = rowsOf.records;
  let n = 0;
  const respelt = view.respelt;
  for (let k = 0; k < view.tokens.length; k++) {
    const word =
      respelt.size === 0
        ? (view.tokens[k] as Token).text
        : (respelt.get(k) ?? (view.tokens[k] as Token).text);
    const row = rowsOf.row(word);
    if (row < 0) continue;
    if (n === pooledRows.length) {
      const grown = new Int32Array(n * 2);
      grown.set(pooledRows);
      pooledRows = grown;
    }
    pooledRows[n++] = row;
  }
  if (n === 0) return;
  const rows = pooledRows;
  // Four dimensions at a time, summing over the words in their order: each sum is the same run of
  // additions as word by word, held in a register, and the four runs do not wait on one another.
  let d = 0;
  for (; d + 4 <= dims; d += 4) {
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    let max0 = MIN_COMPONENT;
    let max1 = MIN_COMPONENT;
    let max2 = MIN_COMPONENT;
    let max3 = MIN_COMPONENT;
    for (let k = 0; k < n; k++) {
      const at = (rows[k] as number) + d;
      const q0 = data[at] as number;
      const q1 = data[at + 1] as number;
      const q2 = data[at + 2] as number;
      const q3 = data[at + 3] as number;
      sum0 += COMPONENT[q0 + 128] as number;
      sum1 += COMPONENT[q1 + 128] as number;
      sum2 += COMPONENT[q2 + 128] as number;
      sum3 += COMPONENT[q3 + 128] as number;
      if (q0 > max0) max0 = q0;
      if (q1 > max1) max1 = q1;
      if (q2 > max2) max2 = q2;
      if (q3 > max3) max3 = q3;
    }
    POOLED_SUMS[d] = sum0;
    POOLED_SUMS[d + 1] = sum1;
    POOLED_SUMS[d + 2] = sum2;
    POOLED_SUMS[d + 3] = sum3;
    POOLED_MAXES[d] = max0;
    POOLED_MAXES[d + 1] = max1;
    POOLED_MAXES[d + 2] = max2;
    POOLED_MAXES[d + 3] = max3;
  }
  for (; d < dims; d++) {
    let sum = 0;
    let max = MIN_COMPONENT;
    for (let k = 0; k < n; k++) {
      const q = data[(rows[k] as number) + d] as number;
      sum += COMPONENT[q + 128] as number;
      if (q > max) max = q;
    }
    POOLED_SUMS[d] = sum;
    POOLED_MAXES[d] = max;
  }
  // Each dimension's mean and maximum, in dimension order, as dense features.
  for (let d = 0; d < dims; d++) {
    DENSE.add(VECTOR_BASE + d, (VECTOR_SCALE * (POOLED_SUMS[d] as number)) / n);
    DENSE.add(
      VECTOR_BASE + VECTOR_DIMS + d,
      VECTOR_SCALE * (COMPONENT[(POOLED_MAXES[d] as number) + 128] as number),
    );
  }
}

/**
 * Each dimension's sum and quantised maximum over the voice's words, written by the pooling loops
 * and read out after them: passing the sums to a function that added them as features boxed every
 * one as a heap number, two hundred small allocations per voice.
 */
const POOLED_SUMS = new Float64Array(VECTOR_DIMS);
const POOLED_MAXES = new Int32Array(VECTOR_DIMS);

/**
 * The maximum starts at the component -1 (as a unit vector's components can go no lower) and is
 * taken over the quantised integers: the component table increases with q, so the largest q gives
 * the largest component, and an integer comparison is cheaper than a double's.
 */
const MIN_COMPONENT = -127;
