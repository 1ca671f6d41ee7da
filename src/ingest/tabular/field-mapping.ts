import { createHash } from 'node:crypto';
import type { NormalizedItem } from '../../domain/index.js';

/** Vigil's fields that a row of a CSV or JSONL file can fill. */
export const MAPPABLE_FIELDS = [
  'id',
  'text',
  'posted_at',
  'author',
  'author_id',
  'url',
  'source',
  'platform',
  'title',
  'forwarded_from',
  'reply_to',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];
export type FieldMapping = Partial<Record<MappableField, string>>;

/** Column names tried, in order, when no mapping names a field. */
const DEFAULT_COLUMNS: Record<MappableField, string[]> = {
  id: ['id', 'post_id', 'message_id', 'external_id'],
  text: ['text', 'body', 'message', 'content', 'post'],
  posted_at: ['posted_at', 'timestamp', 'date', 'created_at', 'time'],
  author: ['author', 'user', 'username', 'user_name', 'from'],
  author_id: ['author_id', 'user_id', 'from_id'],
  url: ['url', 'link', 'permalink'],
  source: ['source', 'channel', 'page', 'group'],
  platform: ['platform'],
  title: ['title', 'subject'],
  forwarded_from: ['forwarded_from'],
  reply_to: ['reply_to', 'in_reply_to'],
};

/** Parses `text=body,posted_at=timestamp`; unknown fields are an error naming the field. */
export function parseMapping(
  spec: string,
): { ok: true; mapping: FieldMapping } | { ok: false; message: string } {
  const mapping: FieldMapping = {};
  for (const pair of spec.split(',').filter((p) => p.trim() !== '')) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq).trim();
    const column = pair.slice(eq + 1).trim();
    if (eq < 1 || column === '') return { ok: false, message: `--map: "${pair}" is not field=column` };
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(field)) {
      return { ok: false, message: `--map: unknown field "${field}" (known: ${MAPPABLE_FIELDS.join(', ')})` };
    }
    mapping[field as MappableField] = column;
  }
  return { ok: true, mapping };
}

/** Values that mean "nothing here" in common exports. */
const EMPTY = new Set(['', 'N/A', 'n/a', 'NA', 'null', 'NULL', 'None']);

/** Reads a value by column name or dotted path (`user.name`) from a parsed record. */
export function pick(record: Record<string, unknown>, column: string | undefined): string | null {
  if (column === undefined) return null;
  let value: unknown = record[column];
  if (value === undefined && column.includes('.')) {
    value = column
      .split('.')
      .reduce<unknown>(
        (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        record,
      );
  }
  if (value === undefined || value === null) return null;
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return EMPTY.has(text.trim()) ? null : text;
}

/** The mapping in force: the user's, completed by default column names present in the record. */
export function resolveMapping(columns: readonly string[], user: FieldMapping): FieldMapping {
  const resolved: FieldMapping = { ...user };
  const lower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  for (const field of MAPPABLE_FIELDS) {
    if (resolved[field] !== undefined) continue;
    for (const candidate of DEFAULT_COLUMNS[field]) {
      const column = lower.get(candidate);
      if (column !== undefined) {
        resolved[field] = column;
        break;
      }
    }
  }
  return resolved;
}

/** Parses timestamps in ISO form, `YYYY-MM-DD HH:MM:SS` (UTC) or Unix seconds/milliseconds. */
export function parseTimestamp(value: string | null): string | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(v)) {
    const n = Number(v);
    return new Date(n < 1e11 ? n * 1000 : n).toISOString();
  }
  if (v.length > 64) return null;
  const withZone = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(v) ? `${v.replace(' ', 'T')}Z` : v;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export interface RowDefaults {
  platform: string;
  source: string;
  sourceOverride: string | undefined;
}

/**
 * Builds an item from one row. Returns an error message naming the missing field when the row has
 * no text. Rows without an id get one from their content, so re-ingesting stays idempotent.
 */
export function rowToItem(
  record: Record<string, unknown>,
  mapping: FieldMapping,
  raw: string,
  defaults: RowDefaults,
):
  | { ok: true; item: NormalizedItem }
  | { ok: false; skip: true }
  | { ok: false; skip: false; field: string; message: string } {
  const text = pick(record, mapping.text);
  // A row without text is not content (a service line, an empty post): skipped, not an error.
  if (text === null) return { ok: false, skip: true };
  const postedRaw = pick(record, mapping.posted_at);
  const postedAt = parseTimestamp(postedRaw);
  if (postedRaw !== null && postedAt === null) {
    // The value is never quoted: a wrong mapping would put content in the message.
    return {
      ok: false,
      skip: false,
      field: 'posted_at',
      message: `posted_at: expected a date in column "${mapping.posted_at}" (ISO 8601, "YYYY-MM-DD HH:MM:SS" or Unix time)`,
    };
  }
  const platform = pick(record, mapping.platform) ?? defaults.platform;
  const sourceName = defaults.sourceOverride ?? pick(record, mapping.source) ?? defaults.source;
  const id =
    pick(record, mapping.id) ??
    pick(record, mapping.url) ??
    createHash('sha256').update(raw).digest('hex').slice(0, 32);
  return {
    ok: true,
    item: {
      platform,
      source: { platform, name: sourceName, externalId: null, kind: null },
      externalId: id,
      author: pick(record, mapping.author),
      authorId: pick(record, mapping.author_id),
      postedAt,
      editedAt: null,
      text,
      title: pick(record, mapping.title),
      entities: [],
      url: pick(record, mapping.url),
      forwardedFrom: pick(record, mapping.forwarded_from),
      forwardedFromId: null,
      replyTo: pick(record, mapping.reply_to),
      viaBot: null,
      media: [],
      raw,
    },
  };
}
