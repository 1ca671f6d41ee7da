import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IngestRecord } from '../../../../src/ingest/adapter.js';
import {
  type CollectBatch,
  type CollectContext,
  type Collector,
  type LiveSource,
  SourceBackoff,
} from '../../../../src/ingest/live/collector.js';
import { channelUsername } from '../../../../src/ingest/live/telegram/mtproto-client.js';
import {
  createMtprotoCollector,
  mtprotoCollector,
} from '../../../../src/ingest/live/telegram/mtproto-collector.js';
import { chatSource, normalizeMessage } from '../../../../src/ingest/telegram-export/telegram-message.js';
import { spreadOf } from '../../../../src/match/spread.js';
import { type IngestSummary, runIngest } from '../../../../src/pipeline/ingest-run.js';
import { openSqliteStore } from '../../../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../../../src/store/store.js';
import { big, channel, FakeTelegram, floodWait, forwardOf, photo, post, T0 } from './mtproto-fixtures.js';

const EXAMPLE = 1001;
const ORIGIN = 2002;
const context = (): CollectContext => ({ signal: new AbortController().signal, now: () => new Date() });
const since = (unix: number) => new Date(unix * 1000).toISOString();

function source(target: string, cursor: Record<string, unknown> = { since: since(T0) }, id = 1): LiveSource {
  return { id, kind: 'telegram', name: target.replace('@', ''), target, secret: null, cursor };
}

function collectorOver(fake: FakeTelegram, dataDir = mkdtempSync(join(tmpdir(), 'vigil-tg-'))): Collector {
  return mtprotoCollector(
    { allowHosts: [], dataDir, env: {} },
    {
      openClient: async () => fake,
      pageSize: 100,
      requestIntervalMs: 0,
      media: { photoMaxBytes: 5 * 1024 * 1024, retentionDays: 0 },
    },
  );
}

/**
 * What the scheduler does with each batch: store the records through ingest's record path, and
 * only then save the cursor. Returns what was stored, the batches, and the error that ended the run.
 */
async function runOnce(store: OpenedStore, collector: Collector, src: LiveSource) {
  const summaries: IngestSummary[] = [];
  const batches: CollectBatch[] = [];
  let error: unknown = null;
  try {
    for await (const batch of collector.collect(src, context())) {
      batches.push(batch);
      const records = batch.records;
      summaries.push(
        await runIngest(store.items, [
          {
            file: `live:${src.name}`,
            adapter: {
              format: 'live',
              sniff: () => false,
              async *read(): AsyncIterable<IngestRecord> {
                yield* records;
              },
            },
          },
        ]),
      );
      if (batch.cursor) src.cursor = batch.cursor;
    }
  } catch (e) {
    error = e;
  }
  const total = (k: 'new' | 'duplicates' | 'edited') => summaries.reduce((n, s) => n + s[k], 0);
  return { batches, error, new: total('new'), duplicates: total('duplicates'), edited: total('edited') };
}

const storedItems = (store: OpenedStore) =>
  store.db
    .selectFrom('items')
    .innerJoin('sources', 'sources.id', 'items.source_id')
    .select([
      'items.id',
      'items.external_id',
      'items.text',
      'items.forwarded_from',
      'items.forwarded_from_id',
      'items.raw',
      'items.version',
      'sources.name as source',
      'sources.external_id as source_external_id',
    ])
    .orderBy('items.id')
    .execute();

let store: OpenedStore;
afterEach(async () => {
  vi.useRealTimers();
  await store?.close();
});

describe('MTProto collector', () => {
  it('back-fills from the cursor’s since date, oldest first, as items shaped like an export’s', async () => {
    store = await openSqliteStore(':memory:');
    const fake = new FakeTelegram();
    fake.add(
      channel(EXAMPLE, 'Example Channel', 'example_channel'),
      [1, 2, 3, 4, 5].map((i) => post(EXAMPLE, i, `post ${i}`)),
    );
    const src = source('@example_channel', { since: since(T0 + 150) });
    const run = await runOnce(store, collectorOver(fake), src);
    expect(run.error).toBeNull();
    const items = await storedItems(store);
    expect(items.map((i) => i.external_id)).toEqual(['3', '4', '5']);
    expect(items[0]).toMatchObject({ source: 'Example Channel', source_external_id: String(EXAMPLE) });
    expect(JSON.parse(items[0]?.raw ?? '{}')).toMatchObject({ views: 30, forwards: 3, replies: null });
    expect(src.cursor).toMatchObject({ lastId: 5, since: since(T0 + 150) });
  });

  it('resumes after a crash from the last stored message id: nothing lost, nothing duplicated', async () => {
    store = await openSqliteStore(':memory:');
    const fake = new FakeTelegram();
    const messages = Array.from({ length: 250 }, (_, i) => post(EXAMPLE, i + 1, `message number ${i + 1}`));
    fake.add(channel(EXAMPLE, 'Example Channel', 'example_channel'), messages);
    fake.beforeHistory = (_channel, callNo) => {
      if (callNo === 2) throw new Error('connection lost');
    };
    const src = source('@example_channel');
    const first = await runOnce(store, collectorOver(fake), src);
    expect((first.error as Error).message).toBe('connection lost');
    expect(first.new).toBe(100);
    expect(src.cursor).toMatchObject({ lastId: 100 });

    // A new process: a new collector with the cursor the scheduler saved.
    fake.beforeHistory = () => {};
    const second = await runOnce(store, collectorOver(fake), src);
    expect(second.error).toBeNull();
    expect(second.new).toBe(150);
    expect(second.duplicates).toBe(0);
    expect(fake.calls.at(-3)?.query.minId).toBe(100);
    const ids = (await storedItems(store)).map((i) => Number(i.external_id));
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('a crash after storing a batch but before its cursor was saved repeats the batch, which ingest absorbs', async () => {
    store = await openSqliteStore(':memory:');
    const fake = new FakeTelegram();
    fake.add(
      channel(EXAMPLE, 'Example Channel', 'example_channel'),
      Array.from({ length: 150 }, (_, i) => post(EXAMPLE, i + 1, `message number ${i + 1}`)),
    );
    const src = source('@example_channel');
    const collector = collectorOver(fake);
    for await (const batch of collector.collect(src, context())) {
      await runIngest(store.items, [
        {
          file: 'live',
          adapter: {
            format: 'live',
            sniff: () => false,
            read: async function* () {
              yield* batch.records;
            },
          },
        },
      ]);
      break; // the process dies here: stored, cursor not saved
    }
    const again = await runOnce(store, collectorOver(fake), src);
    expect(again.duplicates).toBe(100);
    expect(again.new).toBe(50);
    expect(await storedItems(store)).toHaveLength(150);
  });

  it('paces its own requests: one channel’s back-fill waits between pages', async () => {
    store = await openSqliteStore(':memory:');
    const fake = new FakeTelegram();
    fake.add(
      channel(EXAMPLE, 'Example Channel', 'example_channel'),
      Array.from({ length: 5 }, (_, i) => post(EXAMPLE, i + 1, `message ${i + 1}`)),
    );
    const at: number[] = [];
    fake.beforeHistory = () => {
      at.push(performance.now());
    };
    const collector = mtprotoCollector(
      { allowHosts: [], dataDir: mkdtempSync(join(tmpdir(), 'vigil-tg-')), env: {} },
      {
        openClient: async () => fake,
        pageSize: 2,
        requestIntervalMs: 40,
        media: { photoMaxBytes: 0, retentionDays: 0 },
      },
    );
    expect((await runOnce(store, collector, source('@example_channel'))).new).toBe(5);
    expect(at).toHaveLength(4); // three pages and the edit window
    for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(35);
  });

  it('moves past a page of deleted messages instead of stopping on it', async () => {
    store = await openSqliteStore(':memory:');
    const fake = new FakeTelegram();
    const deleted = Array.from(
      { length: 3 },
      (_, i) => new Api.MessageEmpty({ id: i + 11 }) as unknown as Api.Message,
    );
    fake.add(channel(EXAMPLE, 'Example Channel', 'example_channel'), [
      ...deleted,
      post(EXAMPLE, 14, 'after the gap'),
    ]);
    const collector = mtprotoCollector(
      { allowHosts: [], dataDir: mkdtempSync(join(tmpdir(), 'vigil-tg-')), env: {} },
      {
        openClient: async () => fake,
        pageSize: 3,
        requestIntervalMs: 0,
        media: { photoMaxBytes: 0, retentionDays: 0 },
      },
    );
    const src = source('@example_channel', { since: since(T0), lastId: 10 });
    const run = await runOnce(store, collector, src);
    expect(run.new).toBe(1);
    expect(src.cursor).toMatchObject({ lastId: 14 });
  });

  it('a FloodWait of 120 s pauses that channel only, until 120 s from now', async () => {
    vi.useFakeTimers({ now: new Date('2024-01-02T00:00:00Z') });
    store = await openSqliteStore(':memory:');
    const fake = new FakeTelegram();
    fake.add(channel(EXAMPLE, 'Example Channel', 'example_channel'), [post(EXAMPLE, 1, 'one')]);
    fake.add(channel(3003, 'Other Channel', 'other_channel'), [post(3003, 1, 'other one')]);
    fake.beforeHistory = (ch) => {
      if (ch === String(EXAMPLE)) throw floodWait(120);
    };
    const collector = collectorOver(fake);
    const flooded = source('@example_channel');
    const paused = await runOnce(store, collector, flooded);
    expect(paused.error).toBeInstanceOf(SourceBackoff);
    expect((paused.error as SourceBackoff).until.toISOString()).toBe('2024-01-02T00:02:00.000Z');
    expect((paused.error as Error).message).toMatch(/example_channel.*120 s/);
    expect(flooded.cursor).toEqual({ since: since(T0) });

    const other = await runOnce(store, collector, source('@other_channel', { since: since(T0) }, 2));
    expect(other.error).toBeNull();
    expect(other.new).toBe(1);
  });

  it('forwards become forward edges (origin channel and message id) and crawl suggestions', async () => {
    store = await openSqliteStore(':memory:');
    const fake = new FakeTelegram();
    fake.extraChats = [channel(ORIGIN, 'Origin Channel', 'origin_channel')];
    fake.add(channel(EXAMPLE, 'Example Channel', 'example_channel'), [
      post(EXAMPLE, 1, 'own words'),
      post(EXAMPLE, 2, 'forwarded words', { fwdFrom: forwardOf(ORIGIN, 77) }),
      post(EXAMPLE, 3, 'more forwarded words', { fwdFrom: forwardOf(ORIGIN, 78) }),
    ]);
    const run = await runOnce(store, collectorOver(fake), source('@example_channel'));
    expect(run.batches.flatMap((b) => b.forwardOrigins ?? [])).toEqual([
      { channel: '@origin_channel', peer: `channel${ORIGIN}`, count: 2 },
    ]);
    const items = await storedItems(store);
    expect(items[1]).toMatchObject({
      forwarded_from: 'Origin Channel',
      forwarded_from_id: `channel${ORIGIN}`,
    });
    expect(JSON.parse(items[1]?.raw ?? '{}').fwd_from).toMatchObject({
      from_id: `channel${ORIGIN}`,
      channel_post: 77,
    });
    expect(items[0]?.forwarded_from).toBeNull();
    const spread = spreadOf(
      items.slice(1).map((i) => ({
        item_id: i.id,
        quote_index: null,
        source: i.source,
        platform: 'telegram',
        posted_at: null,
        forwarded_from: i.forwarded_from,
        attribution: null,
        quote_platform: null,
      })),
    );
    expect(spread.origin).toMatchObject({ source: 'Origin Channel', how: 'forwarded_from' });
    expect(spread.edges[0]).toMatchObject({ from: 'Origin Channel', to: 'Example Channel', kind: 'forward' });
  });

  it('an edited message reaches ingest as an edit of the same id, kept as a version', async () => {
    store = await openSqliteStore(':memory:');
    const fake = new FakeTelegram();
    const ch = channel(EXAMPLE, 'Example Channel', 'example_channel');
    fake.add(ch, [post(EXAMPLE, 1, 'first'), post(EXAMPLE, 2, 'before the edit'), post(EXAMPLE, 3, 'third')]);
    const src = source('@example_channel');
    expect((await runOnce(store, collectorOver(fake), src)).new).toBe(3);

    fake.add(ch, [
      post(EXAMPLE, 1, 'first'),
      post(EXAMPLE, 2, 'after the edit', { editDate: T0 + 5000 }),
      post(EXAMPLE, 3, 'third'),
      post(EXAMPLE, 4, 'fourth'),
    ]);
    const second = await runOnce(store, collectorOver(fake), src);
    expect(second).toMatchObject({ new: 1, edited: 1, duplicates: 0 });
    const edited = (await storedItems(store)).find((i) => i.external_id === '2');
    expect(edited).toMatchObject({ text: 'after the edit', version: 2 });
    const versions = await store.items.itemVersions(edited?.id ?? 0);
    expect(versions.map((v) => v.text)).toEqual(['before the edit']);

    const third = await runOnce(store, collectorOver(fake), src);
    expect(third).toMatchObject({ new: 0, edited: 0, duplicates: 0 });
  });

  it('downloads photos within the size cap under the data folder, and describes larger ones', async () => {
    store = await openSqliteStore(':memory:');
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-tg-media-'));
    const fake = new FakeTelegram();
    fake.add(channel(EXAMPLE, 'Example Channel', 'example_channel'), [
      post(EXAMPLE, 1, '', { media: photo(901, 1024) }),
      post(EXAMPLE, 2, 'caption', { media: photo(902, 10 * 1024 * 1024) }),
      post(EXAMPLE, 3, 'refused', { media: photo(903, 1024) }),
    ]);
    fake.refusedPhotos.add(3);
    const run = await runOnce(store, collectorOver(fake, dataDir), source('@example_channel'));
    expect(run.new).toBe(3);
    expect(fake.downloads).toBe(2);
    expect(run.batches[0]?.problems).toEqual([
      { where: 'message 2', message: expect.stringMatching(/over the 5242880-byte cap/) },
      { where: 'message 3', message: 'photo could not be downloaded; described only' },
    ]);
    const media = await store.db
      .selectFrom('media')
      .select(['path', 'declared', 'missing', 'width'])
      .orderBy('id')
      .execute();
    const path = join(dataDir, 'media/telegram/1001/1-901.jpg');
    expect(media[0]).toMatchObject({ path, declared: 'media/telegram/1001/1-901.jpg', width: 800 });
    expect(Boolean(media[0]?.missing)).toBe(false);
    expect(readFileSync(path)).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    expect(media[1]).toMatchObject({ path: null, declared: 'media/telegram/1001/2-902.jpg' });
    expect(Boolean(media[1]?.missing)).toBe(true);
    expect(existsSync(join(dataDir, 'media/telegram/1001/2-902.jpg'))).toBe(false);
  });

  it('meets the same channel’s export: one source, and a message already exported is a duplicate', async () => {
    store = await openSqliteStore(':memory:');
    const exported = normalizeMessage(
      {
        id: 1,
        type: 'message',
        date_unixtime: String(T0 + 60),
        from: 'Example Channel',
        from_id: `channel${EXAMPLE}`,
        text: 'same post',
      },
      '{}',
      chatSource({ id: EXAMPLE, name: 'Example Channel', type: 'public_channel' }, 'x'),
      '/exports/result.json',
    );
    if (exported.kind !== 'item') throw new Error('expected an item');
    await store.items.ingestItems([exported.item]);
    const fake = new FakeTelegram();
    fake.add(channel(EXAMPLE, 'Example Channel', 'example_channel'), [
      post(EXAMPLE, 1, 'same post'),
      post(EXAMPLE, 2, 'new post'),
    ]);
    const run = await runOnce(store, collectorOver(fake), source('@example_channel'));
    expect(run).toMatchObject({ new: 1, duplicates: 1 });
    expect((await store.items.stats()).by_source).toEqual({ 'Example Channel': 2 });
    const liveRecord = run.batches[0]?.records[0];
    if (liveRecord?.kind !== 'item') throw new Error('expected an item');
    for (const field of [
      'platform',
      'source',
      'externalId',
      'author',
      'authorId',
      'postedAt',
      'text',
    ] as const)
      expect(liveRecord.item[field]).toEqual(exported.item[field]);
  });

  it('keeps service messages as channel events and logs nothing, least of all content', async () => {
    store = await openSqliteStore(':memory:');
    const fake = new FakeTelegram();
    const service = new Api.MessageService({
      id: 2,
      peerId: new Api.PeerChannel({ channelId: big(EXAMPLE) }),
      date: T0 + 120,
      action: new Api.MessageActionPinMessage(),
    });
    fake.add(channel(EXAMPLE, 'Example Channel', 'example_channel'), [
      post(EXAMPLE, 1, 'secret-content-marker'),
      service as unknown as Api.Message,
    ]);
    const logs = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
      vi.spyOn(process.stderr, 'write'),
      vi.spyOn(process.stdout, 'write'),
    ];
    const run = await runOnce(store, collectorOver(fake), source('@example_channel'));
    const logged = logs.flatMap((spy) => spy.mock.calls);
    for (const spy of logs) spy.mockRestore();
    expect(logged).toEqual([]);
    expect(run.new).toBe(1);
    expect(await store.items.countChannelEvents()).toBe(1);
  });
});

describe('the MTProto collector as the registry builds it', () => {
  it('needs the API id and hash from the environment, and a stored session before it connects', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-tg-factory-'));
    expect(() => createMtprotoCollector({ allowHosts: [], dataDir, env: {} })).toThrow(
      /VIGIL_TELEGRAM_API_ID .*VIGIL_TELEGRAM_API_HASH/,
    );
    const collector = await createMtprotoCollector({
      allowHosts: [],
      dataDir,
      env: { VIGIL_TELEGRAM_API_ID: '12345', VIGIL_TELEGRAM_API_HASH: 'abcdef' },
    });
    const batches = collector.collect(source('@example_channel'), context());
    await expect(batches[Symbol.asyncIterator]().next()).rejects.toThrow(
      /no session is stored; run `vigil telegram login`/,
    );
  });

  it('reads @name, name and t.me links as a channel username, and refuses anything else', () => {
    for (const target of [
      '@example_channel',
      'example_channel',
      'https://t.me/example_channel',
      't.me/example_channel',
    ])
      expect(channelUsername(target)).toBe('example_channel');
    expect(() => channelUsername('https://example.org/x')).toThrow(/a channel target is @name/);
  });
});
