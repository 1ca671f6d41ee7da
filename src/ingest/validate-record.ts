import type { ChannelEvent, NormalizedItem } from '../domain/index.js';

/**
 * The gate between readers and the store. Whatever an adapter made of its input, a record reaches
 * the store only with the types the store expects and within bounds; otherwise it becomes one
 * error naming the field and what was expected (never the value: it may be hostile content).
 */

/** Longest text stored as one item; longer is one error, not a crash later in analysis. */
export const MAX_TEXT_CHARS = 1_000_000;
/** Longest raw record kept as evidence. */
export const MAX_RAW_CHARS = 4_000_000;
const MAX_SHORT_CHARS = 4_096;
/** Dates outside these years are damage, not history. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

export interface FieldProblem {
  field: string;
  expected: string;
}

const NUL = /\u0000/g;
/** NUL cannot be stored in PostgreSQL text and means nothing in content: it becomes U+FFFD. */
const clean = (s: string) => (s.includes('\u0000') ? s.replace(NUL, '\uFFFD') : s);

function shortText(value: unknown, field: string, nullable: boolean): FieldProblem | null {
  if (value === null && nullable) return null;
  if (typeof value !== 'string') return { field, expected: nullable ? 'a string or null' : 'a string' };
  if (value.length > MAX_SHORT_CHARS) return { field, expected: `at most ${MAX_SHORT_CHARS} characters` };
  return null;
}

function isoDate(value: unknown, field: string): FieldProblem | null {
  if (value === null) return null;
  const at = typeof value === 'string' ? parseTime(value) : Number.NaN;
  if (Number.isNaN(at) || at < EARLIEST || at >= LATEST)
    return { field, expected: 'a date between 1970 and 2200' };
  return null;
}

let dayPrefix = '\u0000';
let dayStart = Number.NaN;

/**
 * Date.parse of a date, with a shortcut for the form toISOString writes (`2024-01-31T12:00:00.000Z`):
 * the start of its day is parsed once for the items of that day and its time of day added. Items
 * come in date order, mostly in this form; Date.parse of 100,000 such dates took 13 ms, this 4.
 * Anything else, or a time of day out of range, is Date.parse's to judge.
 */
export function parseTime(value: string): number {
  if (
    value.length !== 24 ||
    value.charCodeAt(10) !== 0x54 ||
    value.charCodeAt(13) !== 0x3a ||
    value.charCodeAt(16) !== 0x3a ||
    value.charCodeAt(19) !== 0x2e ||
    value.charCodeAt(23) !== 0x5a
  )
    return Date.parse(value);
  const hours = digits(value, 11, 2);
  const minutes = digits(value, 14, 2);
  const seconds = digits(value, 17, 2);
  const millis = digits(value, 20, 3);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || millis < 0)
    return Date.parse(value);
  if (!value.startsWith(dayPrefix)) {
    dayPrefix = value.slice(0, 11);
    dayStart = Date.parse(`${dayPrefix}00:00:00.000Z`);
  }
  if (Number.isNaN(dayStart)) return Date.parse(value);
  return dayStart + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

/** The number written by `count` ASCII digits from `at`, or -1 if one is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The first problem with an item, or null; the item's strings are cleaned of NUL in place. */
export function checkItem(item: NormalizedItem): FieldProblem | null {
  const problem =
    shortText(item.platform, 'platform', false) ??
    shortText(item.source?.name, 'source', false) ??
    shortText(item.source?.externalId, 'source id', true) ??
    shortText(item.source?.kind, 'source kind', true) ??
    shortText(item.externalId, 'id', false) ??
    (item.externalId === '' ? { field: 'id', expected: 'a non-empty id' } : null) ??
    shortText(item.author, 'author', true) ??
    shortText(item.authorId, 'author id', true) ??
    isoDate(item.postedAt, 'date') ??
    isoDate(item.editedAt, 'edited date') ??
    (typeof item.text !== 'string'
      ? { field: 'text', expected: 'a string' }
      : item.text.length > MAX_TEXT_CHARS
        ? { field: 'text', expected: `at most ${MAX_TEXT_CHARS.toLocaleString('en')} characters` }
        : null) ??
    shortText(item.title, 'title', true) ??
    shortText(item.url, 'url', true) ??
    shortText(item.forwardedFrom, 'forwarded from', true) ??
    shortText(item.forwardedFromId, 'forwarded from id', true) ??
    shortText(item.replyTo, 'reply to', true) ??
    shortText(item.viaBot, 'via bot', true) ??
    (Array.isArray(item.entities) ? null : { field: 'entities', expected: 'a list' }) ??
    (Array.isArray(item.media) ? null : { field: 'media', expected: 'a list' }) ??
    (typeof item.raw !== 'string' || item.raw.length > MAX_RAW_CHARS
      ? { field: 'record', expected: `at most ${MAX_RAW_CHARS.toLocaleString('en')} characters` }
      : null);
  if (problem) return problem;
  item.text = clean(item.text);
  item.raw = clean(item.raw);
  for (const key of ['author', 'title', 'forwardedFrom'] as const) {
    const v = item[key];
    if (v !== null) item[key] = clean(v);
  }
  // Items of one chat may share their source object: it is replaced, never changed in place.
  const name = clean(item.source.name);
  if (name !== item.source.name) item.source = { ...item.source, name };
  return null;
}

/**
 * A channel event is not content: a malformed one is repaired (a wrong-typed action or actor
 * becomes null), never an error. Returns null when it cannot be kept at all.
 */
export function repairChannelEvent(event: ChannelEvent): ChannelEvent | null {
  if (typeof event.externalId !== 'string' || event.externalId === '') return null;
  if (shortText(event.source?.name, 'source', false)) return null;
  const text = (v: unknown) => (typeof v === 'string' && v.length <= MAX_SHORT_CHARS ? clean(v) : null);
  return {
    ...event,
    action: text(event.action),
    actor: text(event.actor),
    postedAt: isoDate(event.postedAt, 'date') ? null : event.postedAt,
    raw: typeof event.raw === 'string' && event.raw.length <= MAX_RAW_CHARS ? clean(event.raw) : '{}',
  };
}

/**
 * How deep JSON text nests, read without parsing (a parser or serialiser that recurses would
 * overflow on hostile depth). Stops counting past `limit`.
 */
export function jsonDepth(text: string, limit = 1_000): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Deepest nesting a JSON record may have. */
export const MAX_JSON_DEPTH = 64;
