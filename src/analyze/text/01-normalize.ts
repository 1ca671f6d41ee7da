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

const isLatin = (c: string) => /[a-z]/i.test(c);
const isLetter = (c: string) => /\p{L}/u.test(c);

interface Buffer {
  chars: string[];
  starts: number[];
  ends: number[];
}

function push(b: Buffer, s: string, start: number, end: number): void {
  for (const ch of s) {
    b.chars.push(ch);
    b.starts.push(start);
    b.ends.push(end);
  }
}

/** Runs every normalisation step; offsets map back into `original`. */
export function normalizeText(original: string): NormalizedText {
  const first: Buffer = { chars: [], starts: [], ends: [] };
  // Pass 1: per code point — zero-width removal, emoji, compatibility forms, lower case.
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    const end = i + ch.length;
    if (isInvisible(cp)) {
      i = end;
      continue;
    }
    const word = EMOJI[ch];
    if (word) push(first, ` ${word} `, i, end);
    else if (cp < 0x80) push(first, ch.toLowerCase(), i, end);
    else push(first, ch.normalize('NFKC').toLowerCase(), i, end);
    i = end;
  }
  const chars = first.chars;
  // Pass 2: homoglyphs and leetspeak, decided per word (a run of non-space characters).
  for (let i = 0; i < chars.length; ) {
    if (/\s/.test(chars[i] as string)) {
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && !/\s/.test(chars[j] as string)) j++;
    const word = chars.slice(i, j);
    const latin = word.some((c) => isLatin(c));
    if (latin) {
      for (let k = i; k < j; k++) {
        const h = HOMOGLYPHS[chars[k] as string];
        if (h) chars[k] = h;
      }
      // Leetspeak only inside words: a digit or symbol between letters ("k1ll", "mu5lims", "@ttack").
      for (let k = i; k < j; k++) {
        const c = chars[k] as string;
        const l = LEET[c];
        if (!l) continue;
        const prev = k > i ? (chars[k - 1] as string) : '';
        const next = k + 1 < j ? (chars[k + 1] as string) : '';
        const before = isLetter(prev) || LEET[prev] !== undefined;
        const after = isLetter(next) || LEET[next] !== undefined;
        // Between letters always; at a word's edge only in longer words, so "3d", "1st", "5g" stay.
        if ((before && after) || ((before || after) && j - i >= 4 && !(c === '!' && !after))) chars[k] = l;
      }
    }
    i = j;
  }
  // Pass 3: join s p a c e d or d.o.t.t.e.d single letters ("k i l l" → "kill").
  const keep = new Uint8Array(chars.length).fill(1);
  const text0 = chars.join('');
  // chars are single UTF-16 units except astral letters; indexes match only when all are BMP.
  if (text0.length === chars.length) {
    for (const m of text0.matchAll(/(?<![\p{L}\p{N}])(?:\p{L}[ .\-_*·]){2,}\p{L}(?![\p{L}\p{N}])/gu)) {
      for (let k = m.index + 1; k < m.index + m[0].length; k += 2) keep[k] = 0;
    }
  }
  const outChars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let k = 0; k < chars.length; k++) {
    if (!keep[k]) continue;
    outChars.push(chars[k] as string);
    starts.push(first.starts[k] as number);
    ends.push(first.ends[k] as number);
  }
  const text = outChars.join('');
  // Map by UTF-16 index of the joined text (an astral char occupies two units).
  const s16 = new Int32Array(text.length);
  const e16 = new Int32Array(text.length);
  let u = 0;
  outChars.forEach((c, k) => {
    for (let x = 0; x < c.length; x++) {
      s16[u] = starts[k] as number;
      e16[u] = ends[k] as number;
      u++;
    }
  });
  return { original, text, starts: s16, ends: e16 };
}

/** The original span for a span of the normalised text. */
export function originalSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (n.text.length === 0) return { start: 0, end: 0 };
  const s = Math.min(start, n.text.length - 1);
  const e = Math.max(s, Math.min(end, n.text.length) - 1);
  return { start: n.starts[s] as number, end: n.ends[e] as number };
}
