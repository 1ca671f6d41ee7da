/**
 * Threats to life read the way threat assessment reads them: harm, a victim and a when, together.
 *
 * The threat rules that came before asked for a first-person intent phrase followed by a violent
 * verb, or for a formula from a list ("your days are numbered"). People who threaten a school, a
 * workplace or an ex-partner compose their words freely: "Wednesday they all die", "the new manager
 * is getting a knife in the gut the second he clocks in on Monday", "bringing my dad's gun to
 * Brackenmoor High, 8:45". Every blind threat set written since held a majority of such threats, and
 * the formula list never caught up. What they share is what threat assessment looks for: a harm to
 * life (a killing verb, a weapon, death), someone it falls on (the reader, a person, the people of
 * a place) and a when (a time, or the future in the author's own intent). Harm to things ("kill
 * the weeds tomorrow"), harm that has happened ("three people died at the school on Monday"), harm
 * falling on the author ("my boss will kill me tomorrow") and shooting someone a file are not threats.
 *
 * The words are the language's (`GrammarSource.threatToLife`); a language without them has no such
 * rule yet, and its other threat rules still run.
 */
import { splitVerbs } from './grammar.js';
import type { LanguagePack } from './languages.js';
import type { LexiconMatch } from './lexicon.js';
import type { Token } from './text/02-tokens.js';
import { clauseStarts, type SentenceView, startsName, startsWord, type TextView } from './text-view.js';

/**
 * `String.prototype.charCodeAt`, called as `unitAt.call(word, i)`: words come as strings of many
 * internal kinds (sliced from a text, made by a join, listed in a lexicon), and a method call on
 * a site that has met more than four of them looks the method up generically every time. The
 * module's own binding: an imported one is no constant to the optimiser.
 */
const unitAt = String.prototype.charCodeAt;

/** The words a language gives the threat-to-life reading, written as a person writes them. */
export interface ThreatToLifeWords {
  /** Words that deny survival to everyone they name: "none" (of you), "nobody". */
  denials: readonly string[];
  /** Weapons carried to a place or used on a person: "gun", "blade", "ammo" (not vehicles). */
  arms: readonly string[];
  /** Verbs of dying said of the victim: "die", "bleed" (with a time or the future). */
  deathVerbs: readonly string[];
  /** Words of death said of the victim: "dead", "coffin" (in the future only). */
  deathStates: readonly string[];
  /** The author in the first person: "i", "my", "we" (weapons count only when the author has them). */
  author: readonly string[];
  /** Words that mark a joke: "lol", "jk". */
  jokes: readonly string[];
  /** A safety denied ("nobody is safe"): counts as harm only with a negation before it. */
  safety: readonly string[];
  /** The everyday people a threat falls on: "ex", "neighbour", "boss". */
  victims: readonly string[];
  /** The places of people a threat falls on: "school", "office", "canteen". */
  places: readonly string[];
  /** Words that make a sentence a call on others, not the author's threat: "should", "must". */
  callModals: readonly string[];
  /** Third-person subjects a death state is said of: "he", "she", "they", "everyone". */
  subjects: readonly string[];
  /** Titles before a name: "mr", "mrs", "coach". */
  titles: readonly string[];
  /** The author, who is not the victim of their own words ("me", "us"). */
  self: readonly string[];
  /** Single words of time: "tomorrow", "tonight", "monday", "tmrw". */
  times: readonly string[];
  /** Words that are a time after a number only: "am" ("8 am"; alone, "I am"). */
  clockWords?: readonly string[];
  /** Words that make the next word a time: "next" (week), "after" (school), "by" (friday). */
  timeLeads: readonly string[];
  /** What a time lead makes a time: "week" (next week), "school" (after school), "shift". */
  timeNouns: readonly string[];
  /** Future markers in any person: "will", "gonna", "'ll". */
  future: readonly string[];
  /** Two-word futures: "going" (to). */
  futureLeads: readonly string[];
  futureLinks: readonly string[];
  /** Subjects whose present progressive states an intent: "i'm" (driving down there). */
  progressiveSubjects: readonly string[];
  /** Copulas before a death word: "is" (dead), "he's" (dead). */
  copulas: readonly string[];
  /** Parts of the body a weapon is aimed at: "gut", "head", "skull". */
  bodyParts: readonly string[];
  /** Warnings away from a place: "stay" (home), "don't" (come). */
  warningLeads: readonly string[];
  warningLinks: readonly string[];
  /** Prepositions before the place a harm is to happen: "at". */
  placeLeads: readonly string[];
  /** Explosives a bomb threat says are somewhere: "bomb", "ied". */
  explosives?: readonly string[];
  /** Words that make an explosive harmless ("bath bomb", "stink bomb"). */
  harmlessExplosives?: readonly string[];
  /** A presence said before an explosive: "there's", "theres" (a bomb in …). */
  presences?: readonly string[];
  /** The author's placing of an explosive: "planted", "left", "hid". */
  placings?: readonly string[];
  /** Auxiliaries of a present passive, after which a participle is no past: "get" (evicted), "is". */
  presentPassives?: readonly string[];
  /** Where an explosive lies: "in", "under", "behind". */
  devicePlaces?: readonly string[];
  /** The author's perfect, after which a past form is preparation, not narration: "i've" (bought). */
  perfects: readonly string[];
  /** Markers of harm that has already happened: "was", "yesterday", "ago". */
  past: readonly string[];
  /** Determiners after a verb's person object that make it a verb of sending ("shoot you a text"). */
  sendingObjects: readonly string[];
  /** Words that make the killing verb after them passive: "getting" (shot), "be" (killed). */
  passiveLeads: readonly string[];
  /** Verbs that kill only when a person is their object: "end" (him), "finish" (her). */
  personalHarm: readonly string[];
  /** Relative pronouns of people: "kill those who gather there" falls on people. */
  relatives: readonly string[];
  /** Words that bring people into a thing's harm: "with" (everyone still in it). */
  companions: readonly string[];
  /** Words after which a weapon word is a noun, not a verb: "with" (a knife), "bringing" (a gun). */
  nounLeads: readonly string[];
  /** Words skipped before a verb's object: particles and determiners ("up", "the", "my"). */
  objectLeads: readonly string[];
  /** Words that end a verb's object: prepositions and conjunctions ("at", "with", "and"). */
  objectStops: readonly string[];
  /** Words that tell of a threat rather than make it: "threatening", "accused", "arrested". */
  narration: readonly string[];
  /**
   * Ways of living on that a threat denies its victim, as phrases: "make it home", "see christmas",
   * "goes home", "get out". They are harm only when denied ("you won't make it home", "nobody
   * gets out") and said of someone other than the author.
   */
  survival?: readonly string[];
  /**
   * The future denied: "won't". It says when of a survival denied ("he won't make it to passover"),
   * but is no future for a killing verb ("shooting cops won't bring him back").
   */
  negatedFutures?: readonly string[];
  /**
   * A survival made the price of coming: "if you like living", "if u wanna make it home". The
   * conditional ("if"), what the reader wishes ("like", "want"), and the life ("living", "live").
   */
  conditionals?: readonly string[];
  wishes?: readonly string[];
  lives?: readonly string[];
  /**
   * A reckoning to come for someone, as phrases: "pay", "regret", "what's coming", "find out what
   * happens". A veiled threat only with someone it falls on, a when, and the author's grievance in
   * view ("you're going to regret failing me"); "pay" and "regret" only when nothing follows
   * that makes them a bill or a missed offer (`reckoningEnds`).
   */
  reckonings?: readonly string[];
  /** "pay" and "regret" as reckonings, with what follows them: "pay for this", "regret the day". */
  reckoningEnds?: readonly string[];
  /** The author as an object: "me", "us" (a grievance: "failed me"). */
  selfObjects?: readonly string[];
  /** Words after which a denied survival is a condition, not a threat: "until" ("nobody goes home until it's done"). */
  conditions?: readonly string[];
  /** Possessives of another person, before "last": "your", "his" (never the author's "my"). */
  othersPossessives?: readonly string[];
  /**
   * Words that make a word of death the people who died: "the" and "our" ("we will bury our
   * dead"). Not "your": "your dead" is as often "you're dead" misspelt.
   */
  mournedLeads?: readonly string[];
  /**
   * Words that make a weapon a figure of speech, before it or its article: "like" ("come down on
   * this like a hammer", "hits like a truck").
   */
  similes?: readonly string[];
  /** The word that makes what follows the end of a life: "last" ("your last christmas"). */
  finality?: readonly string[];
  /** What may be someone's last, as a life's last: "day", "weekend", "breath", "christmas". */
  finalNouns?: readonly string[];
  /** Of those, the ones that are a life's last only with life said after them: "day" ("on earth"). */
  lifeBound?: readonly string[];
  /** Of those, the ones that are times, and so say when: "weekend", "christmas". */
  finalTimes?: readonly string[];
  /** Words after a final noun that say what it is the last of ("your last day at work", "of term"). */
  finalQualifiers?: readonly string[];
  /** Words after "on" that say the last is of a life: "earth" ("your last day on earth"). */
  lifeWords?: readonly string[];
  /**
   * Verbs that kill with their object between verb and particle, as "verb forms … particles":
   * "blow|blowing … up", "set|setting … on fire" ("I'm setting your house on fire").
   */
  splitHarms?: readonly string[];
  /** Word shapes of time the lists cannot enumerate: clock times, dates, class codes. */
  timeShape: RegExp;
  /** Past forms of the killing verbs, which the lexicon's stems also match ("killed", "shot"). */
  pastShape: RegExp;
}

/** The lists the reading asks whether a word is in. */
const ASKED = [
  'arms',
  'author',
  'bodyParts',
  'callModals',
  'clockWords',
  'companions',
  'conditionals',
  'conditions',
  'copulas',
  'deathStates',
  'deathVerbs',
  'denials',
  'devicePlaces',
  'explosives',
  'finality',
  'finalNouns',
  'finalQualifiers',
  'finalTimes',
  'future',
  'futureLeads',
  'futureLinks',
  'harmlessExplosives',
  'jokes',
  'lifeBound',
  'lifeWords',
  'lives',
  'narration',
  'negatedFutures',
  'nounLeads',
  'objectLeads',
  'objectStops',
  'othersPossessives',
  'mournedLeads',
  'similes',
  'passiveLeads',
  'past',
  'perfects',
  'personalHarm',
  'placeLeads',
  'places',
  'placings',
  'presences',
  'presentPassives',
  'progressiveSubjects',
  'relatives',
  'safety',
  'self',
  'selfObjects',
  'sendingObjects',
  'subjects',
  'timeLeads',
  'timeNouns',
  'times',
  'titles',
  'victims',
  'warningLeads',
  'warningLinks',
  'wishes',
] as const satisfies readonly (keyof ThreatToLifeWords)[];

/** Whether a token is a word of one of the language's threat-to-life lists, a method per list: `is.arms(t)`. */
type IsWord = Readonly<Record<(typeof ASKED)[number], (t: Token | undefined) => boolean>>;

interface Compiled {
  is: IsWord;
  words: ThreatToLifeWords;
  /** Every word that can be a harm, for the first look at a sentence. */
  harmWords: Set<string>;
  survival: readonly string[][];
  splitHarms: readonly { verbs: Set<string>; particles: readonly string[][] }[];
  /** First words of a life's last and of split harms. */
  endingHeads: Set<string>;
  /** First words of the survival phrases. */
  survivalHeads: Set<string>;
  reckonings: readonly string[][];
  reckoningEnds: readonly string[][];
}

const compiled = new WeakMap<LanguagePack, Compiled | null>();
/** The list flags of a word in no list. */
const NO_LISTS: Uint8Array = new Uint8Array(ASKED.length);
/** How many tokens' flags the reading keeps at hand (a power of two). */
const RECENT_TOKENS = 64;

function compile(pack: LanguagePack): Compiled | null {
  let c = compiled.get(pack);
  if (c !== undefined) return c;
  const words = pack.grammar.threatToLife;
  if (!words) {
    compiled.set(pack, null);
    return null;
  }
  const fold = (s: string) => pack.normalise(s).text.trim();
  const lists = new Map<keyof ThreatToLifeWords, Set<string>>();
  for (const [name, value] of Object.entries(words) as [keyof ThreatToLifeWords, unknown][]) {
    if (Array.isArray(value)) lists.set(name, new Set(value.map(fold)));
  }
  const harmWords = new Set(
    (['arms', 'deathVerbs', 'deathStates', 'safety', 'personalHarm'] as const).flatMap((l) => [
      ...(lists.get(l) ?? []),
    ]),
  );
  // A word with "'s" ("knife's already in my bag") is read as the word. The reading asks about a
  // word for several lists in a row, for every word of a sentence that holds a harm: each listed
  // word's lists are kept as flags in one map, looked up once per token, and each list is asked
  // through a method of its own. A lookup in the list's own set touched a different table, out of
  // cache, for every list asked, after finding the set by the list's name.
  const listsOf = new Map<string, Uint8Array>();
  ASKED.forEach((name, i) => {
    for (const w of lists.get(name) ?? []) {
      let flags = listsOf.get(w);
      if (!flags) {
        flags = new Uint8Array(ASKED.length);
        listsOf.set(w, flags);
      }
      flags[i] = 1;
    }
  });
  // The reading asks about the same few tokens again and again, from one loop over a sentence to
  // the next (a hundred map lookups a post when only the last token was kept): the flags of the
  // last tokens asked are kept by token, in slots picked by the token's offset.
  const recentTokens: (Token | undefined)[] = new Array(RECENT_TOKENS);
  const recentFlags: Uint8Array[] = new Array(RECENT_TOKENS).fill(NO_LISTS);
  const flagsOf = (t: Token): Uint8Array => {
    const slot = t.start & (RECENT_TOKENS - 1);
    if (recentTokens[slot] === t) return recentFlags[slot] as Uint8Array;
    const text = t.text;
    const own = listsOf.get(text);
    const bare = endsInApostropheS(text) ? listsOf.get(text.slice(0, -2)) : undefined;
    const flags =
      bare === undefined
        ? (own ?? NO_LISTS)
        : own === undefined
          ? bare
          : own.map((f, i) => f | (bare[i] as number));
    recentTokens[slot] = t;
    recentFlags[slot] = flags;
    return flags;
  };
  const is = Object.fromEntries(
    ASKED.map((_, i) => [ASKED[i], (t: Token | undefined) => t !== undefined && flagsOf(t)[i] === 1]),
  ) as IsWord;
  const phrase = (p: string) => p.split(/\s+/).map(fold).filter(Boolean);
  const survival = (words.survival ?? []).map(phrase);
  const splitHarms = splitVerbs(words.splitHarms ?? [], fold);
  // The first words of these readings, for the first look at a sentence: a survival needs a
  // denial as well, so its heads alone do not open the slow path.
  const endingHeads = new Set([...(lists.get('finality') ?? []), ...splitHarms.flatMap((h) => [...h.verbs])]);
  const survivalHeads = new Set(survival.map((p) => p[0] as string));
  const reckonings = (words.reckonings ?? []).map(phrase);
  const reckoningEnds = (words.reckoningEnds ?? []).map(phrase);
  for (const r of reckonings) endingHeads.add(r[0] as string);
  for (const w of lists.get('conditionals') ?? []) endingHeads.add(w);
  c = { is, words, harmWords, survival, splitHarms, endingHeads, survivalHeads, reckonings, reckoningEnds };
  compiled.set(pack, c);
  return c;
}

/**
 * A language's own reading, for words that fuse what this one reads apart (Arabic "سنقتلكم": will,
 * we, kill, you): same question, same answer shape.
 */
export type ThreatToLifeReader = (
  view: TextView,
  s: SentenceView,
  intent: readonly LexiconMatch[],
) => ThreatToLifeReading | null;

/** What a threat to life is made of, as found in one sentence and its neighbours. */
export interface ThreatToLifeReading {
  harm: LexiconMatch[];
  victims: LexiconMatch[];
  when: LexiconMatch[];
}

const match = (t: Token, at: number, category: LexiconMatch['category']): LexiconMatch => ({
  category,
  tag: null,
  phrase: t.text,
  first: at,
  last: at + 1,
});

/**
 * The reading of sentence `s` as a threat to life, or null. `intent` holds the author's intent
 * phrases the other threat rules found (they count as a when: the author's own future).
 */
export function readThreatToLife(
  view: TextView,
  s: SentenceView,
  intent: readonly LexiconMatch[],
): ThreatToLifeReading | null {
  const own = view.grammar.pack.grammar.readThreatToLife;
  if (own) return own(view, s, intent);
  const c = compile(view.grammar.pack);
  if (!c) return null;
  const { is } = c;
  const { tokens } = view;
  const { first, last } = s.sentence;
  // Most sentences hold no word of harm to life: they are left at once.
  const lethal = s.get('violence_verbs').filter((v) => view.grammar.phraseIs('lethal', v.phrase));
  const harmWordHere = anyHarmWord(tokens, first, last, c.harmWords);
  if (
    lethal.length === 0 &&
    !harmWordHere &&
    !anyHarmWord(tokens, first, last, c.endingHeads) &&
    !(s.has('negations') && anyHarmWord(tokens, first, last, c.survivalHeads))
  )
    return null;
  // Harm told rather than made (history, news, a film), rejected, joked about, or asked of others
  // (a call to violence is incitement, read by its own rules). The lexicon's marks are asked
  // before the tenses, which take a pass over the sentence.
  const calls = s.get('directives').some((d) => !view.grammar.phraseIs('addresses', d.phrase));
  if (s.has('condemnation') || calls || sentenceIsPast(view, s, is, c.words.pastShape)) return null;
  // Words of news and fiction tell of a threat, unless the author speaks in the sentence ("if she
  // shows up to court on the 9th I'm …").
  const speaksHere = authorIn(view, s, is);
  const authorHere = speaksHere || intent.length > 0;
  for (let k = first; k < last; k++) {
    const t = tokens[k];
    if ((is.narration(t) && !authorHere) || is.jokes(t) || is.callModals(t)) return null;
  }
  const inIdiom = idiomTokens(s);
  const starts = clauseStarts(view, s);
  const future = hasFuture(view, s, is) || intent.length > 0;

  const harm: LexiconMatch[] = [];
  const victims: LexiconMatch[] = [];
  // Words of a violent verb read as falling on a thing, which are not weapons either ("bomb the cake").
  const notHarm = new Set<number>();
  // Killing verbs, with the object they fall on.
  for (const v of lethal) {
    if (s.negated(v, 8)) continue;
    const verb = tokens[v.first] as Token;
    const before = tokens[v.first - 1];
    // An emoji read as a verb ("🗡" as "knife") is a picture, not an act said.
    if (!startsWord(view, verb)) continue;
    // A weapon word after a determiner, a preposition or a possessive is a noun ("with a knife"):
    // it is read as a weapon below, not as a verb.
    if (is.arms(verb) && (is.objectLeads(before) || is.nounLeads(before) || /'s$/.test(before?.text ?? '')))
      continue;
    // A killing verb opening a clause is an imperative: a call, not the author's threat.
    if (starts.has(v.first)) {
      for (let k = v.first; k < v.last; k++) notHarm.add(k);
      continue;
    }
    const passive = is.passiveLeads(before) && c.words.pastShape.test(verb.text);
    if (c.words.pastShape.test(verb.text) && !passive) continue;
    // A passive harm falls on its subject ("anyone still in the office is getting shot").
    const object = passive ? subjectVictim(view, s, v, is) : objectOf(view, v, is);
    // Without a victim as its object the verb may fall on anything ("the build will choke"); one
    // that falls on a thing is not a weapon or a death either ("bomb the cake"), while one with no
    // object may still be a noun of death read below ("there will be a shooting at …").
    if (object === null || typeof object === 'string') {
      if (object !== null) for (let k = v.first; k < v.last; k++) notHarm.add(k);
      continue;
    }
    // Whose act it is: the author's, or one to come ("X is getting shot"); a hypothetical someone
    // ("if anyone turns up wanting to hurt …") or a past arsonist ("whoever set fire to …") is not.
    if (!passive && !future && !speaksHere) continue;
    harm.push(v);
    victims.push(object);
  }
  // Verbs that kill only a person: "ending everyone in that office", "finish him".
  for (let k = first; k < last; k++) {
    const t = tokens[k] as Token;
    if (!is.personalHarm(t) || starts.has(k)) continue;
    const verb = match(t, k, 'violence_verbs');
    const object = objectOf(view, verb, is);
    if (typeof object === 'object' && object !== null && !s.negated(verb, 8)) {
      harm.push(verb);
      victims.push(object);
    }
  }
  // Death and weapons said without a verb of killing: death to come ("they all die Wednesday",
  // "will be dead by Friday"), and weapons the author brings.
  const window = [view.sentences[s.index - 1], s, view.sentences[s.index + 1]].filter(
    (x): x is SentenceView => x !== undefined && !x.question,
  );
  // Only a word of death, arms or safety can say them: the times, persons and warnings around
  // the sentence are read for a sentence that holds one (the times again below, for its when).
  let nearTimes: LexiconMatch[] | null = null;
  if (harmWordHere) {
    const times = timesIn(view, s, is, c.words.timeShape);
    nearTimes = window.flatMap((x) => (x === s ? times : timesIn(view, x, is, c.words.timeShape)));
    const author = authorHere || window.some((x) => authorIn(view, x, is));
    const wounds = tokens.slice(first, last).some((t) => is.bodyParts(t));
    const warned = window.some((x) => warningIn(view, x, is));
    for (let k = first; k < last; k++) {
      const t = tokens[k] as Token;
      if (!anyHarmWord(tokens, k, k + 1, c.harmWords)) continue;
      if (inIdiom[k - first] || notHarm.has(k) || counted(view, k)) continue;
      const m = match(t, k, 'harm_outcome');
      // A survival denied: "nobody is safe", "not one of you leaves the building alive".
      if (is.safety(t)) {
        const denied = tokens.slice(first, k).some((x) => is.denials(x));
        if (denied || s.negated(m, 8)) harm.push(m);
        continue;
      }
      if (s.negated(m)) continue;
      // Death to come: a dying with a time or the future ("EVERYONE DIES" after "AT 2PM"), a death
      // in the future or said of someone with a time ("he's dead after school").
      const dying = is.deathVerbs(t) && (future || nearTimes.length > 0);
      // "ur dead monday" says death of a person; "the office is dead today" says a quiet place.
      // After a present copula the death is a state now, not to come, unless the copula is future's
      // ("will be dead").
      const copula = is.copulas(tokens[k - 1]);
      const deadPerson = copula && !is.places(tokens[k - 2]);
      const toCome = copula ? is.future(tokens[k - 2]) : future;
      // "We will bury our dead": the dead are mourned, not threatened.
      const mourned = is.mournedLeads(tokens[k - 1]);
      const death = is.deathStates(t) && !mourned && (toCome || (times.length > 0 && deadPerson));
      // Weapons the author brings, aims at a body ("a knife in the gut"), warns people away with, or
      // sets for a time ("a bomb … will go off at 11am tomorrow").
      // A weapon drawn as an emoji counts only in the author's own sentence ("bringing my 🔫 …").
      const simile = likened(is, tokens, k);
      const armed =
        is.arms(t) &&
        !simile &&
        (authorHere || (startsWord(view, t) && (author || wounds || warned || (future && times.length > 0))));
      if (dying || death || armed) harm.push(m);
    }
  }
  // A life's end said without a verb of killing: a survival denied, a life's last, a split verb.
  const survivals = [...survivalDenied(view, s, c), ...survivalPriced(view, s, c)];
  harm.push(...survivals);
  // A reckoning is a threat only with the author's grievance in view ("… laughed at me").
  if (window.some((x) => grievanceIn(view, x, is))) harm.push(...reckoningsIn(view, s, c));
  // The denied future of a survival is its when: "you won't see christmas".
  const deniedFutures: LexiconMatch[] = [];
  if (survivals.length > 0)
    for (let k = first; k < last; k++)
      if (is.negatedFutures(tokens[k])) deniedFutures.push(match(tokens[k] as Token, k, 'timeframes'));
  const lasts = lifesLast(view, s, c);
  for (const l of lasts) {
    harm.push(l.harm);
    victims.push(l.victim);
  }
  if (future || speaksHere)
    for (const h of splitHarm(view, s, c)) {
      harm.push(h.harm);
      victims.push(h.victim);
    }
  if (harm.length === 0) return null;

  for (const x of window) {
    for (let k = x.sentence.first; k < x.sentence.last; k++) {
      const t = tokens[k] as Token;
      // "your" before a noun is the reader's thing ("your phone"), not the reader.
      const next = tokens[k + 1];
      const possessive =
        is.objectLeads(t) && /\p{L}/u.test(next?.text ?? '') && !is.deathStates(next) && !is.deathVerbs(next);
      // The reader, a person or the people of a place; a subject only in the harm's own sentence.
      if (
        ((view.grammar.is('secondPerson', t) || view.grammar.is('personObjects', t)) && !possessive) ||
        is.victims(t) ||
        is.places(t) ||
        (x === s && is.subjects(t)) ||
        (is.titles(t) && startsName(view, tokens[k + 1]))
      )
        victims.push(match(t, k, 'other_targets'));
    }
    for (const m of x.matches)
      if (['target_groups', 'group_places', 'other_targets', 'slurs'].includes(m.category)) victims.push(m);
  }
  // Where the harm is to happen: "a shooting at Halverton High", "at the bus stop" (the place is
  // the word after its determiners).
  for (let k = first; k + 1 < last; k++) {
    if (!is.placeLeads(tokens[k])) continue;
    let p = k + 1;
    while (p + 1 < last && is.objectLeads(tokens[p])) p++;
    if (/\p{L}/u.test(tokens[p]?.text ?? '')) victims.push(match(tokens[p] as Token, p, 'other_targets'));
  }
  if (victims.length === 0) return null;

  // The future in the harm's own sentence; a time may be said beside it ("Monday. 8:45.").
  const when: LexiconMatch[] = [
    ...intent,
    ...(nearTimes ?? window.flatMap((x) => timesIn(view, x, is, c.words.timeShape))),
    ...deniedFutures,
    ...lasts.flatMap((l) => (l.when ? [l.when] : [])),
  ];
  for (let k = first; k < last; k++)
    if (futureAt(view, k, is)) when.push(match(tokens[k] as Token, k, 'timeframes'));
  if (when.length === 0) return null;
  return { harm, victims, when };
}

/**
 * Whether a violent verb falls on something other than a person: what is sent ("I'll shoot you
 * the file", which no killing verb takes) or a thing ("murder this spreadsheet", "bomb this interview").
 */
export function fallsOnThing(view: TextView, verb: LexiconMatch): boolean {
  const c = compile(view.grammar.pack);
  if (!c) return false;
  const object = objectOf(view, verb, c.is);
  return object === 'sending' || object === 'thing';
}

/** Whether a violent verb sends something to a person instead ("shoot me the slides", "shoot you a text"). */
export function sendsSomething(view: TextView, verb: LexiconMatch): boolean {
  const c = compile(view.grammar.pack);
  return c !== null && objectOf(view, verb, c.is) === 'sending';
}

/**
 * Whether token `k` opens a relative clause's verb ("the next person who tells me …"): a verb there
 * describes someone, it does not report their words or tell of the past.
 */
export function inRelativeClause(view: TextView, k: number): boolean {
  const c = compile(view.grammar.pack);
  return c?.is.relatives(view.tokens[k - 1]) ?? false;
}

/** Whether the sentence speaks of the future: "will", "gonna", "going to", "'ll". */
function hasFuture(view: TextView, s: SentenceView, is: IsWord): boolean {
  for (let k = s.sentence.first; k < s.sentence.last; k++) if (futureAt(view, k, is)) return true;
  return view.grammar.intentOpenerAt(view.tokens, s.sentence.first) > 0;
}

/**
 * Whether token `k` marks the future: a future word, a "going to", or the author's present
 * progressive, which English uses for what one has decided to do ("I'm driving down there").
 */
function futureAt(view: TextView, k: number, is: IsWord): boolean {
  const t = view.tokens[k];
  if (is.future(t)) return true;
  if (is.futureLeads(t) && is.futureLinks(view.tokens[k + 1])) return true;
  if (!is.progressiveSubjects(t)) return false;
  for (let j = k + 1; j < Math.min(view.tokens.length, k + 4); j++)
    if (/^[a-z]{3,}ing$/.test(view.tokens[j]?.text ?? '')) return true;
  return false;
}

/** Whether the author speaks in the first person in the sentence ("I", "my", "we"). */
function authorIn(view: TextView, s: SentenceView, is: IsWord): boolean {
  for (let k = s.sentence.first; k < s.sentence.last; k++) if (is.author(view.tokens[k])) return true;
  return false;
}

/** Whether a sentence warns people away ("stay home", "don't come in"): the threat of a place. */
function warningIn(view: TextView, s: SentenceView, is: IsWord): boolean {
  for (let k = s.sentence.first; k + 1 < s.sentence.last; k++)
    if (is.warningLeads(view.tokens[k]) && is.warningLinks(view.tokens[k + 1])) return true;
  return false;
}

/** Whether a death word counts the dead ("47 dead", "fifty crusaders dead"): a toll, not a threat. */
function counted(view: TextView, k: number): boolean {
  for (let j = Math.max(0, k - 3); j < k; j++) if (/^\d+$/.test(view.tokens[j]?.text ?? '')) return true;
  return false;
}

/** Time expressions in a sentence: time words, "next week", "after school", clock times, dates. */
function timesIn(view: TextView, s: SentenceView, is: IsWord, shape: RegExp): LexiconMatch[] {
  const out: LexiconMatch[] = [...s.get('timeframes')];
  const { tokens } = view;
  for (let k = s.sentence.first; k < s.sentence.last; k++) {
    const t = tokens[k] as Token;
    const afterNumber = /^\d/.test(tokens[k - 1]?.text ?? '');
    const clock = is.clockWords(t) && afterNumber;
    // A count of time units is a deadline ("u got 24 hrs").
    if (is.times(t) || clock || shape.test(t.text) || (afterNumber && is.timeNouns(t)))
      out.push(match(t, k, 'timeframes'));
    else if (is.timeLeads(t)) {
      // A determiner or one describing word may stand between the lead and its noun ("by the
      // weekend", "at the next home game").
      let n = k + 1;
      if (view.grammar.is('determiners', tokens[n])) n++;
      for (const end = Math.min(n + 2, s.sentence.last); n < end && !is.timeNouns(tokens[n]); ) n++;
      if (n < s.sentence.last && is.timeNouns(tokens[n]))
        out.push({ category: 'timeframes', tag: null, phrase: t.text, first: k, last: n + 1 });
    }
  }
  return out;
}

/**
 * A bomb said to lie somewhere, in the author's words ("there's a bomb in the school", "I planted a
 * bomb under your car"): an explosive, a presence or the author's placing of it just before, and
 * where it lies just after. A presence in the past is news ("there was a bomb at the station"); a
 * placing is the author's own, in whatever tense ("I left a bomb in the library").
 */
export function readPlantedExplosive(view: TextView, s: SentenceView): LexiconMatch[] | null {
  const c = compile(view.grammar.pack);
  if (!c?.words.explosives) return null;
  const { is } = c;
  const { tokens } = view;
  const { first, last } = s.sentence;
  for (let k = first; k < last; k++) {
    if (!is.explosives(tokens[k]) || is.harmlessExplosives(tokens[k - 1])) continue;
    let lead = -1;
    for (let j = Math.max(first, k - 4); j < k; j++) {
      const placing = is.placings(tokens[j]) && is.author(tokens[j - 1]);
      if (is.presences(tokens[j]) || placing) lead = j;
    }
    if (lead < 0) continue;
    let where = -1;
    for (let j = k + 1; j < Math.min(last - 1, k + 3); j++)
      if (is.devicePlaces(tokens[j])) {
        where = j;
        break;
      }
    if (where < 0) continue;
    const explosive = match(tokens[k] as Token, k, 'weapons');
    if (s.negated(explosive, 4)) continue;
    if (is.presences(tokens[lead])) {
      // A presence is a threat where it falls on someone or has a when ("… in the school",
      // "… under ur car", "… before the match on sunday"), not where it tells of the past or of
      // a thing ("there are bombs in the old quarry").
      if (tokens.slice(first, last).some((t) => is.past(t) || is.narration(t) || is.jokes(t))) continue;
      if (!threatTargetIn(view, s) && timesIn(view, s, is, c.words.timeShape).length === 0) continue;
    }
    let place = where + 1;
    while (place + 1 < last && view.grammar.is('objectLeads', tokens[place])) place++;
    const presence = tokens[lead] as Token;
    return [
      { category: 'first_person_intent', tag: null, phrase: presence.text, first: lead, last: lead + 1 },
      explosive,
      match(tokens[place] as Token, place, 'other_targets'),
    ];
  }
  return null;
}

/**
 * Whether sentence `s` names whom or where a threat falls on: the reader ("u", "ur"), a person
 * ("him", "everyone", "my manager"), a place of people ("the canteen") or a name inside the
 * sentence ("… at Derek"), for the threat's `target` indicator.
 */
export function threatTargetIn(view: TextView, s: SentenceView): boolean {
  const c = compile(view.grammar.pack);
  const { tokens, grammar } = view;
  for (let k = s.sentence.first; k < s.sentence.last; k++) {
    const t = tokens[k] as Token;
    if (grammar.is('secondPerson', t) || grammar.is('personObjects', t)) return true;
    if (c && (c.is.victims(t) || c.is.places(t) || c.is.titles(t))) return true;
    if (k > s.sentence.first && namesSomeone(view, t) && !(c?.is.times(t) ?? false)) return true;
  }
  return false;
}

/** Whether the word at `k` follows a word of comparison, itself or its article: "like (a) hammer". */
function likened(is: IsWord, tokens: readonly Token[], k: number): boolean {
  return is.similes(tokens[k - 1]) || is.similes(tokens[k - 2]);
}

/**
 * Whether sentence `s` compares something to a weapon ("come down on this like a hammer", "hits
 * like a truck"): the weapon is a figure of force there, not a means, as the reading above takes it.
 */
export function weaponInSimile(view: TextView, s: SentenceView): boolean {
  const c = compile(view.grammar.pack);
  if (!c) return false;
  const { tokens } = view;
  for (let k = s.sentence.first; k < s.sentence.last; k++)
    if (c.is.arms(tokens[k]) && likened(c.is, tokens, k)) return true;
  return false;
}

/**
 * A word written as a name: a capital, then a lower-case letter (so a text in capitals names no
 * one by its shape), and not a word the language always capitalises ("I"); none in a language
 * that capitalises every noun.
 */
function namesSomeone(view: TextView, t: Token): boolean {
  if (view.grammar.pack.grammar.capitalisedNouns) return false;
  if (!startsName(view, t) || view.grammar.is('capitalisedNonNames', t)) return false;
  const at = (view.norm.starts[t.start] ?? 0) + 1;
  const next = view.norm.original[at] ?? '';
  return next !== next.toUpperCase();
}

/** The time expressions of sentence `s` as the language reads them (its lexicon's alone without its words). */
export function threatTimes(view: TextView, s: SentenceView): LexiconMatch[] {
  const c = compile(view.grammar.pack);
  if (!c) return s.get('timeframes');
  const { is } = c;
  return timesIn(view, s, is, c.words.timeShape);
}

/** Whether the sentence tells harm that has happened: a past marker and no future one. */
function sentenceIsPast(view: TextView, s: SentenceView, is: IsWord, pastForm: RegExp): boolean {
  let past = false;
  for (let k = s.sentence.first; k < s.sentence.last; k++) {
    const t = view.tokens[k];
    if (futureAt(view, k, is)) return false;
    // Once a past is found only a future can change the answer.
    if (past) continue;
    // Past forms and years tell of harm done ("the 1963 bombing … killed four"); the author's
    // perfect tells of preparation ("I've counted the bullets").
    const perfect = is.perfects(view.tokens[k - 1]);
    // A past in a relative clause describes someone ("everyone who laughed at me"), it does not tell
    // of the harm.
    const relative = is.relatives(view.tokens[k - 1]);
    // A participle after a present passive is not a past ("if i get evicted", "is getting stabbed").
    const passive = is.presentPassives(view.tokens[k - 1]);
    const pastVerb =
      t !== undefined && t.text.length >= 5 && pastForm.test(t.text) && !perfect && !relative && !passive;
    if ((is.past(t) && !relative) || (t !== undefined && /^\d{4}$/.test(t.text)) || pastVerb) past = true;
  }
  return past;
}

/**
 * What a killing verb falls on, read from its object up to the first preposition: a victim (a
 * person, the reader, a name, the people of a place), 'self' when it falls on the author ("kill
 * me"), 'sending' when a person is followed by what is sent ("shoot you a text"), 'thing' when the
 * object is something else ("kill the weeds"), or null when the verb has no object in view.
 */
function objectOf(
  view: TextView,
  verb: LexiconMatch,
  is: IsWord,
): LexiconMatch | 'self' | 'sending' | 'thing' | null {
  const { tokens } = view;
  const end = Math.min(
    view.sentences[(tokens[verb.first] as Token).sentence]?.sentence.last ?? 0,
    verb.last + 6,
  );
  let content = false;
  for (let k = verb.last; k < end; k++) {
    const t = tokens[k] as Token;
    const gap = view.norm.text.slice((tokens[k - 1] as Token).end, t.start);
    if (/[,;:.!?—–()]/.test(gap) || is.jokes(t)) break;
    // A censored or broken word ("m*zzie", read as "m" and "zzie") cannot be judged a thing.
    if (gap.includes('*') || t.text.length === 1) return null;
    if (is.objectStops(t)) {
      // A thing with people in it is their harm ("burn the block down with him inside it").
      if (content && is.companions(t))
        for (let j = k + 1; j < Math.min(end + 2, tokens.length, k + 4); j++)
          if (victimAt(view, j, is)) return match(tokens[j] as Token, j, 'other_targets');
      break;
    }
    // "shoot me the slides" sends to the author; "kill me" falls on them.
    if (k === verb.last && is.self(t)) return is.sendingObjects(tokens[k + 1]) ? 'sending' : 'self';
    if (is.objectLeads(t)) continue;
    if (victimAt(view, k, is)) {
      if (k === verb.last && is.sendingObjects(tokens[k + 1])) return 'sending';
      return match(t, k, 'other_targets');
    }
    // A name is the victim, unless it owns the object ("Ravi's queen").
    if (startsName(view, t) && !view.grammar.is('capitalisedNonNames', t) && !/'s$/.test(t.text))
      return match(t, k, 'other_targets');
    content = true;
  }
  return content ? 'thing' : null;
}

/** Whether token `k` can be what a harm falls on: a person, the reader, a place of people, a body. */
function victimAt(view: TextView, k: number, is: IsWord): boolean {
  const t = view.tokens[k] as Token;
  return (
    view.grammar.is('secondPerson', t) ||
    view.grammar.is('personObjects', t) ||
    is.victims(t) ||
    is.places(t) ||
    is.bodyParts(t) ||
    is.relatives(t) ||
    (view.grammar.shapes.peopleNoun?.test(t.text) ?? false) ||
    namedTarget(view, k)
  );
}

/** Whether the words of `phrase` stand at token `k`, before `end`. */
function phraseAt(tokens: readonly Token[], k: number, end: number, phrase: readonly string[]): boolean {
  if (k + phrase.length > end) return false;
  for (let i = 0; i < phrase.length; i++) if (tokens[k + i]?.text !== phrase[i]) return false;
  return true;
}

const harmMatch = (tokens: readonly Token[], first: number, last: number): LexiconMatch => ({
  category: 'harm_outcome',
  tag: null,
  phrase: tokens
    .slice(first, last)
    .map((t) => t.text)
    .join(' '),
  first,
  last,
});

/**
 * A survival denied to its victim: "you won't make it home", "nobody gets out", "u wont see
 * christmas". The phrase must be denied (a negation or a denial before it), said of someone other
 * than the author ("I won't make it home tonight" is the author's evening), and not a condition
 * ("nobody goes home until the stock count is done").
 */
function survivalDenied(view: TextView, s: SentenceView, c: Compiled): LexiconMatch[] {
  const { tokens } = view;
  const { first, last } = s.sentence;
  const out: LexiconMatch[] = [];
  for (let k = first; k < last; k++) {
    const t = tokens[k] as Token;
    if (!c.survivalHeads.has(t.text)) continue;
    const phrase = c.survival.find((p) => phraseAt(tokens, k, last, p));
    if (!phrase) continue;
    const m = harmMatch(tokens, k, k + phrase.length);
    const denied = s.negated(m, 8) || tokens.slice(first, k).some((x) => c.is.denials(x));
    if (!denied || tokens.slice(m.last, last).some((x) => c.is.conditions(x))) continue;
    if (saidOfOthers(view, s, k, c.is)) out.push(m);
  }
  return out;
}

/**
 * A survival made the price of coming: "dont come to school if you like living", "sit near the
 * doors if u wanna make it home". "if", the reader, a wish, then a life or a survival phrase.
 */
function survivalPriced(view: TextView, s: SentenceView, c: Compiled): LexiconMatch[] {
  const { is } = c;
  const { tokens } = view;
  const { first, last } = s.sentence;
  const out: LexiconMatch[] = [];
  for (let k = first; k + 3 < last; k++) {
    if (!is.conditionals(tokens[k]) || !view.grammar.is('secondPerson', tokens[k + 1])) continue;
    if (!is.wishes(tokens[k + 2])) continue;
    let j = k + 3;
    while (j < last && is.objectLeads(tokens[j])) j++;
    if (tokens[j]?.text === 'to') j++;
    const survival = c.survival.find((p) => phraseAt(tokens, j, last, p));
    const end = survival ? j + survival.length : is.lives(tokens[j]) ? j + 1 : -1;
    // The life ends the clause: "if you like living" is the price, "if you like living near
    // the sea" is not.
    const next = tokens[end];
    const closes =
      end >= last ||
      next === undefined ||
      /[,;:.!?—–]/.test(view.norm.text.slice((tokens[end - 1] as Token).end, next.start));
    if (end > 0 && closes) out.push(harmMatch(tokens, k, end));
  }
  return out;
}

/**
 * A reckoning to come for someone other than the author: "you're going to regret failing me",
 * "everyone who laughed is gonna pay", "he finds out what happens", "what's coming to them".
 */
function reckoningsIn(view: TextView, s: SentenceView, c: Compiled): LexiconMatch[] {
  const { is } = c;
  const { tokens } = view;
  const { first, last } = s.sentence;
  const out: LexiconMatch[] = [];
  for (let k = first; k < last; k++) {
    const phrase = c.reckonings.find((p) => phraseAt(tokens, k, last, p));
    if (!phrase) continue;
    const m = harmMatch(tokens, k, k + phrase.length);
    if (s.negated(m) || !saidOfOthers(view, s, k, is)) continue;
    // "pay" and "regret" end the clause or take what makes them a reckoning ("pay for this",
    // "regret this", "regret crossing me"), not a bill or an offer ("pay the deposit", "regret
    // missing the sale").
    if (phrase.length === 1) {
      const next = tokens[m.last];
      const gap = next ? view.norm.text.slice((tokens[m.last - 1] as Token).end, next.start) : '';
      const ends = next === undefined || m.last >= last || /[,;:.!?—–]/.test(gap);
      const named = c.reckoningEnds.some((p) => phraseAt(tokens, k, last, p));
      const wronged = /^[a-z]{3,}ing$/.test(next?.text ?? '') && selfWithin(view, m.last + 1, m.last + 4, is);
      if (!ends && !named && !wronged) continue;
    }
    out.push(m);
  }
  return out;
}

/**
 * Whether the sentence holds a wrong done to the author: the author as the object of an act
 * ("failed me", "laughed at me", "fired us", "laughing at me"), not "trust me" or "tell me".
 */
function grievanceIn(view: TextView, s: SentenceView, is: IsWord): boolean {
  const { tokens } = view;
  for (let k = s.sentence.first; k < s.sentence.last; k++) {
    if (!is.selfObjects(tokens[k])) continue;
    for (const j of [k - 1, k - 2])
      if (j >= s.sentence.first && /^[a-z]{3,}(ed|ing)$/.test(tokens[j]?.text ?? '')) return true;
  }
  return false;
}

/** Whether the author is an object among tokens [from, to). */
function selfWithin(view: TextView, from: number, to: number, is: IsWord): boolean {
  for (let k = from; k < Math.min(to, view.tokens.length); k++)
    if (is.selfObjects(view.tokens[k])) return true;
  return false;
}

/** Whether the nearest subject before token `k` is someone other than the author. */
function saidOfOthers(view: TextView, s: SentenceView, k: number, is: IsWord): boolean {
  for (let j = k - 1; j >= Math.max(s.sentence.first, k - 10); j--) {
    const t = view.tokens[j] as Token;
    if (is.self(t) || is.author(t)) return false;
    if (
      view.grammar.is('secondPerson', t) ||
      view.grammar.is('personObjects', t) ||
      is.victims(t) ||
      is.places(t) ||
      is.subjects(t) ||
      is.denials(t) ||
      startsName(view, t)
    )
      return true;
  }
  return false;
}

/**
 * A life's last, said to or of someone: "enjoy your last weekend", "your last day on earth is
 * thursday", "get ur last words ready". A last that is the last of something else is not a life's
 * ("your last weekend before uni", "his last day at work", "your last week of teaching"); a day is
 * a life's last only with life said after it ("on earth"). The owner is the victim, and a last that
 * is a time says when.
 */
function lifesLast(
  view: TextView,
  s: SentenceView,
  c: Compiled,
): { harm: LexiconMatch; victim: LexiconMatch; when: LexiconMatch | null }[] {
  const { is } = c;
  const { tokens } = view;
  const { first, last } = s.sentence;
  const out: { harm: LexiconMatch; victim: LexiconMatch; when: LexiconMatch | null }[] = [];
  for (let k = first + 1; k + 1 < last; k++) {
    const noun = tokens[k + 1] as Token;
    if (!is.finality(tokens[k]) || !is.othersPossessives(tokens[k - 1]) || !is.finalNouns(noun)) continue;
    const after = k + 2 < last ? tokens[k + 2] : undefined;
    // "on earth", "on this earth": the last of a life.
    const life = [k + 2, k + 3, k + 4].some((j) => j < last && is.lifeWords(tokens[j]));
    const qualified = after !== undefined && (is.finalQualifiers(after) || is.objectStops(after));
    if (qualified ? !life : is.lifeBound(noun)) continue;
    const harm = harmMatch(tokens, k, k + 2);
    if (s.negated(harm)) continue;
    out.push({
      harm,
      victim: match(tokens[k - 1] as Token, k - 1, 'other_targets'),
      when: is.finalTimes(noun) ? match(noun, k + 1, 'timeframes') : null,
    });
  }
  return out;
}

/**
 * A killing verb with its object between verb and particle: "setting your house on fire", "blow
 * the place up with everyone in it", "putting you in the ground". The object, or people said to
 * be in it, is the victim; a verb opening its clause is a call on others, not the author's threat.
 */
function splitHarm(
  view: TextView,
  s: SentenceView,
  c: Compiled,
): { harm: LexiconMatch; victim: LexiconMatch }[] {
  const { is } = c;
  const { tokens } = view;
  const { first, last } = s.sentence;
  const starts = clauseStarts(view, s);
  const out: { harm: LexiconMatch; victim: LexiconMatch }[] = [];
  for (let k = first; k < last; k++) {
    const verb = tokens[k] as Token;
    const forms = c.splitHarms.filter((h) => h.verbs.has(verb.text));
    if (forms.length === 0 || starts.has(k)) continue;
    for (let j = k + 2; j <= k + 5 && j < last; j++) {
      const gap = view.norm.text.slice((tokens[j - 1] as Token).end, (tokens[j] as Token).start);
      if (/[,;:.!?—–()]/.test(gap)) break;
      const particle = forms.flatMap((h) => h.particles).find((p) => phraseAt(tokens, j, last, p));
      if (!particle) continue;
      const end = j + particle.length;
      let victim = -1;
      for (let o = k + 1; o < j && victim < 0; o++) if (victimAt(view, o, is)) victim = o;
      // A thing with people in it: "blowing it up with everyone in the queue".
      if (victim < 0 && is.companions(tokens[end]))
        for (let o = end + 1; o < Math.min(last, end + 4) && victim < 0; o++)
          if (victimAt(view, o, is)) victim = o;
      if (victim >= 0)
        out.push({
          harm: { ...harmMatch(tokens, k, end), category: 'violence_verbs' },
          victim: match(tokens[victim] as Token, victim, 'other_targets'),
        });
      break;
    }
  }
  return out;
}

/** The victim a passive harm is said of: a person or place before the verb in its sentence. */
function subjectVictim(view: TextView, s: SentenceView, verb: LexiconMatch, is: IsWord): LexiconMatch | null {
  for (let k = verb.first - 1; k >= s.sentence.first; k--) {
    const t = view.tokens[k] as Token;
    if (
      is.victims(t) ||
      is.places(t) ||
      is.subjects(t) ||
      view.grammar.is('personObjects', t) ||
      view.grammar.is('secondPerson', t)
    )
      return match(t, k, 'other_targets');
  }
  return null;
}

/** Whether a lexicon target (a group, a slur, the police) covers token `k`. */
function namedTarget(view: TextView, k: number): boolean {
  return view.all.some(
    (m) =>
      m.first <= k &&
      k < m.last &&
      (m.category === 'target_groups' ||
        m.category === 'other_targets' ||
        m.category === 'slurs' ||
        m.category === 'group_places'),
  );
}

/** Whether a word ends in "'s", read from its last two units (asked of every word of a sentence). */
function endsInApostropheS(word: string): boolean {
  const n = word.length;
  return n >= 2 && unitAt.call(word, n - 1) === 0x73 && unitAt.call(word, n - 2) === 0x27;
}

/** Whether a token of [first, last) is a word of harm, with or without a clitic "'s". */
function anyHarmWord(tokens: readonly Token[], first: number, last: number, harmWords: Set<string>): boolean {
  for (let k = first; k < last; k++) {
    const text = (tokens[k] as Token).text;
    if (harmWords.has(text) || (endsInApostropheS(text) && harmWords.has(text.slice(0, -2)))) return true;
  }
  return false;
}

/** Per token of the sentence, whether an idiom covers it ("dead tired", "killing it"). */
function idiomTokens(s: SentenceView): Uint8Array {
  const out = new Uint8Array(s.sentence.last - s.sentence.first);
  for (const m of s.get('idioms')) out.fill(1, m.first - s.sentence.first, m.last - s.sentence.first);
  return out;
}
