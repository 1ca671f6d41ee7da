/** Step 2: words with offsets into the normalised text, and sentences. */

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

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[?!]/gu;
/** Where a sentence ends: its closing marks, a blank line, or a line that opens a list item or quote. */
const BOUNDARY = /[.!?…]+["'”’)]*(?=\s|$)|\n\s*\n|\n(?=\s*[-*•>])/g;

/** Strips common English endings so "attacked", "attacking", "attacks" share a key. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  // A possessive "'s" dropped; `endsWith` rather than a regular expression, as this runs per word.
  const w = word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
  for (const suffix of ['ings', 'ing', 'ers', 'ied', 'ies', 'ed', 'er', 'es', 's']) {
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

export function wordKey(word: string): string {
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
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let sentence = 0;
  let sentenceStart = 0;
  let firstToken = 0;
  const boundaries: number[] = [];
  // `exec` over the shared expressions from index 0: `matchAll` copies its expression on every
  // call, which cost as much as the matching on a post. Neither expression matches an empty
  // string, so every `exec` moves on.
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text))
    boundaries.push(m.index + m[0].length);
  let b = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    while (b < boundaries.length && (boundaries[b] as number) <= m.index) {
      closeSentence(boundaries[b] as number);
      b++;
    }
    const word = m[0];
    tokens.push({ text: word, key: key(word), start: m.index, end: m.index + word.length, sentence });
  }
  while (b < boundaries.length) closeSentence(boundaries[b++] as number);
  closeSentence(text.length);
  return { tokens, sentences };

  function closeSentence(end: number) {
    if (tokens.length === firstToken && end <= sentenceStart) return;
    if (tokens.length === firstToken) {
      sentenceStart = end;
      return;
    }
    const question = /\?["'”’)]*\s*$/.test(text.slice(sentenceStart, end));
    sentences.push({ start: sentenceStart, end, first: firstToken, last: tokens.length, question });
    sentence++;
    firstToken = tokens.length;
    sentenceStart = end;
    for (let k = sentences[sentences.length - 1]?.first ?? 0; k < tokens.length; k++)
      (tokens[k] as Token).sentence = sentence - 1;
  }
}
