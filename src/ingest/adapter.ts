import type { ChannelEvent, NormalizedItem, RecordError, SourceRef } from '../domain/index.js';

/** One record read from an input: an item, a channel event, or a problem with that record. */
export type IngestRecord =
  | { kind: 'item'; item: NormalizedItem; line?: number | null }
  | { kind: 'channel_event'; event: ChannelEvent }
  /** A record that is not content (a service line, an empty entry): counted, never an error. */
  | { kind: 'skipped' }
  /** Something about the whole file the user should know (said once per file). */
  | { kind: 'warning'; file: string; message: string }
  | { kind: 'error'; error: RecordError };

export interface ReadProgress {
  file: string;
  bytesRead: number;
  totalBytes: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Overrides the source the input names (`vigil ingest --source NAME`). */
  source?: string;
  /** Column mapping for tabular inputs (`--map text=body,...`). */
  mapping?: Record<string, string>;
  /** IANA zone for local times that name no zone, or an abbreviation Vigil does not know (`--tz`). */
  timeZone?: string;
  onProgress?: (progress: ReadProgress) => void;
}

/**
 * A reader for one input format. `read` streams records in input order, in constant memory,
 * and reports a damaged record as an `error` value; it throws only for a file it cannot open.
 */
export interface IngestAdapter {
  readonly format: string;
  /** Whether the file looks like this format, from its name and first bytes. */
  sniff(file: string, head: string): boolean;
  read(file: string, options: ReadOptions): AsyncIterable<IngestRecord>;
}

/** Applies `--source NAME` to a source the input declared. */
export function withSourceOverride(source: SourceRef, override: string | undefined): SourceRef {
  return override ? { ...source, name: override, externalId: null } : source;
}
