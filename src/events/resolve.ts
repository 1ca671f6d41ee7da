import { createHash } from 'node:crypto';
import type { Event } from '../domain/index.js';
import type { EventMention, Method } from './extract.js';

const METHOD_NOUN: Record<Method, string> = {
  vehicle_ramming: 'vehicle attack',
  stabbing: 'stabbing',
  shooting: 'shooting',
  bombing: 'bombing',
  arson: 'arson attack',
  other: 'attack',
};

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;

/** A stable id for an event from its name and date, so seeding and re-extraction are idempotent. */
export function eventIdFor(name: string, date: string | null): string {
  return `evt_${createHash('sha256')
    .update(`${norm(name)}|${date ?? ''}`)
    .digest('hex')
    .slice(0, 12)}`;
}

/** Every name an event answers to, normalised. */
export function eventNames(e: Pick<Event, 'name' | 'aliases'>): string[] {
  return [e.name, ...e.aliases].map(norm);
}

/** Acts that one incident often combines (a van, then knives; gunmen with explosives). */
const COMBINED_METHODS: readonly [Method, Method][] = [
  ['vehicle_ramming', 'stabbing'],
  ['shooting', 'bombing'],
  ['bombing', 'arson'],
];

/** Whether two reported acts can be one incident's. */
export function methodsAgree(a: Method | null, b: Method | null): boolean {
  if (!a || !b || a === b || a === 'other' || b === 'other') return true;
  return COMBINED_METHODS.some(([x, y]) => (a === x && b === y) || (a === y && b === x));
}

/**
 * A candidate: an incident known without its place or its date. It is stored and linked, but
 * listed apart from events until a report supplies what is missing.
 */
export function isCandidate(e: Pick<Event, 'place' | 'date'>): boolean {
  return e.place === null || e.date === null;
}

/** Days of slack on top of both dates' uncertainty ("last night" carries its own day of doubt). */
const DATE_SLACK_DAYS = 0;
/** Within this many days, of two dates as sure the earlier is the act's (see `mergeMention`). */
const FOLLOW_UP_DAYS = 7;

/**
 * The known event a mention refers to: by name or alias; else by place — its city, or a landmark
 * or district of it named as an alias — with a compatible act and a date close enough (a passing
 * reference with only a place takes the latest such event before publication). Of several, the
 * nearest in date. Null when none fits.
 */
export function findEvent<E extends Event>(
  mention: EventMention,
  events: readonly E[],
  published: string | null,
): E | null {
  if (mention.name) {
    const n = norm(mention.name);
    const byName = events.find((e) => eventNames(e).includes(n));
    if (byName) return byName;
  }
  const place = mention.place ? norm(mention.place) : null;
  const landmarks = mention.landmarks.map(norm);
  const when = mention.date?.date ?? published;
  const inWindow = (e: E) =>
    !when ||
    !e.date ||
    days(when, e.date) <= e.dateUncertaintyDays + (mention.date?.uncertaintyDays ?? 7) + DATE_SLACK_DAYS;
  const placed = (e: E) => {
    const samePlace = place !== null && e.place !== null && norm(e.place) === place;
    const sameLandmark = landmarks.some((l) => eventNames(e).includes(l));
    // A landmark of another city is another place, whatever the names say.
    return samePlace || (sameLandmark && (place === null || e.place === null));
  };
  const fits = (e: E) => {
    if (!placed(e)) return false;
    if (mention.mode === 'reference' && !mention.date) return true;
    return methodsAgree(mention.method, e.method) && inWindow(e);
  };
  const candidates = events.filter(fits);
  if (candidates.length === 0) return null;
  if (mention.mode === 'reference' && !mention.date) {
    const before = published
      ? candidates.filter((e) => !e.date || e.date <= published.slice(0, 10))
      : candidates;
    const pool = before.length > 0 ? before : candidates;
    return [...pool].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0] ?? null;
  }
  const distance = (e: E) => (when && e.date ? days(when, e.date) : 0);
  return (
    [...candidates].sort(
      (a, b) => distance(a) - distance(b) || Number(isCandidate(a)) - Number(isCandidate(b)),
    )[0] ?? null
  );
}

/** The name an incident goes by: its place (or landmark) and act ("Manchester shooting"). */
function nameFor(mention: EventMention): string {
  const noun = mention.method ? METHOD_NOUN[mention.method] : 'attack';
  if (mention.name && mention.mode === 'reference') return mention.name;
  const where = mention.place ?? mention.landmarks[0];
  return where ? `${where} ${noun}` : `${noun} (place unknown)`;
}

/** A new event (or candidate, when place or date is unknown) from a mention that matches nothing known. */
export function eventFromMention(mention: EventMention, published: string | null): Event {
  const name = nameFor(mention);
  // A report tells of something on or shortly before its publication: its day, uncertain by three.
  const date = mention.date?.date ?? (mention.mode === 'report' && published ? published.slice(0, 10) : null);
  const places = mention.place ? [mention.place, ...mention.landmarks] : mention.landmarks;
  const aliases = [
    ...new Set(
      [
        ...places.map((p) => `${p} attack`),
        ...mention.landmarks,
        ...mention.landmarks.map((l) => `${l} ${mention.method ? METHOD_NOUN[mention.method] : 'attack'}`),
      ].filter((a) => norm(a) !== norm(name)),
    ),
  ];
  return {
    id: eventIdFor(name, date),
    name,
    aliases,
    date,
    dateUncertaintyDays: mention.date ? mention.date.uncertaintyDays : date ? 3 : 0,
    place: mention.place,
    kind: mention.kind,
    method: mention.method,
    casualties: { ...mention.casualties },
    perpetratorIdeology: mention.perpetratorIdeology,
    targetedGroup: mention.targetedGroup,
  };
}

/**
 * Folds what a further report says into an event: a surer date, higher counts, stated motives,
 * landmarks as aliases, and a place or date it lacked. What an analyst set (`keep`) is not
 * overwritten, only completed.
 */
export function mergeMention<E extends Event>(event: E, mention: EventMention, keep = false): E {
  const out = { ...event, casualties: { ...event.casualties }, aliases: [...event.aliases] };
  const addAlias = (a: string) => {
    if (!eventNames(out).includes(norm(a))) out.aliases.push(a);
  };
  // Of two dates as sure, the earlier is the act's: follow-ups are dated by what came after it
  // (a charge, a death in hospital).
  const earlier =
    mention.date !== null &&
    out.date !== null &&
    mention.date.uncertaintyDays === out.dateUncertaintyDays &&
    mention.date.date < out.date &&
    days(mention.date.date, out.date) <= FOLLOW_UP_DAYS;
  if (
    mention.date &&
    (out.date === null || (!keep && (mention.date.uncertaintyDays < out.dateUncertaintyDays || earlier)))
  ) {
    out.date = mention.date.date;
    out.dateUncertaintyDays = mention.date.uncertaintyDays;
  }
  if (out.place === null && mention.place) {
    out.place = mention.place;
    // A candidate named after a landmark takes its city's name; the old name stays an alias.
    if (!keep) {
      const renamed = `${mention.place} ${out.method || mention.method ? METHOD_NOUN[(out.method ?? mention.method) as Method] : 'attack'}`;
      if (norm(renamed) !== norm(out.name)) {
        addAlias(out.name);
        out.name = renamed;
        out.aliases = out.aliases.filter((a) => norm(a) !== norm(renamed));
      }
    }
    addAlias(`${mention.place} attack`);
  }
  const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  out.casualties.killed = max(out.casualties.killed, mention.casualties.killed);
  out.casualties.injured = max(out.casualties.injured, mention.casualties.injured);
  out.perpetratorIdeology ??= mention.perpetratorIdeology;
  out.targetedGroup ??= mention.targetedGroup;
  out.method ??= mention.method;
  if (mention.name) addAlias(mention.name);
  // Landmarks of the event's own city (not of another) become aliases a later report can name alone.
  if (mention.place === null || out.place === null || norm(mention.place) === norm(out.place))
    for (const l of mention.landmarks) addAlias(l);
  return out;
}
