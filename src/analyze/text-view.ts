import { type Grammar, grammarOf } from './grammar.js';
import type { Category, Lexicon, LexiconMatch } from './lexicon.js';
import type { NormalizedText } from './text/01-normalize.js';
import type { Sentence, Token } from './text/02-tokens.js';

/** Categories whose words lose their meaning inside an idiom ("killed it", "heart attack"). */
const IDIOM_SENSITIVE = new Set<Category>([
  'violence_verbs',
  'violence_nouns',
  'weapons',
  'attack_refs',
  'harm_outcome',
  'attack_means',
  'coded_calls',
  'directives',
  'dehumanising',
]);
/** Phrases inside which a negation word is part of the call, not its denial ("no mercy", "don't let them"). */
const NEGATION_IMMUNE = new Set<Category>([
  'directives',
  'threat_formulas',
  'recruitment',
  'coded_calls',
  'dehumanising',
  'celebration',
  'emulation',
]);

/** A text prepared for the rules: normalised, tokenised, with lexicon matches, per sentence. */
export interface TextView {
  /** The language's function words, as the rules read them. */
  grammar: Grammar;
  norm: NormalizedText;
  tokens: Token[];
  sentences: SentenceView[];
  all: LexiconMatch[];
  has(category: Category): boolean;
  count(category: Category): number;
}

export interface SentenceView {
  index: number;
  sentence: Sentence;
  matches: LexiconMatch[];
  get(category: Category): LexiconMatch[];
  has(category: Category): boolean;
  /** Whether a negation stands within `window` tokens before the match (or between two matches). */
  negated(m: LexiconMatch, window?: number): boolean;
  /** Whether a negation follows the match closely ("we must not …"). */
  negatedAfter(m: LexiconMatch, window?: number): boolean;
  question: boolean;
  /** Whether the sentence ends with "!". */
  exclaimed: boolean;
}

/**
 * Builds the view of `text` in the lexicon's language, excluding tokens whose original offsets fall in `masked` (quotes
 * analysed on their own).
 */
export function buildView(
  text: string,
  lexicon: Lexicon,
  masked: readonly { start: number; end: number }[] = [],
): TextView {
  // The lexicon's language decides how its text is normalised and split.
  const norm = lexicon.pack.normalise(text);
  const grammar = grammarOf(lexicon.pack);
  const { tokens, sentences } = lexicon.pack.tokeniser.tokenize(norm.text);
  const inMask = (t: Token) => {
    if (masked.length === 0) return false;
    const o = norm.starts[t.start] ?? 0;
    return masked.some((m) => o >= m.start && o < m.end);
  };
  const raw = lexicon.match(tokens).filter((m) => !inMask(tokens[m.first] as Token));
  const idiomTokens = new Uint8Array(tokens.length);
  for (const m of raw) if (m.category === 'idioms') idiomTokens.fill(1, m.first, m.last);
  // A reporting verb inside a threat or call ("you have been warned") is part of it.
  const formulaTokens = new Uint8Array(tokens.length);
  for (const m of raw)
    if (m.category === 'threat_formulas' || m.category === 'directives')
      formulaTokens.fill(1, m.first, m.last);
  const all = raw.filter((m) => {
    if (m.category === 'reporting_verbs' && formulaTokens[m.first]) return false;
    if (!IDIOM_SENSITIVE.has(m.category)) return true;
    for (let k = m.first; k < m.last; k++) if (idiomTokens[k]) return false;
    return true;
  });
  const immune = new Uint8Array(tokens.length);
  for (const m of all) if (NEGATION_IMMUNE.has(m.category)) immune.fill(1, m.first, m.last);
  const negationAt = new Uint8Array(tokens.length);
  for (const m of all)
    if (m.category === 'negations' && !immune[m.first]) negationAt.fill(1, m.first, m.last);

  const bySentence: LexiconMatch[][] = sentences.map(() => []);
  for (const m of all) bySentence[(tokens[m.first] as Token).sentence]?.push(m);
  const views: SentenceView[] = sentences.map((sentence, index) => {
    const matches = bySentence[index] ?? [];
    const lastTok = tokens[sentence.last - 1];
    return {
      index,
      sentence,
      matches,
      get: (c) => matches.filter((m) => m.category === c),
      has: (c) => matches.some((m) => m.category === c),
      negated(m, window = 4) {
        // Scope ends at a clause break: "I'm against terrorism, but every mosque should burn".
        const from = Math.max(sentence.first, m.first - window);
        for (let k = m.first - 1; k >= from; k--) {
          if (grammar.is('clauseBreaks', tokens[k])) return false;
          if (negationAt[k]) return true;
          if (/[,;:—]/.test(norm.text.slice((tokens[k] as Token).end, (tokens[k + 1] as Token).start)))
            return false;
        }
        return false;
      },
      negatedAfter(m, window = 2) {
        const to = Math.min(sentence.last, m.last + window);
        for (let k = m.last; k < to; k++) if (negationAt[k]) return true;
        return false;
      },
      question: sentence.question,
      exclaimed: lastTok?.text === '!',
    };
  });
  const counts = new Map<Category, number>();
  for (const m of all) counts.set(m.category, (counts.get(m.category) ?? 0) + 1);
  return {
    grammar,
    norm,
    tokens,
    sentences: views,
    all,
    has: (c) => (counts.get(c) ?? 0) > 0,
    count: (c) => counts.get(c) ?? 0,
  };
}

/**
 * Token indexes where an imperative could stand: the sentence start and each clause start after a
 * comma, colon or dash ("Brothers in Europe, stab …"), skipping vocatives ("O brothers, …").
 */
export function clauseStarts(view: TextView, s: SentenceView): Set<number> {
  const out = new Set<number>();
  const { first, last } = s.sentence;
  for (let k = first; k < last; k++) {
    const prev = view.tokens[k - 1];
    const tok = view.tokens[k];
    if (!tok) continue;
    const atStart =
      k === first || (prev !== undefined && /[,;:—–-]/.test(view.norm.text.slice(prev.end, tok.start)));
    if (!atStart) continue;
    let j = k;
    while (j < last && view.grammar.is('vocatives', view.tokens[j])) j++;
    out.add(j);
  }
  return out;
}

/** Whether a token is written with a letter first in the original text (not an emoji read as a word). */
export function startsWord(view: TextView, t: Token): boolean {
  return /\p{L}/u.test(view.norm.original[view.norm.starts[t.start] ?? 0] ?? '');
}

/** Whether a token starts a name: a word written with a capital in the original text, which normalisation lowers. */
export function startsName(view: TextView, t: Token | undefined): boolean {
  if (!t || !/\p{L}/u.test(t.text)) return false;
  return /\p{Lu}/u.test(view.norm.original[view.norm.starts[t.start] ?? 0] ?? '');
}
