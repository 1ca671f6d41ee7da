import type { ChannelEvent, NormalizedItem, RecordError } from '../domain/index.js';
import type { ReadProgress } from '../ingest/adapter.js';
import type { PlannedFile } from '../ingest/registry.js';
import type { IngestOutcome, ItemStore } from '../store/store.js';

/** The summary `vigil ingest --json` prints. */
export interface IngestSummary {
  read: number;
  new: number;
  duplicates: number;
  edited: number;
  /** Service and unsupported messages, kept as channel events rather than content. */
  channel_events: number;
  errors: RecordError[];
}

export interface IngestRunOptions {
  signal?: AbortSignal;
  source?: string;
  mapping?: Record<string, string>;
  batchSize?: number;
  onProgress?: (progress: ReadProgress & { records: number; fileIndex: number; fileCount: number }) => void;
  /** Called with each batch of newly stored or edited items, for stages that follow ingest. */
  onStored?: (items: { item: NormalizedItem; outcome: IngestOutcome }[]) => Promise<void> | void;
}

/**
 * Reads every planned file and stores what it yields, in batches. Records before a damaged one are
 * stored whatever follows; problems come back in `errors`, one per damaged record.
 */
export async function runIngest(
  store: ItemStore,
  files: readonly PlannedFile[],
  options: IngestRunOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { read: 0, new: 0, duplicates: 0, edited: 0, channel_events: 0, errors: [] };
  const batchSize = options.batchSize ?? 5000;
  let items: NormalizedItem[] = [];
  let events: ChannelEvent[] = [];

  const flush = async () => {
    if (items.length > 0) {
      const batch = items;
      items = [];
      const outcomes = await store.ingestItems(batch);
      const changed: { item: NormalizedItem; outcome: IngestOutcome }[] = [];
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'new') summary.new++;
        else if (outcome.status === 'edited') summary.edited++;
        else summary.duplicates++;
        if (outcome.status !== 'duplicate') changed.push({ item: batch[i] as NormalizedItem, outcome });
      });
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
      onProgress: (p) =>
        options.onProgress?.({ ...p, records: summary.read, fileIndex, fileCount: files.length }),
    });
    for await (const record of records) {
      if (record.kind === 'error') {
        summary.errors.push(record.error);
        continue;
      }
      summary.read++;
      if (record.kind === 'item') items.push(record.item);
      else {
        summary.channel_events++;
        events.push(record.event);
      }
      if (items.length + events.length >= batchSize) await flush();
    }
    await flush();
  }
  return summary;
}
