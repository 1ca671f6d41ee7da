import { dirname, isAbsolute, resolve } from 'node:path';
import type { ChannelEvent, MediaRef, NormalizedItem, SourceRef, TextEntity } from '../../domain/index.js';
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
  | { kind: 'error'; message: string };

/** The chat a message belongs to, from the header scalars of its chat object. */
export function chatSource(chat: ChatHeader, fallbackName: string): SourceRef {
  const id = chat.id;
  const name = typeof chat.name === 'string' && chat.name !== '' ? chat.name : fallbackName;
  return {
    platform: 'telegram',
    name,
    externalId: typeof id === 'number' || typeof id === 'string' ? String(id) : null,
    kind: typeof chat.type === 'string' ? chat.type : null,
  };
}

/** Turns one exported message into an item or a channel event. */
export function normalizeMessage(
  msg: TelegramMessage,
  raw: string,
  source: SourceRef,
  exportFile: string,
): NormalizedMessage {
  if (msg.id === undefined || msg.id === null) return { kind: 'error', message: 'message has no id' };
  const externalId = String(msg.id);
  const postedAt = telegramTime(msg.date_unixtime, msg.date);
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
  const { text, entities } = flattenText(msg.text);
  return {
    kind: 'item',
    item: {
      platform: 'telegram',
      source,
      externalId,
      author: msg.from ?? null,
      authorId: peerId(msg.from_id),
      postedAt,
      editedAt: telegramTime(msg.edited_unixtime, msg.edited),
      text,
      title: null,
      entities,
      url: null,
      forwardedFrom: msg.forwarded_from ?? msg.saved_from ?? null,
      forwardedFromId: peerId(msg.forwarded_from_id),
      replyTo: msg.reply_to_message_id === undefined ? null : String(msg.reply_to_message_id),
      viaBot: msg.via_bot ?? null,
      media: mediaOf(msg, dirname(exportFile)),
      raw,
    },
  };
}

/**
 * `date_unixtime` is exact; `date` is local time without an offset, so it is read as UTC only
 * when nothing better exists.
 */
export function telegramTime(unix: string | number | undefined, local: string | undefined): string | null {
  if (unix !== undefined && unix !== '') {
    const seconds = Number(unix);
    if (Number.isFinite(seconds)) return new Date(seconds * 1000).toISOString();
  }
  if (local) {
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(local) ? local : `${local}Z`);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  return null;
}

/** `user123` / `channel123` as written, the legacy bare number as `user123`, null for deleted. */
export function peerId(id: string | number | null | undefined): string | null {
  if (id === undefined || id === null || id === '') return null;
  return typeof id === 'number' || /^\d+$/.test(id) ? `user${id}` : id;
}

/** Flattens Telegram's mixed text array, keeping entities with UTF-16 offsets into the result. */
export function flattenText(value: TelegramMessage['text']): { text: string; entities: TextEntity[] } {
  if (value === undefined || value === null) return { text: '', entities: [] };
  if (typeof value === 'string') return { text: value, entities: [] };
  let text = '';
  const entities: TextEntity[] = [];
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

function mediaOf(msg: TelegramMessage, exportDir: string): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (declared: string | undefined, kind: MediaRef['kind']) => {
    if (typeof declared !== 'string' || declared === '') return;
    const missing = NOT_INCLUDED.test(declared);
    media.push({
      kind,
      declared,
      missing,
      path: missing ? null : isAbsolute(declared) ? declared : resolve(exportDir, declared),
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
