import { type ResolvedDate, resolveIncidentDate } from './dates.js';
import type { Gazetteer } from './gazetteer.js';

export type Method = 'vehicle_ramming' | 'stabbing' | 'shooting' | 'bombing' | 'arson' | 'other';
export type EventKind = 'attack' | 'plot' | 'arrest' | 'trial';

/** An incident as one text mentions it. */
export interface EventMention {
  /** `report`: the text reports the incident; `reference`: it names it in passing. */
  mode: 'report' | 'reference';
  name: string | null;
  place: string | null;
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
    /\b(van|lorry|truck|car|vehicle)\b[^.]{0,40}\b(driven|drove|ploughed|plowed|rammed|ramming|mounted|crashed) (into|through)|\bramming\b|\bmowed down\b/i,
    'vehicle_ramming',
  ],
  [/\b(bomb|bombs|bombing|bomber|explosion|explosive|blast|detonated|suicide vest|ied)\b/i, 'bombing'],
  [
    /\b(shooting|shootings|shot dead|gunman|gunmen|opened fire|gunfire|shots were fired|rifle|firearm)\b/i,
    'shooting',
  ],
  [/\b(stabbing|stabbings|stabbed|knife attack|knifeman|machete|knife)\b/i, 'stabbing'],
  [/\b(arson|set fire|set alight|firebomb|petrol bomb|torched|blaze)\b/i, 'arson'],
];
const ATTACK_CUE =
  /\b(attack|attacks|attacked|attacker|stabbing|stabbed|shooting|shot dead|gunman|opened fire|explosion|blast|bombing|rammed|ramming|ploughed into|driven into|arson|set fire|massacre|killed|injured|wounded|terror)\b/i;
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozens: 24,
  dozen: 12,
};
const VENUES: [RegExp, string][] = [
  [/\bmosques?\b/i, 'muslims'],
  [/\bsynagogues?\b/i, 'jews'],
  [/\bchurch(es)?\b|\bcathedral\b/i, 'christians'],
  [/\basylum hotel|refugee (centre|center|camp)|migrants?\b/i, 'immigrants'],
  [/\bgay (bar|club)|pride (march|parade)\b/i, 'lgbtq'],
];
const PLACE_FALLBACK =
  /\b(?:in|at|near|outside|of)\s+(?!the\b|a\b|an\b|his\b|her\b|their\b)([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?=\s+(?:market|mosque|synagogue|church|station|square|high street|town|city|centre|center|park|mall|stadium|arena|festival|school|hotel)\b|[,.]|\s+(?:on|last|this|yesterday|early|late)\b)/;
const STOP_PLACES = new Set([
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
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Telegram',
  'Facebook',
  'Twitter',
]);
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
 * Reads a news text for attacks: the incident it reports (place, act, casualties, date resolved
 * against publication) and the incidents it names in passing ("following the Westminster,
 * Manchester and London Bridge attacks").
 */
export function extractEvents(text: string, published: string | null, gazetteer: Gazetteer): EventMention[] {
  const out: EventMention[] = [];
  const all = sentences(text);
  const lede = all.slice(0, 4).join(' ');
  // Passing references by name, which are not this text's own incident.
  const referenced = new Set<string>();
  for (const m of text.matchAll(NAMED_REFERENCE)) {
    const names = (m[1] as string)
      .split(/\s*,\s*|,?\s+and\s+(?:the\s+)?/)
      .map((n) => n.trim())
      .filter((n) => n.length > 1 && !STOP_PLACES.has(n));
    const noun = (m[2] as string).replace(/s$/, '');
    for (const n of names) {
      const place =
        gazetteer.lookup(n)?.name ??
        gazetteer.lookup(n.replace(/\s+(mosque|synagogue|church|market|arena)$/i, ''))?.name ??
        gazetteer.find(n)[0]?.place.name ??
        null;
      if (!place && !/^[A-Z]/.test(n)) continue;
      referenced.add(n);
      out.push({
        mode: 'reference',
        name: `${n} ${noun}`,
        place: place ?? n.split(/\s+/)[0] ?? null,
        method: methodOf(`${n} ${noun}`),
        kind: noun === 'plot' ? 'plot' : 'attack',
        date: null,
        casualties: { killed: null, injured: null },
        perpetratorIdeology: null,
        targetedGroup: null,
        evidence: m[0],
      });
    }
  }
  const cueSentence = all.slice(0, 4).find((s) => ATTACK_CUE.test(s));
  if (!cueSentence) return out;
  const placeHit =
    gazetteer.find(cueSentence).find((p) => !referenced.has(p.alias)) ??
    gazetteer.find(lede).find((p) => !referenced.has(p.alias));
  const fallback = PLACE_FALLBACK.exec(cueSentence) ?? PLACE_FALLBACK.exec(lede);
  const fallbackPlace = fallback && !STOP_PLACES.has(fallback[1] as string) ? (fallback[1] as string) : null;
  const place = placeHit?.place.name ?? fallbackPlace;
  const method = methodOf(cueSentence) ?? methodOf(lede);
  if (!place && !method) return out;
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
    method,
    kind,
    date:
      resolveIncidentDate(cueSentence, published, cueSentence.search(ATTACK_CUE)) ??
      resolveIncidentDate(lede, published, lede.search(ATTACK_CUE)),
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
