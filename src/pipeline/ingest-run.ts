import type { NormalizedItem, RecordError } from '../domain/index.js';
import type { ReadProgress } from '../ingest/adapter.js';
import type { PlannedFile } from '../ingest/registry.js';
import type { IngestOutcome, ItemStore } from '../store/store.js';
import { emptyIngestSummary, type IngestSummary, storeRecords } from './store-records.js';

export type { IngestSummary } from './store-records.js';

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
  const summary = emptyIngestSummary(options.planErrors);
  for (const [fileIndex, planned] of files.entries()) {
    const records = planned.adapter.read(planned.file, {
      signal: options.signal,
      source: options.source,
      mapping: options.mapping,
      timeZone: options.timeZone,
      onProgress: (p) =>
        options.onProgress?.({ ...p, records: summary.read, fileIndex, fileCount: files.length }),
    });
    await storeRecords(store, records, {
      file: planned.file,
      summary,
      batchSize: options.batchSize,
      onStored: options.onStored,
    });
  }
  return summary;
}
