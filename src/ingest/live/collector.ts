import type { IngestRecord } from '../adapter.js';

/** The kinds of live source `vigil sources add` knows. */
export type LiveSourceKind = 'rss' | 'telegram' | 'telegram-bot';

/** A collector's own resume state (ETags, last message ids), stored as JSON with its source. */
export type Cursor = Record<string, unknown>;

/** A live source as the scheduler hands it to a collector. */
export interface LiveSource {
  id: number;
  kind: LiveSourceKind;
  /** The analyst's name for it; unique; what items are stored under unless the collector says otherwise. */
  name: string;
  /** What to collect: a feed URL, a `@channel`, or empty for a bot (which reads every channel it administers). */
  target: string;
  /** The secret this source needs (a bot token), resolved by the scheduler from the environment or the encrypted file; never stored in clear. */
  secret: string | null;
  cursor: Cursor;
}

/** A problem with one record or request that did not stop the run: reported, never fatal. */
export interface CollectProblem {
  /** Where: a feed entry's index, a URL's host and path, a message id; never content. */
  where: string;
  message: string;
}

/**
 * A channel a forward came from: `@username` when the collector knew it, else its peer id
 * (`channel123`). `peer` is that peer id alongside a username, so a channel seen once by id and
 * once by username is counted as one suggestion.
 */
export interface ForwardOrigin {
  channel: string;
  peer?: string;
  count: number;
}

/** A batch's forward origins, counted per channel (the peer id kept when a username names it). */
export function countForwardOrigins(
  seen: readonly { channel: string; peer: string | null }[],
): ForwardOrigin[] {
  const counts = new Map<string, ForwardOrigin>();
  for (const { channel, peer } of seen) {
    const counted = counts.get(channel) ?? {
      channel,
      ...(peer && peer !== channel ? { peer } : {}),
      count: 0,
    };
    counted.count++;
    counts.set(channel, counted);
  }
  return [...counts.values()];
}

/**
 * A step of a collection run. The scheduler stores `records` through the same ingest path as files,
 * and only then saves `cursor`: a crash between the two repeats the records, which ingest absorbs
 * as duplicates, and never skips any.
 */
export interface CollectBatch {
  records: IngestRecord[];
  cursor?: Cursor;
  problems?: CollectProblem[];
  /** Channels seen as forward origins in this batch, with how often (crawl suggestions). */
  forwardOrigins?: ForwardOrigin[];
}

export interface CollectContext {
  signal: AbortSignal;
  /** The wall clock, injectable so tests can run on fake timers. */
  now(): Date;
}

/**
 * Thrown by a collector told to wait by the remote side (a Telegram FloodWait, an HTTP 429 with
 * Retry-After): the scheduler pauses this source only, until `until`, and keeps the others running.
 */
export class SourceBackoff extends Error {
  constructor(
    readonly until: Date,
    message: string,
  ) {
    super(message);
    this.name = 'SourceBackoff';
  }
}

/** Reads what is new at one source since its cursor. */
export interface Collector {
  readonly kind: LiveSourceKind;
  collect(source: LiveSource, context: CollectContext): AsyncIterable<CollectBatch>;
  /** Releases connections (an MTProto session, a bot's polling). */
  close?(): Promise<void>;
}

/** What every collector is built with; the scheduler builds it from the configuration. */
export interface CollectorOptions {
  /** Hosts and CIDR ranges that may be fetched although private or loopback (`VIGIL_ALLOW_HOSTS`). */
  allowHosts: readonly string[];
  /** The data folder: where downloaded media and the encrypted secrets file live. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

/** How the registry builds a collector of one kind; each kind's module is imported only when used. */
export type CollectorFactory = (options: CollectorOptions) => Collector | Promise<Collector>;
