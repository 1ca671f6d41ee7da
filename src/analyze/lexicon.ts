import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { VigilError } from '../domain/index.js';
import { ENGLISH, type LanguagePack } from './languages.js';
import { MisspeltWords } from './spelling.js';
import type { Token } from './text/02-tokens.js';

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
 * The phrases that start with one word: that word alone, and the longer ones by their second word
 * (longest first), so a common first word ("the", "we") costs one lookup, not a test of every
 * phrase it starts.
 */
interface Phrases {
  single: Entry[];
  bySecond: Map<string, Entry[]>;
}

/**
 * A compiled lexicon of one language: phrases indexed by their first word's key. Phrases are read
 * as the language's texts are (its normalisation and tokeniser), so they match however the text
 * writes diacritics, accents or umlauts. English phrases are only lower-cased, as before packs.
 */
export class Lexicon {
  /**
   * Phrases by their first word's key, and exact-word phrases by their first word: two maps, so a
   * token is looked up by its key and its text as they are, with no string built per token.
   */
  private readonly byFirstKey: Map<string, Phrases>;
  private readonly byFirstWord: Map<string, Phrases>;
  /** Which words may be a first key or word, asked before the maps: most tokens start no phrase. */
  private readonly mayStartKey: WordFilter;
  private readonly mayStartWord: WordFilter;
  /** Which words may be any phrase's second key or word: most tokens after a first word go on with none. */
  private readonly mayFollowKey: WordFilter;
  private readonly mayFollowWord: WordFilter;
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
    this.byFirstKey = byFirstWords(stemmed);
    this.byFirstWord = byFirstWords(exactly);
    this.mayStartKey = new WordFilter(this.byFirstKey.keys());
    this.mayStartWord = new WordFilter(this.byFirstWord.keys());
    this.mayFollowKey = new WordFilter([...this.byFirstKey.values()].flatMap((p) => [...p.bySecond.keys()]));
    this.mayFollowWord = new WordFilter(
      [...this.byFirstWord.values()].flatMap((p) => [...p.bySecond.keys()]),
    );
    const { knownWord } = options;
    this.misspelt =
      knownWord && new MisspeltWords(recoverableWords([...stemmed.values(), ...exactly.values()]), knownWord);
  }

  /** Every phrase occurrence in the tokens, longest phrases first at each position. */
  match(tokens: readonly Token[]): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const next = tokens[i + 1];
      // Stemmed phrases before exact ones at each position, as matches have always been ordered.
      const stemmed = this.mayStartKey.mayHave(token.key) ? this.byFirstKey.get(token.key) : undefined;
      if (stemmed) {
        const longer = next && this.mayFollowKey.mayHave(next.key) && stemmed.bySecond.get(next.key);
        if (longer) matchAt(tokens, i, longer, out);
        matchAt(tokens, i, stemmed.single, out);
      }
      const exact = this.mayStartWord.mayHave(token.text) ? this.byFirstWord.get(token.text) : undefined;
      if (exact) {
        const longer = next && this.mayFollowWord.mayHave(next.text) && exact.bySecond.get(next.text);
        if (longer) matchAt(tokens, i, longer, out);
        matchAt(tokens, i, exact.single, out);
      }
      if (!stemmed && !exact && this.misspelt) {
        const recovered = this.misspelt.find(token.text);
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

/**
 * A set of words that answers "certainly not" or "maybe" from a word's length and three of its
 * units: most tokens start no phrase, and a map lookup hashes the token's string and reads the
 * map's buckets, which the model's weights, read for every text, have pushed out of the cache.
 * One bit per slot, 2^16 slots in 8 kB: a thousand first words set under 2% of them.
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
    let h = Math.imul(n, 0x9e3779b1) ^ w.charCodeAt(0);
    h = Math.imul(h, 0x85ebca6b) ^ w.charCodeAt(n >>> 1);
    h = Math.imul(h, 0xc2b2ae35) ^ w.charCodeAt(n - 1);
    return Math.imul(h, 0x27d4eb2f) >>> 16;
  }

  mayHave(w: string): boolean {
    const slot = WordFilter.slot(w);
    return ((this.bits[slot >>> 3] as number) & (1 << (slot & 7))) !== 0;
  }
}

/**
 * Each first word's phrases, longest first (in lexicon order among equals), split into one-word
 * phrases and longer ones by second word. Every longer phrase precedes every one-word phrase, so
 * matching a bucket and then the one-word phrases keeps the longest-first order.
 */
function byFirstWords(lists: Map<string, Entry[]>): Map<string, Phrases> {
  const out = new Map<string, Phrases>();
  for (const [first, list] of lists) {
    const phrases: Phrases = { single: [], bySecond: new Map() };
    for (const e of list.sort((a, b) => b.words.length - a.words.length)) {
      const second = e.words[1];
      if (second === undefined) phrases.single.push(e);
      else phrases.bySecond.set(second, [...(phrases.bySecond.get(second) ?? []), e]);
    }
    out.set(first, phrases);
  }
  return out;
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
