/**
 * Misspelt group names: "muzlims", "mozlems", "immigrnts", "refugess". Writers misspell the word
 * that names a group on purpose, so that keyword filters miss it; normalisation already undoes
 * leetspeak, spacing and homoglyphs, but a letter dropped, two letters swapped or a word sounded
 * out is a new word. A word outside the language's vocabulary is read as a listed word when it
 * sounds the same (the same consonants in the same order, with "z" for "s" and "c", "q" for "k",
 * doubled letters once, vowels free: "muslms", "mozlems", "imigrants") or when it is the listed
 * word with two neighbours swapped ("muslmis"); it must start with the same letter and be no more
 * than one letter longer or shorter.
 *
 * A consonant dropped or replaced is not read: that makes another word more often than a
 * misspelling ("morons", "turds"). Neither is the listed word with an ending added or dropped
 * ("muslim" for "muslims"): the lexicon lists the forms it means. Only words of six letters or
 * more are recovered, and a word the vocabulary knows never is: "crabs" is not "arabs".
 */

import { BoundedMemo } from '../shared/bounded-memo.js';

/** What a recovered word stands for: the listed word it was read as. */
export interface Recovered<T> {
  word: string;
  value: T;
}

const MIN_LENGTH = 6;
/** A sound skeleton shorter than this says too little to tell words apart. */
const MIN_SKELETON = 4;
const LOWER_LETTERS = /^[a-z]+$/;
/** How far a sound-alike may be spelt from the listed word, letters that sound alike made one. */
const MAX_SOUND_EDITS = 2;

export class MisspeltWords<T> {
  /** Each listed word's one-letter deletions, to the listed words they come from (for swaps). */
  private readonly byDeletion = new Map<string, Recovered<T>[]>();
  /** Each listed word by its sound skeleton, with its sound spelling made once. */
  private readonly bySkeleton = new Map<string, { entry: Recovered<T>; spelt: string }[]>();
  /**
   * The first letter and length of every word a listed word may be misspelt as (its length, one
   * more or one less): a word with no listed word near it is none of them, and is turned away
   * before the vocabulary lookup, a miss in a large map on most words.
   */
  private readonly reachable = new Set<number>();

  constructor(
    words: Iterable<Recovered<T>>,
    /** Whether a word is in the language's vocabulary: such a word is never read as another. */
    private readonly known: (word: string) => boolean,
  ) {
    for (const entry of words) {
      const { word } = entry;
      if (word.length < MIN_LENGTH || !LOWER_LETTERS.test(word)) continue;
      for (const key of new Set(deletions(word))) push(this.byDeletion, key, entry);
      const spelt = soundSpelling(word);
      const skeleton = skeletonOf(spelt);
      if (skeleton.length >= MIN_SKELETON) push(this.bySkeleton, skeleton, { entry, spelt });
      for (let length = word.length - 1; length <= word.length + 1; length++)
        this.reachable.add(reachKey(word.charCodeAt(0), length));
    }
  }

  /**
   * Answers given so far, by word (null: none): a text's words are mostly words seen before, and
   * one lookup here costs less than asking the vocabulary, a miss in a large map, and reading the
   * word's deletions and sound. Emptied when full, so words never seen twice cannot grow it.
   */
  private readonly answers = new BoundedMemo<string, Recovered<T> | null>(1 << 14);

  /** The listed word that `word` misspells, or undefined when it misspells none (or is a word itself). */
  find(word: string): Recovered<T> | undefined {
    if (word.length < MIN_LENGTH || !LOWER_LETTERS.test(word)) return undefined;
    // Every way of reading a word below needs a listed word `near` it.
    if (!this.reachable.has(reachKey(word.charCodeAt(0), word.length))) return undefined;
    // Not `??`: a remembered null (no listed word) is an answer too.
    let answer = this.answers.lookup(word);
    if (answer === undefined) answer = this.answers.remember(word, this.read(word) ?? null);
    return answer ?? undefined;
  }

  private read(word: string): Recovered<T> | undefined {
    if (this.known(word)) return undefined;
    const first = word.charCodeAt(0);
    const near = (e: Recovered<T>) =>
      e.word.charCodeAt(0) === first &&
      Math.abs(e.word.length - word.length) <= 1 &&
      !sameButEnding(word, e.word);
    // Two neighbours swapped ("muslmis"): both lose a letter and then agree.
    for (const d of deletions(word)) {
      const swapped = this.byDeletion
        .get(d)
        ?.find((e) => near(e) && e.word.length === word.length && swapsTwo(word, e.word));
      if (swapped) return swapped;
    }
    const spelt = soundSpelling(word);
    const skeleton = skeletonOf(spelt);
    if (skeleton.length < MIN_SKELETON) return undefined;
    // Sounding alike is not enough on its own: "cohens" and "chinese" do, and are spelt far apart.
    return this.bySkeleton
      .get(skeleton)
      ?.find((c) => near(c.entry) && editDistance(spelt, c.spelt) <= MAX_SOUND_EDITS)?.entry;
  }
}

/** A word's first unit (a small letter) and its length as one number. */
const reachKey = (first: number, length: number) => length * 0x80 + first;

function push<V>(map: Map<string, V[]>, key: string, entry: V): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Whether `a` is `b` with two neighbouring letters swapped. */
export function swapsTwo(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Whether one word is the other with an ending added: "muslim" and "muslims", "refugee" and "refugees". */
function sameButEnding(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && long.length - short.length <= 2;
}

/** The word with letters that sound alike made one, as `soundSkeleton` reads them, vowels kept. */
function soundSpelling(word: string): string {
  return word
    .replace(/ph/g, 'f')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/ck|[cq]/g, 'k')
    .replace(/z/g, 's');
}

/** Edits (insertion, deletion, replacement, neighbours swapped) from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The word as it sounds, roughly: its consonants, with letters that sound alike made one
 * ("z" and "c" before e/i as "s", "c", "q" and "ck" as "k", "ph" as "f"), doubled letters once.
 * "muslims", "muzlims", "mozlems" and "muslems" all sound "mslms".
 */
export function soundSkeleton(word: string): string {
  return skeletonOf(soundSpelling(word));
}

/** The consonants of a sound spelling, doubled letters once. */
function skeletonOf(spelt: string): string {
  let out = '';
  let previous = '';
  for (const ch of spelt) {
    if (ch !== previous && !'aeiouy'.includes(ch)) out += ch;
    previous = ch;
  }
  return out;
}
