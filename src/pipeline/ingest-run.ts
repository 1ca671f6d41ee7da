import type { ChannelEvent, NormalizedItem, RecordError } from '../domain/index.js';
import type { ReadProgress } from '../ingest/adapter.js';
import type { PlannedFile } from '../ingest/registry.js';
import { checkItem, repairChannelEvent } from '../ingest/validate-record.js';
import type { IngestOutcome, ItemStore } from '../store/store.js';

/** The summary `vigil ingest --json` prints. */
export interface IngestSummary {
  /** Records read: content, channel events and skipped ones (not errors). */
  read: number;
  new: number;
  duplicates: number;
  edited: number;
  /** Service and unsupported messages, kept as channel events rather than content. */
  channel_events: number;
  /** Records that are not content (channel events included): counted, never errors. */
  skipped: number;
  /** Content records that could not be stored, each with its file, line and field. */
  errors: RecordError[];
  /** Said once per file: how something was read that the user may want to change. */
  warnings: { file: string; message: string }[];
  /** Media files on disk attached to new or edited items: hashed (SHA-256, PDQ) by `vigil scan`. */
  media_to_hash: number;
}

export interface IngestRunOptions {
  signal?: AbortSignal;
  source?: string;
  mapping?: Record<string, string>;
  timeZone?: string;
  batchSize?: number;
  /** Problems found while planning (empty, binary or unrecognised files), reported as errors. */
  planErrors?: readonly RecordError[];
  onProgress?: (progress: ReadProgress & { records: number; fileIndex: number; fileCount: number }) => void;
  /** Called with each batch of newly stored or edited items, for stages that follow ingest. */
  onStored?: (items: { item: NormalizedItem; outcome: IngestOutcome }[]) => Promise<void> | void;
}

interface Pending {
  item: NormalizedItem;
  file: string;
  line: number | null;
}

/**
 * A store error caused by one record's values (a type or size the database refuses), as opposed
 * to the database being unavailable: only the former is isolated to that record.
 */
function isRecordFault(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return true;
  const code = String((error as { code?: unknown })?.code ?? '');
  return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code) || /^2[23]/.test(code);
}

/**
 * Reads every planned file and stores what it yields, in batches. Every content record passes the
 * validation gate first; one that fails it, or that the store refuses, is one error and every
 * other record is stored. Non-content records are counted as skipped.
 */
export async function runIngest(
  store: ItemStore,
  files: readonly PlannedFile[],
  options: IngestRunOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = {
    read: 0,
    new: 0,
    duplicates: 0,
    edited: 0,
    channel_events: 0,
    skipped: 0,
    errors: [...(options.planErrors ?? [])],
    warnings: [],
    media_to_hash: 0,
  };
  const batchSize = options.batchSize ?? 5000;
  let items: Pending[] = [];
  let events: ChannelEvent[] = [];

  const fail = (file: string, line: number | null, field: string | null, message: string) =>
    summary.errors.push({ file, line, field, message });

  /** Stores a batch; if the store refuses it for a record's values, halves it to find that record. */
  const storeBatch = async (batch: Pending[]): Promise<{ p: Pending; outcome: IngestOutcome }[]> => {
    try {
      const outcomes = await store.ingestItems(batch.map((p) => p.item));
      return outcomes.map((outcome, i) => ({ p: batch[i] as Pending, outcome }));
    } catch (error) {
      if (!isRecordFault(error)) throw error;
      if (batch.length === 1) {
        const p = batch[0] as Pending;
        fail(p.file, p.line, null, 'the store refused this record');
        return [];
      }
      const half = Math.ceil(batch.length / 2);
      return [...(await storeBatch(batch.slice(0, half))), ...(await storeBatch(batch.slice(half)))];
    }
  };

  const flush = async () => {
    if (items.length > 0) {
      const batch = items;
      items = [];
      const changed: { item: NormalizedItem; outcome: IngestOutcome }[] = [];
      for (const { p, outcome } of await storeBatch(batch)) {
        if (outcome.status === 'new') summary.new++;
        else if (outcome.status === 'edited') summary.edited++;
        else summary.duplicates++;
        if (outcome.status !== 'duplicate') {
          changed.push({ item: p.item, outcome });
          summary.media_to_hash += p.item.media.filter((m) => !m.missing).length;
        }
      }
      if (changed.length > 0) await options.onStored?.(changed);
    }
    if (events.length > 0) {
      const batch = events;
      events = [];
      await store.recordChannelEvents(batch);
    }
  };

  for (const [fileIndex, planned] of files.entries()) {
    const records = planned.adapter.read(planned.file, {
      signal: options.signal,
      source: options.source,
      mapping: options.mapping,
      timeZone: options.timeZone,
      onProgress: (p) =>
        options.onProgress?.({ ...p, records: summary.read, fileIndex, fileCount: files.length }),
    });
    for await (const record of records) {
      if (record.kind === 'warning') {
        if (!summary.warnings.some((w) => w.file === record.file && w.message === record.message))
          summary.warnings.push({ file: record.file, message: record.message });
        continue;
      }
      if (record.kind === 'error') {
        summary.errors.push({ ...record.error, field: record.error.field ?? null });
        continue;
      }
      if (record.kind === 'item') {
        const problem = checkItem(record.item);
        const line = record.line ?? null;
        if (problem) {
          fail(planned.file, line, problem.field, `${problem.field}: expected ${problem.expected}`);
          continue;
        }
        summary.read++;
        items.push({ item: record.item, file: planned.file, line });
      } else if (record.kind === 'skipped') {
        summary.read++;
        summary.skipped++;
        continue;
      } else {
        summary.read++;
        summary.channel_events++;
        summary.skipped++;
        const event = repairChannelEvent(record.event);
        if (event) events.push(event);
      }
      if (items.length + events.length >= batchSize) await flush();
    }
    await flush();
  }
  return summary;
}
