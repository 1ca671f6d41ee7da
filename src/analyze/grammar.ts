/**
 * The function words and word shapes the rules read, per language.
 *
 * The lexicons say what a text is about (violence, targets, praise); the rules also need the small
 * grammar around those words: which words make an obligation ("should", "doit", "muss"), which
 * address the reader, which link a subject to its predicate, which phrases of a category mean
 * killing rather than harm to things. Those words were English only, so a French call to kill "les
 * mécréants" missed every rule that asks for a modal or a person as object. A pack now brings them as
 * data (`GrammarSource`), written as a person writes them; they pass through the pack's own
 * normalisation, the same path as the text, so accents and umlauts need not be folded by hand.
 */
import { BoundedMemo } from '../shared/bounded-memo.js';
import { escapeRegExp } from '../shared/regexp.js';
import type { LanguagePack } from './languages.js';
import type { Token } from './text/02-tokens.js';
import type { ThreatToLifeReader, ThreatToLifeWords } from './threat-to-life.js';

/** Lists of single words (a few open phrases: "going to", "voy a"). */
export interface GrammarWords {
  /** Obligation and desert before a violent verb: "should", "must", "deserve". */
  modals: readonly string[];
  /**
   * Those of the modals that oblige only with "to" after them: "have" ("they have to die"), which
   * is also the perfect's auxiliary ("they have killed hundreds").
   */
  modalsWithTo?: readonly string[];
  /** Words that may open a call before its imperative: "brothers", "o", "now". */
  vocatives: readonly string[];
  /** Words that link a group to what it is said to be: "are", "like", "nothing but". */
  copulas: readonly string[];
  /** The reader addressed: "you", "your". */
  secondPerson: readonly string[];
  /** Third-person people as the object of a threat: "them", "everyone", "kids". */
  personObjects: readonly string[];
  /** Sentence openings that state the author's intent with the subject dropped: "gonna", "going to". */
  intentOpeners: readonly string[];
  /** Words between a verb and its object: "up", "the", "at". */
  objectLeads: readonly string[];
  /** Determiners before a plural object: "the", "those", "all". */
  determiners: readonly string[];
  /** Words that give an imperative a human object: "them", "every", "those". */
  objectWords: readonly string[];
  /** Words that end a negation's scope: "but", "however". */
  clauseBreaks: readonly string[];
  /** Capitalised words that are not names: English "I". */
  capitalisedNonNames: readonly string[];
  /** The author as subject: "i", "we" (a language without the list reads no verb as the author's own). */
  firstPerson?: readonly string[];
  /** Words that open a supposition ("if", "unless"): what follows them is supposed, not said. */
  conditionals?: readonly string[];
  /**
   * Words that may stand between a clause's start and its imperative in a call: "go" (torch it),
   * "someone" (shoot him), "pls", "everyone".
   */
  imperativeLeads?: readonly string[];
  /** Words that make a reporting verb the author's pivot: "that" (said), "having" (said that). */
  pivotLeads?: readonly string[];
  /** Words after a phrasal particle that lead it elsewhere: "for" ("round them up for the photo"). */
  phrasalOnwards?: readonly string[];
  /**
   * Words too common to explain a flag: articles, pronouns, prepositions, auxiliaries. English keeps
   * its list beside the features (`FUNCTION_WORDS`), which also leave them out of pooled vectors.
   */
  functionWords?: readonly string[];
  /** Words after an infinitive that make it the clause's subject: French "ce" (n'est pas), "n'a". */
  subjectPredicates?: readonly string[];
}

/** A class of lexicon phrases, by the words they start with, are, or contain. */
export interface PhraseClass {
  words: readonly string[];
  /** `start`: the phrase starts with one; `whole`: it is one; `anywhere`: it contains one. */
  at: 'start' | 'whole' | 'anywhere';
}

export interface GrammarPhrases {
  /** Directives that are calls to violence by themselves ("strike back", "make them pay"). */
  selfViolentDirective: PhraseClass;
  /** Violent verbs that kill or maim whatever their object. */
  lethal: PhraseClass;
  /** Verbs of killing people, not things. */
  killing: PhraseClass;
  /** Nouns of revenge. */
  revenge: PhraseClass;
  /** Intent phrases that announce arrival ("coming for"). */
  comingFor: PhraseClass;
  /** Praise that makes an attacker a martyr or saint. */
  martyrdom: PhraseClass;
  /** Celebration that also greets a sunset or a goal: it celebrates harm only beside its victims. */
  weakCelebration: PhraseClass;
  /**
   * Threat formulas that are also everyday speech ("see you soon", "you will pay", "we are
   * coming"): a threat only beside a target, a weapon, violence or an extremist cause.
   */
  everydayFormulas?: PhraseClass;
  /**
   * Directive phrases that only address people ("all of you", "every one of you"): they say whom a
   * sentence speaks to, not that it calls on them ("all of you in 3rd period are dead tomorrow").
   */
  addresses?: PhraseClass;
}

/** Word shapes, as patterns over normalised words. */
export interface GrammarShapes {
  /** Plural nouns for people by their ending ("cartoonists"); null when the language has none to read. */
  peopleNoun: RegExp | null;
  /** Verb forms that cannot be an imperative ("killed", "killing"); null: any form may be. */
  notImperative: RegExp | null;
  /** Words that address the reader by an ending (Arabic "-كم"), besides `secondPerson`. */
  secondPerson: RegExp | null;
  /** Words that carry a third-person object by an ending (Arabic "-هم"), besides `personObjects`. */
  personObject: RegExp | null;
  /**
   * Infinitives, which may open a clause as its subject ("Brûler une mosquée, ce n'est pas …");
   * absent where the language's infinitive cannot be told by its ending.
   */
  infinitive?: RegExp;
}

/** What a pack declares: words, phrase classes and shapes, written as a person writes them. */
export interface GrammarSource {
  words: GrammarWords;
  phrases: GrammarPhrases;
  shapes: GrammarShapes;
  /**
   * Whether a word list also matches by word key (stem), for languages whose words carry clitics or
   * endings the lists cannot enumerate (Arabic "فيجب", "وأنتم"). English matches exact words.
   */
  matchKeys: boolean;
  /** Whether every noun is written with a capital (German), so that a capital names no one. */
  capitalisedNouns?: boolean;
  /** The words of the threat-to-life reading (`threat-to-life.ts`); absent, the language has none yet. */
  threatToLife?: ThreatToLifeWords;
  /**
   * Violent phrasal verbs, which posts split around their object ("string them up", "burn it
   * down"), as "verb forms … particles": "string|stringing … up".
   */
  violentPhrasals?: readonly string[];
  /** A reading of its own, used instead of the shared one (`threat-to-life.ts`) when given. */
  readThreatToLife?: ThreatToLifeReader;
}

export type WordList = keyof GrammarWords;
export type PhraseKind = keyof GrammarPhrases;

/** A verb whose object stands between it and its particle, as "verb forms … particles" lists it. */
export interface SplitVerb {
  /** The verb's forms, folded: "blow", "blowing". */
  verbs: Set<string>;
  /** Each particle as its folded words: ["up"], ["on", "fire"]. */
  particles: string[][];
}

/**
 * Reads the "verb forms … particles" notation ("set|setting … on fire|alight") that the packs use
 * for verbs split around their object, folding every word as `fold` does.
 */
export function splitVerbs(entries: readonly string[], fold: (s: string) => string): SplitVerb[] {
  const words = (p: string) => p.split(/\s+/).map(fold).filter(Boolean);
  return entries.map((entry) => {
    const [verbs = '', particles = ''] = entry.split('…');
    return { verbs: new Set(verbs.split('|').map(fold)), particles: particles.split('|').map(words) };
  });
}

/** The grammar of one pack, compiled for the rules. */
export interface Grammar {
  /** Whether the token is a word of the list. */
  is(list: WordList, token: Token | undefined): boolean;
  /** Whether a lexicon phrase belongs to the class. */
  phraseIs(kind: PhraseKind, phrase: string): boolean;
  /** The number of tokens an intent opener spans at `at` (0 when none opens there). */
  intentOpenerAt(tokens: readonly Token[], at: number): number;
  readonly shapes: GrammarShapes;
  /** The pack the grammar is of. */
  readonly pack: LanguagePack;
}

/** Compiles a pack's grammar: every word and phrase goes through the pack's normalisation. */
export function compileGrammar(pack: LanguagePack): Grammar {
  const source = pack.grammar;
  const fold = (s: string) => pack.normalise(s).text.trim();
  const words = new Map<WordList, { texts: Set<string>; keys: Set<string> }>();
  const openers: string[][] = [];
  for (const [list, entries] of Object.entries(source.words) as [WordList, readonly string[]][]) {
    const texts = new Set<string>();
    const keys = new Set<string>();
    for (const entry of entries) {
      const text = fold(entry);
      texts.add(text);
      if (source.matchKeys && !text.includes(' ')) keys.add(pack.tokeniser.wordKey(text));
      if (list === 'intentOpeners') openers.push(text.split(' '));
    }
    words.set(list, { texts, keys });
  }
  const classes = new Map<PhraseKind, RegExp>();
  for (const [kind, c] of Object.entries(source.phrases) as [PhraseKind, PhraseClass][]) {
    const alternatives = c.words.map((w) => escapeRegExp(fold(w))).join('|');
    const pattern =
      c.at === 'start'
        ? `^(?:${alternatives})`
        : c.at === 'whole'
          ? `^(?:${alternatives})$`
          : `(?:${alternatives})`;
    classes.set(kind, new RegExp(pattern, 'u'));
  }
  // English lexicon phrases are already lower-case words; other languages' phrases are folded like text.
  const foldPhrase = pack.code === 'en' ? (p: string) => p : fold;
  // Each kind's answer per phrase, kept: the rules ask about the same few lexicon phrases in every
  // text, and a map lookup costs less than running the class's expression again. Emptied when
  // full, as a phrase may be a token's own words ("kill" + a particle).
  const answers = new Map<PhraseKind, BoundedMemo<string, boolean>>();
  return {
    is(list, token) {
      if (!token) return false;
      const w = words.get(list);
      if (!w) return false;
      return w.texts.has(token.text) || (w.keys.size > 0 && w.keys.has(token.key));
    },
    phraseIs(kind, phrase) {
      let known = answers.get(kind);
      if (known === undefined) {
        known = new BoundedMemo(1 << 14);
        answers.set(kind, known);
      }
      return (
        known.lookup(phrase) ?? known.remember(phrase, classes.get(kind)?.test(foldPhrase(phrase)) ?? false)
      );
    },
    intentOpenerAt(tokens, at) {
      for (const words of openers) {
        if (words.every((w, k) => tokens[at + k]?.text === w)) return words.length;
      }
      return 0;
    },
    shapes: source.shapes,
    pack,
  };
}

const compiled = new WeakMap<LanguagePack, Grammar>();

/** The pack's compiled grammar, built once per pack. */
export function grammarOf(pack: LanguagePack): Grammar {
  let g = compiled.get(pack);
  if (!g) {
    g = compileGrammar(pack);
    compiled.set(pack, g);
  }
  return g;
}
