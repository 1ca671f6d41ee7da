/**
 * Step 1: normalisation that undoes the usual evasions (zero-width characters, homoglyphs,
 * full-width forms, leetspeak, s p a c e d letters, emoji stand-ins) while keeping, for every
 * character of the result, the span of the original it came from. Lower-cases everything.
 */

export interface NormalizedText {
  original: string;
  /** Normalised, lower-cased text. */
  text: string;
  /** For each char of `text`: start offset in `original` (UTF-16). */
  starts: Int32Array;
  /** For each char of `text`: end offset in `original` (exclusive). */
  ends: Int32Array;
}

/**
 * `String.prototype.charCodeAt`, called as `unitAt.call(text, i)` in the loops below that read
 * every unit of a text. Texts come as strings of many internal kinds (read from a file, sliced,
 * joined, lower-cased), and a `text.charCodeAt(i)` call site that has met more than four of them
 * looks the method up generically on every call: measured at 12 to 17 ns a unit, against 2.5 ns
 * for this call of a constant. The module's own binding: an imported one is no constant to the
 * optimiser (6.7 ns).
 */
const unitAt = String.prototype.charCodeAt;

/** Invisible characters used to split words past filters (zero-width, joiners, bidi marks). */
function isInvisible(cp: number): boolean {
  return (
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x61c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff ||
    cp === 0xfe0f ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff)
  );
}

// Latin look-alikes from Cyrillic and Greek, applied only inside words that also use Latin letters,
// so real Russian or Greek text stays as it is.
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ɡ: 'g',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ѵ: 'v',
  ԝ: 'w',
  ɑ: 'a',
  ı: 'i',
};

/** Endings that make a run of digits an ordinal or a clock time. */
const NUMBER_ENDINGS = new Set(['st', 'nd', 'rd', 'th', 'am', 'pm']);

/** Whether a UTF-16 unit is an ASCII digit or letter. */
function isAsciiAlnum(u: number): boolean {
  return (u >= 0x30 && u <= 0x39) || ((u | 0x20) >= 0x61 && (u | 0x20) <= 0x7a);
}

/** Whether units [from, to) are ASCII digits followed by an ordinal or clock ending ("30th", "10pm"). */
function isNumberWithEnding(units: Uint16Array, from: number, to: number): boolean {
  // Punctuation around the word is not part of it ("(10am,").
  while (from < to && !isAsciiAlnum(units[from] as number)) from++;
  while (to > from && !isAsciiAlnum(units[to - 1] as number)) to--;
  let k = from;
  while (k < to && (units[k] as number) >= 0x30 && (units[k] as number) <= 0x39) k++;
  if (k === from || to - k !== 2) return false;
  const ending = String.fromCharCode((units[k] as number) | 0x20, (units[k + 1] as number) | 0x20);
  return NUMBER_ENDINGS.has(ending);
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '8': 'b',
};

// Emoji used as stand-ins for words in coded posts.
const EMOJI: Record<string, string> = {
  '🔪': 'knife',
  '🗡': 'knife',
  '⚔': 'swords',
  '💣': 'bomb',
  '🧨': 'explosive',
  '🔫': 'gun',
  '💥': 'blast',
  '🔥': 'burn',
  '💀': 'dead',
  '☠': 'death',
  '⚰': 'coffin',
  '🩸': 'blood',
  '🎯': 'target',
  '🚚': 'truck',
  '🚛': 'truck',
  '🐀': 'rats',
  '🐍': 'snakes',
  '🪳': 'cockroaches',
  '🐖': 'pigs',
  '🐷': 'pigs',
  '🐒': 'monkeys',
  '🦍': 'apes',
  '🏴': 'flag',
  '☝': 'tawhid',
  '🕌': 'mosque',
  '🕍': 'synagogue',
  '⛪': 'church',
};

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c, 0xa0, 0x2028, 0x2029, 0x3000, 0x202f, 0x205f]);
// ASCII first: almost every unit of most texts is ASCII, and a range test is cheaper than a Set lookup.
const isSpace = (u: number) =>
  u < 0x80 ? u === 0x20 || (u >= 0x09 && u <= 0x0d) : SPACE.has(u) || (u >= 0x2000 && u <= 0x200a);
const isAsciiLetter = (u: number) => (u >= 0x61 && u <= 0x7a) || (u >= 0x41 && u <= 0x5a);
const LETTER = /\p{L}/u;
const isLetter = (u: number) => (u < 0x80 ? isAsciiLetter(u) : LETTER.test(String.fromCharCode(u)));
const LEET_CODES = new Map([...Object.entries(LEET)].map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]));
const HOMOGLYPH_CODES = new Map(
  [...Object.entries(HOMOGLYPHS)].map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]),
);
// Every leetspeak sign is ASCII and no homoglyph is, so pass 2 looks an ASCII unit up only in
// the leet table and skips the homoglyph map; the table is checked here so it stays true.
for (const u of LEET_CODES.keys()) if (u >= 0x80) throw new Error('normalize: a leet sign is not ASCII');
for (const u of HOMOGLYPH_CODES.keys()) if (u < 0x80) throw new Error('normalize: a homoglyph is ASCII');
/** The leet table by ASCII unit (0: not a leet sign): an array index, where a map lookup per unit cost more. */
const LEET_BY_UNIT = new Uint16Array(0x80);
for (const [u, letter] of LEET_CODES) LEET_BY_UNIT[u] = letter;

/** Emoji stand-ins by code point, padded as pass 1 writes them: looked up without building a string. */
const EMOJI_CODES = new Map(
  Object.entries(EMOJI).map(([emoji, word]) => {
    if ([...emoji].length !== 1) throw new Error('normalize: an emoji stand-in is not one code point');
    return [emoji.codePointAt(0) as number, ` ${word} `];
  }),
);

/**
 * Each BMP character's compatibility form in lower case, filled in on first sight: normalising and
 * lower-casing character by character was most of the time spent on Arabic, French or German
 * text, which is written almost entirely in a few dozen characters. Bounded by the BMP's size;
 * astral characters are rare and are computed each time.
 */
const FOLDED_BMP: (string | undefined)[] = new Array(0x10000);

/** The character at `i`…`end` of `original` (code point `cp`) in compatibility form, lower-cased. */
function foldedForm(original: string, i: number, end: number, cp: number): string {
  if (cp > 0xffff) return original.slice(i, end).normalize('NFKC').toLowerCase();
  let form = FOLDED_BMP[cp];
  if (form === undefined) {
    form = original.slice(i, end).normalize('NFKC').toLowerCase();
    FOLDED_BMP[cp] = form;
  }
  return form;
}

/**
 * Scratch units and offsets, reused from call to call and grown as needed: normalisation runs on
 * every voice and quote, and three fresh typed arrays per call were a good part of its cost.
 * Only the final offsets are copied out; the units never leave this module.
 */
let scratchUnits = new Uint16Array(1024);
let scratchStarts = new Int32Array(1024);
let scratchEnds = new Int32Array(1024);

/**
 * Results' offsets are cut from a shared block rather than allocated per text: a typed array of
 * more than 64 bytes gets a buffer of its own outside the heap, which costs a native allocation and
 * a sweep after each collection, 1% of analysing a post. A block is never reused: it is freed once
 * no result holds a piece of it. Texts too long for a block get their own array.
 */
const OFFSET_BLOCK = 1 << 16;
let offsetBlock = new Int32Array(OFFSET_BLOCK);
let offsetUsed = 0;

/** A fresh, zeroed Int32Array of `length`, owned by the caller. */
function offsetSpace(length: number): Int32Array {
  if (length > OFFSET_BLOCK / 4) return new Int32Array(length);
  if (offsetUsed + length > OFFSET_BLOCK) {
    offsetBlock = new Int32Array(OFFSET_BLOCK);
    offsetUsed = 0;
  }
  const out = offsetBlock.subarray(offsetUsed, offsetUsed + length);
  offsetUsed += length;
  return out;
}

/**
 * The last text normalised and its result. Identifying a text's language normalises it, and the
 * detector then normalises the same string again to read it (every quote, and every post not
 * settled as English by its raw words): the second time is a comparison. Results are never
 * changed after they are returned (folds and masks build new ones), so sharing one is safe.
 */
let lastOriginal: string | null = null;
let lastResult: NormalizedText | null = null;

/** Runs every normalisation step; offsets map back into `original`. Works on UTF-16 code units. */
export function normalizeText(original: string): NormalizedText {
  if (original === lastOriginal && lastResult !== null) return lastResult;
  const result = normalizeOnce(original);
  lastOriginal = original;
  lastResult = result;
  return result;
}

/**
 * Grows the scratch arrays to `size` units (more than they have), keeping what they hold. A function of its own rather
 * than a closure inside `normalizeOnce`: variables a closure writes live in a heap context, and
 * every read of the units and their count in the passes below went through it.
 */
function growScratch(size: number): void {
  const u2 = new Uint16Array(size);
  u2.set(scratchUnits);
  scratchUnits = u2;
  const s2 = new Int32Array(size);
  s2.set(scratchStarts);
  scratchStarts = s2;
  const e2 = new Int32Array(size);
  e2.set(scratchEnds);
  scratchEnds = e2;
}

function normalizeOnce(original: string): NormalizedText {
  const n = original.length;
  if (scratchUnits.length < n + 16) growScratch(n + 16);
  let units = scratchUnits;
  let starts = scratchStarts;
  let ends = scratchEnds;
  let len = 0;
  // Pass 1: per code point — invisible characters, emoji, compatibility forms, lower case.
  for (let i = 0; i < n; ) {
    const u = unitAt.call(original, i);
    if (u < 0x80) {
      // Emoji words and NFKC expansions can make the text longer than the original.
      if (len === units.length) {
        growScratch(units.length * 2);
        units = scratchUnits;
        starts = scratchStarts;
        ends = scratchEnds;
      }
      units[len] = u >= 0x41 && u <= 0x5a ? u + 32 : u;
      starts[len] = i;
      ends[len] = i + 1;
      len++;
      i++;
      continue;
    }
    const cp = original.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const end = i + width;
    if (!isInvisible(cp)) {
      const str = EMOJI_CODES.get(cp) ?? foldedForm(original, i, end, cp);
      for (let k = 0; k < str.length; k++) {
        if (len === units.length) {
          growScratch(units.length * 2);
          units = scratchUnits;
          starts = scratchStarts;
          ends = scratchEnds;
        }
        units[len] = str.charCodeAt(k);
        starts[len] = i;
        ends[len] = end;
        len++;
      }
    }
    i = end;
  }
  // Pass 2: homoglyphs and leetspeak, decided per word (a run of non-space units).
  for (let i = 0; i < len; ) {
    if (isSpace(units[i] as number)) {
      i++;
      continue;
    }
    let j = i;
    let latin = false;
    while (j < len && !isSpace(units[j] as number)) {
      if (isAsciiLetter(units[j] as number)) latin = true;
      j++;
    }
    // A number with an ordinal or clock ending ("30th", "10am") is a date or a time, not leetspeak.
    if (latin && !isNumberWithEnding(units, i, j)) {
      for (let k = i; k < j; k++) {
        const u = units[k] as number;
        if (u < 0x80) continue;
        const h = HOMOGLYPH_CODES.get(u);
        if (h !== undefined) units[k] = h;
      }
      for (let k = i; k < j; k++) {
        const c = units[k] as number;
        const l = c < 0x80 ? (LEET_BY_UNIT[c] as number) : 0;
        if (l === 0) continue;
        const prev = k > i ? (units[k - 1] as number) : -1;
        const next = k + 1 < j ? (units[k + 1] as number) : -1;
        const before = prev >= 0 && (isLetter(prev) || LEET_CODES.has(prev));
        const after = next >= 0 && (isLetter(next) || LEET_CODES.has(next));
        // Between letters always; at a word's edge only in longer words, so "3d", "1st", "5g" stay.
        if ((before && after) || ((before || after) && j - i >= 4 && !(c === 0x21 && !after))) units[k] = l;
      }
    }
    i = j;
  }
  let text = decode(units, len);
  // Pass 3: join s p a c e d or d.o.t.t.e.d single letters ("k i l l" → "kill").
  if (maySpaceLetters(units, len) && SPACED.test(text)) {
    SPACED.lastIndex = 0;
    const keep = new Uint8Array(len).fill(1);
    for (const m of text.matchAll(SPACED)) {
      // Only BMP letters reach here in practice; astral letters keep their pair intact.
      for (let k = m.index + 1; k < m.index + m[0].length; k += 2) keep[k] = 0;
    }
    let w = 0;
    for (let k = 0; k < len; k++) {
      if (!keep[k]) continue;
      units[w] = units[k] as number;
      starts[w] = starts[k] as number;
      ends[w] = ends[k] as number;
      w++;
    }
    len = w;
    text = decode(units, len);
  }
  // Both offset maps copied out into one array: one piece of a shared block rather than two.
  const offsets = offsetSpace(2 * len);
  offsets.set(starts.subarray(0, len));
  offsets.set(ends.subarray(0, len), len);
  return { original, text, starts: offsets.subarray(0, len), ends: offsets.subarray(len) };
}

/** Single letters joined by spaces, dots, dashes, underscores, stars or middle dots. */
const SPACED = /(?<![\p{L}\p{N}])(?:\p{L}[ .\-_*·]){2,}\p{L}(?![\p{L}\p{N}])/gu;
const isJoiner = (u: number) =>
  u === 0x20 || u === 0x2e || u === 0x2d || u === 0x5f || u === 0x2a || u === 0xb7;
const isHighSurrogate = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLowSurrogate = (u: number) => u >= 0xdc00 && u <= 0xdfff;
const isAsciiLetterOrDigit = (u: number) => isAsciiLetter(u) || (u >= 0x30 && u <= 0x39);

/**
 * Whether `units` may hold letters spaced out as `SPACED` finds them: a letter, a joiner, a letter
 * (one unit or a surrogate pair), a joiner, with no ASCII letter or digit just before the first
 * letter. Every text `SPACED` matches passes (a non-ASCII unit is taken for a letter); most texts
 * do not, and this loop costs a fraction of the expression, which looks behind at every position.
 * Exported for its test.
 */
export function maySpaceLetters(units: Uint16Array, len: number): boolean {
  for (let p = 1; p + 2 < len; p++) {
    if (!isJoiner(units[p] as number)) continue;
    const mid = units[p + 1] as number;
    const oneUnit = isJoiner(units[p + 2] as number) && (mid >= 0x80 || isAsciiLetter(mid));
    const pair = isHighSurrogate(mid) && p + 3 < len && isJoiner(units[p + 3] as number);
    if (!oneUnit && !pair) continue;
    const first = units[p - 1] as number;
    if (first < 0x80 && !isAsciiLetter(first)) continue;
    const before = isLowSurrogate(first) && p >= 2 && isHighSurrogate(units[p - 2] as number) ? p - 3 : p - 2;
    if (before >= 0 && isAsciiLetterOrDigit(units[before] as number)) continue;
    return true;
  }
  return false;
}

function decode(units: Uint16Array, len: number): string {
  let out = '';
  // `apply` takes the typed array as it is; a spread walks its iterator first, several times slower.
  // Lone surrogates pass through unchanged, as a TextDecoder would not let them.
  for (let at = 0; at < len; at += 8192)
    out += String.fromCharCode.apply(
      null,
      units.subarray(at, Math.min(len, at + 8192)) as unknown as number[],
    );
  return out;
}

/** The original span for a span of the normalised text. */
export function originalSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (n.text.length === 0) return { start: 0, end: 0 };
  const s = Math.min(start, n.text.length - 1);
  const e = Math.max(s, Math.min(end, n.text.length) - 1);
  return { start: n.starts[s] as number, end: n.ends[e] as number };
}
