import { VigilError } from '../domain/index.js';
import type { IngestRecord } from '../ingest/adapter.js';
import {
  type Collector,
  type CollectProblem,
  type LiveSource,
  SourceBackoff,
} from '../ingest/live/collector.js';
import type { ItemStore, LiveSourceRecord, LiveSourceStore } from '../store/store.js';
import { storeRecords } from './store-records.js';

/** Longest a failing source waits between attempts, however often it has failed. */
export const MAX_FAILURE_DELAY_SECONDS = 6 * 3600;
/** The longest error message kept with a source: one line an analyst reads, not a dump. */
const MAX_ERROR_LENGTH = 300;

/** Where the stages that follow ingest are told about new items (the preset's runner, serialised). */
export interface StageHandoff {
  stored(itemIds: readonly number[]): Promise<void>;
  /** Runs the stages over what was handed over (analysis, matching, events, alerts). */
  settle(): Promise<unknown>;
}

export interface CollectRunDeps {
  items: ItemStore;
  liveSources: LiveSourceStore;
  /** Null when nothing follows ingest (the items wait for the next `vigil scan` or worker). */
  stages: StageHandoff | null;
  env: NodeJS.ProcessEnv;
  now(): Date;
  signal: AbortSignal;
  /** Spreads a delay (seconds) so sources added together do not keep running together. */
  jitter(seconds: number): number;
}

/** What one run of one source did, as `vigil watch` reports it. */
export interface SourceRunResult {
  source: string;
  kind: LiveSourceRecord['kind'];
  new: number;
  edited: number;
  duplicates: number;
  /** Records or requests that failed without stopping the run: where and what, never content. */
  problems: CollectProblem[];
  /** Why the run stopped, or null when it finished (or was asked to stop). */
  error: string | null;
  backoffUntil: string | null;
  nextDueAt: string;
}

/** Delay before the next attempt after `failures` failures in a row: doubling, capped. */
export function failureDelaySeconds(scheduleSeconds: number, failures: number): number {
  return Math.min(scheduleSeconds * 2 ** Math.max(0, failures - 1), MAX_FAILURE_DELAY_SECONDS);
}

/** The source's secret, from the environment variable it names; a missing one is a clear error. */
export function resolveSecret(source: LiveSourceRecord, env: NodeJS.ProcessEnv): string | null {
  if (source.secretEnv === null) return null;
  const value = env[source.secretEnv];
  if (value === undefined || value === '')
    throw new VigilError(
      'BAD_CONFIG',
      `live source "${source.name}": environment variable ${source.secretEnv} is not set`,
    );
  return value;
}

const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, MAX_ERROR_LENGTH) ?? '';

async function* each(records: readonly IngestRecord[]): AsyncIterable<IngestRecord> {
  yield* records;
}

/** A run's result before anything was collected. */
export function emptyRunResult(
  source: Pick<LiveSourceRecord, 'name' | 'kind'>,
  outcome: Partial<SourceRunResult> = {},
): SourceRunResult {
  return {
    source: source.name,
    kind: source.kind,
    new: 0,
    edited: 0,
    duplicates: 0,
    problems: [],
    error: null,
    backoffUntil: null,
    nextDueAt: '',
    ...outcome,
  };
}

/**
 * Runs one live source once: reads the collector's batches, stores each batch's records through the
 * ingest path files take, and only then saves the batch's cursor, so a crash repeats records (which
 * ingest absorbs as duplicates) and never skips any. Forward origins become crawl suggestions; new
 * items go to the stages at once. A failure is recorded with the source, never thrown: the
 * scheduler's other sources carry on. A SourceBackoff pauses this source only, until its time.
 */
export async function runLiveSource(
  source: LiveSourceRecord,
  collector: Collector,
  deps: CollectRunDeps,
): Promise<SourceRunResult> {
  const result = emptyRunResult(source);
  const label = `${source.kind} source "${source.name}"`;
  let handedOver = 0;
  try {
    const live: LiveSource = {
      id: source.id,
      kind: source.kind,
      name: source.name,
      target: source.target,
      secret: resolveSecret(source, deps.env),
      cursor: source.cursor,
    };
    for await (const batch of collector.collect(live, { signal: deps.signal, now: deps.now })) {
      const summary = await storeRecords(deps.items, each(batch.records), {
        file: label,
        onStored: async (changed) => {
          handedOver += changed.length;
          await deps.stages?.stored(changed.map((c) => c.outcome.itemId));
        },
      });
      await deps.liveSources.saveProgress(source.id, {
        ...(batch.cursor ? { cursor: batch.cursor } : {}),
        newItems: summary.new,
      });
      result.new += summary.new;
      result.edited += summary.edited;
      result.duplicates += summary.duplicates;
      for (const e of summary.errors)
        result.problems.push({
          where: e.line === null ? source.name : `record ${e.line}`,
          message: e.message,
        });
      result.problems.push(...(batch.problems ?? []));
      if (batch.forwardOrigins?.length)
        await deps.liveSources.noteForwardOrigins(batch.forwardOrigins, deps.now().toISOString());
      // Asked to stop: the batch in hand is stored and its cursor saved; read no further.
      if (deps.signal.aborted) break;
    }
  } catch (error) {
    if (error instanceof SourceBackoff) {
      result.backoffUntil = error.until.toISOString();
      result.error = `paused until ${result.backoffUntil}: ${errorText(error)}`;
    } else if (!deps.signal.aborted) {
      result.error = errorText(error);
    }
  }
  if (handedOver > 0 && deps.stages && !deps.signal.aborted) {
    try {
      await deps.stages.settle();
    } catch (error) {
      // The items are stored; the stages pick them up at their next run.
      result.problems.push({ where: 'stages', message: errorText(error) });
    }
  }
  const at = deps.now();
  const delay =
    result.error === null
      ? source.scheduleSeconds
      : failureDelaySeconds(source.scheduleSeconds, source.failures + 1);
  // Stopped: due again at the next start. Told to wait: due exactly when the wait ends.
  result.nextDueAt = deps.signal.aborted
    ? at.toISOString()
    : (result.backoffUntil ?? new Date(at.getTime() + deps.jitter(delay) * 1000).toISOString());
  await deps.liveSources.recordRun(source.id, {
    at: at.toISOString(),
    items: result.new,
    error: result.error,
    problems: result.problems,
    nextDueAt: result.nextDueAt,
    backoffUntil: result.backoffUntil,
  });
  return result;
}
