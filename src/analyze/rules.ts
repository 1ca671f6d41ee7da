import type { Label } from '../domain/index.js';
import { splitVerbs } from './grammar.js';
import type { LanguagePack } from './languages.js';
import type { Category, LexiconMatch } from './lexicon.js';
import type { Token } from './text/02-tokens.js';
import { isQuoteMark } from './text/03-quotes.js';
import { clauseStarts, type SentenceView, startsName, type TextView } from './text-view.js';
import {
  fallsOnThing,
  inRelativeClause,
  readPlantedExplosive,
  readThreatToLife,
  sendsSomething,
  threatTimes,
} from './threat-to-life.js';

/** One rule firing: which rule, for which label, how strongly, on which words. */
export interface RuleHit {
  rule: string;
  label: Label;
  strength: number;
  matches: LexiconMatch[];
  sentence: number;
}

export interface Rule {
  name: string;
  label: Label;
  /** What the rule looks for, for documentation and `--explain`. */
  description: string;
  /**
   * The rule reads words of its own beyond the lexicon, so it also runs on sentences with no
   * lexicon match ("enjoy your last weekend, jess").
   */
  ownWords?: true;
  /**
   * A lexicon category the rule cannot fire without: on a sentence that lacks it the rule is not
   * run. Most sentences hold a match of some category, so without this every rule ran on nearly
   * every sentence, each filtering empty lists and asking who speaks before finding nothing.
   */
  needs?: Category;
  evaluate(s: SentenceView, view: TextView): { strength: number; matches: LexiconMatch[] } | null;
}

const PEOPLE_TARGETS: Category[] = ['target_groups', 'group_places', 'other_targets', 'slurs'];
const PROTECTED: Category[] = ['target_groups', 'group_places', 'slurs'];
const VIOLENCE: Category[] = ['violence_verbs', 'violence_nouns', 'coded_calls'];
/** What makes an everyday formula ("see you soon") a threat: someone targeted, arms, violence, a cause. */
const MENACE: Category[] = [
  ...PEOPLE_TARGETS,
  'violence_verbs',
  'violence_nouns',
  'weapons',
  'jihadist',
  'far_right',
];

/** Names of protected groups and slurs for them: what contempt must be aimed at to attack a group. */
const GROUP_NAMES: Category[] = ['target_groups', 'slurs'];

/**
 * The group a feeling of contempt is the author's towards: a first-person subject at most three
 * words before it ("I really can't stand", "we're sick of") and the group right after it, with
 * only generalising words between ("I hate all the X"). "I hate the way X are treated" is not.
 */
function feltTowards(
  view: TextView,
  s: SentenceView,
  feeling: LexiconMatch,
  groups: readonly LexiconMatch[],
): LexiconMatch | undefined {
  const from = Math.max(s.sentence.first, feeling.first - 3);
  let subject = false;
  for (let k = from; k < feeling.first; k++) {
    const t = view.tokens[k];
    if (view.grammar.is('firstPerson', t) || /^(?:i'm|im|we're)$/.test(t?.text ?? '')) subject = true;
  }
  if (!subject) return undefined;
  return groups.find((g) => {
    if (g.first < feeling.last || g.first - feeling.last > 3) return false;
    for (let k = feeling.last; k < g.first; k++)
      if (!view.grammar.is('determiners', view.tokens[k])) return false;
    return !inRelativeClause(view, g.first);
  });
}

/**
 * The group a vile quality or effect is said of, as its subject: linked by a copula ("X are
 * disgusting", "X are all a burden") or, for an effect, right before it ("X make me sick").
 */
function saidOf(
  view: TextView,
  s: SentenceView,
  c: LexiconMatch,
  groups: readonly LexiconMatch[],
): LexiconMatch | undefined {
  return groups.find((g) => {
    if (g.last > c.first || c.first - g.last > 4) return false;
    // A group inside a relative clause is not the subject: "people who help X are a disgrace".
    if (inRelativeClauseOf(view, s, g)) return false;
    return c.tag === 'effect' ? c.first - g.last <= 1 : linked(view, g.last, c.first);
  });
}

/** Whether a relative word stands in the sentence before the match: the match is then in its clause, not the subject. */
function inRelativeClauseOf(view: TextView, s: SentenceView, m: LexiconMatch): boolean {
  for (let k = s.sentence.first; k < m.first; k++) if (inRelativeClause(view, k + 1)) return true;
  return false;
}

/** Whether the words between two token positions link a subject to its predicate. */
function linked(view: TextView, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (view.grammar.is('copulas', view.tokens[k])) return true;
  const a = view.tokens[from - 1];
  const b = view.tokens[to];
  return (
    to === from && a !== undefined && b !== undefined && /[,:—–-]/.test(view.norm.text.slice(a.end, b.start))
  );
}

const get = (s: SentenceView, cats: Category[]) => s.matches.filter((m) => cats.includes(m.category));
const targetsOf = (s: SentenceView) => get(s, PEOPLE_TARGETS);
/** A sentence whose only targets are terrorist organisations is criticism of them, not incitement. */
const onlyOrgTargets = (s: SentenceView) => s.has('terrorist_orgs') && targetsOf(s).length === 0;
const notNegated = (s: SentenceView, ms: LexiconMatch[]) => ms.filter((m) => !s.negated(m));
/** Someone else's words or acts described, rather than said in the author's voice. */
const describesOthers = (s: SentenceView, view: TextView) =>
  s.has('reporting_verbs') && s.get('reporting_verbs').some((m) => !discoursePivot(view, m));

/**
 * A reporting verb that is the author's own pivot, not anyone's words: "That said, …", "Having
 * said that, …", "That being said, …" (a pivot word before it and a clause break after it or its
 * "that"). Disclaimers pivot this way before the call they disclaim.
 */
function discoursePivot(view: TextView, m: LexiconMatch): boolean {
  const { tokens } = view;
  if (!view.grammar.is('pivotLeads', tokens[m.first - 1])) return false;
  return (
    breakAfter(view, m.last - 1) ||
    (view.grammar.is('pivotLeads', tokens[m.last]) && breakAfter(view, m.last))
  );
}

/** Whether a comma, semicolon, colon or dash stands between token `k` and the next. */
function breakAfter(view: TextView, k: number): boolean {
  const t = view.tokens[k];
  const next = view.tokens[k + 1];
  return t !== undefined && next !== undefined && /[,;:—–]/.test(view.norm.text.slice(t.end, next.start));
}
/**
 * Someone else's words or acts described, where the author's own acts of sharing are not: "the
 * file I posted", "read the handbook" and "dropped it in the channel" are a pointer's own voice,
 * "police said the manual was shared" is not. A reporting verb after a first-person word or
 * opening a clause (an imperative) is the author's.
 */
function describesOthersThan(view: TextView, s: SentenceView): boolean {
  const starts = clauseStarts(view, s);
  return s
    .get('reporting_verbs')
    .some((m) => !starts.has(m.first) && !view.grammar.is('firstPerson', view.tokens[m.first - 1]));
}
const second = (s: SentenceView, view: TextView) => {
  const shape = view.grammar.shapes.secondPerson;
  return view.tokens
    .slice(s.sentence.first, s.sentence.last)
    .some((t) => view.grammar.is('secondPerson', t) || (shape?.test(t.text) ?? false));
};
/** The matches of `cats` in the sentence and its neighbours, in text order (a loop: rules ask it often). */
function near(view: TextView, s: SentenceView, cats: Category[]): LexiconMatch[] {
  const out: LexiconMatch[] = [];
  for (const x of [view.sentences[s.index - 1], s, view.sentences[s.index + 1]])
    if (x) for (const m of x.matches) if (cats.includes(m.category)) out.push(m);
  return out;
}

/** Third-person people as the object of a threat: "… and ending them", "burn it down with him inside". */
const isPersonObject = (view: TextView, t: Token | undefined) =>
  t !== undefined &&
  (view.grammar.is('personObjects', t) || (view.grammar.shapes.personObject?.test(t.text) ?? false));
const personObject = (view: TextView, s: SentenceView) =>
  view.tokens.slice(s.sentence.first, s.sentence.last).some((t) => isPersonObject(view, t));

/**
 * Intent with the subject left out, as posts often do ("gonna stab my manager", "going to kill
 * everyone"): a sentence that opens with a future form speaks for its author.
 */
function droppedSubjectIntent(view: TextView, s: SentenceView): LexiconMatch[] {
  const t = view.tokens[s.sentence.first];
  const length = view.grammar.intentOpenerAt(view.tokens, s.sentence.first);
  if (!t || length === 0) return [];
  return [
    {
      category: 'first_person_intent',
      tag: null,
      phrase: t.text,
      first: s.sentence.first,
      last: s.sentence.first + length,
    },
  ];
}

/**
 * Whether a proper name follows a verb within a few words ("shoot up Marsden High", "kill Dave"):
 * read from the original text's capitals, which normalisation lowers.
 */
function namesObject(view: TextView, verb: LexiconMatch): boolean {
  for (let k = verb.last; k < Math.min(view.tokens.length, verb.last + 3); k++) {
    const t = view.tokens[k];
    if (!t || !/\p{L}/u.test(t.text)) return false;
    if (view.grammar.is('objectLeads', t)) continue;
    // A name that owns the object is not the victim ("slaughter Ravi's queen").
    return startsName(view, t) && !view.grammar.is('capitalisedNonNames', t) && !/'s$/.test(t.text);
  }
  return false;
}

/**
 * Whether a verb of killing takes people as its object ("kill the cartoonists", "shoot those
 * reporters"), read from the object's form when no lexicon names the target.
 */
function killsPeople(view: TextView, verb: LexiconMatch): boolean {
  if (!view.grammar.phraseIs('killing', verb.phrase)) return false;
  const peopleNoun = view.grammar.shapes.peopleNoun;
  for (let k = verb.last; k < Math.min(view.tokens.length, verb.last + 3); k++) {
    const t = view.tokens[k];
    if (view.grammar.is('determiners', t)) continue;
    return (peopleNoun?.test(t?.text ?? '') ?? false) || isPersonObject(view, t);
  }
  return false;
}

/**
 * A verb of killing whose object is a thing: "kill every open ticket", "execute the migration",
 * "kill this spreadsheet". Verbs of burning and bombing keep things as objects: property is a
 * target of violence ("torch the caravans").
 */
const killsThing = (view: TextView, v: LexiconMatch) =>
  view.grammar.phraseIs('killing', firstWord(v.phrase)) && fallsOnThing(view, v);

/** A phrase's first word, as `split(' ')[0]` gives it, without an array of every word. */
function firstWord(phrase: string): string {
  const space = phrase.indexOf(' ');
  return space < 0 ? phrase : phrase.slice(0, space);
}

const phrasals = new WeakMap<LanguagePack, { verbs: Map<string, string[]> }>();

/** A pack's violent phrasal verbs as verb form → particles ("string" → ["up"]). */
function phrasalsOf(pack: LanguagePack): Map<string, string[]> {
  let c = phrasals.get(pack);
  if (!c) {
    const fold = (w: string) => pack.normalise(w).text.trim();
    const verbs = new Map<string, string[]>();
    for (const entry of splitVerbs(pack.grammar.violentPhrasals ?? [], fold))
      for (const form of entry.verbs)
        verbs.set(form, [...(verbs.get(form) ?? []), ...entry.particles.map((p) => p.join(' '))]);
    c = { verbs };
    phrasals.set(pack, c);
  }
  return c.verbs;
}

/**
 * Violent phrasal verbs split around their object, which the lexicon reads only whole: "string
 * them up", "burn the place down", "take that judge out". The object is one to three words with
 * no punctuation between; the match spans verb to particle.
 */
function splitPhrasals(view: TextView, s: SentenceView): LexiconMatch[] {
  const verbs = phrasalsOf(view.grammar.pack);
  if (verbs.size === 0) return [];
  const { tokens } = view;
  const out: LexiconMatch[] = [];
  for (let k = s.sentence.first; k < s.sentence.last; k++) {
    const particles = verbs.get((tokens[k] as Token).text);
    if (!particles) continue;
    for (let j = k + 2; j <= k + 4 && j < s.sentence.last; j++) {
      const gap = view.norm.text.slice((tokens[j - 1] as Token).end, (tokens[j] as Token).start);
      if (/[,;:.!?—–()]/.test(gap)) break;
      const particle = (tokens[j] as Token).text;
      if (!particles.includes(particle)) continue;
      // A particle that leads on to a place or a purpose is not the verb's ("blow it up into a
      // poster", "round them up for the photo").
      if (view.grammar.is('objectLeads', tokens[j + 1]) || view.grammar.is('phrasalOnwards', tokens[j + 1]))
        break;
      out.push({
        category: 'violence_verbs',
        tag: null,
        phrase: `${(tokens[k] as Token).text} ${particle}`,
        first: k,
        last: j + 1,
      });
      break;
    }
  }
  return out;
}

/**
 * Whether a verb stands as an imperative: at a clause's start, or after words that may lead one
 * there ("go torch the camp", "someone shoot the judge", "pls everyone go burn it down").
 */
function imperativeAt(view: TextView, starts: ReadonlySet<number>, s: SentenceView, at: number): boolean {
  if (starts.has(at)) return true;
  for (let k = at - 1; k >= s.sentence.first && k >= at - 4; k--) {
    if (!view.grammar.is('imperativeLeads', view.tokens[k])) return false;
    if (starts.has(k)) return true;
  }
  return false;
}

/**
 * Whether a violent verb is an infinitive that opens its clause as the subject: the clause's own
 * verb follows it ("Brûler une mosquée, ce n'est pas défendre la France"). Such a clause speaks of
 * the act; it does not order it.
 */
function infinitiveSubject(view: TextView, s: SentenceView, verb: LexiconMatch): boolean {
  const shape = view.grammar.shapes.infinitive;
  if (!shape?.test(view.tokens[verb.first]?.text ?? '')) return false;
  for (let k = verb.last; k < Math.min(s.sentence.last, verb.last + 8); k++)
    if (view.grammar.is('subjectPredicates', view.tokens[k])) return true;
  return false;
}

/**
 * Whether a contrasting word ("but", "however") stands between two matches: the second then belongs
 * to another clause, which may say the opposite ("strike, but nobody lays a finger on a cop").
 */
function contrastBetween(view: TextView, a: LexiconMatch, b: LexiconMatch): boolean {
  const [from, to] = a.first < b.first ? [a.last, b.first] : [b.last, a.first];
  for (let k = from; k < to; k++) if (view.grammar.is('clauseBreaks', view.tokens[k])) return true;
  return false;
}

/** Whether a match stands between quotation marks in the original text. */
function quoted(view: TextView, m: LexiconMatch): boolean {
  const first = view.tokens[m.first];
  const last = view.tokens[m.last - 1];
  if (!first || !last) return false;
  const { original, starts, ends } = view.norm;
  let before = (starts[first.start] ?? 0) - 1;
  while (before >= 0 && original[before] === ' ') before--;
  let after = ends[last.end - 1] ?? original.length;
  while (after < original.length && original[after] === ' ') after++;
  return isQuoteMark(original[before] ?? '') && isQuoteMark(original[after] ?? '');
}

/** The rules, as a table. Names are stable: evidence cites them. */
export const RULES = [
  {
    name: 'incitement.call_to_violence',
    label: 'incitement',
    needs: 'directives',
    description:
      'a directive or obligation ("we must", "time to", "rise up") with violence, strongest when it names a target',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view) || onlyOrgTargets(s)) return null;
      const directives = notNegated(s, s.get('directives')).filter(
        (d) => !s.negatedAfter(d) && !inflectedVerb(view, d),
      );
      if (directives.length === 0) return null;
      const violence = notNegated(s, get(s, VIOLENCE)).filter(
        (v) => v.last > (directives[0] as LexiconMatch).first && !killsThing(view, v),
      );
      // Some directives are calls to violence by themselves ("strike back", "make them pay"), unless
      // they kill a thing ("kill every open ticket").
      const selfViolent = directives.filter(
        (d) => view.grammar.phraseIs('selfViolentDirective', d.phrase) && !killsThing(view, d),
      );
      if (violence.length === 0 && selfViolent.length === 0) return null;
      const targets = targetsOf(s);
      const contextual = targets.length > 0 || view.has('jihadist') || view.has('far_right');
      return {
        strength: targets.length > 0 ? 0.95 : contextual ? 0.85 : 0.7,
        matches: [...directives, ...violence, ...targets],
      };
    },
  },
  {
    name: 'incitement.imperative',
    label: 'incitement',
    description: 'a sentence that opens with a violent verb in the imperative, aimed at people',
    evaluate(s, view) {
      if (s.question || onlyOrgTargets(s)) return null;
      // Most sentences hold no violent verb: they are left before their clauses are read.
      const verbs = [...s.get('violence_verbs'), ...splitPhrasals(view, s)];
      if (verbs.length === 0) return null;
      const toks = view.tokens.slice(s.sentence.first, s.sentence.last);
      const starts = clauseStarts(view, s);
      const notImperative = view.grammar.shapes.notImperative;
      const verb = verbs.find(
        (m) =>
          imperativeAt(view, starts, s, m.first) &&
          !(notImperative?.test(view.tokens[m.first]?.text ?? '') ?? false) &&
          !killsThing(view, m) &&
          !sendsSomething(view, m) &&
          !infinitiveSubject(view, s, m),
      );
      if (!verb) return null;
      const targets = targetsOf(s).filter((t) => !contrastBetween(view, verb, t));
      const objectWords = toks.some((t) => view.grammar.is('objectWords', t));
      if (killsPeople(view, verb)) return { strength: 0.9, matches: [verb, ...targets] };
      if (targets.length === 0 && !objectWords) return null;
      // Without a named target, "kill all …" may be about anything; only extremist context makes it a call.
      const contextual = view.has('jihadist') || view.has('far_right');
      return { strength: targets.length > 0 ? 0.92 : contextual ? 0.8 : 0.45, matches: [verb, ...targets] };
    },
  },
  {
    name: 'incitement.deserve_violence',
    label: 'incitement',
    needs: 'violence_verbs',
    description: 'people said to deserve or need violence ("X should be killed", "X must burn")',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      const targets = targetsOf(s);
      if (targets.length === 0) return null;
      for (const v of notNegated(s, s.get('violence_verbs')).filter((x) => !killsThing(view, x))) {
        if (obligedBefore(view, s, v) && !s.negated(v, 6)) return { strength: 0.9, matches: [...targets, v] };
      }
      return null;
    },
  },
  {
    name: 'incitement.revenge',
    label: 'incitement',
    needs: 'violence_nouns',
    description: 'an exclaimed or directed call for revenge or retaliation',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      const revenge = notNegated(s, s.get('violence_nouns')).filter((m) =>
        view.grammar.phraseIs('revenge', m.phrase),
      );
      if (revenge.length === 0) return null;
      if (!s.exclaimed && !s.has('directives') && !s.has('first_person_intent')) return null;
      return { strength: 0.85, matches: [...revenge, ...s.get('directives')] };
    },
  },
  {
    name: 'incitement.coded_call',
    label: 'incitement',
    needs: 'coded_calls',
    description: 'a coded call to action understood inside a movement ("day of the rope", "be the spark")',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      // A code word in quotation marks beside words of reporting, teaching or refusal is
      // mentioned ("phrases such as 'pest control'", "saying we should 'go hunting': no").
      const mentioning =
        view.has('news_cues') ||
        view.has('reporting_verbs') ||
        view.has('education') ||
        view.has('condemnation') ||
        view.has('negations');
      const coded = notNegated(s, s.get('coded_calls')).filter((m) => !(mentioning && quoted(view, m)));
      if (coded.length === 0) return null;
      const context =
        view.has('jihadist') ||
        view.has('far_right') ||
        targetsOf(s).length > 0 ||
        view.has('violence_verbs');
      return { strength: context ? 0.88 : 0.6, matches: coded };
    },
  },
  {
    name: 'threat.first_person',
    label: 'threat',
    description: 'the author says they will harm a target ("I will kill…", "we are coming for you")',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      // "We will not be intimidated by those who celebrate the murder": negated after the intent too.
      const intent = [
        ...notNegated(s, s.get('first_person_intent')).filter((m) => !s.negatedAfter(m)),
        ...droppedSubjectIntent(view, s),
      ];
      if (intent.length === 0) return null;
      const coming = intent.filter((m) => view.grammar.phraseIs('comingFor', m.phrase));
      const violence = notNegated(s, [...s.get('violence_verbs'), ...s.get('weapons')]).filter(
        (v) =>
          v.first > (intent[0] as LexiconMatch).first &&
          !(v.category === 'violence_verbs' && fallsOnThing(view, v)),
      );
      const targets = targetsOf(s);
      // A named place or person after the verb is a victim too ("shoot up Marsden High").
      const named = violence.some((v) => namesObject(view, v));
      const lethal = violence.some((v) => view.grammar.phraseIs('lethal', v.phrase));
      const victim = targets.length > 0 || second(s, view) || (lethal && (named || personObject(view, s)));
      if (coming.length > 0 && victim) return { strength: 0.85, matches: [...coming, ...targets] };
      if (violence.length === 0 || !victim || onlyOrgTargets(s)) return null;
      return { strength: 0.92, matches: [...intent, ...violence, ...targets] };
    },
  },
  {
    name: 'threat.formula',
    label: 'threat',
    needs: 'threat_formulas',
    description:
      'a threat formula addressed to a victim ("your days are numbered", "we know where you live")',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      // "Lovely dinner, see you soon!" is a goodbye: formulas that are also everyday speech threaten
      // only beside a target, a weapon, violence or an extremist cause.
      const menacing = MENACE.some((c) => view.has(c));
      const formulas = notNegated(s, s.get('threat_formulas')).filter(
        (f) => menacing || !view.grammar.phraseIs('everydayFormulas', f.phrase),
      );
      if (formulas.length === 0) return null;
      return { strength: 0.85, matches: formulas };
    },
  },
  {
    name: 'threat.to_life',
    label: 'threat',
    ownWords: true,
    description:
      'harm to life, someone it falls on and a when, in the author\'s words ("Wednesday they all die", "bringing a gun to school tomorrow")',
    evaluate(s, view) {
      // A reporting verb in a relative clause describes the victim ("whoever tells me …").
      const reports = s.get('reporting_verbs').some((m) => !inRelativeClause(view, m.first));
      if (s.question || reports || onlyOrgTargets(s)) return null;
      // "We will not be intimidated by those who celebrate the murder": negated after the intent too.
      const intent = [
        ...notNegated(s, s.get('first_person_intent')).filter((m) => !s.negatedAfter(m)),
        ...droppedSubjectIntent(view, s),
      ];
      const reading = readThreatToLife(view, s, intent);
      if (!reading) return null;
      // Evidence is one sentence: the harm's own, with the victims and times said in it.
      return {
        strength: 0.85,
        matches: [
          ...reading.harm,
          ...reading.victims.filter((m) => m.first >= s.sentence.first && m.last <= s.sentence.last),
          ...reading.when.filter((m) => m.first >= s.sentence.first && m.last <= s.sentence.last),
        ],
      };
    },
  },
  {
    name: 'threat.planted_explosive',
    label: 'threat',
    needs: 'weapons',
    description: 'a bomb said to lie somewhere, in the author\'s words ("there\'s a bomb in the school")',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      const matches = readPlantedExplosive(view, s);
      return matches ? { strength: 0.85, matches } : null;
    },
  },
  {
    name: 'glorification.praise',
    label: 'glorification',
    needs: 'praise',
    description: 'praise ("hero", "martyr", "legend") for an attack or attacker',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view) || s.has('condemnation') || s.has('protective_acts'))
        return null;
      const praise = notNegated(s, s.get('praise'));
      if (praise.length === 0) return null;
      const refs = [...near(view, s, ['attack_refs', 'harm_outcome'])];
      if (refs.length === 0) return null;
      return {
        strength: 0.9,
        matches: [...praise, ...refs.filter((r) => r.first >= s.sentence.first && r.last <= s.sentence.last)],
      };
    },
  },
  {
    name: 'glorification.emulation',
    label: 'glorification',
    needs: 'emulation',
    description: 'a call to follow an attacker\'s example ("may more follow his path", "be the next")',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      const emulation = notNegated(s, s.get('emulation'));
      if (emulation.length === 0) return null;
      const context =
        view.has('attack_refs') ||
        view.has('harm_outcome') ||
        view.has('praise') ||
        view.has('violence_verbs');
      return { strength: context ? 0.9 : 0.45, matches: emulation };
    },
  },
  {
    name: 'glorification.martyrdom',
    label: 'glorification',
    needs: 'praise',
    description:
      'an attacker called martyr, saint or shaheed, or said to have done "what had to be done", in extremist context',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view) || s.has('condemnation') || s.has('protective_acts'))
        return null;
      const praise = notNegated(s, s.get('praise')).filter((m) =>
        view.grammar.phraseIs('martyrdom', m.phrase),
      );
      if (praise.length === 0) return null;
      if (
        !(
          view.has('jihadist') ||
          view.has('far_right') ||
          view.has('target_groups') ||
          view.has('attack_refs')
        )
      )
        return null;
      return { strength: 0.86, matches: praise };
    },
  },
  {
    name: 'glorification.celebration',
    label: 'glorification',
    needs: 'celebration',
    description: 'celebration of deaths or harm from an attack',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view) || s.has('condemnation')) return null;
      const celebration = notNegated(s, s.get('celebration'));
      if (celebration.length === 0) return null;
      const harm = near(view, s, ['harm_outcome']);
      if (harm.length === 0) return null;
      // Laughter and "finally" celebrate only when the dead are people of a group or counted.
      const weak = celebration.every((m) => view.grammar.phraseIs('weakCelebration', m.phrase));
      const window = [view.sentences[s.index - 1], s, view.sentences[s.index + 1]].filter(
        (x): x is SentenceView => x !== undefined,
      );
      const victims = window.some(
        (x) =>
          targetsOf(x).length > 0 ||
          view.tokens.slice(x.sentence.first, x.sentence.last).some((t) => /^\d+$/.test(t.text)) ||
          x.has('attack_refs'),
      );
      if (weak && !victims) return null;
      return {
        strength: 0.88,
        matches: [
          ...celebration,
          ...harm.filter((r) => r.first >= s.sentence.first && r.last <= s.sentence.last),
        ],
      };
    },
  },
  {
    name: 'recruitment.invitation',
    label: 'recruitment',
    needs: 'recruitment',
    description: 'an invitation to join a group or cause, in a text with extremist or violent context',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      const invitation = notNegated(s, s.get('recruitment'));
      if (invitation.length === 0) return null;
      const context =
        view.has('jihadist') ||
        view.has('far_right') ||
        view.has('violence_verbs') ||
        view.has('coded_calls') ||
        view.has('praise') ||
        view.has('violence_nouns') ||
        // Paying for rifles or ammunition, or asking for men who own them, is recruiting for violence.
        view.has('weapons');
      return { strength: context ? 0.88 : 0.3, matches: invitation };
    },
  },
  {
    name: 'instruction.pointer',
    label: 'instruction',
    needs: 'instruction_markers',
    description: 'how-to material (a guide, manual, PDF) about weapons, explosives or attack methods',
    evaluate(s, view) {
      if (s.question || describesOthersThan(view, s)) return null;
      const markers = notNegated(s, s.get('instruction_markers'));
      if (markers.length === 0) return null;
      const means = near(view, s, ['attack_means']).filter((m) => !s.negated(m));
      if (means.length === 0) return null;
      // A news word that is only a time ("the link I posted yesterday") does not make a report.
      const times = threatTimes(view, s);
      // A news cue that is only part of a time ("this morning") does not make the text a report.
      const reported =
        s.get('news_cues').some((m) => !times.some((t) => t.first <= m.first && t.last >= m.last)) ||
        view.count('education') >= 2;
      return {
        strength: reported ? 0.35 : 0.88,
        matches: [
          ...markers,
          ...means.filter((r) => r.first >= s.sentence.first && r.last <= s.sentence.last),
        ],
      };
    },
  },
  {
    name: 'identity_attack.dehumanising',
    label: 'identity_attack',
    needs: 'dehumanising',
    description: 'a protected group described in dehumanising terms ("X are vermin")',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view) || s.has('condemnation')) return null;
      const groups = get(s, PROTECTED);
      if (groups.length === 0) return null;
      const predicates = s.get('dehumanising').filter((d) => !s.negated(d, 6));
      if (predicates.length === 0) return null;
      // The group must be said to BE the predicate ("X are vermin", "X, nothing but rats"), not merely
      // stand near it ("donating to refugees who help abandoned animals").
      const g = groups[0] as LexiconMatch;
      const p = predicates.find(
        (d) => d.first > g.first && d.first - g.last <= 6 && linked(view, g.last, d.first),
      );
      if (!p) return null;
      // A group inside a relative clause is not the subject: "whoever set fire to the refugee
      // hostel is a criminal", "people who help migrants are scum".
      if (inRelativeClauseOf(view, s, g)) return null;
      return { strength: 0.9, matches: [g, p] };
    },
  },
  {
    name: 'identity_attack.contempt',
    label: 'identity_attack',
    needs: 'contempt',
    description:
      'contempt for a protected group as such: the author\'s ("I can\'t stand X"), a vile quality ("X are disgusting"), or what it does to the author ("X make me sick")',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      const groups = get(s, GROUP_NAMES);
      if (groups.length === 0) return null;
      for (const c of s.get('contempt')) {
        if (s.negated(c, 6)) continue;
        const g = c.tag === 'feeling' ? feltTowards(view, s, c, groups) : saidOf(view, s, c, groups);
        if (g) return { strength: 0.85, matches: [g, c] };
      }
      return null;
    },
  },
  {
    name: 'identity_attack.slur',
    label: 'identity_attack',
    needs: 'slurs',
    description: 'a slur for a protected group',
    evaluate(s, view) {
      if (describesOthers(s, view) || s.has('condemnation')) return null;
      const slurs = s.get('slurs');
      if (slurs.length === 0) return null;
      return { strength: 0.8, matches: slurs };
    },
  },
  {
    name: 'identity_attack.violence_against_group',
    label: 'identity_attack',
    needs: 'target_groups',
    description: 'violence wished on a protected group as such',
    evaluate(s, view) {
      if (s.question || describesOthers(s, view)) return null;
      const groups = s.get('target_groups');
      if (groups.length === 0) return null;
      for (const v of notNegated(s, s.get('violence_verbs')).filter((x) => !killsThing(view, x))) {
        if (obligedBefore(view, s, v) && !s.negated(v, 6)) return { strength: 0.75, matches: [...groups, v] };
      }
      return null;
    },
  },
] as const satisfies readonly Rule[];

/**
 * Whether a directive was found through an inflected form of its first word, one that is no
 * imperative ("burning down the mosque would make us no better", "this city answers with blood
 * donations"), where the phrase is written as one ("burn down", "answer with").
 */
function inflectedVerb(view: TextView, d: LexiconMatch): boolean {
  const shape = view.grammar.shapes.notImperative;
  const word = view.tokens[d.first]?.text ?? '';
  return !!shape && shape.test(word) && word !== d.phrase.split(' ')[0];
}

/**
 * Whether a modal of obligation or desert stands in the four words before violent verb `v` ("they
 * should all hang", "X deserves to die"). "Have" obliges only with "to" after it: "these groups
 * have killed more Muslims than anyone" tells what they did.
 */
function obligedBefore(view: TextView, s: SentenceView, v: LexiconMatch): boolean {
  const toks = view.tokens;
  for (let k = Math.max(s.sentence.first, v.first - 4); k < v.first; k++) {
    if (!view.grammar.is('modals', toks[k])) continue;
    if (view.grammar.is('modalsWithTo', toks[k]) && toks[k + 1]?.text !== 'to') continue;
    return true;
  }
  return false;
}

const names = new Set(RULES.map((r) => r.name));
if (names.size !== RULES.length) throw new Error('rules: duplicate rule name');

/**
 * Violent words that kill or maim whatever means follow them: "kill them all and let the courts
 * sort it out" is a call, where "crush them at the ballot box" is not.
 */
const LETHAL =
  /^(?:kill|murder|shoot|stab|knife|bomb|behead|execute|hang|lynch|slaughter|massacre|butcher|gas|burn|torch|firebomb|blow up|gun (?:them )?down|open(?:ing)? fire|rape|exterminate|strangle|choke|maim|cripple|run over|mow down|string up|set .*|put (?:a bullet|him|her|them) .*|end (?:them|him|her)|cut .*|shed the blood of|spill the blood of)$/;

/**
 * Whether a call or threat in the sentence is spent on lawful means or ends ("crush them at the
 * ballot box", "hunt them down and lock them up"): so it is, unless it kills, arms or wounds.
 */
function lawfulEnd(s: SentenceView, r: { matches: readonly LexiconMatch[] }): boolean {
  if (!s.get('lawful_means').some((m) => !s.negated(m))) return false;
  return !r.matches.some(
    (m) =>
      (m.category === 'violence_verbs' && LETHAL.test(m.phrase)) ||
      m.category === 'weapons' ||
      m.category === 'harm_outcome',
  );
}

/** Runs every rule on every sentence of the view. */
export function runRules(view: TextView): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const s of view.sentences) {
    const matchless = s.matches.length === 0;
    const lawful = s.has('lawful_means');
    for (const rule of RULES as readonly Rule[]) {
      if (rule.needs !== undefined ? !s.has(rule.needs) : matchless && !rule.ownWords) continue;
      const r = rule.evaluate(s, view);
      if (r && lawful && (rule.label === 'incitement' || rule.label === 'threat') && lawfulEnd(s, r))
        continue;
      if (r)
        hits.push({
          rule: rule.name,
          label: rule.label,
          strength: r.strength,
          matches: r.matches,
          sentence: s.index,
        });
    }
  }
  return hits;
}
