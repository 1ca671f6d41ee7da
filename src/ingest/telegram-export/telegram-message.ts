import { dirname, isAbsolute, resolve } from 'node:path';
import type { ChannelEvent, MediaRef, NormalizedItem, SourceRef, TextEntity } from '../../domain/index.js';
import { parseZonedTime } from '../tabular/zoned-time.js';
import { type FilePresence, filePresence } from './file-presence.js';
import type { ChatHeader } from './json-splitter.js';

/** A message as Telegram Desktop exports it; every field is optional in practice. */
export interface TelegramMessage {
  id?: number | string;
  type?: string;
  date?: string;
  date_unixtime?: string | number;
  edited?: string;
  edited_unixtime?: string | number;
  from?: string | null;
  from_id?: string | number | null;
  actor?: string | null;
  actor_id?: string | number | null;
  action?: string;
  forwarded_from?: string | null;
  forwarded_from_id?: string | number | null;
  saved_from?: string | null;
  reply_to_message_id?: number | string;
  via_bot?: string;
  text?: string | TextPart[];
  photo?: string;
  file?: string;
  thumbnail?: string;
  media_type?: string;
  mime_type?: string;
  width?: number;
  height?: number;
}

export type TextPart = string | { type?: string; text?: string; href?: string; user_id?: number | string };

export type NormalizedMessage =
  | { kind: 'item'; item: NormalizedItem }
  | { kind: 'channel_event'; event: ChannelEvent }
  | { kind: 'error'; field: string; message: string };

/**
 * Exports before 2021 wrote peer ids as numbers with the peer's kind in high bits (a basic group
 * plus 2^32, a channel plus 2^33); later exports write "user123"/"chat123"/"channel123" strings
 * and bare chat ids. Old ids are decoded so an old and a new export of one chat meet.
 */
const CHAT_SHIFT = 2 ** 32;
const CHANNEL_SHIFT = 2 ** 33;

function legacyPeer(id: number): { kind: 'user' | 'chat' | 'channel'; id: number } {
  if (id >= CHANNEL_SHIFT && id < CHANNEL_SHIFT + CHAT_SHIFT)
    return { kind: 'channel', id: id - CHANNEL_SHIFT };
  if (id >= CHAT_SHIFT && id < CHANNEL_SHIFT) return { kind: 'chat', id: id - CHAT_SHIFT };
  return { kind: 'user', id };
}

/** Whether a message comes from a pre-2021 export (numeric peer ids). */
export function isLegacyExport(msg: TelegramMessage): boolean {
  return typeof msg.from_id === 'number' || typeof msg.actor_id === 'number';
}

/** The chat a message belongs to, from the header scalars of its chat object. */
export function chatSource(chat: ChatHeader, fallbackName: string, legacy = false): SourceRef {
  const id = chat.id;
  const name = typeof chat.name === 'string' && chat.name !== '' ? chat.name : fallbackName;
  const externalId =
    typeof id === 'number' ? String(legacy ? legacyPeer(id).id : id) : typeof id === 'string' ? id : null;
  return {
    platform: 'telegram',
    name,
    externalId,
    kind: typeof chat.type === 'string' ? chat.type : null,
  };
}

const isOptionalString = (v: unknown) => v === undefined || v === null || typeof v === 'string';
const isOptionalId = (v: unknown) =>
  v === undefined ||
  v === null ||
  typeof v === 'string' ||
  (typeof v === 'number' && Number.isSafeInteger(v));

/** The first field of a content message whose type no export writes, with what was expected. */
function wrongField(msg: TelegramMessage): { field: string; expected: string } | null {
  for (const f of [
    'from',
    'forwarded_from',
    'saved_from',
    'via_bot',
    'date',
    'edited',
    'photo',
    'file',
  ] as const)
    if (!isOptionalString(msg[f])) return { field: f, expected: 'a string' };
  for (const f of ['from_id', 'forwarded_from_id', 'reply_to_message_id'] as const)
    if (!isOptionalId(msg[f])) return { field: f, expected: 'an id' };
  const text = msg.text as unknown;
  if (text !== undefined && text !== null && typeof text !== 'string' && !Array.isArray(text))
    return { field: 'text', expected: 'a string or a list of text parts' };
  for (const f of ['date_unixtime', 'edited_unixtime'] as const) {
    const v = msg[f];
    if (v !== undefined && v !== '' && !unixSecondsInRange(v)) return { field: f, expected: 'Unix seconds' };
  }
  return null;
}

/** Turns one exported message into an item or a channel event. */
export function normalizeMessage(
  msg: TelegramMessage,
  raw: string,
  source: SourceRef,
  exportFile: string,
  timeZone?: string,
  /** Whether a media file is on disk; a reader of many messages passes one for all of them. */
  isPresent: FilePresence = filePresence(),
): NormalizedMessage {
  if (!isOptionalId(msg.id) || msg.id === undefined || msg.id === null || msg.id === '')
    return { kind: 'error', field: 'id', message: 'id: expected a message id' };
  const externalId = String(msg.id);
  const postedAt = telegramTime(
    msg.date_unixtime,
    typeof msg.date === 'string' ? msg.date : undefined,
    timeZone,
  );
  if (msg.type === 'service' || msg.type === 'unsupported') {
    return {
      kind: 'channel_event',
      event: {
        platform: 'telegram',
        source,
        externalId,
        kind: msg.type,
        action: msg.action ?? null,
        actor: msg.actor ?? null,
        postedAt,
        raw,
      },
    };
  }
  const wrong = wrongField(msg);
  if (wrong)
    return { kind: 'error', field: wrong.field, message: `${wrong.field}: expected ${wrong.expected}` };
  const legacy = isLegacyExport(msg);
  const flat = flattenText(msg.text);
  const { text, entities } = flat.text === '' ? { text: structuredText(msg), entities: flat.entities } : flat;
  return {
    kind: 'item',
    item: {
      platform: 'telegram',
      source,
      externalId,
      author: msg.from ?? null,
      authorId: peerId(msg.from_id, legacy),
      postedAt,
      editedAt: telegramTime(msg.edited_unixtime, msg.edited, timeZone),
      text,
      title: null,
      entities,
      url: null,
      forwardedFrom: msg.forwarded_from ?? msg.saved_from ?? null,
      forwardedFromId: peerId(msg.forwarded_from_id, legacy),
      replyTo: msg.reply_to_message_id === undefined ? null : String(msg.reply_to_message_id),
      viaBot: msg.via_bot ?? null,
      media: mediaOf(msg, dirname(exportFile), isPresent),
      raw,
    },
  };
}

/** Whether a `date_unixtime` is a number of seconds telegramTime can write as a date. */
function unixSecondsInRange(unix: unknown): boolean {
  const seconds = typeof unix === 'number' || typeof unix === 'string' ? Number(unix) : Number.NaN;
  // Beyond ±10^11 s (year 5138) a date is damage, and Date would throw on it.
  return Number.isFinite(seconds) && Math.abs(seconds) < 1e11;
}

/**
 * `date_unixtime` is exact; `date` is the exporting computer's local time without an offset, read
 * in `timeZone` when given (`--tz`), else as UTC (and the reader warns).
 */
export function telegramTime(
  unix: string | number | undefined,
  local: string | undefined,
  timeZone?: string,
): string | null {
  if (unix !== undefined && unix !== '') {
    return unixSecondsInRange(unix) ? isoSeconds(Number(unix)) : null;
  }
  if (local) {
    const zoned = timeZone ? parseZonedTime(local, timeZone) : null;
    if (zoned) return zoned;
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(local) ? local : `${local}Z`);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  return null;
}

const SECONDS_PER_DAY = 86_400;
/** Whole seconds from 1970 to the end of 9999, the years toISOString writes with four digits. */
const LAST_SECOND = 253_402_300_799;
let isoDay = Number.NaN;
let isoDayPrefix = '';

/**
 * Unix seconds as toISOString writes them. The messages of an export come in date order, so the
 * date part is made once per day and the time written out: Date and toISOString for each of
 * 100,000 timestamps took 41 ms, this 7. Fractions and years outside 1970-9999 go through Date.
 */
function isoSeconds(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > LAST_SECOND)
    return new Date(seconds * 1000).toISOString();
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  if (day !== isoDay) {
    isoDayPrefix = new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 11);
    isoDay = day;
  }
  const rest = seconds - day * SECONDS_PER_DAY;
  const hours = Math.floor(rest / 3600);
  const minutes = Math.floor((rest % 3600) / 60);
  return `${isoDayPrefix}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(rest % 60)}.000Z`;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * `user123` / `channel123` as written; a legacy number decoded to its kind and bare id (a
 * pre-2021 export), or a bare number in a new export as a user; null for deleted accounts.
 */
export function peerId(id: string | number | null | undefined, legacy = false): string | null {
  if (id === undefined || id === null || id === '') return null;
  if (typeof id === 'number' && legacy) {
    const peer = legacyPeer(id);
    return `${peer.kind}${peer.id}`;
  }
  return typeof id === 'number' || /^\d+$/.test(id) ? `user${id}` : id;
}

/** Polls, contacts, locations and venues carry no `text`; their content is written out instead. */
function structuredText(msg: TelegramMessage): string {
  const m = msg as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const poll = m.poll as { question?: unknown; answers?: unknown } | undefined;
  if (poll && typeof poll === 'object') {
    const answers = Array.isArray(poll.answers)
      ? poll.answers.map((a) => `- ${str((a as { text?: unknown } | null)?.text)}`)
      : [];
    return [str(poll.question), ...answers].filter((l) => l !== '' && l !== '- ').join('\n');
  }
  const contact = m.contact_information as Record<string, unknown> | undefined;
  if (contact && typeof contact === 'object')
    return `Contact: ${[str(contact.first_name), str(contact.last_name)].filter(Boolean).join(' ')}`.trim();
  const place = [str(m.place_name), str(m.address)].filter(Boolean).join(', ');
  const location = m.location_information as { latitude?: unknown; longitude?: unknown } | undefined;
  if (place !== '' || (location && typeof location === 'object')) {
    const at =
      location && typeof location.latitude === 'number' && typeof location.longitude === 'number'
        ? `${location.latitude}, ${location.longitude}`
        : '';
    return `Location: ${[place, at].filter(Boolean).join(' — ')}`;
  }
  return '';
}

/** Flattens Telegram's mixed text array, keeping entities with UTF-16 offsets into the result. */
export function flattenText(value: TelegramMessage['text']): { text: string; entities: TextEntity[] } {
  if (value === undefined || value === null) return { text: '', entities: [] };
  if (typeof value === 'string') return { text: value, entities: [] };
  let text = '';
  const entities: TextEntity[] = [];
  if (!Array.isArray(value)) return { text: '', entities: [] };
  for (const part of value) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    if (part === null || typeof part !== 'object') continue;
    const piece = typeof part.text === 'string' ? part.text : '';
    const start = text.length;
    text += piece;
    const type = part.type ?? 'plain';
    if (type === 'plain') continue;
    const entity: TextEntity = { type, start, end: text.length };
    if (typeof part.href === 'string') entity.href = part.href;
    else if (type === 'link') entity.href = piece;
    if (part.user_id !== undefined) entity.userId = String(part.user_id);
    entities.push(entity);
  }
  return { text, entities };
}

const NOT_INCLUDED = /^\(File (not included|exceeds maximum size)/i;

function mediaOf(msg: TelegramMessage, exportDir: string, isPresent: FilePresence): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (declared: string | undefined, kind: MediaRef['kind']) => {
    if (typeof declared !== 'string' || declared === '') return;
    const path = NOT_INCLUDED.test(declared)
      ? null
      : isAbsolute(declared)
        ? declared
        : resolve(exportDir, declared);
    // Missing when the export left it out or the file is not on disk beside the export.
    const missing = path === null || !isPresent(path);
    media.push({
      kind,
      declared,
      missing,
      path: missing ? null : path,
      mime: msg.mime_type ?? (kind === 'photo' ? 'image/jpeg' : null),
      width: typeof msg.width === 'number' ? msg.width : null,
      height: typeof msg.height === 'number' ? msg.height : null,
    });
  };
  add(msg.photo, 'photo');
  add(msg.file, mediaKind(msg.media_type));
  return media;
}

function mediaKind(mediaType: string | undefined): MediaRef['kind'] {
  switch (mediaType) {
    case 'video_file':
    case 'video_message':
    case 'animation':
      return 'video';
    case 'voice_message':
    case 'audio_file':
      return 'audio';
    case 'sticker':
      return 'sticker';
    default:
      return 'file';
  }
}
