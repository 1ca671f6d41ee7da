import type { Cursor } from '../collector.js';

/** How many entry keys and content hashes a feed's cursor remembers: a few feeds' worth. */
export const REMEMBERED = 500;

/** A feed source's resume state, as stored in its cursor. */
export interface FeedCursor {
  /** Validators of the last complete read of the feed, for a conditional request. */
  etag: string | null;
  lastModified: string | null;
  /** Entry ids and canonical URLs already collected, oldest first. */
  seen: string[];
  /** SHA-256 of the text of articles already collected, oldest first: the same article under a new URL. */
  hashes: string[];
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string').slice(-REMEMBERED) : [];
const stringOrNull = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** Reads a stored cursor; anything missing or of the wrong type starts fresh. */
export function readFeedCursor(cursor: Cursor): FeedCursor {
  return {
    etag: stringOrNull(cursor.etag),
    lastModified: stringOrNull(cursor.lastModified),
    seen: strings(cursor.seen),
    hashes: strings(cursor.hashes),
  };
}

/** A bounded, ordered set: the most recent `REMEMBERED` keys. */
export class RecentSet {
  private readonly keys: Set<string>;
  constructor(initial: readonly string[]) {
    this.keys = new Set(initial);
  }
  has(key: string): boolean {
    return this.keys.has(key);
  }
  add(key: string): void {
    this.keys.delete(key);
    this.keys.add(key);
    while (this.keys.size > REMEMBERED) this.keys.delete(this.keys.values().next().value as string);
  }
  toArray(): string[] {
    return [...this.keys];
  }
}
