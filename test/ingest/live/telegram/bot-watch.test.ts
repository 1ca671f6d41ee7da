import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CollectorLoaders } from '../../../../src/ingest/live/registry.js';
import { botCollector } from '../../../../src/ingest/live/telegram/bot-collector.js';
import { type WatchClock, watchSources } from '../../../../src/pipeline/watch-run.js';
import { openSqliteStore } from '../../../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../../../src/store/store.js';
import { FakeBotApi, post, TOKEN } from './bot-fixtures.js';

/**
 * A bot source under the real scheduler (`vigil watch --once`): the token comes from the variable
 * the source names, the offset is saved with the source after its posts are stored.
 */
let api: FakeBotApi;
let apiRoot: string;
let store: OpenedStore;
const clock: WatchClock = { now: () => new Date(), sleep: async () => {} };

beforeEach(async () => {
  vi.useFakeTimers({ now: new Date('2024-01-02T00:00:00Z'), toFake: ['Date'] });
  api = new FakeBotApi();
  apiRoot = await api.start();
  store = await openSqliteStore(':memory:');
  await store.liveSources.add({
    kind: 'telegram-bot',
    name: 'example-bot',
    target: '',
    scheduleSeconds: 60,
    secretEnv: 'EXAMPLE_BOT_TOKEN',
    at: new Date().toISOString(),
  });
});
afterEach(async () => {
  vi.useRealTimers();
  await api.stop();
  await store.close();
});

const watchOnce = () => {
  const loaders: CollectorLoaders = {
    'telegram-bot': async () => (options) => botCollector(options, { apiRoot }),
  };
  return watchSources({
    items: store.items,
    liveSources: store.liveSources,
    runner: null,
    collectorOptions: {
      allowHosts: ['127.0.0.1'],
      dataDir: '/nonexistent',
      env: { EXAMPLE_BOT_TOKEN: TOKEN },
    },
    loaders,
    signal: new AbortController().signal,
    clock,
    once: true,
    seed: 1,
    jitter: 0,
  });
};
const advance = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));

describe('a Bot API source under vigil watch', () => {
  it('stores posts and edits, nothing twice across restarts, and waits out a 429', async () => {
    api.push('channel_post', post(1, 'first post'));
    api.push('channel_post', post(2, 'second post'));
    expect((await watchOnce()).map((r) => [r.new, r.edited, r.error])).toEqual([[2, 0, null]]);
    expect((await store.liveSources.byName('example-bot'))?.cursor).toEqual({ offset: 502 });

    api.push('edited_channel_post', post(2, 'second post, edited', { edit_date: 1704200000 }));
    api.tooManyRequests = 30;
    advance(61);
    const throttled = await watchOnce();
    expect(throttled[0]).toMatchObject({ new: 0, backoffUntil: new Date(Date.now() + 30_000).toISOString() });
    advance(10);
    expect(await watchOnce()).toEqual([]); // paused: not run before retry_after has passed
    advance(21);
    expect((await watchOnce()).map((r) => [r.new, r.edited, r.duplicates])).toEqual([[0, 1, 0]]);
    advance(61);
    expect((await watchOnce()).map((r) => [r.new, r.edited, r.duplicates])).toEqual([[0, 0, 0]]);
    expect((await store.items.stats()).by_source).toEqual({ 'Example Channel': 2 });
  });
});
