import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SourceBackoff } from '../../src/ingest/live/collector.js';
import { type CollectRunDeps, failureDelaySeconds, runLiveSource } from '../../src/pipeline/collect-run.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { LiveSourceRecord, OpenedStore } from '../../src/store/store.js';
import { addSource, fakeCollector, listFeed, newsItem, recordingRunner } from './live-fakes.js';

const T0 = new Date('2026-02-01T12:00:00.000Z');

describe('running one live source', () => {
  let store: OpenedStore;
  let now: Date;
  beforeEach(async () => {
    store = await openSqliteStore(':memory:');
    now = T0;
  });
  afterEach(async () => {
    await store.close();
  });

  const deps = (overrides: Partial<CollectRunDeps> = {}): CollectRunDeps => ({
    items: store.items,
    liveSources: store.liveSources,
    stages: null,
    env: {},
    now: () => now,
    signal: new AbortController().signal,
    jitter: (s) => s,
    ...overrides,
  });
  const reload = async (name: string) => (await store.liveSources.byName(name)) as LiveSourceRecord;
  const itemCount = async () => (await store.items.stats()).items;

  it('stores a batch before saving its cursor, and records the run', async () => {
    const seenAfterFirstBatch: { items: number; cursor: unknown }[] = [];
    const collector = fakeCollector({
      'feed-a': async function* () {
        yield {
          records: [
            { kind: 'item', item: newsItem('feed-a', 'a1') },
            { kind: 'item', item: newsItem('feed-a', 'a2') },
          ],
          cursor: { last: 2 },
        };
        // Resumed only once the scheduler is done with the batch.
        seenAfterFirstBatch.push({ items: await itemCount(), cursor: (await reload('feed-a')).cursor });
        yield { records: [{ kind: 'item', item: newsItem('feed-a', 'a3') }], cursor: { last: 3 } };
      },
    });
    const source = await addSource(store, 'feed-a', { scheduleSeconds: 900 });
    const runner = recordingRunner();
    const result = await runLiveSource(source, collector, deps({ stages: runner }));

    expect(seenAfterFirstBatch).toEqual([{ items: 2, cursor: { last: 2 } }]);
    expect(result).toMatchObject({ new: 3, error: null, nextDueAt: '2026-02-01T12:15:00.000Z' });
    expect(await reload('feed-a')).toMatchObject({
      cursor: { last: 3 },
      itemsLastRun: 3,
      itemsTotal: 3,
      lastSuccessAt: T0.toISOString(),
      lastError: null,
    });
    // New items went to the stages at once, and the stages ran once for the run.
    expect(runner.ids).toHaveLength(3);
    expect(runner.settles).toBe(1);
  });

  it('loses nothing and duplicates nothing when the collector fails after a stored batch', async () => {
    const ids = ['b1', 'b2', 'b3', 'b4'];
    let crash = true;
    const feed = listFeed('feed-b', ids, 2);
    const collector = fakeCollector({
      'feed-b': async function* (source, context) {
        for await (const batch of feed(source, context)) {
          yield batch;
          if (crash) throw new Error('feed: connection reset by feed-b.example');
        }
      },
    });
    await addSource(store, 'feed-b');
    const first = await runLiveSource(await reload('feed-b'), collector, deps());
    expect(first).toMatchObject({ new: 2, error: 'feed: connection reset by feed-b.example' });
    expect(await reload('feed-b')).toMatchObject({
      cursor: { last: 2 },
      itemsTotal: 2,
      lastError: 'feed: connection reset by feed-b.example',
      lastErrorAt: T0.toISOString(),
      lastSuccessAt: null,
      failures: 1,
    });

    crash = false;
    const second = await runLiveSource(await reload('feed-b'), collector, deps());
    expect(second).toMatchObject({ new: 2, duplicates: 0, error: null });
    expect(await itemCount()).toBe(4);
    expect((await reload('feed-b')).failures).toBe(0);
  });

  it('absorbs a batch stored again when the process died before its cursor was saved', async () => {
    const collector = fakeCollector({ 'feed-c': listFeed('feed-c', ['c1', 'c2']) });
    await addSource(store, 'feed-c');
    const dying = {
      ...store.liveSources,
      saveProgress: async () => {
        throw new Error('process killed');
      },
      recordRun: store.liveSources.recordRun.bind(store.liveSources),
    } as typeof store.liveSources;
    const first = await runLiveSource(await reload('feed-c'), collector, deps({ liveSources: dying }));
    expect(first.error).toBe('process killed');
    expect(await itemCount()).toBe(2);
    expect((await reload('feed-c')).cursor).toEqual({});

    const second = await runLiveSource(await reload('feed-c'), collector, deps());
    expect(second).toMatchObject({ new: 0, duplicates: 2, error: null });
    expect(await itemCount()).toBe(2);
    expect((await reload('feed-c')).cursor).toEqual({ last: 2 });
  });

  it('stores the good records of a batch and reports the bad ones without their content', async () => {
    const collector = fakeCollector({
      'feed-d': async function* () {
        yield {
          records: [
            { kind: 'item', item: newsItem('feed-d', 'd1') },
            { kind: 'item', item: newsItem('feed-d', ''), line: 2 },
            { kind: 'item', item: newsItem('feed-d', 'd3') },
          ],
          problems: [{ where: 'entry 4', message: 'no link or id' }],
          cursor: { last: 4 },
        };
      },
    });
    const result = await runLiveSource(await addSource(store, 'feed-d'), collector, deps());
    expect(result.new).toBe(2);
    expect(result.error).toBeNull();
    expect(result.problems).toEqual([
      { where: 'record 2', message: 'id: expected a non-empty id' },
      { where: 'entry 4', message: 'no link or id' },
    ]);
    expect((await reload('feed-d')).lastProblems).toEqual(result.problems);
    expect(JSON.stringify(result.problems)).not.toContain('synthetic report');
  });

  it('names the variable and the source when a secret is missing, and never stores the secret', async () => {
    const collector = fakeCollector({
      bot: async function* (source) {
        yield { records: [{ kind: 'item', item: newsItem('bot', `seen-${source.secret?.length}`) }] };
      },
    });
    await addSource(store, 'bot', { kind: 'telegram-bot', target: '', secretEnv: 'VIGIL_TEST_BOT_TOKEN' });
    const missing = await runLiveSource(await reload('bot'), collector, deps());
    expect(missing.error).toBe('live source "bot": environment variable VIGIL_TEST_BOT_TOKEN is not set');
    expect(collector.runs).toEqual([]);

    const ok = await runLiveSource(
      await reload('bot'),
      collector,
      deps({ env: { VIGIL_TEST_BOT_TOKEN: '123:synthetic-token' } }),
    );
    expect(ok).toMatchObject({ new: 1, error: null });
    expect(JSON.stringify(await store.liveSources.list())).not.toContain('synthetic-token');
  });

  it('waits longer after each failure in a row, up to a cap', async () => {
    expect([1, 2, 3, 4].map((n) => failureDelaySeconds(60, n))).toEqual([60, 120, 240, 480]);
    expect(failureDelaySeconds(3600, 10)).toBe(6 * 3600);
    const collector = fakeCollector({
      'feed-e': async function* () {
        yield* [];
        throw new Error('feed: HTTP 503 from feed-e.example');
      },
    });
    await addSource(store, 'feed-e', { scheduleSeconds: 60 });
    const due: string[] = [];
    for (let i = 0; i < 3; i++)
      due.push((await runLiveSource(await reload('feed-e'), collector, deps())).nextDueAt);
    expect(due).toEqual(['2026-02-01T12:01:00.000Z', '2026-02-01T12:02:00.000Z', '2026-02-01T12:04:00.000Z']);
  });

  it('pauses a source told to wait until the time it was given', async () => {
    const collector = fakeCollector({
      'feed-f': async function* () {
        yield { records: [{ kind: 'item', item: newsItem('feed-f', 'f1') }], cursor: { last: 1 } };
        throw new SourceBackoff(new Date(T0.getTime() + 120_000), 'feed: HTTP 429 from feed-f.example');
      },
    });
    const result = await runLiveSource(await addSource(store, 'feed-f'), collector, deps());
    expect(result).toMatchObject({
      new: 1,
      backoffUntil: '2026-02-01T12:02:00.000Z',
      nextDueAt: '2026-02-01T12:02:00.000Z',
    });
    expect(await reload('feed-f')).toMatchObject({
      cursor: { last: 1 },
      backoffUntil: '2026-02-01T12:02:00.000Z',
    });
    expect(await store.liveSources.due('2026-02-01T12:01:59.000Z')).toEqual([]);
  });

  it('turns forward origins into crawl suggestions', async () => {
    const collector = fakeCollector({
      chan: async function* () {
        yield { records: [], forwardOrigins: [{ channel: 'origin_chan', count: 3 }] };
      },
    });
    await runLiveSource(
      await addSource(store, 'chan', { kind: 'telegram', target: '@chan' }),
      collector,
      deps(),
    );
    expect((await store.liveSources.suggestions(3)).map((s) => s.channel)).toEqual(['origin_chan']);
  });
});
