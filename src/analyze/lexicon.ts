import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { VigilError } from '../domain/index.js';
import { ENGLISH, type LanguagePack } from './languages.js';
import { MisspeltWords } from './spelling.js';
import type { Token } from './text/02-tokens.js';

/**
 * `String.prototype.charCodeAt`, called as `unitAt.call(word, i)` where every token is asked about:
 * words come as strings of many internal kinds (sliced from a text, joined, read from a file), and
 * a `word.charCodeAt(i)` call site that has met more than four of them looks the method up
 * generically on every call. The module's own binding: an imported one is no constant to the
 * optimiser.
 */
const unitAt = String.prototype.charCodeAt;

/** Every category the detector reads; a lexicon file may define only these. */
export const LEXICON_CATEGORIES = [
  'target_groups',
  'group_places',
  'other_targets',
  'slurs',
  'terrorist_orgs',
  'violence_verbs',
  'violence_nouns',
  'weapons',
  'coded_calls',
  'directives',
  'first_person_intent',
  'threat_formulas',
  'timeframes',
  'planning',
  'praise',
  'emulation',
  'celebration',
  'attack_refs',
  'harm_outcome',
  'recruitment',
  'instruction_markers',
  'attack_means',
  'dehumanising',
  'generalisers',
  'jihadist',
  'far_right',
  'reporting_verbs',
  'news_cues',
  'condemnation',
  'negations',
  'idioms',
  'endorsement',
  'education',
  'questions',
  'protective_acts',
  'contempt',
  'lawful_means',
] as const;
export type Category = (typeof LEXICON_CATEGORIES)[number];

/** Phrases per category; grouped categories (targets) carry a tag per phrase. */
export type LexiconData = Record<Category, { phrase: string; tag: string | null }[]>;

export interface LexiconMatch {
  category: Category;
  tag: string | null;
  phrase: string;
  /** Token range [first, last). */
  first: number;
  last: number;
  /** Set when the token is a misspelling read as the phrase's word ("muzlims" as "muslims"). */
  misspelt?: true;
}

/** Categories matched on the exact word, where stemming would merge meanings ("share" vs "shared"). */
const EXACT_CATEGORIES = new Set<Category>(['reporting_verbs', 'slurs', 'contempt']);

interface Entry {
  category: Category;
  tag: string | null;
  phrase: string;
  /** Per word of the phrase: the key or, where `exact`, the word itself a token must have. */
  words: string[];
  exact: boolean;
}

/**
 * A compiled lexicon of one language: phrases indexed by their first word's key. Phrases are read
 * as the language's texts are (its normalisation and tokeniser), so they match however the text
 * writes diacritics, accents or umlauts. English phrases are only lower-cased, as before packs.
 */
export class Lexicon {
  /** Phrases by their words' keys, and exact-word phrases by their words as written. */
  private readonly stemmed: PhraseIndex;
  private readonly exactly: PhraseIndex;
  /** Group names as they are misspelt, when the language's vocabulary is known. */
  private readonly misspelt: MisspeltWords<Entry[]> | undefined;
  readonly formatVersion = 1;

  constructor(
    readonly data: LexiconData,
    readonly pack: LanguagePack = ENGLISH,
    options: LexiconOptions = {},
  ) {
    const prepare = pack === ENGLISH ? (p: string) => p.toLowerCase() : (p: string) => pack.normalise(p).text;
    const stemmed = new Map<string, Entry[]>();
    const exactly = new Map<string, Entry[]>();
    for (const category of LEXICON_CATEGORIES) {
      const exact = EXACT_CATEGORIES.has(category);
      const index = exact ? exactly : stemmed;
      for (const { phrase, tag } of data[category]) {
        const words = pack.tokeniser.tokenize(prepare(phrase)).tokens.map((t) => (exact ? t.text : t.key));
        if (words.length === 0) continue;
        const first = words[0] as string;
        const list = index.get(first) ?? [];
        list.push({ category, tag, phrase, words, exact });
        index.set(first, list);
      }
    }
    this.stemmed = new PhraseIndex(stemmed);
    this.exactly = new PhraseIndex(exactly);
    const { knownWord } = options;
    this.misspelt =
      knownWord && new MisspeltWords(recoverableWords([...stemmed.values(), ...exactly.values()]), knownWord);
  }

  /** Every phrase occurrence in the tokens, longest phrases first at each position. */
  match(tokens: readonly Token[]): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    // Each token's word ids, looked up once: a token is asked about as a first word and as the
    // word after one.
    const n = tokens.length;
    if (keyIds.length < n) {
      keyIds = new Int32Array(2 * n);
      wordIds = new Int32Array(2 * n);
    }
    for (let i = 0; i < n; i++) {
      const token = tokens[i] as Token;
      keyIds[i] = this.stemmed.id(token.key);
      wordIds[i] = this.exactly.id(token.text);
    }
    for (let i = 0; i < n; i++) {
      // Stemmed phrases before exact ones at each position, as matches have always been ordered.
      const key = keyIds[i] as number;
      if (this.stemmed.starts(key)) {
        const longer = i + 1 < n ? this.stemmed.longer(key, keyIds[i + 1] as number) : undefined;
        if (longer) matchAt(tokens, i, longer, out);
        matchAt(tokens, i, this.stemmed.single(key), out);
      }
      const word = wordIds[i] as number;
      if (this.exactly.starts(word)) {
        const longer = i + 1 < n ? this.exactly.longer(word, wordIds[i + 1] as number) : undefined;
        if (longer) matchAt(tokens, i, longer, out);
        matchAt(tokens, i, this.exactly.single(word), out);
      }
      if (this.misspelt && !this.stemmed.starts(key) && !this.exactly.starts(word)) {
        const recovered = this.misspelt.find((tokens[i] as Token).text);
        if (recovered)
          for (const e of recovered.value)
            out.push({
              category: e.category,
              tag: e.tag,
              phrase: e.phrase,
              first: i,
              last: i + 1,
              misspelt: true,
            });
      }
    }
    return out;
  }
}

export interface LexiconOptions {
  /**
   * Whether a word is in the language's vocabulary. Given, a word outside it that misspells a
   * group name is read as that word (`spelling.ts`).
   */
  knownWord?: (word: string) => boolean;
}

/**
 * Categories whose one-word phrases are read through misspellings: the names of groups, which
 * writers misspell to pass keyword filters. Not slurs (the list names the forms meant, and a
 * slur's near forms are insults at individuals as often as at a group), and not dehumanising
 * words, ordinary words whose near forms are other ordinary words ("reposts", "besties").
 */
const RECOVERED_CATEGORIES = new Set<Category>(['target_groups']);

/** The one-word phrases of the recovered categories, grouped by their word. */
function recoverableWords(lists: readonly Entry[][]): { word: string; value: Entry[] }[] {
  const byWord = new Map<string, Entry[]>();
  for (const list of lists)
    for (const e of list) {
      if (!RECOVERED_CATEGORIES.has(e.category) || e.words.length !== 1) continue;
      const word = e.phrase.toLowerCase();
      byWord.set(word, [...(byWord.get(word) ?? []), e]);
    }
  return [...byWord].map(([word, value]) => ({ word, value }));
}

/** Scratch for `match`: each token's id as a stemmed key and as an exact word (-1: none). */
let keyIds = new Int32Array(256);
let wordIds = new Int32Array(256);

/**
 * One side of a lexicon's phrases (by key, or by exact word), indexed by their first and second
 * words. Every first or second word has an id, looked up once per token; a first word's one-word
 * phrases are found by its id, and its longer phrases by the pair of ids in one open-addressing
 * table of integers. A map of phrases per first word, each with its own map by second word,
 * cost two string-keyed lookups per token (most tokens start some phrase: "we", "the", "will"),
 * in small maps scattered over the heap.
 */
class PhraseIndex {
  private readonly ids = new Map<string, number>();
  /** Which words may have an id, asked before the map: most words have none. */
  private readonly mayHaveId: WordFilter;
  /** Per id: its one-word phrases when it is a first word, else undefined. */
  private readonly singles: (Entry[] | undefined)[] = [];
  /** Per slot: first id times the id count plus second id, plus one (0: empty), then its list. */
  private readonly pairs: Int32Array;
  private readonly pairMask: number;
  private readonly lists: Entry[][] = [];

  /**
   * Each first word's phrases, longest first (in lexicon order among equals), split into one-word
   * phrases and longer ones by second word. Every longer phrase precedes every one-word phrase, so
   * matching a pair's list and then the one-word phrases keeps the longest-first order.
   */
  constructor(byFirst: Map<string, Entry[]>) {
    const idOf = (w: string): number => {
      let id = this.ids.get(w);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(w, id);
        this.singles.push(undefined);
      }
      return id;
    };
    // Each (first, second) pair's phrases, in the order the pairs were met.
    const pairIndex = new Map<string, number>();
    const pairOf: [number, number][] = [];
    for (const [first, list] of byFirst) {
      const f = idOf(first);
      const singles: Entry[] = [];
      for (const e of list.sort((a, b) => b.words.length - a.words.length)) {
        const second = e.words[1];
        if (second === undefined) {
          singles.push(e);
          continue;
        }
        const s = idOf(second);
        const known = pairIndex.get(`${f} ${s}`);
        if (known !== undefined) (this.lists[known] as Entry[]).push(e);
        else {
          pairIndex.set(`${f} ${s}`, pairOf.length);
          pairOf.push([f, s]);
          this.lists.push([e]);
        }
      }
      this.singles[f] = singles;
    }
    const count = this.ids.size;
    if (count * count >= 2 ** 31) throw new Error('lexicon: too many words for pair keys of 31 bits');
    let bits = 4;
    while (1 << bits < pairOf.length * 2) bits++;
    this.pairMask = (1 << bits) - 1;
    this.pairs = new Int32Array(2 << bits);
    pairOf.forEach(([f, s], k) => {
      const key = f * count + s + 1;
      let slot = pairSlot(key) & this.pairMask;
      while ((this.pairs[2 * slot] as number) !== 0) slot = (slot + 1) & this.pairMask;
      this.pairs[2 * slot] = key;
      this.pairs[2 * slot + 1] = k;
    });
    this.mayHaveId = new WordFilter(this.ids.keys());
  }

  /** The word's id, or -1 when it is no phrase's first or second word. */
  id(word: string): number {
    return this.mayHaveId.mayHave(word) ? (this.ids.get(word) ?? -1) : -1;
  }

  /** Whether the id is a first word's (the id of no word, -1, is not). */
  starts(id: number): boolean {
    return id >= 0 && this.singles[id] !== undefined;
  }

  /** A first word's one-word phrases. */
  single(first: number): Entry[] {
    return this.singles[first] as Entry[];
  }

  /** The longer phrases a first word opens with this second word (-1: none), longest first. */
  longer(first: number, second: number): Entry[] | undefined {
    if (second < 0) return undefined;
    const key = first * this.ids.size + second + 1;
    for (let slot = pairSlot(key) & this.pairMask; ; slot = (slot + 1) & this.pairMask) {
      const at = this.pairs[2 * slot] as number;
      if (at === 0) return undefined;
      if (at === key) return this.lists[this.pairs[2 * slot + 1] as number];
    }
  }
}

const pairSlot = (key: number) => Math.imul(key, 0x9e3779b1) >>> 8;

/**
 * A set of words that answers "certainly not" or "maybe" from a word's length and three of its
 * units: a word in no phrase (a quarter of English tokens, most of the exact-word side's) is then
 * not looked up in a map, which hashes the token's string and reads the map's buckets, pushed out
 * of the cache by the model's weights. One bit per slot, 2^16 slots in 8 kB: two thousand words
 * set about 3% of them.
 */
class WordFilter {
  private readonly bits = new Uint8Array(1 << 13);

  constructor(words: Iterable<string>) {
    for (const w of words) {
      const slot = WordFilter.slot(w);
      this.bits[slot >>> 3] = (this.bits[slot >>> 3] as number) | (1 << (slot & 7));
    }
  }

  private static slot(w: string): number {
    const n = w.length;
    if (n === 0) return 0;
    let h = Math.imul(n, 0x9e3779b1) ^ unitAt.call(w, 0);
    h = Math.imul(h, 0x85ebca6b) ^ unitAt.call(w, n >>> 1);
    h = Math.imul(h, 0xc2b2ae35) ^ unitAt.call(w, n - 1);
    return Math.imul(h, 0x27d4eb2f) >>> 16;
  }

  mayHave(w: string): boolean {
    const slot = WordFilter.slot(w);
    return ((this.bits[slot >>> 3] as number) & (1 << (slot & 7))) !== 0;
  }
}

/** Adds to `out` each of `entries` (phrases whose first word matches token `i`) that the following tokens complete. */
function matchAt(tokens: readonly Token[], i: number, entries: readonly Entry[], out: LexiconMatch[]): void {
  for (const e of entries) {
    const n = e.words.length;
    if (i + n > tokens.length) continue;
    let ok = true;
    for (let k = 1; k < n; k++) {
      const t = tokens[i + k] as Token;
      if ((e.exact ? t.text : t.key) !== e.words[k]) {
        ok = false;
        break;
      }
    }
    if (ok) out.push({ category: e.category, tag: e.tag, phrase: e.phrase, first: i, last: i + n });
  }
}

/** Reads and validates every YAML file in a lexicon folder. */
export function readLexiconDir(dir: string): LexiconData {
  const data = Object.fromEntries(LEXICON_CATEGORIES.map((c) => [c, []])) as unknown as LexiconData;
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const file of files) mergeLexicon(data, parse(readFileSync(join(dir, file), 'utf8')), join(dir, file));
  return data;
}

/** Adds a parsed lexicon document to `data`, failing with the file and category on bad content. */
export function mergeLexicon(data: LexiconData, doc: unknown, origin: string): void {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new VigilError('BAD_CONFIG', `lexicon ${origin}: expected a map of categories`);
  }
  for (const [category, value] of Object.entries(doc)) {
    if (!(LEXICON_CATEGORIES as readonly string[]).includes(category)) {
      throw new VigilError('BAD_CONFIG', `lexicon ${origin}: unknown category "${category}"`);
    }
    const list = data[category as Category];
    const add = (phrase: unknown, tag: string | null) => {
      if (typeof phrase !== 'string' && typeof phrase !== 'number') {
        throw new VigilError(
          'BAD_CONFIG',
          `lexicon ${origin}: ${category}: ${JSON.stringify(phrase)} is not a phrase`,
        );
      }
      const text = String(phrase).trim();
      if (text === '') throw new VigilError('BAD_CONFIG', `lexicon ${origin}: ${category}: empty phrase`);
      list.push({ phrase: text, tag });
    };
    if (Array.isArray(value)) for (const p of value) add(p, null);
    else if (value && typeof value === 'object') {
      for (const [tag, phrases] of Object.entries(value)) {
        if (!Array.isArray(phrases))
          throw new VigilError('BAD_CONFIG', `lexicon ${origin}: ${category}.${tag} must be a list`);
        for (const p of phrases) add(p, tag);
      }
    } else
      throw new VigilError('BAD_CONFIG', `lexicon ${origin}: ${category} must be a list or a map of lists`);
  }
}
