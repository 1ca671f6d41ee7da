import type { ChannelEvent, NormalizedItem, StoredItem } from '../domain/index.js';

/** What happened to one item offered to the store. */
export type IngestStatus = 'new' | 'duplicate' | 'edited';

export interface IngestOutcome {
  status: IngestStatus;
  itemId: number;
}

/** A full-text search hit, shaped as `vigil search --json` prints it. */
export interface SearchHit {
  item_id: number;
  source: string;
  platform: string;
  posted_at: string | null;
  text: string;
}

export interface StoreStats {
  items: number;
  by_platform: Record<string, number>;
  by_source: Record<string, number>;
}

/** A superseded version of an edited item. */
export interface ItemVersion {
  version: number;
  text: string;
  editedAt: string | null;
  contentSha256: string;
  raw: string;
}

/**
 * Writes and reads items. Promises: an item is stored once per (platform, source, external id);
 * offering it again is a no-op (`duplicate`); offering it with changed content keeps the old
 * content as a version and makes the new one current (`edited`). Raw records are never altered
 * except by an edit, which preserves the previous raw record in the version history.
 */
export interface ItemStore {
  /** Stores a batch atomically: either every item of the batch is recorded or none is. */
  ingestItems(items: readonly NormalizedItem[]): Promise<IngestOutcome[]>;
  /** Stores channel events (service and unsupported messages); returns how many were new. */
  recordChannelEvents(events: readonly ChannelEvent[]): Promise<number>;
  getItem(id: number): Promise<StoredItem | null>;
  itemVersions(id: number): Promise<ItemVersion[]>;
  search(query: string, options?: { limit?: number }): Promise<SearchHit[]>;
  stats(): Promise<StoreStats>;
  countChannelEvents(): Promise<number>;
}

/** The whole store, as only presets and the CLI's wiring see it. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly items: ItemStore;
  close(): Promise<void>;
}
