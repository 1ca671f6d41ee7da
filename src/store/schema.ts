import type { Generated } from 'kysely';

/** Row types of the tables, as Kysely sees them. Timestamps are ISO-8601 UTC text on every dialect. */
export interface Database {
  sources: SourcesTable;
  items: ItemsTable;
  item_versions: ItemVersionsTable;
  media: MediaTable;
  channel_events: ChannelEventsTable;
}

export interface SourcesTable {
  id: Generated<number>;
  platform: string;
  /** The platform id when known, else the name: the identity of a source within its platform. */
  source_key: string;
  name: string;
  external_id: string | null;
  kind: string | null;
  created_at: string;
}

export interface ItemsTable {
  id: Generated<number>;
  platform: string;
  source_id: number;
  external_id: string;
  author: string | null;
  author_id: string | null;
  posted_at: string | null;
  edited_at: string | null;
  collected_at: string;
  title: string | null;
  text: string;
  entities: string;
  url: string | null;
  forwarded_from: string | null;
  forwarded_from_id: string | null;
  reply_to: string | null;
  via_bot: string | null;
  raw: string;
  content_sha256: string;
  version: number;
}

/** Earlier versions of edited items; `items` holds the current one. */
export interface ItemVersionsTable {
  item_id: number;
  version: number;
  text: string;
  edited_at: string | null;
  raw: string;
  content_sha256: string;
  superseded_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  item_id: number;
  position: number;
  kind: string;
  path: string | null;
  declared: string;
  missing: number;
  mime: string | null;
  width: number | null;
  height: number | null;
  sha256: string | null;
  pdq: string | null;
  pdq_quality: number | null;
}

export interface ChannelEventsTable {
  id: Generated<number>;
  platform: string;
  source_id: number;
  external_id: string;
  kind: string;
  action: string | null;
  actor: string | null;
  posted_at: string | null;
  raw: string;
}
