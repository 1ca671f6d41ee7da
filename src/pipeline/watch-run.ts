import type { Collector, CollectorOptions, LiveSourceKind } from '../ingest/live/collector.js';
import { type CollectorLoaders, collectorFactory } from '../ingest/live/registry.js';
import type { ItemStore, LiveSourceRecord, LiveSourceStore } from '../store/store.js';
import {
  emptyRunResult,
  failureDelaySeconds,
  runLiveSource,
  type SourceRunResult,
  type StageHandoff,
} from './collect-run.js';
import type { StageRunner } from './stage-runner.js';

/** The clock the scheduler runs on: injectable, so tests drive it with fake timers. */
export interface WatchClock {
  now(): Date;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: WatchClock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    }),
};

export interface WatchOptions {
  items: ItemStore;
  liveSources: LiveSourceStore;
  /** The preset's runner, or null to leave new items for a later `vigil scan`. */
  runner: StageRunner | null;
  collectorOptions: CollectorOptions;
  /** The collectors by kind (the shipped registry unless a test passes its own). */
  loaders?: CollectorLoaders;
  signal: AbortSignal;
  clock?: WatchClock;
  /** Sources run at once (default 2). */
  concurrency?: number;
  /** Seed of the jitter applied to next-due times, so tests see the same schedule every run. */
  seed?: number;
  /** How far (a fraction of the delay) next-due times are spread either way (default 0.1). */
  jitter?: number;
  /** Longest wait between looks for due sources (default 5 s). */
  pollMs?: number;
  /** Each due source once, then return (for cron and tests). */
  once?: boolean;
  onRun?: (result: SourceRunResult) => void;
}

/** A small seeded generator (mulberry32): the same seed gives the same jitter. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs stage settles one at a time: two sources finishing together must not run the stages twice
 * at once. Under JetStream the workers take items as they are published, so there is nothing to
 * wait for: a source's next run does not wait on the whole pipeline.
 */
function serialStages(runner: StageRunner): StageHandoff {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    stored: (ids) => runner.stored(ids),
    settle: () => {
      if (runner.kind === 'jetstream') return Promise.resolve();
      const next = queue.then(() => runner.settle());
      queue = next.catch(() => undefined);
      return next.then(() => undefined);
    },
  };
}

/**
 * The scheduler behind `vigil watch`: runs every due, unpaused source, at most `concurrency` at
 * once, until `signal` aborts (or, with `once`, until each source due at the start has run once).
 * A source's failure is recorded with it and delays only that source; the others carry on. On
 * abort, runs in hand finish their current batch and save it before this returns.
 */
export async function watchSources(options: WatchOptions): Promise<SourceRunResult[]> {
  const clock = options.clock ?? systemClock;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const pollMs = options.pollMs ?? 5000;
  const spread = options.jitter ?? 0.1;
  const random = seededRandom(options.seed ?? Date.now());
  const stages = options.runner ? serialStages(options.runner) : null;
  const collectors = new Map<LiveSourceKind, Promise<Collector>>();
  const results: SourceRunResult[] = [];
  const running = new Map<number, Promise<void>>();
  const ran = new Set<number>();

  const collectorFor = (kind: LiveSourceKind): Promise<Collector> => {
    let collector = collectors.get(kind);
    if (!collector) {
      collector = collectorFactory(kind, options.loaders).then((factory) =>
        factory(options.collectorOptions),
      );
      collectors.set(kind, collector);
    }
    return collector;
  };

  const start = (source: LiveSourceRecord) => {
    ran.add(source.id);
    const run = (async () => {
      let result: SourceRunResult;
      try {
        result = await runLiveSource(source, await collectorFor(source.kind), {
          items: options.items,
          liveSources: options.liveSources,
          stages,
          env: options.collectorOptions.env,
          now: () => clock.now(),
          signal: options.signal,
          jitter: (seconds) => seconds * (1 + spread * (2 * random() - 1)),
        });
      } catch (error) {
        // Building the collector failed (a missing API id, a kind this build lacks): recorded as
        // this source's error, like any failure of its run.
        result = await recordUnrunnable(source, error, options.liveSources, clock.now());
      }
      results.push(result);
      options.onRun?.(result);
    })().finally(() => running.delete(source.id));
    running.set(source.id, run);
  };

  try {
    const firstDue = options.once
      ? new Set((await options.liveSources.due(clock.now().toISOString())).map((s) => s.id))
      : null;
    while (!options.signal.aborted) {
      const due = (await options.liveSources.due(clock.now().toISOString())).filter(
        (s) => !running.has(s.id) && (firstDue === null || (firstDue.has(s.id) && !ran.has(s.id))),
      );
      for (const source of due) {
        if (running.size >= concurrency) break;
        start(source);
      }
      if (firstDue !== null && running.size === 0 && due.length === 0) break;
      const waits: Promise<void>[] = [...running.values()];
      if (firstDue === null || running.size === 0) waits.push(clock.sleep(pollMs, options.signal));
      await Promise.race(waits);
    }
    await Promise.allSettled([...running.values()]);
  } finally {
    for (const collector of collectors.values()) {
      await collector.then((c) => c.close?.()).catch(() => undefined);
    }
  }
  return results;
}

async function recordUnrunnable(
  source: LiveSourceRecord,
  error: unknown,
  store: LiveSourceStore,
  at: Date,
): Promise<SourceRunResult> {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const delay = failureDelaySeconds(source.scheduleSeconds, source.failures + 1);
  const nextDueAt = new Date(at.getTime() + delay * 1000).toISOString();
  await store.recordRun(source.id, {
    at: at.toISOString(),
    items: 0,
    error: message,
    problems: [],
    nextDueAt,
    backoffUntil: null,
  });
  return emptyRunResult(source, { error: message, nextDueAt });
}
