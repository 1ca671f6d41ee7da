import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { VigilError } from '../domain/index.js';
import { ENGLISH, type LanguagePack } from './languages.js';
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
}

/** Categories matched on the exact word, where stemming would merge meanings ("share" vs "shared"). */
const EXACT_CATEGORIES = new Set<Category>(['reporting_verbs', 'slurs']);

interface Entry {
  category: Category;
  tag: string | null;
  phrase: string;
  keys: string[];
}

/**
 * A compiled lexicon of one language: phrases indexed by their first word's key. Phrases are read
 * as the language's texts are (its normalisation and tokeniser), so they match however the text
 * writes diacritics, accents or umlauts. English phrases are only lower-cased, as before packs.
 */
export class Lexicon {
  private readonly byFirstKey = new Map<string, Entry[]>();
  readonly formatVersion = 1;

  constructor(
    readonly data: LexiconData,
    readonly pack: LanguagePack = ENGLISH,
  ) {
    const prepare = pack === ENGLISH ? (p: string) => p.toLowerCase() : (p: string) => pack.normalise(p).text;
    for (const category of LEXICON_CATEGORIES) {
      for (const { phrase, tag } of data[category]) {
        const exact = EXACT_CATEGORIES.has(category);
        const keys = pack.tokeniser
          .tokenize(prepare(phrase))
          .tokens.map((t) => (exact ? `=${t.text}` : t.key));
        if (keys.length === 0) continue;
        const first = keys[0] as string;
        const list = this.byFirstKey.get(first) ?? [];
        list.push({ category, tag, phrase, keys });
        this.byFirstKey.set(first, list);
      }
    }
    for (const list of this.byFirstKey.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  }

  /** Every phrase occurrence in the tokens, longest phrases first at each position. */
  match(tokens: readonly Token[]): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const entries = [
        ...(this.byFirstKey.get(token.key) ?? []),
        ...(this.byFirstKey.get(`=${token.text}`) ?? []),
      ];
      if (entries.length === 0) continue;
      for (const e of entries) {
        if (i + e.keys.length > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < e.keys.length; k++) {
          const t = tokens[i + k] as Token;
          const want = e.keys[k] as string;
          if (want.startsWith('=') ? `=${t.text}` !== want : t.key !== want) {
            ok = false;
            break;
          }
        }
        if (ok)
          out.push({ category: e.category, tag: e.tag, phrase: e.phrase, first: i, last: i + e.keys.length });
      }
    }
    return out;
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
