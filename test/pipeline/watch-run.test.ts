import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SourceBackoff } from '../../src/ingest/live/collector.js';
import type { SourceRunResult } from '../../src/pipeline/collect-run.js';
import { seededRandom, type WatchOptions, watchSources } from '../../src/pipeline/watch-run.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../src/store/store.js';
import {
  addSource,
  fakeCollector,
  listFeed,
  loadersFor,
  newsItem,
  recordingRunner,
  type Script,
} from './live-fakes.js';

const T0 = new Date('2026-02-01T12:00:00.000Z');

describe('vigil watch: the scheduler', () => {
  let store: OpenedStore;
  beforeEach(async () => {
    store = await openSqliteStore(':memory:');
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
  });

  const options = (scripts: Record<string, Script>, overrides: Partial<WatchOptions> = {}) => {
    const collector = fakeCollector(scripts);
    return {
      collector,
      options: {
        items: store.items,
        liveSources: store.liveSources,
        runner: null,
        collectorOptions: { allowHosts: [], dataDir: '/nonexistent', env: {} },
        loaders: loadersFor(collector),
        signal: new AbortController().signal,
        seed: 7,
        jitter: 0,
        pollMs: 1000,
        ...overrides,
      } satisfies WatchOptions,
    };
  };

  it('--once runs each due source once; a second run stores nothing new', async () => {
    vi.useFakeTimers({ now: T0 });
    await addSource(store, 'feed-a');
    await addSource(store, 'feed-b');
    const { options: o, collector } = options({
      'feed-a': listFeed('feed-a', ['a1', 'a2']),
      // Ignores its cursor, as a feed that shows its last items again does.
      'feed-b': async function* () {
        yield { records: [{ kind: 'item', item: newsItem('feed-b', 'b1') }] };
      },
    });
    const first = await watchSources({ ...o, once: true });
    expect(first.map((r) => [r.source, r.new]).sort()).toEqual([
      ['feed-a', 2],
      ['feed-b', 1],
    ]);
    // Nothing is due yet: nothing runs.
    expect(await watchSources({ ...o, once: true })).toEqual([]);
    // Due again: each runs, and ingest absorbs what was already stored.
    vi.setSystemTime(new Date(T0.getTime() + 61_000));
    const again = await watchSources({ ...o, once: true });
    expect(again.map((r) => [r.source, r.new]).sort()).toEqual([
      ['feed-a', 0],
      ['feed-b', 0],
    ]);
    expect(collector.runs.sort()).toEqual(['feed-a', 'feed-a', 'feed-b', 'feed-b']);
    expect((await store.items.stats()).items).toBe(3);
  });

  it('--once skips paused sources', async () => {
    await addSource(store, 'feed-a');
    await addSource(store, 'feed-p');
    await store.liveSources.setPaused('feed-p', true);
    const { options: o, collector } = options({
      'feed-a': listFeed('feed-a', ['a1']),
      'feed-p': listFeed('feed-p', ['p1']),
    });
    await watchSources({ ...o, once: true });
    expect(collector.runs).toEqual(['feed-a']);
  });

  it('a SourceBackoff pauses that source only, while another due source keeps running', async () => {
    vi.useFakeTimers({ now: T0 });
    await addSource(store, 'slow', { scheduleSeconds: 30 });
    await addSource(store, 'busy', { scheduleSeconds: 30 });
    let busyRuns = 0;
    let slowCalls = 0;
    const controller = new AbortController();
    const { options: o, collector } = options(
      {
        slow: async function* (_source, context) {
          slowCalls++;
          if (slowCalls === 1)
            throw new SourceBackoff(new Date(context.now().getTime() + 120_000), 'FloodWait 120 s');
          yield { records: [{ kind: 'item', item: newsItem('slow', `s${slowCalls}`) }] };
        },
        busy: async function* () {
          busyRuns++;
          yield { records: [{ kind: 'item', item: newsItem('busy', `b${busyRuns}`) }] };
        },
      },
      { signal: controller.signal },
    );
    const results: SourceRunResult[] = [];
    const watching = watchSources({ ...o, onRun: (r) => results.push(r) });

    await vi.advanceTimersByTimeAsync(100_000);
    expect(slowCalls).toBe(1);
    expect(busyRuns).toBeGreaterThanOrEqual(4);
    expect((await store.liveSources.byName('slow'))?.lastError).toBe(
      'paused until 2026-02-01T12:02:00.000Z: FloodWait 120 s',
    );

    await vi.advanceTimersByTimeAsync(25_000);
    expect(slowCalls).toBe(2);
    controller.abort();
    await watching;
    expect(collector.runs.filter((n) => n === 'slow')).toHaveLength(2);
    expect((await store.liveSources.byName('slow'))?.lastSuccessAt).toBe('2026-02-01T12:02:00.000Z');
  });

  it('survives a failing source: its error is recorded, the others are collected', async () => {
    vi.useFakeTimers({ now: T0 });
    await addSource(store, 'broken');
    await addSource(store, 'fine');
    const { options: o } = options({
      broken: async function* () {
        yield* [];
        throw new Error('feed: HTTP 500 from broken.example');
      },
      fine: listFeed('fine', ['f1']),
    });
    const results = await watchSources({ ...o, once: true });
    expect(results.find((r) => r.source === 'broken')?.error).toBe('feed: HTTP 500 from broken.example');
    expect(results.find((r) => r.source === 'fine')).toMatchObject({ new: 1, error: null });
    expect((await store.liveSources.byName('broken'))?.failures).toBe(1);
  });

  it('records a kind this build cannot collect as that source’s error', async () => {
    await addSource(store, 'bot', { kind: 'telegram-bot', target: '' });
    await addSource(store, 'fine');
    const { options: o } = options({ fine: listFeed('fine', ['f1']) });
    const results = await watchSources({ ...o, loaders: { rss: o.loaders.rss }, once: true });
    expect(results.find((r) => r.source === 'bot')?.error).toBe(
      'live sources: this build has no collector for kind "telegram-bot"',
    );
    expect(results.find((r) => r.source === 'fine')?.new).toBe(1);
  });

  it('runs at most `concurrency` sources at once', async () => {
    for (const name of ['s1', 's2', 's3', 's4']) await addSource(store, name);
    let active = 0;
    let most = 0;
    const script: Script = async function* (source) {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 20));
      active--;
      yield { records: [{ kind: 'item', item: newsItem(source.name, '1') }] };
    };
    const { options: o } = options({ s1: script, s2: script, s3: script, s4: script });
    const results = await watchSources({ ...o, once: true, concurrency: 2 });
    expect(results).toHaveLength(4);
    expect(most).toBe(2);
  });

  it('stops on abort after storing the batch in hand and saving its cursor', async () => {
    await addSource(store, 'feed-s');
    const controller = new AbortController();
    let askedForMore = false;
    const { options: o } = options(
      {
        'feed-s': async function* () {
          // The stop arrives while this batch is in hand.
          controller.abort();
          yield { records: [{ kind: 'item', item: newsItem('feed-s', 's1') }], cursor: { last: 1 } };
          askedForMore = true;
          yield { records: [{ kind: 'item', item: newsItem('feed-s', 's2') }], cursor: { last: 2 } };
        },
      },
      { signal: controller.signal },
    );
    const results = await watchSources(o);
    expect(askedForMore).toBe(false);
    expect(results).toMatchObject([{ source: 'feed-s', new: 1, error: null }]);
    expect((await store.liveSources.byName('feed-s'))?.cursor).toEqual({ last: 1 });
    expect((await store.items.stats()).items).toBe(1);
  });

  it('hands new items to the stages, one settle at a time', async () => {
    await addSource(store, 'a');
    await addSource(store, 'b');
    const runner = recordingRunner();
    let inSettle = 0;
    let overlapped = false;
    const settle = runner.settle.bind(runner);
    runner.settle = async () => {
      inSettle++;
      if (inSettle > 1) overlapped = true;
      await new Promise((r) => setTimeout(r, 10));
      inSettle--;
      return settle();
    };
    const { options: o } = options({ a: listFeed('a', ['1', '2']), b: listFeed('b', ['1']) }, { runner });
    await watchSources({ ...o, once: true });
    expect(runner.ids).toHaveLength(3);
    expect(runner.settles).toBe(2);
    expect(overlapped).toBe(false);
  });

  it('publishes to JetStream workers without waiting on the whole pipeline', async () => {
    await addSource(store, 'a');
    const runner = Object.assign(recordingRunner(), { kind: 'jetstream' as const });
    const { options: o } = options({ a: listFeed('a', ['1', '2']) }, { runner });
    await watchSources({ ...o, once: true });
    expect(runner.ids).toHaveLength(2);
    expect(runner.settles).toBe(0);
  });

  it('spreads next-due times by a seeded jitter', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
