import { type ResolvedDate, resolveIncidentDate } from './dates.js';
import type { Gazetteer, PlaceHit } from './gazetteer.js';
import { NUMBER_WORDS } from './number-words.js';

export type Method = 'vehicle_ramming' | 'stabbing' | 'shooting' | 'bombing' | 'arson' | 'other';
export type EventKind = 'attack' | 'plot' | 'arrest' | 'trial';

/** An incident as one text mentions it. */
export interface EventMention {
  /** `report`: the text reports the incident; `reference`: it names it in passing. */
  mode: 'report' | 'reference';
  name: string | null;
  /** The city (a landmark or district is placed in its city). */
  place: string | null;
  /** Landmarks and districts the text names for the incident ("Piccadilly Gardens"). */
  landmarks: string[];
  method: Method | null;
  kind: EventKind;
  date: ResolvedDate | null;
  casualties: { killed: number | null; injured: number | null };
  perpetratorIdeology: 'jihadist' | 'far_right' | null;
  targetedGroup: string | null;
  evidence: string;
}

const METHODS: [RegExp, Method][] = [
  [
    /\b(van|lorry|truck|car|vehicle)\b[^.]{0,40}\b(driven|drove|ploughed|plowed|rammed|ramming|mounted|crashed) (into|through)|\brammed\b|\bramming\b|\bmowed down\b|\b(?:van|lorry|truck|car|vehicle)[- ]attacks?\b|\b(?:drove|driven|steered|ploughed|plowed|swerved)\s+(?:a|an|the|his|her|their)\s+(?:\w+\s+)?(?:van|lorry|truck|car|vehicle|sedan|suv)\s+(?:into|onto|through|along)\b|\b(?:van|lorry|truck|car|vehicle|sedan|suv)\b[^.]{0,40}\b(?:driven|drove|steered|swerved|mounted)\s+(?:onto|along)\b/i,
    'vehicle_ramming',
  ],
  [/\b(bomb|bombs|bombing|bomber|explosion|explosive|blast|detonated|suicide vest|ied)\b/i, 'bombing'],
  [
    /\b(shooting|shootings|shot dead|(?:was|were|been|being) shot|gunman|gunmen|opened fire|gunfire|shots were fired|rifle|firearm)\b/i,
    'shooting',
  ],
  [/\b(stabbing|stabbings|stabbed|knife attack|knifeman|machete|knife)\b/i, 'stabbing'],
  [
    /\b(arson|arsonists?|set fire|set on fire|set alight|set ablaze|firebomb\w*|petrol[- ]bomb\w*|torched|blaze|(?:deliberately|intentionally) (?:started|set|lit)|(?:mosque|synagogue|church|temple|chapel)\s+fire|deliberate\s+fire)\b/i,
    'arson',
  ],
];
const ATTACK_CUE =
  /\b(attack|attacks|attacked|attacker|stabbing|stabbed|shooting|shot dead|(?:was|were|been|being) shot|gunman|gunmen|opened fire|explosion|blast|bombing|rammed|ramming|ploughed into|driven into|drove into|drives into|ploughs into|bombs?|explosive device|arson|arsonists?|set fire|set on fire|set alight|set ablaze|firebombed|petrol[- ]bombed|torched|(?:deliberately|intentionally) (?:started|set|lit)|(?:mosque|synagogue|church|temple|chapel)\s+fire|deliberate\s+fire|arsonists?|exploded|detonated|massacre|killed|killing|injured|injuring|wounded|wounding|terror)\b/i;
/** Phrases that use attack words for something else. */
const NOT_ATTACK =
  /\b(?:heart|asthma|panic|anxiety) attacks?\b|\b(?:accused|suspected|convicted|guilty|charged|acquitted)\s+(?:of|with)\s+(?:killing|murdering|attacking|injuring|wounding)\b/gi;
/* The second kind: a charge names a known act ("the man accused of killing three"), not a new one. */
const VENUES: [RegExp, string][] = [
  [/\bmosques?\b/i, 'muslims'],
  [/\bsynagogues?\b/i, 'jews'],
  [/\bchurch(es)?\b|\bcathedral\b/i, 'christians'],
  [/\basylum hotel|refugee (centre|center|camp)|migrants?\b/i, 'immigrants'],
  [/\bgay (bar|club)|pride (march|parade)\b/i, 'lgbtq'],
];
/** A day named right after an incident's name: "the Leeds stabbing on Friday", "… last night". */
const DATED_AFTER =
  /^\s+(?:on\s+|last\s+|early\s+|late\s+)*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|night|\d{1,2}\s+\p{L}+(?:\s+\d{4})?|\p{L}+\s+\d{1,2}(?:,?\s+\d{4})?)\b/iu;

/** Words a named reference can start with that are not names ("the Monday attack"). */
const NOT_NAMES = new Set([
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'Police',
  'The',
  'Officers',
  'Telegram',
  'Facebook',
  'Twitter',
]);
/**
 * An earlier incident named by its place in passing: "a week after the attack at Piccadilly
 * Gardens", "since the shooting in Halle". Its place is not the place of the text's own incident.
 */
const PLACED_REFERENCE =
  /\b(?:after|since|following|before|recalling|remembering|anniversary of|echoes of|reminiscent of|like)\s+(?:the|last\s+\w+['’]s|a|an)?\s*(?:[\p{Ll}-]+\s+){0,3}(?:attacks?|shootings?|stabbings?|bombings?|massacres?|rampage)\s+(?:at|in|on|near|outside)\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’.-]*(?:\s+|$)){1,4}(?:[\p{Ll}]+\b)?/gu;
const NAMED_REFERENCE =
  /\bthe\s+((?:[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|mosque|synagogue|church|market|arena|bridge))*)(?:\s*,\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)*(?:,?\s+and\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)?)\s+(attacks?|bombings?|shootings?|stabbings?|massacres?|incidents?|plots?)\b/g;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function count(text: string, re: RegExp): number | null {
  const m = re.exec(text);
  if (!m) return null;
  const raw = (m[1] as string).toLowerCase();
  return /^\d+$/.test(raw) ? Number(raw) : (NUMBER_WORDS[raw] ?? null);
}

function methodOf(text: string): Method | null {
  for (const [re, method] of METHODS) if (re.test(text)) return method;
  return null;
}

function ideologyOf(text: string): EventMention['perpetratorIdeology'] {
  if (
    /\b(islamist|jihadist|islamic state|isis|isil|daesh|al-qaeda|al qaeda|pledged allegiance)\b/i.test(text)
  )
    return 'jihadist';
  if (
    /\b(far-right|far right|neo-nazi|white supremacist|extreme right|right-wing extremist|great replacement)\b/i.test(
      text,
    )
  )
    return 'far_right';
  return null;
}

/**
 * "Reopened on Monday, three days after the shooting (in which …)": a sentence whose only act is
 * measured from another day dates the act that many days before it; without a day of its own
 * ("A week after the rampage, shopkeepers say …") it is told on the day of publication. When the
 * sentence tells an act of its own ("was shot on Saturday, a week after the attack at …"), the
 * span is about an earlier incident and dates nothing.
 */
const AFTER_ACT = new RegExp(
  // The act after "after" is a noun ("the shooting") or a clause that tells it ("a car was driven
  // along a sidewalk, killing three"): to the end of the clause of its first act word.
  `\\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\\d+)\\s+(days?|weeks?|months?|years?)(?:\\s+to\\s+the\\s+day)?\\s+(?:after|since|on\\s+from)\\s+[^.;]{0,100}?(?:\\b(?:attacks?|shootings?|stabbings?|bombings?|blast|explosion|ramming|massacre|rampage|arson|fire)\\b|${ATTACK_CUE.source})[^,;.]*(?:,?\\s+(?:in which|which|that|when)\\b[^,;]*)?`,
  'iu',
);

function dateAfterAct(sentence: string, published: string | null): ResolvedDate | null {
  const m = AFTER_ACT.exec(sentence);
  if (!m) return null;
  const rest = `${sentence.slice(0, m.index)}${' '.repeat(m[0].length)}${sentence.slice(m.index + m[0].length)}`;
  // An act named as known ("the seven people killed at the bar") is this one, not an act of its own.
  const own = rest
    .replace(NOT_ATTACK, (x) => ' '.repeat(x.length))
    .replace(KNOWN_ACTS, (x) => ' '.repeat(x.length));
  if (ATTACK_CUE.test(own)) return null;
  const base =
    resolveIncidentDate(rest, published) ??
    (published ? { date: published.slice(0, 10), uncertaintyDays: 1, expression: 'published' } : null);
  if (!base) return null;
  const count = /^\d+$/.test(m[1] as string)
    ? Number(m[1])
    : (NUMBER_WORDS[(m[1] as string).toLowerCase()] ?? 1);
  const unit = (m[2] as string).toLowerCase();
  const weeks = unit.startsWith('week');
  const months = unit.startsWith('month');
  const years = unit.startsWith('year');
  const back = count * (years ? 365 : months ? 30 : weeks ? 7 : 1);
  return {
    date: new Date(Date.parse(base.date) - back * 86_400_000).toISOString().slice(0, 10),
    uncertaintyDays: base.uncertaintyDays + (years ? 7 : months ? 7 * count : weeks ? 3 : 0),
    expression: `${base.expression}, ${m[0]}`,
  };
}

/** A date with its day written out: "30 September 2027", "March 21, 2027", "February 11". */
const DAY_DATE =
  /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)(?:\s+\d{4})?\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b/i;
/** A dateline at the head of a report: "LYON, April 7 —", "GDANSK, Poland, May 19 —". */
const DATELINE = /^\s*\p{Lu}[\p{Lu} .'’-]+,[^—–\n]{0,40}?(?:—|–|\s-\s)/u;
/** Words that tell the act in a dated sentence of a follow-up: the cues, and the fire itself. */
const DATED_ACT = new RegExp(`${ATTACK_CUE.source}|\\b(?:blaze|fire)\\b`, 'gi');

/**
 * "The attack took place on 30 September 2027", "Two of those injured on 21 March 2027", "the
 * blaze on the night of May 20": a sentence that tells the act with its day dates the incident,
 * whichever sentence a follow-up report opens with. Only a date on or before publication counts,
 * and not inside a passing reference to another incident.
 */
/**
 * The day of the report's own act: a sentence telling it with its day written out, else a span
 * counted from it, else the day nearest the act in its sentence, else (with doubt) any day of the
 * lede. A dateline's day is the report's, never the act's.
 */
function dateOf(
  ledeSentences: readonly string[],
  cueSentence: string,
  published: string | null,
  method: Method | null,
): ResolvedDate | null {
  const undated = (t: string) => t.replace(DATELINE, (m) => ' '.repeat(m.length));
  const sentences = ledeSentences.map(undated);
  const cue = undated(cueSentence);
  const lede = sentences.join(' ');
  return (
    datedAct(sentences, published, method) ??
    dateAfterAct(cue, published) ??
    followUp(cue, resolveIncidentDate(cue, published, cue.search(ATTACK_CUE))) ??
    doubted(resolveIncidentDate(lede, published, lede.search(ATTACK_CUE)))
  );
}

function datedAct(
  sentences: readonly string[],
  published: string | null,
  method: Method | null,
): ResolvedDate | null {
  for (const s of sentences) {
    if (anotherAct(s, method)) continue;
    const full = DAY_DATE.exec(s);
    if (!full) continue;
    const spans = referenceSpans(s);
    if (within(full.index, spans)) continue;
    const acts = s.replace(NOT_ATTACK, (m) => ' '.repeat(m.length));
    const act = [...acts.matchAll(DATED_ACT)].some((m) => !within(m.index, spans));
    if (!act) continue;
    const date = resolveIncidentDate(full[0], published);
    if (date && (!published || date.date <= published.slice(0, 10))) return date;
  }
  return null;
}

/**
 * A place in the same clause after these words is where a suspect was caught or held, or where
 * someone lived, came from or was going ("arrested … in Schiedam", "who had arrived in Quebec",
 * "on her way to visit grandchildren in Grenoble"), not where the act was.
 */
const ELSEWHERE =
  /\b(?:arrested|detained|caught|apprehended|extradited|held|remanded|fled|picked up|rounded up|tracked down|traced|arrived|moved|lived|lives|born|raised|grew up|emigrated|travell?ed|travell?ing|visit|visiting|on (?:his|her|their) way)\b[^.;,—]{0,60}$/i;

/**
 * Days of doubt added to a date read outside the sentence that tells the act: in a follow-up
 * ("Police have charged a man over the shooting. He was arrested on Monday.") it is the day of
 * something after the act.
 */
const FOLLOW_UP_DOUBT_DAYS = 3;

const doubted = (date: ResolvedDate | null): ResolvedDate | null =>
  date && { ...date, uncertaintyDays: date.uncertaintyDays + FOLLOW_UP_DOUBT_DAYS };

/**
 * An act named only as something known ("a third victim of the shooting has died, prosecutors
 * said on Tuesday", "Saturday's attack") makes its sentence a follow-up: the day in it is of the
 * news, not of the act, so it carries the same doubt.
 */
const KNOWN_ACT = new RegExp(
  `(?:\\bthe|['’]s)\\s+(?:[\\p{Ll}-]+\\s+){0,2}(?:${ATTACK_CUE.source.replace(/^\\b\(|\)\\b$/g, '')})\\b`,
  'iu',
);
const KNOWN_ACTS = new RegExp(KNOWN_ACT.source, 'giu');
const followUp = (sentence: string, date: ResolvedDate | null): ResolvedDate | null => {
  if (!date) return null;
  const acts = [...sentence.matchAll(new RegExp(ATTACK_CUE.source, 'gi'))];
  const known = KNOWN_ACT.exec(sentence);
  // Only when every act word is such a reference: "a gunman opened fire … in the attack" is not.
  return known && acts.length === 1 ? doubted(date) : date;
};

/**
 * A sentence beside the report's own that tells only an act of another kind ("no link with the
 * March 14 stabbing at Part-Dieu station" in a report of a ramming) is about another incident: its
 * day, places and landmarks are not this one's. (A sentence naming this report's act first, as a
 * van then knives, reads as this act.)
 */
function anotherAct(sentence: string, method: Method | null): boolean {
  const other = methodOf(sentence);
  return other !== null && method !== null && other !== method;
}

interface Located {
  place: string | null;
  landmarks: string[];
}

/**
 * The best place among hits: a city in the strongest frame, with landmarks of that city beside it.
 * Of the act's sentence's places in one frame, the one nearest the act (at `act`, -1 when unknown)
 * wins: "arrested a man in Schiedam over last Friday's attack in Rotterdam" happened in Rotterdam.
 */
function locate(primary: PlaceHit[], secondary: PlaceHit[], act = -1): Located {
  const distance = (h: PlaceHit) =>
    act < 0 ? h.index : Math.min(Math.abs(h.index - act), Math.abs(h.end - act));
  const byFrame = (hits: PlaceHit[], near: (h: PlaceHit) => number) =>
    [...hits].sort((a, b) => b.frame - a.frame || near(a) - near(b)).filter((h) => h.frame >= -1);
  // Another sentence's city counts only in a locative frame ("police in Leeds", a dateline): "services
  // to Marseille were diverted" says nothing of where the act was. Its landmarks always count.
  const ranked = [
    ...byFrame(primary, distance),
    ...byFrame(secondary, (h) => h.index).filter((h) => h.frame >= 1 || h.landmark !== null),
  ];
  const best = ranked.find((h) => h.frame >= 0) ?? ranked[0];
  if (!best) return { place: null, landmarks: [] };
  // A landmark of unknown city takes the city named beside it ("Piccadilly Gardens in Manchester").
  const place = best.city ?? ranked.find((h) => h.city !== null && h.frame >= 0)?.city ?? null;
  const landmarks = [
    ...new Set(
      ranked
        .filter((h) => h.landmark !== null && (h.city === null || h.city === place))
        .map((h) => h.landmark as string),
    ),
  ];
  return { place, landmarks };
}

const within = (index: number, spans: readonly [number, number][]) =>
  spans.some(([s, e]) => index >= s && index < e);

/** Where a sentence names other incidents in passing. */
function referenceSpans(sentence: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of sentence.matchAll(PLACED_REFERENCE)) spans.push([m.index, m.index + m[0].length]);
  for (const m of sentence.matchAll(NAMED_REFERENCE)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Place hits of a sentence outside its passing references to other incidents. */
function placesOf(sentence: string, gazetteer: Gazetteer): PlaceHit[] {
  const spans = referenceSpans(sentence);
  return (
    gazetteer
      .find(sentence)
      .filter((h) => !within(h.index, spans))
      // Where a suspect was caught, or someone came from, is a place of last resort.
      .map((h) => (h.frame < 4 && ELSEWHERE.test(sentence.slice(0, h.index)) ? { ...h, frame: -1 } : h))
  );
}

/**
 * Reads a news text for attacks: the incident it reports (place, act, casualties, date resolved
 * against publication) and the incidents it names in passing ("following the Westminster,
 * Manchester and London Bridge attacks", "a week after the attack at Piccadilly Gardens"). A
 * place is a city (with any landmark named as an alias), never a bare capitalised word; an
 * incident whose place or date the text does not give has them null.
 */
export function extractEvents(text: string, published: string | null, gazetteer: Gazetteer): EventMention[] {
  const out: EventMention[] = [];
  const all = sentences(text);
  const ledeSentences = all.slice(0, 4);
  const lede = ledeSentences.join(' ');
  const reference = (
    name: string | null,
    located: Located,
    noun: string,
    evidence: string,
    date: ResolvedDate | null = null,
  ) =>
    out.push({
      mode: 'reference',
      name,
      place: located.place,
      landmarks: located.landmarks,
      method: methodOf(noun),
      kind: /plot/.test(noun) ? 'plot' : 'attack',
      date,
      casualties: { killed: null, injured: null },
      perpetratorIdeology: null,
      targetedGroup: null,
      evidence,
    });
  // Passing references by name ("the Westminster attack"), which are not this text's own incident.
  for (const m of text.matchAll(NAMED_REFERENCE)) {
    const names = (m[1] as string)
      .split(/\s*,\s*|,?\s+and\s+(?:the\s+)?/)
      .map((n) => n.trim())
      .filter((n) => n.length > 1 && !NOT_NAMES.has(n));
    const noun = (m[2] as string).replace(/s$/, '');
    for (const n of names) {
      const known =
        gazetteer.cityOf(n) ??
        gazetteer.cityOf(n.replace(/\s+(mosque|synagogue|church|market|arena|bridge)$/i, '')) ??
        null;
      const hit = known ? null : gazetteer.find(`the ${n} ${noun}`).find((h) => h.city || h.landmark);
      const located: Located | null = known
        ? { place: known.city, landmarks: known.landmark ? [known.landmark] : [] }
        : hit
          ? { place: hit.city, landmarks: hit.landmark ? [hit.landmark] : [] }
          : null;
      // "The Buffalo shooting on Saturday": one incident named with its day is dated by it.
      const dated = names.length === 1 ? DATED_AFTER.exec(text.slice(m.index + m[0].length)) : null;
      const date = dated ? resolveIncidentDate(dated[0], published) : null;
      // A name that is no known place ("the Ramadan attack") is still an event's name, not a place.
      reference(`${n} ${noun}`, located ?? { place: null, landmarks: [] }, `${n} ${noun}`, m[0], date);
    }
  }
  for (const m of lede.matchAll(PLACED_REFERENCE)) {
    const located = locate(gazetteer.find(m[0]), []);
    if (located.place || located.landmarks.length > 0) reference(null, located, m[0], m[0]);
  }
  // The text's own incident is told by an act outside any passing reference to another one.
  const cueSentence = ledeSentences.find((s) => {
    const spans = referenceSpans(s);
    const acts = s.replace(NOT_ATTACK, (m) => ' '.repeat(m.length));
    return [...acts.matchAll(new RegExp(ATTACK_CUE.source, 'gi'))].some((m) => !within(m.index, spans));
  });
  if (!cueSentence) return out;
  const method = methodOf(cueSentence) ?? methodOf(lede);
  const located = locate(
    placesOf(cueSentence, gazetteer),
    ledeSentences
      .filter((s) => s !== cueSentence && !anotherAct(s, method))
      .flatMap((s) => placesOf(s, gazetteer)),
    cueSentence.search(ATTACK_CUE),
  );
  const place = located.place;
  if (!place && located.landmarks.length === 0 && !method) return out;
  const kind: EventKind = /\b(trial|court|sentenced|convicted|jailed|inquest|pleaded)\b/i.test(lede)
    ? 'trial'
    : /\b(plot|plotting|planned|planning|foiled|preparing)\b/i.test(cueSentence)
      ? 'plot'
      : /\barrested\b/i.test(cueSentence) &&
          !/\b(killed|injured|wounded|stabbed|shot|rammed|explosion)\b/i.test(lede)
        ? 'arrest'
        : 'attack';
  let targetedGroup: string | null = null;
  for (const [re, group] of VENUES)
    if (re.test(cueSentence)) {
      targetedGroup = group;
      break;
    }
  out.push({
    mode: 'report',
    name: null,
    place,
    landmarks: located.landmarks,
    method,
    kind,
    date: dateOf(ledeSentences, cueSentence, published, method),
    casualties: {
      killed: count(
        lede,
        /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?)\s+(?:people\s+|worshippers\s+|others\s+)?(?:were\s+|have been\s+)?(?:killed|dead|died)\b/i,
      ),
      injured: count(
        lede,
        /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?)\s+(?:people\s+|others\s+)?(?:were\s+|have been\s+)?(?:injured|wounded|hurt)\b/i,
      ),
    },
    // Only what is said of the perpetrator counts: "a far-right channel praised it" says nothing of them.
    perpetratorIdeology: ideologyOf(
      all
        .filter((s) =>
          /\b(suspect|attacker|gunman|perpetrator|killer|bomber|assailant|motive|he had|he was)\b/i.test(s),
        )
        .join(' '),
    ),
    targetedGroup,
    evidence: cueSentence,
  });
  return out;
}
