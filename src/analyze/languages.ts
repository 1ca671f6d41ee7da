/**
 * The languages the detector analyses, and how it picks one for a text.
 *
 * Contract (what a language pack promises, and what the detector does with it):
 *
 * - A pack is data plus three small functions, keyed by its ISO 639-1 `code`. Its lexicons are the
 *   YAML files in `lexiconDir` (for English the top-level `lexicons/*.yaml`, as today; for every
 *   other language `lexicons/<code>/*.yaml`), in exactly the format of the English files: the same
 *   categories (`LEXICON_CATEGORIES`), lists or maps of tagged lists, phrases written as a person
 *   writes them. Phrases go through the pack's own `normalise` and `tokeniser`, the same path as
 *   the text, so a lexicon may be written with or without diacritics, accents or umlauts.
 * - A pack is **supported** (its texts get labels) when its lexicon folder holds at least one YAML
 *   file. The model is optional: `modelPath` (`models/<code>/vigil-linear.bin`, its manifest beside
 *   it as for English) is used when the file exists; without it the pack is rules only. Adding a
 *   language therefore means adding files under `lexicons/<code>/` (and, when trained,
 *   `models/<code>/`), not code, once its pack is in `LANGUAGE_PACKS`.
 * - English is today's behaviour exactly: the English normalisation, tokeniser, lexicons, model and
 *   quotation rules are the ones the detector had before packs existed.
 * - Picking a pack for a text (`pickLanguage`): an explicit override (`vigil analyze --lang xx`)
 *   wins; otherwise the identified language (`identifyLanguage` in `text/00-language.ts`). A quote
 *   is identified on its own, falling back to its surrounding text's language when it is too short
 *   to tell. A text Vigil has no supported pack for is reported with `supported: false` and no
 *   labels ("not analysed"), never as a silent `none`. A text with nothing to identify (no letters,
 *   or too short and in Latin script) is taken as `DEFAULT_LANGUAGE`.
 * - `quotes` and `reportingVerbs` are what the quote and voice steps (`text/03-quotes.ts`,
 *   `text/04-voice.ts`) read for that language, in addition to the marks every language shares
 *   (straight and curly double quotes).
 */
import type { GrammarSource } from './grammar.js';
import { ARABIC } from './languages/arabic.js';
import { ENGLISH_GRAMMAR } from './languages/english-grammar.js';
import { FRENCH } from './languages/french.js';
import { GERMAN } from './languages/german.js';
import { SPANISH } from './languages/spanish.js';
import { type NormalizedText, normalizeText } from './text/01-normalize.js';
import { type Sentence, type Token, tokenize, wordKey } from './text/02-tokens.js';

/** An ISO 639-1 code ("en", "ar"). */
export type LanguageCode = string;

/** The writing systems normalisation knows; a pack names the one its texts are written in. */
export type Script = 'latin' | 'arabic';

/** A pair of quotation marks a language uses, and whether the inner side is spaced (French « … »). */
export interface QuotePair {
  open: string;
  close: string;
}

/** Words and sentences of a normalised text, with a matching key per word. */
export interface Tokeniser {
  /** Splits normalised text into tokens (offsets into that text) and sentences. */
  tokenize(text: string): { tokens: Token[]; sentences: Sentence[] };
  /** A word's matching key (stemmed, squeezed): the same function keys lexicon phrases. */
  wordKey(word: string): string;
}

/** Everything the detector needs to analyse one language. */
export interface LanguagePack {
  /** ISO 639-1. */
  readonly code: LanguageCode;
  /** The language's English name, for messages and reports. */
  readonly name: string;
  readonly script: Script;
  /** The lexicon folder, relative to the project root. */
  readonly lexiconDir: string;
  /** Whether `lexiconDir` holds only its own top-level YAML files (English: sub-folders are other languages). */
  readonly lexiconTopLevelOnly: boolean;
  /** The model file, relative to the project root; used when it exists. Null: rules only. */
  readonly modelPath: string | null;
  /** Quotation marks of the language, besides the straight and curly double quotes all share. */
  readonly quotes: readonly QuotePair[];
  /**
   * Verbs that attribute speech ("said", "قال", "a déclaré"), as exact normalised word forms
   * (lower case; Arabic without diacritics). Read by attribution and reported speech.
   */
  readonly reportingVerbs: readonly string[];
  /** The words that open reported speech after a reporting verb ("that", "que", "dass", "أن"). */
  readonly thatWords: readonly string[];
  /** The text normalisation: offsets of every normalised character map back to the original. */
  normalise(original: string): NormalizedText;
  readonly tokeniser: Tokeniser;
  /** The function words and word shapes the rules read (`grammar.ts`). */
  readonly grammar: GrammarSource;
}

/** The language a text is taken to be in when nothing can be identified. */
export const DEFAULT_LANGUAGE: LanguageCode = 'en';

const ENGLISH_TOKENISER: Tokeniser = { tokenize, wordKey };

/** English: the detector as it was before language packs, unchanged. */
export const ENGLISH: LanguagePack = {
  code: 'en',
  name: 'English',
  script: 'latin',
  lexiconDir: 'lexicons',
  lexiconTopLevelOnly: true,
  modelPath: 'models/vigil-linear.bin',
  quotes: [
    { open: '“', close: '”' },
    { open: '‘', close: '’' },
    { open: "'", close: "'" },
    { open: '«', close: '»' },
    { open: '„', close: '“' },
    { open: '‹', close: '›' },
  ],
  reportingVerbs: [
    'said',
    'says',
    'wrote',
    'writes',
    'posted',
    'posts',
    'stated',
    'claimed',
    'told',
    'added',
    'declared',
    'announced',
    'urged',
    'warned',
    'threatened',
    'tweeted',
  ],
  thatWords: ['that'],
  normalise: normalizeText,
  tokeniser: ENGLISH_TOKENISER,
  grammar: ENGLISH_GRAMMAR,
};

/**
 * Every pack Vigil knows, keyed by code. Whether a pack is supported depends on its lexicon folder
 * (see the contract above), so a language can be listed before its lexicons exist.
 */
export const LANGUAGE_PACKS: ReadonlyMap<LanguageCode, LanguagePack> = new Map(
  [ENGLISH, ARABIC, FRENCH, GERMAN, SPANISH].map((p) => [p.code, p]),
);

/** A language decision for a text or a quote, as stored on the analysis. */
export interface LanguageDecision {
  /** ISO 639-1, or "und" when the text holds nothing to identify. */
  code: LanguageCode;
  /** Confidence from 0 to 1 (1 for an override). */
  score: number;
  /** Whether Vigil analysed the text in this language; false: "not analysed", no labels. */
  supported: boolean;
}

/** How a pack is picked: an override wins; otherwise identification, with a fallback for quotes. */
export interface PickOptions {
  /** An explicit language (`--lang`), trusted over identification. */
  override?: LanguageCode;
  /** The surrounding text's language, for a quote too short to identify on its own. */
  surrounding?: LanguageDecision;
}
