import type { RecordError } from '../domain/index.js';
import type { AnalyzeSummary } from './analyze-run.js';
import type { DeliverySummary } from './deliver.js';
import type { EventsSummary } from './events-run.js';
import type { MatchSummary } from './match-run.js';

/**
 * What runs the stages after ingest: in this process (the embedded preset) or as JetStream workers
 * (the scaled preset). Ingest hands it what it stored; `settle` returns once every stage has seen
 * it. Commands never know which runner they were given.
 */
export interface StageRunner {
  readonly kind: 'in-process' | 'jetstream';
  /** Items that ingest stored or changed, to pass through the stages. */
  stored(itemIds: readonly number[]): Promise<void>;
  /** Runs the stages over what was handed over, or waits until the workers have. */
  settle(options?: SettleOptions): Promise<StagesReport>;
  close(): Promise<void>;
}

export interface SettleOptions {
  signal?: AbortSignal;
  /** Items through the stages so far, of about `expected`. */
  onProgress?: (done: number, expected: number) => void;
}

/**
 * What the stages did. Workers share their stages across every producer, so under the scaled
 * runner only what can be told per item is reported; the rest is null.
 */
export interface StagesReport {
  analyze: AnalyzeSummary;
  match: MatchSummary | null;
  media: { hashed: number; bank_matches: number; errors: RecordError[] } | null;
  events: EventsSummary | null;
  delivery: DeliverySummary | null;
  /** Items a worker gave up on (dead-lettered), with the reason. */
  failed: { item_id: number; stage: string; error: string }[];
}
