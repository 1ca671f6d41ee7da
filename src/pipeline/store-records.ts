import type { ChannelEvent, NormalizedItem, RecordError } from '../domain/index.js';
import type { IngestRecord } from '../ingest/adapter.js';
import { checkItem, repairChannelEvent } from '../ingest/validate-record.js';
import { type Turn, TurnQueue } from '../shared/turns.js';
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

export const emptyIngestSummary = (errors: readonly RecordError[] = []): IngestSummary => ({
  read: 0,
  new: 0,
  duplicates: 0,
  edited: 0,
  channel_events: 0,
  skipped: 0,
  errors: [...errors],
  warnings: [],
  media_to_hash: 0,
});

/** Newly stored or edited items, handed to the stages that follow ingest. */
export type StoredItems = { item: NormalizedItem; outcome: IngestOutcome }[];

export interface StoreRecordsOptions {
  /** What errors name as their file: the input file, or a live source. */
  file: string;
  batchSize?: number;
  /** Counts are added here (one summary across several files); a fresh one otherwise. */
  summary?: IngestSummary;
  /** Called with each batch of newly stored or edited items, for stages that follow ingest. */
  onStored?: (items: StoredItems) => Promise<void> | void;
}

interface Pending {
  item: NormalizedItem;
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
 * Stores what one input yields, in batches: the one path files and live collectors share. Every
 * content record passes the validation gate first; one that fails it, or that the store refuses,
 * is one error and every other record is stored. Non-content records are counted as skipped.
 * Everything read has been stored when the promise resolves.
 */
export async function storeRecords(
  store: ItemStore,
  records: AsyncIterable<IngestRecord>,
  options: StoreRecordsOptions,
): Promise<IngestSummary> {
  const summary = options.summary ?? emptyIngestSummary();
  const file = options.file;
  const batchSize = options.batchSize ?? 5000;
  let items: Pending[] = [];
  let events: ChannelEvent[] = [];

  const fail = (line: number | null, field: string | null, message: string) =>
    summary.errors.push({ file, line, field, message });

  /**
   * Stores a batch; if the store refuses it for a record's values, halves it to find that record,
   * which goes into `refused`.
   */
  const storeBatch = async (
    batch: Pending[],
    refused: Pending[],
  ): Promise<{ p: Pending; outcome: IngestOutcome }[]> => {
    try {
      // Durable once settled, below: before the summary says what was stored.
      const outcomes = await store.ingestItems(
        batch.map((p) => p.item),
        { settleLater: true },
      );
      return outcomes.map((outcome, i) => ({ p: batch[i] as Pending, outcome }));
    } catch (error) {
      if (!isRecordFault(error)) throw error;
      if (batch.length === 1) {
        refused.push(batch[0] as Pending);
        return [];
      }
      const half = Math.ceil(batch.length / 2);
      return [
        ...(await storeBatch(batch.slice(0, half), refused)),
        ...(await storeBatch(batch.slice(half), refused)),
      ];
    }
  };

  /** Counts what happened to each item of a stored batch and hands the changed ones on. */
  const account = async (stored: { p: Pending; outcome: IngestOutcome }[]) => {
    const changed: StoredItems = [];
    for (const { p, outcome } of stored) {
      if (outcome.status === 'new') summary.new++;
      else if (outcome.status === 'edited') summary.edited++;
      else summary.duplicates++;
      if (outcome.status !== 'duplicate') {
        changed.push({ item: p.item, outcome });
        summary.media_to_hash += p.item.media.filter((m) => !m.missing).length;
      }
    }
    if (changed.length > 0) await options.onStored?.(changed);
  };

  /**
   * Stores one batch of items and one of channel events; once every earlier batch is accounted
   * for, accounts for this one, so counts and onStored follow the input order whatever order the
   * store finishes in (errors too). Channel events are durable once settled, below, as items are.
   */
  const write = async (
    batch: Pending[],
    eventBatch: ChannelEvent[],
    earlier: Promise<void>,
    events: Turn,
  ) => {
    const refused: Pending[] = [];
    let stored: { p: Pending; outcome: IngestOutcome }[];
    try {
      stored = batch.length > 0 ? await storeBatch(batch, refused) : [];
      if (eventBatch.length > 0) {
        await events.after;
        await store.recordChannelEvents(eventBatch, { settleLater: true });
      }
    } finally {
      // Whatever happened to these, the next batch's events wait only for what these waited for.
      events.done();
    }
    await earlier;
    for (const p of refused) fail(p.line, null, 'the store refused this record');
    await account(stored);
  };

  // The next batch is read while earlier ones are written (a database server works on them in
  // other processes). As many batches are in flight as the store takes at once (one unless it
  // says more); a store that takes several stores a record after any earlier one of the same
  // identity, so the outcome is the same as writing one batch at a time.
  const concurrency = Math.max(1, store.ingestConcurrency ?? 1);
  const inFlight: Promise<void>[] = [];
  let last: Promise<void> = Promise.resolve();
  // Channel events are recorded batch after batch, even when a later batch's items are stored
  // first: their ids come from a sequence as they are inserted, and are then those one batch at a
  // time gave them.
  const eventTurns = new TurnQueue();
  const flush = async () => {
    while (inFlight.length >= concurrency) await inFlight.shift();
    const batch = items;
    const eventBatch = events;
    items = [];
    events = [];
    if (batch.length === 0 && eventBatch.length === 0) return;
    last = write(batch, eventBatch, last, eventTurns.take());
    // Its failure is seen when it is awaited; until then it must not count as unhandled.
    last.catch(() => {});
    inFlight.push(last);
  };
  /** Waits for every write in flight to end, then reports the first failure, if any. */
  const drain = async () => {
    const results = await Promise.allSettled(inFlight.splice(0));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };

  try {
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
          fail(line, problem.field, `${problem.field}: expected ${problem.expected}`);
          continue;
        }
        summary.read++;
        items.push({ item: record.item, line });
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
  } catch (error) {
    // Writes in progress end before the error is reported (and the store closed).
    await drain().catch(() => {});
    throw error;
  }
  await drain();
  await store.settle();
  return summary;
}
