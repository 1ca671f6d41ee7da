/** Step 2: words with offsets into the normalised text, and sentences. */

import { BoundedMemo } from '../../shared/bounded-memo.js';

export interface Token {
  /** The word as normalised. */
  text: string;
  /** Matching key: suffix-stripped, repeated letters squeezed ("kiiilling" → "kil"). */
  key: string;
  start: number;
  end: number;
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of its first token and one past its last. */
  first: number;
  last: number;
  question: boolean;
}

/**
 * What a token is, as an expression: `[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[?!]` with the `u` flag.
 * `tokenize` reads it with a scan of the units instead (`wordEnd`), as `exec` built a match
 * array and a string per word; the test walks every BMP character to hold the two together.
 */
export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[?!]/gu;
const LETTER_ONE = /^\p{L}$/u;
const NUMBER_ONE = /^\p{N}$/u;
const LETTER = 1;
const NUMBER = 2;
/** Each BMP unit's class (`LETTER`, `NUMBER`, plus 4 once asked), filled in on first sight. */
const UNIT_CLASS = new Uint8Array(0x10000);

/**
 * The class (`LETTER`, `NUMBER` or 0) of the code point at `i`, and its width in units in the
 * bits above: as the expression's `u` flag reads it, a lone surrogate is neither.
 */
function codePointAt(text: string, i: number): number {
  const u = text.charCodeAt(i);
  if (u < 0xd800 || u > 0xdfff) {
    let c = UNIT_CLASS[u] as number;
    if (c === 0) {
      const ch = String.fromCharCode(u);
      c = 4 | (LETTER_ONE.test(ch) ? LETTER : 0) | (NUMBER_ONE.test(ch) ? NUMBER : 0);
      UNIT_CLASS[u] = c;
    }
    return (c & 3) | (1 << 2);
  }
  if (u <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    const pair = text.slice(i, i + 2);
    return (LETTER_ONE.test(pair) ? LETTER : 0) | (NUMBER_ONE.test(pair) ? NUMBER : 0) | (2 << 2);
  }
  return 1 << 2;
}

/** Where the token that starts at `i` ends (`WORD`'s match there), or -1 when none starts there. */
export function wordEnd(text: string, i: number): number {
  const first = codePointAt(text, i);
  if ((first & 3) === 0) {
    const u = text.charCodeAt(i);
    return u === 0x3f || u === 0x21 ? i + 1 : -1;
  }
  const n = text.length;
  let end = i + (first >> 2);
  // [\p{L}\p{N}]+
  while (end < n) {
    const c = codePointAt(text, end);
    if ((c & 3) === 0) break;
    end += c >> 2;
  }
  // (?:['’][\p{L}]+)*: an apostrophe counts only with a letter after it.
  while (end + 1 < n) {
    const u = text.charCodeAt(end);
    if (u !== 0x27 && u !== 0x2019) break;
    let c = codePointAt(text, end + 1);
    if ((c & LETTER) === 0) break;
    end += 1 + (c >> 2);
    for (; end < n; end += c >> 2) {
      c = codePointAt(text, end);
      if ((c & LETTER) === 0) break;
    }
  }
  return end;
}
/** Where a sentence ends: its closing marks, a blank line, or a line that opens a list item or quote. */
const BOUNDARY = /[.!?…]+["'”’)]*(?=\s|$)|\n\s*\n|\n(?=\s*[-*•>])/g;

/** The endings `stem` strips, in the order it tries them. */
const STEM_SUFFIXES = ['ings', 'ing', 'ers', 'ied', 'ies', 'ed', 'er', 'es', 's'] as const;
/** 1 for each ASCII unit one of those endings ends with (all of them are ASCII). */
const ENDS_A_SUFFIX = new Uint8Array(0x80);
for (const s of STEM_SUFFIXES) ENDS_A_SUFFIX[s.charCodeAt(s.length - 1)] = 1;

/** Strips common English endings so "attacked", "attacking", "attacks" share a key. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  // A possessive "'s" dropped; `endsWith` rather than a regular expression, as this runs per word.
  const w = word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
  // Every suffix ends in s, g, d or r: a word ending in another letter (most words) keeps its form
  // without being asked about nine suffixes in turn.
  const last = w.charCodeAt(w.length - 1);
  if (last >= 0x80 || ENDS_A_SUFFIX[last] === 0) return w;
  for (const suffix of STEM_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      const base = w.slice(0, -suffix.length);
      return suffix === 'ied' || suffix === 'ies' ? `${base}y` : base;
    }
  }
  return w;
}

/** Whether a word is all ASCII digits (a loop: this runs per word). */
function allDigits(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Collapses runs of the same letter, so stretched spellings meet their lexicon form. */
export function squeeze(word: string): string {
  // A loop, not a back-referencing regex: that recurses per repeated letter and overflows the
  // stack on a long enough run (hostile input can be millions of one character).
  if (!hasRepeat(word)) return word;
  let out = '';
  let last = '';
  for (const ch of word) {
    if (ch !== last) out += ch;
    last = ch;
  }
  return out;
}

/**
 * Whether a word may have a letter repeated: two equal units side by side, or a surrogate (an
 * astral letter's repeat is not two equal units in a row). Most words have neither, and are their
 * own squeezed form without building a new string.
 */
function hasRepeat(word: string): boolean {
  let previous = -1;
  for (let i = 0; i < word.length; i++) {
    const u = word.charCodeAt(i);
    if (u === previous || (u >= 0xd800 && u <= 0xdfff)) return true;
    previous = u;
  }
  return false;
}

/**
 * Keys made so far, by word: a text's words are mostly words seen before, and one map lookup costs
 * less than the passes over the word that make its key. Emptied when full, so a stream of words
 * never seen twice (hostile input) cannot grow it without end.
 */
const KEYS = new BoundedMemo<string, string>(1 << 16);

/** The word's matching key: `keyOf`, remembered. */
export function wordKey(word: string): string {
  return KEYS.lookup(word) ?? KEYS.remember(word, keyOf(word));
}

function keyOf(word: string): string {
  // A number is its own key: squeezed, "8" (as in "at 8:45") would meet the hate code "88".
  if (allDigits(word)) return word;
  const key = squeeze(stem(squeeze(word)));
  // "wipe"/"wiped" and "strike"/"strikes" meet once a final e is dropped.
  return key.length > 3 && key.endsWith('e') ? key.slice(0, -1) : key;
}

/**
 * Splits normalised text into tokens and sentences. `?` and `!` are kept as tokens. `key` gives
 * each word its matching key (English's by default; a language pack passes its own).
 */
export function tokenize(
  text: string,
  key: (word: string) => string = wordKey,
): { tokens: Token[]; sentences: Sentence[] } {
  const split: Split = { text, tokens: [], sentences: [], sentenceStart: 0, firstToken: 0 };
  const { tokens } = split;
  const boundaries: number[] = [];
  // `exec` over the shared expression from index 0: `matchAll` copies its expression on every
  // call, which cost as much as the matching on a post. It never matches an empty string, so
  // every `exec` moves on.
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text))
    boundaries.push(m.index + m[0].length);
  let b = 0;
  for (let i = 0; i < text.length; ) {
    const end = wordEnd(text, i);
    if (end < 0) {
      i++;
      continue;
    }
    while (b < boundaries.length && (boundaries[b] as number) <= i) {
      closeSentence(split, boundaries[b] as number);
      b++;
    }
    const word = text.slice(i, end);
    tokens.push({ text: word, key: key(word), start: i, end, sentence: split.sentences.length });
    i = end;
  }
  while (b < boundaries.length) closeSentence(split, boundaries[b++] as number);
  closeSentence(split, text.length);
  return { tokens, sentences: split.sentences };
}

/**
 * A text being split: its tokens and sentences so far, where the open sentence starts, and its
 * first token. An object passed to `closeSentence` rather than variables a nested function closes
 * over: under tsx every nested function is also named with `Object.defineProperty` on each call.
 */
interface Split {
  readonly text: string;
  readonly tokens: Token[];
  readonly sentences: Sentence[];
  sentenceStart: number;
  firstToken: number;
}

/** Ends the open sentence at `end`, if it has a token; the sentence's tokens are numbered with it. */
function closeSentence(split: Split, end: number): void {
  const { tokens, sentences } = split;
  if (tokens.length === split.firstToken && end <= split.sentenceStart) return;
  if (tokens.length === split.firstToken) {
    split.sentenceStart = end;
    return;
  }
  const question = /\?["'”’)]*\s*$/.test(split.text.slice(split.sentenceStart, end));
  sentences.push({ start: split.sentenceStart, end, first: split.firstToken, last: tokens.length, question });
  split.firstToken = tokens.length;
  split.sentenceStart = end;
  for (let k = sentences[sentences.length - 1]?.first ?? 0; k < tokens.length; k++)
    (tokens[k] as Token).sentence = sentences.length - 1;
}
