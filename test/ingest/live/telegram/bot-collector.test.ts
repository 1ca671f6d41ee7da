import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestRecord } from '../../../../src/ingest/adapter.js';
import {
  type CollectBatch,
  type Collector,
  type LiveSource,
  SourceBackoff,
} from '../../../../src/ingest/live/collector.js';
import { botCollector } from '../../../../src/ingest/live/telegram/bot-collector.js';
import { runIngest } from '../../../../src/pipeline/ingest-run.js';
import { openSqliteStore } from '../../../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../../../src/store/store.js';
import { FakeBotApi, ORIGIN, post, T0, TOKEN } from './bot-fixtures.js';

const NOW = new Date('2024-01-02T00:00:00Z');

let api: FakeBotApi;
let apiRoot: string;
let store: OpenedStore;
beforeEach(async () => {
  api = new FakeBotApi();
  apiRoot = await api.start();
  store = await openSqliteStore(':memory:');
});
afterEach(async () => {
  await api.stop();
  await store.close();
});

const source = (cursor: Record<string, unknown> = {}, secret: string | null = TOKEN): LiveSource => ({
  id: 1,
  kind: 'telegram-bot',
  name: 'example-bot',
  target: '',
  secret,
  cursor,
});

const collector = (): Collector =>
  botCollector({ allowHosts: ['127.0.0.1'], dataDir: '/nonexistent', env: {} }, { apiRoot });

/** As the scheduler does it: store each batch through ingest's record path, then save its cursor. */
async function runOnce(src: LiveSource, c: Collector = collector()) {
  const batches: CollectBatch[] = [];
  const totals = { new: 0, duplicates: 0, edited: 0 };
  let error: unknown = null;
  try {
    for await (const batch of c.collect(src, { signal: new AbortController().signal, now: () => NOW })) {
      batches.push(batch);
      const records = batch.records;
      const summary = await runIngest(store.items, [
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
      ]);
      totals.new += summary.new;
      totals.duplicates += summary.duplicates;
      totals.edited += summary.edited;
      if (batch.cursor) src.cursor = batch.cursor;
    }
  } catch (e) {
    error = e;
  }
  return { batches, error, ...totals };
}

const items = () =>
  store.db
    .selectFrom('items')
    .innerJoin('sources', 'sources.id', 'items.source_id')
    .select([
      'items.id',
      'items.external_id',
      'items.text',
      'items.version',
      'items.forwarded_from',
      'items.forwarded_from_id',
      'sources.name as source',
      'sources.external_id as source_id',
    ])
    .orderBy('items.id')
    .execute();

describe('Bot API collector', () => {
  it('stores channel posts and edits (an edit is a version of the same post), through the apiRoot given', async () => {
    api.push('channel_post', post(1, 'first post'));
    api.push('channel_post', post(2, 'second post'));
    api.push('edited_channel_post', post(1, 'first post, edited', { edit_date: T0 + 600 }));
    const src = source();
    const run = await runOnce(src);
    expect(run).toMatchObject({ new: 2, edited: 1, duplicates: 0, error: null });
    expect(api.requests[0]).toMatchObject({
      method: 'getUpdates',
      token: TOKEN,
      body: { offset: 0, allowed_updates: ['channel_post', 'edited_channel_post'] },
    });
    const stored = await items();
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      external_id: '1',
      text: 'first post, edited',
      version: 2,
      source: 'Example Channel',
      source_id: '1001',
    });
    expect((await store.items.itemVersions(stored[0]?.id ?? 0)).map((v) => v.text)).toEqual(['first post']);
    expect(src.cursor).toEqual({ offset: 503 });
  });

  it('stores nothing twice across a restart: a new collector resumes at the saved offset', async () => {
    api.push('channel_post', post(1, 'first post'));
    const src = source();
    expect((await runOnce(src)).new).toBe(1);
    api.push('channel_post', post(2, 'second post'));
    const restarted = await runOnce(src, collector());
    expect(restarted).toMatchObject({ new: 1, duplicates: 0, edited: 0 });
    expect(api.requests.at(-1)?.body.offset).toBe(501);
    const nothing = await runOnce(src, collector());
    expect(nothing).toMatchObject({ new: 0, duplicates: 0, batches: [] });
    expect((await items()).map((i) => i.external_id)).toEqual(['1', '2']);
  });

  it('re-reads what a crash left unstored: the offset is only what the scheduler saved', async () => {
    api.push('channel_post', post(1, 'first post'));
    const src = source();
    const c = collector();
    for await (const batch of c.collect(src, { signal: new AbortController().signal, now: () => NOW })) {
      expect(batch.records).toHaveLength(1);
      break; // the process dies before storing
    }
    const after = await runOnce(src);
    expect(after.new).toBe(1);
  });

  it('honours a 429: the source pauses for retry_after seconds and its offset does not move', async () => {
    api.push('channel_post', post(1, 'first post'));
    api.tooManyRequests = 7;
    const src = source({ offset: 500 });
    const run = await runOnce(src);
    expect(run.error).toBeInstanceOf(SourceBackoff);
    expect((run.error as SourceBackoff).until.toISOString()).toBe('2024-01-02T00:00:07.000Z');
    expect(String((run.error as Error).message)).not.toContain(TOKEN);
    expect(src.cursor).toEqual({ offset: 500 });
    const later = await runOnce(src);
    expect(later.new).toBe(1);
  });

  it('keeps forwards as forward edges and counts their channels for suggestions', async () => {
    api.push(
      'channel_post',
      post(1, 'forwarded words', {
        forward_origin: { type: 'channel', chat: ORIGIN, message_id: 77, date: T0 },
      }),
    );
    const run = await runOnce(source());
    expect(run.batches[0]?.forwardOrigins).toEqual([
      { channel: '@origin_channel', peer: 'channel2002', count: 1 },
    ]);
    expect((await items())[0]).toMatchObject({
      forwarded_from: 'Origin Channel',
      forwarded_from_id: 'channel2002',
    });
  });

  it('downloads a photo within the size cap under the data folder, and describes a larger or refused one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bot-media-'));
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    const size = (id: string, width: number, bytes: number) => ({
      file_id: `file-${id}`,
      file_unique_id: `uniq${id}`,
      width,
      height: width,
      file_size: bytes,
    });
    api.files.set('file-big', { path: 'photos/file_1.jpg', bytes: jpeg });
    api.files.set('file-thumb', { path: 'photos/file_0.jpg', bytes: jpeg });
    api.push('channel_post', post(1, '', { photo: [size('thumb', 90, 2), size('big', 800, jpeg.length)] }));
    api.push('channel_post', post(2, 'too large', { photo: [size('huge', 1280, 10 * 1024 * 1024)] }));
    api.push('channel_post', post(3, 'gone', { photo: [size('gone', 800, 100)] }));
    const c = botCollector(
      { allowHosts: ['127.0.0.1'], dataDir, env: {} },
      { apiRoot, media: { photoMaxBytes: 5 * 1024 * 1024, retentionDays: 0 } },
    );
    const run = await runOnce(source(), c);
    expect(run).toMatchObject({ new: 3, error: null });
    // Only the largest size of the first photo was fetched; the others were not asked for.
    expect(api.downloads).toEqual(['photos/file_1.jpg']);
    expect(run.batches[0]?.problems).toEqual([
      {
        where: 'message 2',
        message: expect.stringMatching(/^photo of 10485760 bytes is over the 5242880-byte cap/),
      },
      { where: 'message 3', message: 'photo could not be downloaded; described only' },
    ]);
    expect(JSON.stringify(run.batches[0]?.problems)).not.toContain(TOKEN);
    const path = join(dataDir, 'media/telegram/1001/1-uniqbig.jpg');
    expect(readFileSync(path)).toEqual(jpeg);
    const media = await store.db
      .selectFrom('media')
      .select(['path', 'missing', 'width'])
      .orderBy('id')
      .execute();
    expect(media[0]).toMatchObject({ path, width: 800 });
    expect(Boolean(media[0]?.missing)).toBe(false);
    expect(media.slice(1).map((m) => [m.path, Boolean(m.missing)])).toEqual([
      [null, true],
      [null, true],
    ]);
  });

  it('refuses to run without a token, and reports a refused token without echoing it', async () => {
    await expect(runOnce(source({}, null)).then((r) => r.error)).resolves.toMatchObject({
      message: expect.stringMatching(/example-bot: no bot token/),
    });
    const refused = await runOnce(source({}, '999:WRONG-token-value'));
    expect(String((refused.error as Error).message)).toMatch(/example-bot: Unauthorized/);
    expect(String((refused.error as Error).message)).not.toContain('WRONG-token-value');
  });
});
