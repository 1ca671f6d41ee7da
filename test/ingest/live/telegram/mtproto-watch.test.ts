import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CollectorLoaders } from '../../../../src/ingest/live/registry.js';
import { mtprotoCollector } from '../../../../src/ingest/live/telegram/mtproto-collector.js';
import { type WatchClock, watchSources } from '../../../../src/pipeline/watch-run.js';
import { openSqliteStore } from '../../../../src/store/sqlite/sqlite-store.js';
import type { LiveSourceRecord, OpenedStore } from '../../../../src/store/store.js';
import { channel, FakeTelegram, floodWait, forwardOf, post } from './mtproto-fixtures.js';

/**
 * The MTProto collector under the real scheduler (`vigil watch --once`): batches stored through
 * the ingest path before their cursor is saved, a FloodWait pausing one channel, forward origins
 * becoming crawl suggestions. The clock is Vitest's fake one.
 */
const EXAMPLE = 1001;
const OTHER = 3003;
const ORIGIN = 2002;

let store: OpenedStore;
let fake: FakeTelegram;
const clock: WatchClock = { now: () => new Date(), sleep: async () => {} };

beforeEach(async () => {
  vi.useFakeTimers({ now: new Date('2024-01-02T00:00:00Z'), toFake: ['Date'] });
  store = await openSqliteStore(':memory:');
  fake = new FakeTelegram();
  fake.extraChats = [channel(ORIGIN, 'Origin Channel', 'origin_channel')];
  fake.add(
    channel(EXAMPLE, 'Example Channel', 'example_channel'),
    Array.from({ length: 250 }, (_, i) =>
      post(EXAMPLE, i + 1, `example message ${i + 1}`, i < 3 ? { fwdFrom: forwardOf(ORIGIN, 70 + i) } : {}),
    ),
  );
  fake.add(channel(OTHER, 'Other Channel', 'other_channel'), [post(OTHER, 1, 'other message 1')]);
  for (const target of ['@example_channel', '@other_channel'])
    await store.liveSources.add({
      kind: 'telegram',
      name: target.slice(1),
      target,
      scheduleSeconds: 300,
      secretEnv: null,
      at: new Date().toISOString(),
    });
});
afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

/** One `vigil watch --once` in a fresh process: a new collector over the same Telegram. */
const watchOnce = () => {
  const loaders: CollectorLoaders = {
    telegram: async () => (options) =>
      mtprotoCollector(options, {
        openClient: async () => fake,
        requestIntervalMs: 0,
        media: { photoMaxBytes: 0, retentionDays: 0 },
      }),
  };
  return watchSources({
    items: store.items,
    liveSources: store.liveSources,
    runner: null,
    collectorOptions: { allowHosts: [], dataDir: mkdtempSync(join(tmpdir(), 'vigil-watch-')), env: {} },
    loaders,
    signal: new AbortController().signal,
    clock,
    once: true,
    seed: 1,
    jitter: 0,
  });
};
const source = async (name: string) => (await store.liveSources.byName(name)) as LiveSourceRecord;
const itemsOf = async (name: string) => (await store.items.stats()).by_source[name] ?? 0;
const advance = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));

describe('MTProto channels under vigil watch', () => {
  it('a FloodWait of 120 s pauses that channel only; the other is collected, and the paused one resumes after 120 s', async () => {
    fake.beforeHistory = (ch) => {
      if (ch === String(EXAMPLE)) throw floodWait(120);
    };
    const first = await watchOnce();
    expect(first.find((r) => r.source === 'example_channel')).toMatchObject({
      new: 0,
      backoffUntil: '2024-01-02T00:02:00.000Z',
      error: expect.stringMatching(/paused until 2024-01-02T00:02:00.000Z: .*120 s \(FloodWait\)/),
    });
    expect(first.find((r) => r.source === 'other_channel')).toMatchObject({ new: 1, error: null });
    expect(await itemsOf('Other Channel')).toBe(1);
    expect(await itemsOf('Example Channel')).toBe(0);

    fake.beforeHistory = () => {};
    advance(60);
    expect(await watchOnce()).toEqual([]); // still paused; the other is not due yet
    advance(61);
    const resumed = await watchOnce();
    expect(resumed.map((r) => [r.source, r.new])).toEqual([['example_channel', 250]]);
  });

  it('after a crash mid-run, the next run resumes from the saved cursor: 250 messages stored once each', async () => {
    fake.beforeHistory = (ch, callNo) => {
      if (ch === String(EXAMPLE) && callNo === 2) throw new Error('connection lost');
    };
    const crashed = await watchOnce();
    expect(crashed.find((r) => r.source === 'example_channel')).toMatchObject({
      new: 100,
      error: 'connection lost',
    });
    expect((await source('example_channel')).cursor).toMatchObject({ lastId: 100 });

    fake.beforeHistory = () => {};
    advance(301);
    const resumed = await watchOnce();
    expect(resumed.find((r) => r.source === 'example_channel')).toMatchObject({
      new: 150,
      duplicates: 0,
      error: null,
    });
    expect(await itemsOf('Example Channel')).toBe(250);
    expect((await source('example_channel')).cursor).toMatchObject({ lastId: 250 });
  });

  it('channels seen in forwards become crawl suggestions, never sources', async () => {
    await watchOnce();
    expect(await store.liveSources.suggestions(3)).toEqual([
      expect.objectContaining({ channel: 'origin_channel', seen: 3 }),
    ]);
    expect((await store.liveSources.list()).map((s) => s.target)).toEqual([
      '@example_channel',
      '@other_channel',
    ]);
  });

  it('a channel seen by its id on one page and by its username on a later one is one suggestion', async () => {
    // The first pages do not name the origin channel: its forwards are counted under its id.
    fake.extraChats = [];
    await watchOnce();
    expect(await store.liveSources.suggestions(1)).toEqual([
      expect.objectContaining({ channel: `channel${ORIGIN}`, seen: 3 }),
    ]);
    // A later page names it.
    fake.extraChats = [channel(ORIGIN, 'Origin Channel', 'origin_channel')];
    fake.history
      .get(String(OTHER))
      ?.push(post(OTHER, 2, 'other message 2', { fwdFrom: forwardOf(ORIGIN, 90) }));
    advance(301);
    await watchOnce();
    expect(await store.liveSources.suggestions(1)).toEqual([
      expect.objectContaining({ channel: 'origin_channel', seen: 4 }),
    ]);
  });
});
