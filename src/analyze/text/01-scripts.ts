/**
 * Step 1, per script: folds the spellings one script writes the same word in, after the shared
 * normalisation (`01-normalize.ts`) and with the same offset map, so every character of the result
 * still points at the original characters it came from.
 *
 * - Arabic: tashkeel (diacritics) and Quranic marks and tatweel are dropped; alef and hamza-on-alef
 *   variants (أ إ آ ٱ) become ا, alef maqsura ى becomes ي, ta marbuta ة becomes ه; Arabic-Indic and
 *   Persian digits become 0–9; Persian and Urdu letters used in Arabic text (ک ی ہ ۃ ھ ڪ) become
 *   their Arabic look-alikes; Arabic punctuation (، ؛ ؟ ۔) becomes the Latin marks the tokeniser
 *   reads. A dropped mark is attached to the letter before it, so a span that ends on a letter
 *   also holds that letter's marks.
 * - Latin: accents are folded (é → e, ñ → n, ç → c), ligatures opened (œ → oe, æ → ae); for German,
 *   ä ö ü ß are first written ae oe ue ss, the spelling used where umlauts cannot be typed.
 *
 * Cyrillic and Greek look-alikes inside Latin words are undone by the shared step already.
 */
import type { NormalizedText } from './01-normalize.js';

/**
 * Characters Arabic text carries that change no word: tashkeel, Quranic marks, tatweel. Inclusive
 * ranges of UTF-16 units; full-text search builds its database-side fold from the same table.
 */
export const ARABIC_MARK_RANGES: readonly (readonly [number, number])[] = [
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x0640, 0x0640],
  [0x0670, 0x0670],
  [0x06d6, 0x06dc],
  [0x06df, 0x06e4],
  [0x06e7, 0x06e8],
  [0x06ea, 0x06ed],
];
const MARKS = new Uint8Array(0x100);
for (const [from, to] of ARABIC_MARK_RANGES) MARKS.fill(1, from - 0x600, to - 0x600 + 1);

/** Whether a UTF-16 unit is an Arabic mark this step drops. */
export function isArabicMark(u: number): boolean {
  return u >= 0x0600 && u <= 0x06ff && MARKS[u - 0x600] === 1;
}

/** One-for-one Arabic-script folds (letters, digits, punctuation). */
export const ARABIC_FOLDS: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ۃ: 'ه',
  ہ: 'ه',
  ھ: 'ه',
  ک: 'ك',
  ڪ: 'ك',
  ی: 'ي',
  ۍ: 'ي',
  '٠': '0',
  '١': '1',
  '٢': '2',
  '٣': '3',
  '٤': '4',
  '٥': '5',
  '٦': '6',
  '٧': '7',
  '٨': '8',
  '٩': '9',
  '۰': '0',
  '۱': '1',
  '۲': '2',
  '۳': '3',
  '۴': '4',
  '۵': '5',
  '۶': '6',
  '۷': '7',
  '۸': '8',
  '۹': '9',
  '،': ',',
  '؛': ';',
  '؟': '?',
  '۔': '.',
};
const ARABIC_FOLD_CODES = new Map(
  Object.entries(ARABIC_FOLDS).map(([k, v]) => [k.charCodeAt(0), v.charCodeAt(0)]),
);

/** Whether a UTF-16 unit is in the Arabic blocks this step folds. */
const inArabicBlock = (u: number) => u >= 0x0600 && u <= 0x06ff;

/** Latin letters written as two (ligatures), and German umlauts in their typed-out spelling. */
const LATIN_EXPANSIONS: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ł: 'l',
};
const GERMAN_EXPANSIONS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** Which folds a language pack applies after the shared normalisation. */
export interface ScriptFolds {
  arabic: boolean;
  latinAccents: boolean;
  germanSpellings: boolean;
}

/** The Arabic folds on a plain string (no offsets): what full-text search indexes and queries with. */
export function foldArabic(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (!inArabicBlock(u)) {
      out += text[i];
      continue;
    }
    if (isArabicMark(u)) {
      changed = true;
      continue;
    }
    const f = ARABIC_FOLD_CODES.get(u);
    if (f !== undefined) {
      changed = true;
      out += String.fromCharCode(f);
    } else out += text[i];
  }
  return changed ? out : text;
}

const HAS_FOLDABLE = /[\u00c0-\u024f\u0600-\u06ff]/;

/** Applies the folds to a normalised text, keeping every character's original span. */
export function foldScripts(n: NormalizedText, folds: ScriptFolds): NormalizedText {
  if (!HAS_FOLDABLE.test(n.text)) return n;
  const len = n.text.length;
  const out: Folded = { units: [], starts: [], ends: [] };
  const { units, starts, ends } = out;
  for (let i = 0; i < len; i++) {
    const u = n.text.charCodeAt(i);
    const start = n.starts[i] as number;
    const end = n.ends[i] as number;
    if (u < 0xc0) {
      pushUnit(out, u, start, end);
      continue;
    }
    if (folds.arabic && inArabicBlock(u)) {
      if (isArabicMark(u)) {
        // The mark belongs to the letter before it: that letter's span now covers it.
        const last = ends.length - 1;
        if (last >= 0 && (ends[last] as number) <= end) ends[last] = Math.max(ends[last] as number, end);
        continue;
      }
      pushUnit(out, ARABIC_FOLD_CODES.get(u) ?? u, start, end);
      continue;
    }
    if (u <= 0x024f && (folds.latinAccents || folds.germanSpellings)) {
      const ch = n.text[i] as string;
      const expansion =
        (folds.germanSpellings ? GERMAN_EXPANSIONS[ch] : undefined) ??
        (folds.latinAccents ? LATIN_EXPANSIONS[ch] : undefined);
      if (expansion !== undefined) {
        for (let k = 0; k < expansion.length; k++) pushUnit(out, expansion.charCodeAt(k), start, end);
        continue;
      }
      if (folds.latinAccents) {
        const base = ch.normalize('NFD').charCodeAt(0);
        pushUnit(out, base < 0x80 ? base : u, start, end);
        continue;
      }
    }
    pushUnit(out, u, start, end);
  }
  let text = '';
  for (let at = 0; at < units.length; at += 8192) text += String.fromCharCode(...units.slice(at, at + 8192));
  return { original: n.original, text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** The folded text's units so far, and each one's span in the original. */
interface Folded {
  units: number[];
  starts: number[];
  ends: number[];
}

/**
 * Adds a unit and its span. A function of the module rather than a closure in `foldScripts`: under
 * tsx every named closure is also named with `Object.defineProperty` on each call of the function making it.
 */
function pushUnit(out: Folded, u: number, start: number, end: number): void {
  out.units.push(u);
  out.starts.push(start);
  out.ends.push(end);
}
