/**
 * eld's "medium" detector (the one `00-language.ts` asks) over a compact copy of its n-gram table:
 * the same words, the same n-grams, the same integer scores and the same ordering, so the same
 * answer, at a fraction of the cost. eld keeps its table as one object per n-gram (a hundred
 * thousand objects, some 48 MB of heap) and scores a text by `for…in` over each n-gram's object,
 * with a string cut out per n-gram; that was most of a non-English post's identification, and
 * walking its scattered objects evicted the model's weights from the cache. Here an n-gram is two
 * integers and its scores sit in typed arrays (some 4 MB, built on the first text eld is asked about).
 *
 * The table is eld's own data, loaded from eld's package (its files, not its public API: eld
 * exports only `detect`), so the two cannot drift apart; `test/analyze/language-ngrams.test.ts`
 * compares them. When eld's files are not found, or for a text this reading does not cover (a word
 * over 70 bytes, whose last n-gram eld cuts differently), `detectLanguage` asks eld itself.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eld } from 'eld/medium';

/** What `identifyLanguage` reads of a detection: as eld's `LanguageResult` answers it. */
export interface LanguageReading {
  /** ISO 639-1, or '' when no language scored. */
  readonly language: string;
  /** A language's score from 0 to 1 (`getScores()[code]`), undefined when it scored nothing. */
  score(code: string): number | undefined;
  isReliable(): boolean;
}

/** eld's own result, read through `LanguageReading`: its scores object made once, when first asked. */
class EldReading implements LanguageReading {
  private scores: Record<string, number> | null = null;
  readonly language: string;
  constructor(private readonly result: ReturnType<typeof eld.detect>) {
    this.language = result.language;
  }
  score(code: string): number | undefined {
    this.scores ??= this.result.getScores();
    return this.scores[code];
  }
  isReliable(): boolean {
    return this.result.isReliable();
  }
}

/** The parts of eld's package this reading needs: its n-grams, byte dictionary, separators and average scores. */
interface EldData {
  ngrams: Record<string, Record<string, number>>;
  languages: Record<string, string>;
  dictionary: readonly string[];
  separators: RegExp;
  avgScore: Record<string, number>;
}

/** eld subtracts this from every stored score to keep its file small, and adds it back when scoring. */
const BASE_NGRAM_SCORE = 53;
/** eld's scale of a language's mean n-gram score to 0–1: score / (score + 25). */
const SCORE_SCALE = 25;
/** eld reads at most this many characters, and stops at a word break past `CUT_AFTER` bytes. */
const MAX_CHARS = 1000;
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;
/** eld reads at most this many bytes of a word; a longer word's last n-gram runs to its end. */
const MAX_WORD_BYTES = 70;

/**
 * An n-gram of up to six characters, each under 256 (ASCII or one of eld's byte characters), as
 * two 32-bit integers: `high` holds its length and all but its last three characters, `low` those
 * three. Written to `PACKED` by `packGram`, to spare an allocation per n-gram.
 */
const PACKED = { high: 0, low: 0 };
/** The n-gram being packed: its characters' codes. */
const gram = new Uint8Array(6);

/** Writes an n-gram's codes into `gram`; false for one no text gives (over six characters, or one over 255). */
function fillGram(ngram: string): boolean {
  if (ngram.length > 6) return false;
  for (let k = 0; k < ngram.length; k++) {
    const u = ngram.charCodeAt(k);
    if (u > 0xff) return false;
    gram[k] = u;
  }
  return true;
}

/** Packs `gram`'s first `length` codes into `PACKED`. */
function packGram(length: number): void {
  const split = length > 3 ? length - 3 : 0;
  let high = length;
  for (let k = 0; k < split; k++) high = (high << 8) | (gram[k] as number);
  let low = 0;
  for (let k = split; k < length; k++) low = (low << 8) | (gram[k] as number);
  PACKED.high = high;
  PACKED.low = low;
}

/** A packed n-gram's slot before probing. */
const slotOf = (high: number, low: number) => Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1);

/**
 * eld's n-gram table, compacted: an open-addressing table of packed n-grams, each slot holding its
 * key and where its run of (language, score) pairs lies, side by side so a lookup touches one cache
 * line of the slots and one of the pairs.
 */
class NgramTable {
  /** Per slot: the key's high and low words, its first pair plus one (0: empty), its end. */
  private readonly slots: Int32Array;
  /** Per pair: the language's index times 2^16 plus the stored score. */
  private readonly pairs: Int32Array;
  private readonly shift: number;
  readonly languageCount: number;

  constructor(data: EldData) {
    // Keys and not entries, and each n-gram's languages read once: made on the first text eld is
    // asked about, this took a third of a second with `Object.entries` and counting by `for…in`.
    const ngrams = Object.keys(data.ngrams);
    let bits = 4;
    while (1 << bits < ngrams.length * 2) bits++;
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    this.slots = new Int32Array(4 << bits);
    let pairs = new Int32Array(2 * ngrams.length);
    this.languageCount = Object.keys(data.languages).length;
    let at = 0;
    for (const ngram of ngrams) {
      // A key of more than six characters, or of one over 255, never comes of a text's bytes.
      if (!fillGram(ngram)) continue;
      packGram(ngram.length);
      let slot = slotOf(PACKED.high, PACKED.low) >>> this.shift;
      while (this.slots[4 * slot + 2] !== 0) slot = (slot + 1) & mask;
      this.slots[4 * slot] = PACKED.high;
      this.slots[4 * slot + 1] = PACKED.low;
      this.slots[4 * slot + 2] = at + 1;
      const scores = data.ngrams[ngram] as Record<string, number>;
      const langs = Object.keys(scores);
      if (at + langs.length > pairs.length) {
        const grown = new Int32Array(2 * pairs.length + langs.length);
        grown.set(pairs);
        pairs = grown;
      }
      for (const lang of langs) pairs[at++] = Number(lang) * 2 ** 16 + (scores[lang] as number);
      this.slots[4 * slot + 3] = at;
    }
    this.pairs = pairs;
  }

  /**
   * Adds the packed n-gram's scores to `totals` as eld's `calculateScores` does, each stored score
   * plus 53; an n-gram not in the table adds none.
   */
  addScores(high: number, low: number, totals: Float64Array): void {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    for (let slot = slotOf(high, low) >>> this.shift; ; slot = (slot + 1) & mask) {
      const first = slots[4 * slot + 2] as number;
      if (first === 0) return;
      if (slots[4 * slot] !== high || slots[4 * slot + 1] !== low) continue;
      for (let k = first - 1, end = slots[4 * slot + 3] as number; k < end; k++) {
        const pair = this.pairs[k] as number;
        const lang = pair >>> 16;
        totals[lang] = (totals[lang] as number) + (pair & 0xffff) + BASE_NGRAM_SCORE;
      }
      return;
    }
  }
}

/** Where eld's package is: its folder under the nearest `node_modules` that holds it. */
function eldDirectory(): string | null {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'eld');
    if (existsSync(join(candidate, 'src', 'ngrams', 'medium.js'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** Loads eld's files once (the n-grams are those `eld/medium` has already loaded: the same module). */
async function loadData(): Promise<EldData | null> {
  const dir = eldDirectory();
  if (!dir) return null;
  const file = (path: string) => pathToFileURL(join(dir, 'src', path)).href;
  const [ngrams, dictionary, patterns, average] = await Promise.all([
    import(file('ngrams/medium.js')),
    import(file('dictionary.js')),
    import(file('regexPatterns.js')),
    import(file('avgScore.js')),
  ]);
  const loaded: EldData = {
    ngrams: ngrams.ngramsData.ngrams,
    languages: ngrams.ngramsData.languages,
    dictionary: dictionary.dictionary,
    separators: patterns.separators,
    avgScore: average.avgScore,
  };
  // The table must be eld's: the same languages in the same order, and a dictionary of single characters.
  const theirs = eld.info().Languages as unknown as Record<string, string>;
  const same = Object.entries(loaded.languages).every(([k, v]) => theirs[k] === v);
  const bytes = loaded.dictionary.length === 256 && loaded.dictionary.every((c) => c.length === 1);
  return same && bytes && loaded.separators instanceof RegExp ? loaded : null;
}

/**
 * eld's data, loaded as this module loads (a top-level await: the detector is used synchronously,
 * from its first text on); null when eld's files are not where this reading expects them, and then
 * eld itself answers.
 */
const data: EldData | null = await loadData().catch(() => null);
let table: NgramTable | null = null;

/** Whether the compact reading is in use (eld's files were found and match it): for tests. */
export const compactInUse = data !== null;

/** Scratch: each word's characters as codes, and where each word ends. */
let units = new Uint8Array(1024);
let wordEnds = new Int32Array(256);
/** The distinct n-grams of the text being read: an open-addressing set of packed keys, 0 0 empty. */
let seen = new Int32Array(2 << 10);

/**
 * The language of `text` as eld's `detect` gives it: from the compact table when it is loaded and
 * the text is one it reads exactly, else from eld.
 */
export function detectLanguage(text: string): LanguageReading {
  if (data === null) return new EldReading(eld.detect(text));
  table ??= new NgramTable(data);
  return readCompact(text, data, table) ?? new EldReading(eld.detect(text));
}

function readCompact(input: string, d: EldData, t: NgramTable): LanguageReading | null {
  // eld's `textProcessor`: separators to spaces, trimmed, lower-cased; then its `strToUtf8Bytes`.
  const text = input.substring(0, MAX_CHARS).replace(d.separators, ' ').trim().toLowerCase();
  const words = utf8Words(text, d.dictionary);
  if (words < 0) return null;
  // eld's `getByteNgrams`: per word, 4-byte n-grams at a stride of 3, the first with a leading
  // space, and the last with a trailing one; each distinct one scored once.
  const totals = new Float64Array(t.languageCount);
  clearSeen(words > 0 ? (wordEnds[words - 1] as number) + words : 0);
  let distinct = 0;
  let start = 0;
  for (let w = 0; w < words; w++) {
    const end = wordEnds[w] as number;
    const len = end - start;
    let j = 0;
    for (; j + 4 < len; j += 3) {
      packUnits(start + j, 4, j === 0, false);
      distinct += addNgram(t, totals);
    }
    // The last n-gram: the word's last four bytes (all of it when shorter, or exactly three).
    const from = len !== 3 && len >= 4 ? start + len - 4 : start;
    packUnits(from, end - from, j === 0, true);
    distinct += addNgram(t, totals);
    start = end;
  }
  // eld's `getMaxLang`: the first language with the highest positive score.
  let best = -1;
  let bestScore = 0;
  for (let l = 0; l < totals.length; l++) {
    const s = totals[l] as number;
    if (s > 0 && s > bestScore) {
      bestScore = s;
      best = l;
    }
  }
  if (best < 0) return EMPTY;
  return new CompactReading(d, best, totals, distinct);
}

/** Empties the set of n-grams seen, with room for `most` of them at most half full. */
function clearSeen(most: number): void {
  if (seen.length < 4 * most) seen = new Int32Array(2 * nextPowerOfTwo(2 * most));
  else seen.fill(0);
}

/** Scores the n-gram in `PACKED` into `totals` unless already seen in this text: 1 when new, else 0. */
function addNgram(t: NgramTable, totals: Float64Array): number {
  const { high, low } = PACKED;
  const mask = (seen.length >> 1) - 1;
  let slot = slotOf(high, low) & mask;
  // A packed key's high word holds its length, never 0: a zero high word is an empty slot.
  while (seen[2 * slot] !== 0) {
    if (seen[2 * slot] === high && seen[2 * slot + 1] === low) return 0;
    slot = (slot + 1) & mask;
  }
  seen[2 * slot] = high;
  seen[2 * slot + 1] = low;
  t.addScores(high, low, totals);
  return 1;
}

/** An n-gram of `units` into `PACKED`: `count` codes from `from`, with eld's leading and trailing spaces. */
function packUnits(from: number, count: number, lead: boolean, trail: boolean): void {
  let length = 0;
  if (lead) gram[length++] = 0x20;
  for (let k = from; k < from + count; k++) gram[length++] = units[k] as number;
  if (trail) gram[length++] = 0x20;
  packGram(length);
}

const EMPTY: LanguageReading = { language: '', score: () => undefined, isReliable: () => false };

/**
 * eld's `LanguageResult`: a language's score (its mean n-gram score scaled to 0–1) and eld's
 * reliability test, over the scoring languages ordered by score (a stable sort, as eld's), reading
 * `results[1][0]` as eld does.
 */
class CompactReading implements LanguageReading {
  readonly language: string;

  constructor(
    private readonly d: EldData,
    best: number,
    private readonly totals: Float64Array,
    private readonly distinct: number,
  ) {
    this.language = d.languages[best] as string;
  }

  score(code: string): number | undefined {
    const l = languageIndex(this.d, code);
    const total = l < 0 ? 0 : (this.totals[l] as number);
    if (!(total > 0)) return undefined;
    const ngramScore = total / this.distinct;
    return ngramScore / (ngramScore + SCORE_SCALE);
  }

  isReliable(thresholdRatio = 0.75): boolean {
    const results: [number, number][] = [];
    for (let l = 0; l < this.totals.length; l++) {
      const total = this.totals[l] as number;
      if (total > 0) {
        const ngramScore = total / this.distinct;
        results.push([l, ngramScore / (ngramScore + SCORE_SCALE)]);
      }
    }
    results.sort(byScore);
    if (!results.length || this.distinct < 3) return false;
    const top = results[0] as [number, number];
    const nextScore = results.length > 1 ? (results[1] as [number, number])[0] : 0;
    const average = this.d.avgScore[this.language] as number;
    return !(average * thresholdRatio > top[1] || 0.01 > Math.abs(top[1] - nextScore));
  }
}

const byScore = (a: [number, number], b: [number, number]) => b[1] - a[1];

/** Each language's index by ISO 639-1 code, made on first use. */
let indexes: Map<string, number> | null = null;

function languageIndex(d: EldData, code: string): number {
  if (!indexes) {
    indexes = new Map();
    for (const [k, v] of Object.entries(d.languages)) if (!indexes.has(v)) indexes.set(v, Number(k));
  }
  return indexes.get(code) ?? -1;
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * eld's `strToUtf8Bytes` into `units` and `wordEnds`: each character as its UTF-8 bytes written
 * with eld's dictionary (ASCII as itself), words split at spaces, cut after 350 bytes at a space
 * or after 380 at any character. Returns the word count, or -1 for a word over 70 bytes.
 */
function utf8Words(str: string, dictionary: readonly string[]): number {
  if (units.length < 4 * str.length + 4) units = new Uint8Array(4 * str.length + 4);
  let len = 0;
  let wordStart = 0;
  let words = 0;
  let countBytes = 0;
  for (let ii = 0; ii < str.length; ii++) {
    let charCode = str.charCodeAt(ii);
    if (charCode < 0x80) {
      if (charCode === 32) {
        if (len > wordStart) {
          if (len - wordStart > MAX_WORD_BYTES) return -1;
          endWord(words++, len);
          wordStart = len;
        }
        if (countBytes > CUT_AFTER) break;
      } else units[len++] = charCode;
      countBytes++;
    } else if (charCode < 0x800) {
      units[len++] = dictionaryCode(dictionary, 0xc0 | (charCode >> 6));
      units[len++] = dictionaryCode(dictionary, 0x80 | (charCode & 0x3f));
      countBytes += 2;
    } else if (charCode < 0xd800 || charCode >= 0xe000) {
      units[len++] = dictionaryCode(dictionary, 0xe0 | (charCode >> 12));
      units[len++] = dictionaryCode(dictionary, 0x80 | ((charCode >> 6) & 0x3f));
      units[len++] = dictionaryCode(dictionary, 0x80 | (charCode & 0x3f));
      countBytes += 3;
    } else {
      ii++;
      charCode = 0x10000 + (((charCode & 0x3ff) << 10) | (str.charCodeAt(ii) & 0x3ff));
      units[len++] = dictionaryCode(dictionary, 0xf0 | (charCode >> 18));
      units[len++] = dictionaryCode(dictionary, 0x80 | ((charCode >> 12) & 0x3f));
      units[len++] = dictionaryCode(dictionary, 0x80 | ((charCode >> 6) & 0x3f));
      units[len++] = dictionaryCode(dictionary, 0x80 | (charCode & 0x3f));
      countBytes += 4;
    }
    if (countBytes > ENFORCE_CUT_AFTER) break;
  }
  if (len > wordStart) {
    if (len - wordStart > MAX_WORD_BYTES) return -1;
    endWord(words++, len);
  }
  return words;
}

/** Records word `w`'s end, growing the scratch as needed. */
function endWord(w: number, end: number): void {
  if (w === wordEnds.length) {
    const grown = new Int32Array(w * 2);
    grown.set(wordEnds);
    wordEnds = grown;
  }
  wordEnds[w] = end;
}

/** The character eld's dictionary writes for a byte, as its code (all are single characters under 256). */
const dictionaryCode = (dictionary: readonly string[], byte: number) =>
  (dictionary[byte] as string).charCodeAt(0);
