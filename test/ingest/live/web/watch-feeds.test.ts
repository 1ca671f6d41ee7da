import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSources } from '../../../../src/pipeline/watch-run.js';
import { openSqliteStore } from '../../../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../../../src/store/store.js';
import { articlePage, type FakeSite, pathsAsked, rss, send, startSite } from './fake-site.js';

const MARKET = [
  'The spring market opens on Saturday with forty stalls selling bread, cheese and vegetables from local farms.',
  'Organisers expect more visitors than last year and ask people to come by bicycle or on foot.',
];

let site: FakeSite | undefined;
let store: OpenedStore | undefined;
afterEach(async () => {
  await site?.close();
  await store?.close();
});

describe('feed sources under the scheduler', () => {
  it('stores a feed with its articles once; a second watch --once later stores nothing new', async () => {
    site = await startSite({
      '/feed.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
        else
          res
            .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' })
            .end(rss('Fake Wire', [{ title: 'Market opens', link: '/news/market' }]));
      },
      '/news/market': send('text/html', articlePage('Market opens', MARKET)),
    });
    const db = join(mkdtempSync(join(tmpdir(), 'vigil-watch-feeds-')), 'vigil.db');
    store = await openSqliteStore(db);
    await store.liveSources.add({
      kind: 'rss',
      name: 'Fake Wire',
      target: `${site.base}/feed.xml`,
      scheduleSeconds: 900,
      secretEnv: null,
      at: new Date(0).toISOString(),
    });
    let now = new Date('2026-04-02T08:00:00Z');
    // Each call is one `vigil watch --once`: a fresh collector from the shipped registry.
    const watchOnce = () =>
      watchSources({
        items: (store as OpenedStore).items,
        liveSources: (store as OpenedStore).liveSources,
        runner: null,
        collectorOptions: { allowHosts: ['127.0.0.1'], dataDir: join(db, '..'), env: {} },
        signal: new AbortController().signal,
        clock: { now: () => now, sleep: async () => {} },
        once: true,
        seed: 1,
      });
    const [first] = await watchOnce();
    expect(first).toMatchObject({ source: 'Fake Wire', new: 1, error: null, problems: [] });
    // The article's full text was stored, not the feed's summary.
    const [hit] = await store.items.search('bicycle', { limit: 5 });
    expect(hit?.text).toBe(`Market opens\n\n${MARKET.join('\n\n')}`);

    now = new Date('2026-04-02T09:00:00Z');
    const [second] = await watchOnce();
    // A 304 is the feed saying nothing changed: a successful run, with nothing to report.
    expect(second).toMatchObject({ new: 0, duplicates: 0, error: null, problems: [] });
    expect(await store.liveSources.byName('Fake Wire')).toMatchObject({
      itemsLastRun: 0,
      itemsTotal: 1,
      lastProblems: [],
      lastError: null,
      lastSuccessAt: '2026-04-02T09:00:00.000Z',
    });
    expect((await store.items.stats()).items).toBe(1);
    expect(pathsAsked(site)).toEqual(['/feed.xml', '/news/market', '/feed.xml']);
  }, 30_000);
});
