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

/**
 * The known event a mention refers to: by name or alias; else by place, a compatible act and a
 * date close enough (a passing reference with only a place takes the latest such event before
 * publication). Null when none fits.
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
  if (!mention.place) return null;
  const place = norm(mention.place);
  const candidates = events.filter((e) => {
    if (!e.place || norm(e.place) !== place) return false;
    if (mention.method && e.method && mention.method !== e.method && mention.mode === 'report') return false;
    if (mention.mode === 'reference') return true;
    const when = mention.date?.date ?? published;
    if (!when || !e.date) return true;
    return days(when, e.date) <= e.dateUncertaintyDays + (mention.date?.uncertaintyDays ?? 7) + 2;
  });
  if (candidates.length === 0) return null;
  const before = published
    ? candidates.filter((e) => !e.date || e.date <= published.slice(0, 10))
    : candidates;
  const pool = before.length > 0 ? before : candidates;
  return [...pool].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))[0] ?? null;
}

/** A new event from a mention that matches nothing known. */
export function eventFromMention(mention: EventMention, published: string | null): Event {
  const place = mention.place ?? 'Unknown place';
  const noun = mention.method ? METHOD_NOUN[mention.method] : 'attack';
  const name = mention.name && mention.mode === 'reference' ? mention.name : `${place} ${noun}`;
  const date = mention.date?.date ?? (mention.mode === 'report' && published ? published.slice(0, 10) : null);
  const aliases = [
    ...new Set([`${place} attack`, `the ${place} incident`].filter((a) => norm(a) !== norm(name))),
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

/** Folds what a further report says into an event: a surer date, higher counts, stated motives. */
export function mergeMention<E extends Event>(event: E, mention: EventMention): E {
  const out = { ...event, casualties: { ...event.casualties }, aliases: [...event.aliases] };
  if (mention.date && (out.date === null || mention.date.uncertaintyDays < out.dateUncertaintyDays)) {
    out.date = mention.date.date;
    out.dateUncertaintyDays = mention.date.uncertaintyDays;
  }
  const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  out.casualties.killed = max(out.casualties.killed, mention.casualties.killed);
  out.casualties.injured = max(out.casualties.injured, mention.casualties.injured);
  out.perpetratorIdeology ??= mention.perpetratorIdeology;
  out.targetedGroup ??= mention.targetedGroup;
  out.method ??= mention.method;
  if (mention.name && !eventNames(out).includes(norm(mention.name))) out.aliases.push(mention.name);
  return out;
}
