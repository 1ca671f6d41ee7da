import { createHash, hash } from 'node:crypto';

/** Where an item was published. Open-ended: adapters may add platforms. */
export type Platform = 'telegram' | 'facebook' | 'news' | 'forum' | 'web' | (string & {});

/** A channel, group, page, feed or outlet that publishes items. */
export interface SourceRef {
  platform: Platform;
  /** Human name as the export shows it ("Example Channel"). */
  name: string;
  /** Platform id when known (Telegram chat id); the name otherwise identifies the source. */
  externalId: string | null;
  /** Channel, group, page, outlet… as the platform calls it. */
  kind: string | null;
}

/** A formatting or link entity, with UTF-16 offsets into the item's flattened text. */
export interface TextEntity {
  type: string;
  start: number;
  end: number;
  href?: string;
  userId?: string;
}

/** A photo, video or file attached to an item. */
export interface MediaRef {
  kind: 'photo' | 'video' | 'file' | 'audio' | 'sticker' | (string & {});
  /** Absolute path when the file is present; null when the export did not include it. */
  path: string | null;
  /** The path or placeholder exactly as the source wrote it. */
  declared: string;
  missing: boolean;
  mime: string | null;
  width: number | null;
  height: number | null;
}

/**
 * One normalised piece of content, as every ingest adapter yields it.
 * Identity is (platform, source, externalId); `raw` keeps the input record verbatim.
 */
export interface NormalizedItem {
  platform: Platform;
  source: SourceRef;
  externalId: string;
  author: string | null;
  authorId: string | null;
  /** ISO-8601 in UTC, or null when the source gives no date. */
  postedAt: string | null;
  editedAt: string | null;
  text: string;
  title: string | null;
  entities: TextEntity[];
  url: string | null;
  forwardedFrom: string | null;
  forwardedFromId: string | null;
  replyTo: string | null;
  viaBot: string | null;
  media: MediaRef[];
  /** The input record as read (JSON text), kept as evidence. */
  raw: string;
}

/** A non-content record of a channel (joins, pins, title changes, unsupported messages). */
export interface ChannelEvent {
  platform: Platform;
  source: SourceRef;
  externalId: string;
  kind: 'service' | 'unsupported';
  action: string | null;
  actor: string | null;
  postedAt: string | null;
  raw: string;
}

/** An item as stored, with its store id and hash. */
export interface StoredItem extends NormalizedItem {
  id: number;
  sourceId: number;
  contentSha256: string;
  collectedAt: string;
  version: number;
}

/** SHA-256 (hex) of an item's content: its text and the media it declares. */
export function contentSha256(item: Pick<NormalizedItem, 'text' | 'media'>): string {
  // The one-shot form is markedly cheaper for short texts, and most items have no media.
  if (item.media.length === 0) return hash('sha256', item.text, 'hex');
  const h = createHash('sha256').update(item.text);
  for (const m of item.media) h.update('\u0000').update(m.declared);
  return h.digest('hex');
}
