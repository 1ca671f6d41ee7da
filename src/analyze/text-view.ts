import { type Grammar, grammarOf } from './grammar.js';
import { type Category, LEXICON_CATEGORIES, type Lexicon, type LexiconMatch } from './lexicon.js';
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
  /**
   * The normalised text as the model reads it: misspelt group names written as the names they
   * stand for, so that "kill all the muzlims" scores as "kill all the muslims" does.
   */
  readonly modelText: string;
  /** Per token index, the word a misspelt token was read as; empty when the text has none. */
  respelt: ReadonlyMap<number, string>;
  tokens: Token[];
  sentences: SentenceView[];
  all: LexiconMatch[];
  has(category: Category): boolean;
  count(category: Category): number;
  /** How many matches of each category, in `LEXICON_CATEGORIES` order: `count` for every category at once. */
  readonly categoryCounts: readonly number[];
}

export interface SentenceView {
  index: number;
  sentence: Sentence;
  matches: LexiconMatch[];
  /** The sentence's matches of one category, in text order: one array per category, shared, so read only. */
  get(category: Category): LexiconMatch[];
  has(category: Category): boolean;
  /** Whether a negation stands within `window` tokens before the match (or between two matches). */
  negated(m: LexiconMatch, window?: number): boolean;
  /** Whether a negation follows the match closely ("we must not …"). */
  negatedAfter(m: LexiconMatch, window?: number): boolean;
  /** Whether a conditional ("if", "unless") stands before the match in its clause: it is supposed, not said. */
  supposed(m: LexiconMatch, window?: number): boolean;
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
  const found = lexicon.match(tokens);
  const raw =
    masked.length === 0
      ? found
      : found.filter((m) => {
          const o = norm.starts[(tokens[m.first] as Token).start] ?? 0;
          return !masked.some((x) => o >= x.start && o < x.end);
        });
  // What the rules ask of each token, in one array: marks set over match spans and the gaps after it.
  const flags = gapMarks(norm.text, tokens);
  for (const m of raw) if (m.category === 'idioms') mark(flags, IDIOM, m);
  // A reporting verb inside a threat or call ("you have been warned") is part of it.
  for (const m of raw)
    if (m.category === 'threat_formulas' || m.category === 'directives') mark(flags, FORMULA, m);
  const all = raw.filter((m) => {
    if (m.category === 'reporting_verbs' && (flags[m.first] as number) & FORMULA) return false;
    if (!IDIOM_SENSITIVE.has(m.category)) return true;
    for (let k = m.first; k < m.last; k++) if ((flags[k] as number) & IDIOM) return false;
    return true;
  });
  for (const m of all) if (NEGATION_IMMUNE.has(m.category)) mark(flags, IMMUNE, m);
  for (const m of all)
    if (m.category === 'negations' && !((flags[m.first] as number) & IMMUNE)) mark(flags, NEGATION, m);

  // Each match's category looked up once, for the view's counts and its sentence's groups alike.
  const bySentence: LexiconMatch[][] = sentences.map(() => []);
  // A sentence's groups are made at its first match, holding every category at once: grown one
  // category index at a time from empty, the array was copied into ever larger ones.
  const grouped: (LexiconMatch[] | undefined)[][] = new Array(sentences.length);
  const counts: number[] = new Array(LEXICON_CATEGORIES.length).fill(0);
  for (const m of all) {
    const i = categoryIndex(m.category);
    counts[i] = (counts[i] as number) + 1;
    const at = (tokens[m.first] as Token).sentence;
    bySentence[at]?.push(m);
    let groups = grouped[at];
    if (!groups) {
      groups = new Array(LEXICON_CATEGORIES.length);
      grouped[at] = groups;
    }
    const list = groups[i];
    if (list) list.push(m);
    else groups[i] = [m];
  }
  const views: SentenceView[] = sentences.map(
    (sentence, index) =>
      new SentenceReading(
        index,
        sentence,
        bySentence[index] ?? [],
        grouped[index] ?? [],
        tokens,
        flags,
        grammar,
      ),
  );
  const misspelt = misspeltWords(all);
  return new View(grammar, norm, misspelt, tokens, views, all, counts, flags);
}

/**
 * The view `buildView` makes. A class, so its `has` and `count` are methods rather than two
 * closures made per view: under tsx (how the benchmarks and `npm run vigil` run) each named
 * closure is also given its name with `Object.defineProperty`, half a microsecond apiece.
 */
class View implements ViewWithGaps {
  readonly clauseStarts: (ReadonlySet<number> | undefined)[];
  constructor(
    readonly grammar: Grammar,
    readonly norm: NormalizedText,
    readonly respelt: ReadonlyMap<number, string>,
    readonly tokens: Token[],
    readonly sentences: SentenceView[],
    readonly all: LexiconMatch[],
    readonly categoryCounts: number[],
    readonly flags: Uint8Array,
  ) {
    this.clauseStarts = new Array(sentences.length);
  }

  /** Derived from `respelt`, on the one read the model's features make. */
  get modelText(): string {
    return respeltText(this.norm.text, this.tokens, this.respelt);
  }

  has(c: Category): boolean {
    return (this.categoryCounts[categoryIndex(c)] as number) > 0;
  }

  count(c: Category): number {
    return this.categoryCounts[categoryIndex(c)] as number;
  }
}

const NONE_MISSPELT: ReadonlyMap<number, string> = new Map();

/** The words misspelt tokens were read as, by token index. */
function misspeltWords(matches: readonly LexiconMatch[]): ReadonlyMap<number, string> {
  let out: Map<number, string> | null = null;
  for (const m of matches) {
    if (!m.misspelt) continue;
    out ??= new Map();
    out.set(m.first, m.phrase.toLowerCase());
  }
  return out ?? NONE_MISSPELT;
}

/** `text` with each misspelt token replaced by the word it was read as. */
function respeltText(text: string, tokens: readonly Token[], misspelt: ReadonlyMap<number, string>): string {
  if (misspelt.size === 0) return text;
  let out = '';
  let from = 0;
  for (const [k, word] of [...misspelt].sort((a, b) => a[0] - b[0])) {
    const token = tokens[k] as Token;
    out += text.slice(from, token.start) + word;
    from = token.end;
  }
  return out + text.slice(from);
}

/** Per-token marks (`flags`): an idiom, a threat formula or directive, negation-immune, a negation. */
const IDIOM = 1;
const FORMULA = 2;
const IMMUNE = 4;
const NEGATION = 8;
/** The text between a token and the next ends a negation's scope: a comma, semicolon, colon or dash. */
const SCOPE_BREAK = 16;
/** The text between a token and the next opens a clause: a comma, semicolon, colon or any dash. */
const CLAUSE_BREAK = 32;

function mark(flags: Uint8Array, bit: number, m: LexiconMatch): void {
  for (let k = m.first; k < m.last; k++) flags[k] = (flags[k] as number) | bit;
}

/**
 * One sentence of a view. A class, so a sentence is one object rather than one with four closures:
 * a view is built for every voice of every text.
 */
class SentenceReading implements SentenceView {
  readonly question: boolean;
  readonly exclaimed: boolean;
  constructor(
    readonly index: number,
    readonly sentence: Sentence,
    readonly matches: LexiconMatch[],
    /**
     * The matches by category index (missing where none), each in text order: the rules ask a
     * sentence for one category at a time, many times over, and were given a filtered copy every time.
     */
    private readonly byCategory: (LexiconMatch[] | undefined)[],
    private readonly tokens: readonly Token[],
    private readonly flags: Uint8Array,
    private readonly grammar: Grammar,
  ) {
    this.question = sentence.question;
    this.exclaimed = tokens[sentence.last - 1]?.text === '!';
  }

  get(c: Category): LexiconMatch[] {
    return this.byCategory[categoryIndex(c)] ?? NONE;
  }

  has(c: Category): boolean {
    return this.byCategory[categoryIndex(c)] !== undefined;
  }

  negated(m: LexiconMatch, window = 4): boolean {
    // Scope ends at a clause break: "I'm against terrorism, but every mosque should burn".
    const from = Math.max(this.sentence.first, m.first - window);
    for (let k = m.first - 1; k >= from; k--) {
      if (this.grammar.is('clauseBreaks', this.tokens[k])) return false;
      const f = this.flags[k] as number;
      if (f & NEGATION) return true;
      if (f & SCOPE_BREAK) return false;
    }
    return false;
  }

  negatedAfter(m: LexiconMatch, window = 2): boolean {
    const to = Math.min(this.sentence.last, m.last + window);
    for (let k = m.last; k < to; k++) if ((this.flags[k] as number) & NEGATION) return true;
    return false;
  }

  supposed(m: LexiconMatch, window = 6): boolean {
    const from = Math.max(this.sentence.first, m.first - window);
    for (let k = m.first - 1; k >= from; k--) {
      const t = this.tokens[k];
      if (this.grammar.is('clauseBreaks', t)) return false;
      if (this.grammar.is('conditionals', t)) return true;
    }
    return false;
  }
}

/**
 * Each category's place in `LEXICON_CATEGORIES`, for per-sentence arrays indexed by category. A map,
 * not an object: the rules ask `has` and `get` with dozens of names from one place, and a keyed
 * read of an object with that many names falls to V8's slow generic path, where a map lookup of
 * a constant string (its hash kept in the string) does not (measured about twice as fast).
 */
const CATEGORY_INDEX: ReadonlyMap<Category, number> = new Map(LEXICON_CATEGORIES.map((c, i) => [c, i]));
const categoryIndex = (c: Category) => CATEGORY_INDEX.get(c) as number;
/** What `get` gives for a category the sentence lacks: frozen, as every caller only reads it. */
const NONE = Object.freeze([]) as unknown as LexiconMatch[];

/**
 * Per token, what stands between it and the next one (`SCOPE_BREAK`, `CLAUSE_BREAK`): read once
 * per view, where the rules cut the gap out and tested it with an expression at every question.
 * The array is the view's `flags`, the other marks set in it afterwards.
 */
function gapMarks(text: string, tokens: readonly Token[]): Uint8Array {
  const out = new Uint8Array(tokens.length);
  for (let k = 0; k + 1 < tokens.length; k++) {
    let marks = 0;
    for (let i = (tokens[k] as Token).end, end = (tokens[k + 1] as Token).start; i < end; i++) {
      const u = text.charCodeAt(i);
      if (u === 0x2c || u === 0x3b || u === 0x3a || u === 0x2014) marks |= SCOPE_BREAK | CLAUSE_BREAK;
      else if (u === 0x2013 || u === 0x2d) marks |= CLAUSE_BREAK;
    }
    out[k] = marks;
  }
  return out;
}

/** The view as `buildView` makes it: with its token marks and each sentence's clause starts once read. */
interface ViewWithGaps extends TextView {
  flags: Uint8Array;
  clauseStarts: (ReadonlySet<number> | undefined)[];
}

/**
 * Token indexes where an imperative could stand: the sentence start and each clause start after a
 * comma, colon or dash ("Brothers in Europe, stab …"), skipping vocatives ("O brothers, …").
 */
export function clauseStarts(view: TextView, s: SentenceView): ReadonlySet<number> {
  // Read once per sentence of a view `buildView` made: several rules ask for the same sentence.
  const cached = 'clauseStarts' in view ? (view as ViewWithGaps) : null;
  const known = cached?.clauseStarts[s.index];
  if (known && cached?.sentences[s.index] === s) return known;
  const out = new Set<number>();
  const { first, last } = s.sentence;
  for (let k = first; k < last; k++) {
    const prev = view.tokens[k - 1];
    const tok = view.tokens[k];
    if (!tok) continue;
    const atStart =
      k === first ||
      (prev !== undefined &&
        (cached
          ? ((cached.flags[k - 1] as number) & CLAUSE_BREAK) !== 0
          : /[,;:—–-]/.test(view.norm.text.slice(prev.end, tok.start))));
    if (!atStart) continue;
    let j = k;
    while (j < last && view.grammar.is('vocatives', view.tokens[j])) j++;
    out.add(j);
  }
  if (cached && cached.sentences[s.index] === s) cached.clauseStarts[s.index] = out;
  return out;
}

/** Whether a token is written with a letter first in the original text (not an emoji read as a word). */
export function startsWord(view: TextView, t: Token): boolean {
  return (firstUnitClass(view, t) & LETTER) !== 0;
}

/** Whether a token starts a name: a word written with a capital in the original text, which normalisation lowers. */
export function startsName(view: TextView, t: Token | undefined): boolean {
  if (!t || !/\p{L}/u.test(t.text)) return false;
  return (firstUnitClass(view, t) & CAPITAL) !== 0;
}

const LETTER = 1;
const CAPITAL = 2;
/** Each UTF-16 unit's class (`LETTER`, `CAPITAL`, plus 4 once asked), filled in on first sight. */
const UNIT_CLASS = new Uint8Array(0x10000);

/**
 * The class of the original unit a token starts at, as `\p{L}` and `\p{Lu}` read that one unit
 * (a lone surrogate is neither): a table lookup, where the rules asked the expressions for every
 * word near a verb.
 */
function firstUnitClass(view: TextView, t: Token): number {
  const at = view.norm.starts[t.start] ?? 0;
  if (at >= view.norm.original.length) return 0;
  const u = view.norm.original.charCodeAt(at);
  let c = UNIT_CLASS[u] as number;
  if (c === 0) {
    const ch = String.fromCharCode(u);
    c = 4 | (/\p{L}/u.test(ch) ? LETTER : 0) | (/\p{Lu}/u.test(ch) ? CAPITAL : 0);
    UNIT_CLASS[u] = c;
  }
  return c;
}
