import { afterEach, describe, expect, it } from 'vitest';
import type { IngestRecord } from '../../../../src/ingest/adapter.js';
import { FeedCollector } from '../../../../src/ingest/live/web/feed-collector.js';
import { runMatch } from '../../../../src/pipeline/match-run.js';
import { storeRecords } from '../../../../src/pipeline/store-records.js';
import { openStore } from '../../../../src/presets/open-store.js';
import type { Store } from '../../../../src/store/store.js';
import {
  articlePage,
  collectAll,
  type FakeSite,
  liveSource,
  pathsAsked,
  resolverOf,
  rss,
  send,
  startSite,
} from './fake-site.js';

const BRIDGE = [
  'The harbour bridge will close for three weeks of repairs starting on Monday, the council said.',
  'Ferries will run every hour while the bridge is closed, and buses will take the long road around the bay.',
];
const MARKET = [
  'The spring market opens on Saturday with forty stalls selling bread, cheese and vegetables from local farms.',
  'Organisers expect more visitors than last year and ask people to come by bicycle or on foot.',
];

let site: FakeSite | undefined;
let store: Store | undefined;
afterEach(async () => {
  await site?.close();
  await store?.close();
  site = undefined;
  store = undefined;
});

const collector = (allowHosts: string[] = ['127.0.0.1'], extra = {}) =>
  new FeedCollector({ allowHosts, dataDir: '/nonexistent', env: {} }, { minDelayMs: 0, ...extra });

async function* each(records: IngestRecord[]) {
  yield* records;
}

describe('the feed collector', () => {
  it('stores each entry with its full article text, and a second run with the saved cursor stores nothing new', async () => {
    site = await startSite({
      '/feed.xml': (_req, res, s) =>
        send(
          'application/rss+xml',
          rss('Fake Wire', [
            { title: 'Bridge closes', link: `${s.base}/news/bridge?utm_source=feed` },
            { title: 'Market opens', link: '/news/market' },
          ]),
        )(_req, res, s),
      '/news/bridge?utm_source=feed': send(
        'text/html; charset=utf-8',
        articlePage(
          'Bridge closes',
          BRIDGE,
          '<link rel="canonical" href="/news/bridge"><meta name="author" content="Desk Writer">',
        ),
      ),
      '/news/market': send(
        'text/html',
        articlePage(
          'Market opens',
          MARKET,
          '<meta property="article:published_time" content="2026-04-03T09:30:00Z">',
        ),
      ),
    });
    store = await openStore(':memory:');
    const feeds = collector();
    const first = await collectAll(feeds, liveSource(`${site.base}/feed.xml`));
    expect(first.problems).toEqual([]);
    expect(first.items).toHaveLength(2);
    const [bridge, market] = first.items;
    expect(bridge).toMatchObject({
      platform: 'news',
      source: { platform: 'news', name: 'Fake Wire', kind: 'feed' },
      externalId: `${site.base}/news/bridge`,
      url: `${site.base}/news/bridge`,
      title: 'Bridge closes',
      author: 'Desk Writer',
      postedAt: '2026-04-02T08:00:00.000Z',
    });
    expect(bridge?.text).toBe(`Bridge closes\n\n${BRIDGE.join('\n\n')}`);
    expect(bridge?.text).not.toContain('Home');
    expect(bridge?.text).not.toContain('Copyright');
    expect(market).toMatchObject({
      externalId: `${site.base}/news/market`,
      postedAt: '2026-04-03T09:30:00.000Z',
    });
    expect(market?.text).toContain(MARKET[1]);
    // Requests name Vigil.
    expect(site.requests.every((r) => /^Vigil\/\d/.test(String(r.headers['user-agent'])))).toBe(true);

    const stored = await storeRecords(store.items, each(first.records), { file: 'Fake Wire' });
    expect(stored).toMatchObject({ new: 2, errors: [] });

    const asked = site.requests.length;
    const second = await collectAll(feeds, liveSource(`${site.base}/feed.xml`, first.cursor));
    expect(second.items).toEqual([]);
    expect((await storeRecords(store.items, each(second.records), { file: 'Fake Wire' })).new).toBe(0);
    // Only the feed was read again: no article page is fetched twice.
    expect(pathsAsked(site).slice(asked - 1)).toEqual(['/feed.xml']);
  });

  it('sends the stored validators and honours a 304: nothing stored, the cursor kept, no problem reported', async () => {
    site = await startSite({
      '/feed.xml': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
        else
          res
            .writeHead(200, {
              'content-type': 'application/rss+xml',
              etag: '"v1"',
              'last-modified': 'Thu, 02 Apr 2026 08:00:00 GMT',
            })
            .end(rss('Fake Wire', [{ title: 'Market opens', link: '/news/market' }]));
      },
      '/news/market': send('text/html', articlePage('Market opens', MARKET)),
    });
    const feeds = collector();
    const first = await collectAll(feeds, liveSource(`${site.base}/feed.xml`));
    expect(first.items).toHaveLength(1);
    expect(first.cursor).toMatchObject({ etag: '"v1"', lastModified: 'Thu, 02 Apr 2026 08:00:00 GMT' });
    const second = await collectAll(feeds, liveSource(`${site.base}/feed.xml`, first.cursor));
    expect(second.records).toEqual([]);
    expect(second.problems).toEqual([]);
    expect(second.cursor).toEqual(first.cursor);
    const last = site.requests.at(-1);
    expect(last?.headers['if-none-match']).toBe('"v1"');
    expect(last?.headers['if-modified-since']).toBe('Thu, 02 Apr 2026 08:00:00 GMT');
  });

  it('stores the good entries of a feed with broken ones and reports each broken one by index and field', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Fake JSON Wire',
      items: [
        { id: 'a', title: 'Market opens', content_text: MARKET[0] },
        { id: 'b', title: 'Broken', url: 42 },
        'not an entry',
        { id: 'd', title: 'Bridge closes', content_text: BRIDGE[0] },
      ],
    });
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Fake Wire</title>
<item><guid>x1</guid><title>Market opens</title><description>${MARKET[0]}</description></item>
<item><guid>x2</guid><title>Broken</title><description><![CDATA[<p>never closed</description></item>
<item><guid>x3</guid><title>Bridge closes</title><description>${BRIDGE[0]}</description></item>
</channel></rss>`;
    site = await startSite({
      '/feed.json': send('application/feed+json', json),
      '/feed.xml': send('application/rss+xml', xml),
    });
    store = await openStore(':memory:');
    const fromJson = await collectAll(collector(), liveSource(`${site.base}/feed.json`));
    expect(fromJson.items.map((i) => i.externalId)).toEqual(['a', 'd']);
    expect(fromJson.problems).toEqual([
      { where: 'entry 2 (url)', message: 'entry 2: url: expected a string' },
      { where: 'entry 3', message: 'entry 3: expected an object' },
    ]);
    expect((await storeRecords(store.items, each(fromJson.records), { file: 'json' })).new).toBe(2);
    const fromXml = await collectAll(collector(), liveSource(`${site.base}/feed.xml`, {}, 'Fake XML Wire'));
    expect(fromXml.items.map((i) => i.externalId)).toEqual(['x1', 'x3']);
    expect(fromXml.problems).toEqual([{ where: 'entry 2', message: 'entry 2 is not readable XML' }]);
    expect(fromXml.items[0]?.text).toBe(`Market opens\n\n${MARKET[0]}`);
  });

  it('stores a page with scripts and event handlers as text without the script content', async () => {
    const hostile = articlePage(
      'Bridge closes',
      BRIDGE,
      '<script>document.title="HEADSCRIPT"</script><style>p{color:red}</style>',
      `<img src="x" onerror="fetch('/pwned-onerror')"><script>fetch('/pwned-script'); var marker = "INLINESCRIPT";</script>
<p onclick="fetch('/pwned-click')">Repairs are paid for by the regional transport fund this year.</p><noscript>NOSCRIPTTEXT</noscript>`,
    );
    site = await startSite({
      '/feed.xml': send(
        'application/rss+xml',
        rss('Fake Wire', [{ title: 'Bridge closes', link: '/news/bridge' }]),
      ),
      '/news/bridge': send('text/html', hostile),
    });
    store = await openStore(':memory:');
    const run = await collectAll(collector(), liveSource(`${site.base}/feed.xml`));
    expect(run.problems).toEqual([]);
    expect((await storeRecords(store.items, each(run.records), { file: 'Fake Wire' })).new).toBe(1);
    // What the store holds, read back: the article's text, none of the scripts'.
    const [item] = await store.items.search('transport', { limit: 5 });
    expect(item?.text).toContain('Repairs are paid for by the regional transport fund');
    expect(item?.text).toContain(BRIDGE[1]);
    for (const marker of ['HEADSCRIPT', 'INLINESCRIPT', 'fetch(', 'pwned', 'color:red', 'NOSCRIPTTEXT'])
      expect(item?.text).not.toContain(marker);
    expect(item?.text).toBe(run.items[0]?.text);
    // Nothing on the page ran: no request came from its handlers or scripts.
    expect(pathsAsked(site)).toEqual(['/feed.xml', '/news/bridge']);
  });

  it('fetches nothing at link-local, metadata or private addresses a feed links to, and reports each refusal', async () => {
    site = await startSite({});
    const port = () => (site as FakeSite).port;
    site = await startSite({
      '/feed.xml': send(
        'application/rss+xml',
        rss('Fake Wire', [
          {
            title: 'Metadata',
            link: `http://169.254.169.254:${port()}/latest/meta-data/`,
            description: 'Entry one.',
          },
          { title: 'Intranet', link: `http://10.0.0.1:${port()}/admin`, description: 'Entry two.' },
          // A name whose addresses include a private one is refused whole, though loopback is allowed.
          { title: 'Rebound', link: `http://mixed.test:${port()}/rebound`, description: 'Entry three.' },
          {
            title: 'Cloud',
            link: `http://metadata.test:${port()}/computeMetadata/v1/`,
            description: 'Entry four.',
          },
          {
            title: 'Unique local',
            link: `http://[fd00:ec2::254]:${port()}/latest`,
            description: 'Entry five.',
          },
        ]),
      ),
      '/rebound': send('text/html', articlePage('Should not be read', MARKET)),
    });
    const resolver = resolverOf({
      'mixed.test': ['127.0.0.1', '10.0.0.1'],
      'metadata.test': ['169.254.169.254'],
    });
    const run = await collectAll(collector(['127.0.0.1'], { resolver }), liveSource(`${site.base}/feed.xml`));
    expect(pathsAsked(site)).toEqual(['/feed.xml']);
    expect(run.problems).toEqual([
      { where: 'entry 1: 169.254.169.254', message: 'refused: 169.254.169.254 is a linkLocal address' },
      { where: 'entry 2: 10.0.0.1', message: 'refused: 10.0.0.1 is a private address' },
      { where: 'entry 3: mixed.test', message: 'refused: the host resolves to a private address' },
      { where: 'entry 4: metadata.test', message: 'refused: the host resolves to a linkLocal address' },
      { where: 'entry 5: fd00:ec2::254', message: 'refused: fd00:ec2::254 is a uniqueLocal address' },
    ]);
    // The entries themselves are kept, with their own text.
    expect(run.items.map((i) => i.text)).toEqual([
      'Metadata\n\nEntry one.',
      'Intranet\n\nEntry two.',
      'Rebound\n\nEntry three.',
      'Cloud\n\nEntry four.',
      'Unique local\n\nEntry five.',
    ]);
  });

  it('refuses a redirect to loopback when loopback is not allowed', async () => {
    site = await startSite({
      '/feed.xml': (_req, res, s) => res.writeHead(302, { location: `${s.base}/real.xml` }).end(),
      '/real.xml': send(
        'application/rss+xml',
        rss('Fake Wire', [{ title: 'Market opens', link: '/news/market' }]),
      ),
    });
    const resolver = resolverOf({ 'feeds.test': ['127.0.0.1'] });
    const feeds = collector(['feeds.test'], { resolver });
    // The feed cannot be read: the source fails with the refusal as its error, and stores nothing.
    await expect(collectAll(feeds, liveSource(`http://feeds.test:${site.port}/feed.xml`))).rejects.toThrow(
      'feed: 127.0.0.1: refused: 127.0.0.1 is a loopback address',
    );
    expect(pathsAsked(site)).toEqual(['/feed.xml']);
    // The allowed name was connected to at the address the resolver gave, under its own name.
    expect(site.requests.find((r) => r.path === '/feed.xml')?.host).toBe(`feeds.test:${site.port}`);
  });

  it('fails the source when the feed itself is disallowed by robots.txt or its robots.txt cannot be read, saying why', async () => {
    site = await startSite({
      '/robots.txt': send('text/plain', 'User-agent: Vigil\nDisallow: /closed/\n'),
      '/closed/feed.xml': send('application/rss+xml', rss('Fake Wire', [])),
    });
    await expect(collectAll(collector(), liveSource(`${site.base}/closed/feed.xml`))).rejects.toThrow(
      'feed: 127.0.0.1: disallowed by robots.txt',
    );
    const down = await startSite({
      '/robots.txt': (_req, res) => res.writeHead(503).end(),
      '/feed.xml': send('application/rss+xml', rss('Fake Wire', [])),
    });
    try {
      await expect(collectAll(collector(), liveSource(`${down.base}/feed.xml`))).rejects.toThrow(
        'feed: 127.0.0.1: robots.txt could not be fetched: HTTP 503',
      );
      expect(pathsAsked(down)).toEqual([]);
    } finally {
      await down.close();
    }
    expect(pathsAsked(site)).toEqual([]);
  });

  it('honours robots.txt: a disallowed article is not fetched, the entry keeps its own text, and the skip is reported', async () => {
    site = await startSite({
      '/robots.txt': send(
        'text/plain',
        'User-agent: Vigil\nDisallow: /private/\n\nUser-agent: *\nDisallow:\n',
      ),
      '/feed.xml': send(
        'application/rss+xml',
        rss('Fake Wire', [
          { title: 'Private', link: '/private/a', description: 'Entry text only.' },
          { title: 'Market opens', link: '/news/market' },
          { title: 'Short link', link: '/go/b', description: 'Redirected entry.' },
        ]),
      ),
      '/news/market': send('text/html', articlePage('Market opens', MARKET)),
      '/go/b': (_req, res) => res.writeHead(302, { location: '/private/b' }).end(),
    });
    const run = await collectAll(collector(), liveSource(`${site.base}/feed.xml`));
    // Neither the disallowed link nor the disallowed target of a redirect was fetched.
    expect(pathsAsked(site)).toEqual(['/feed.xml', '/news/market', '/go/b']);
    expect(site.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    expect(run.problems).toEqual([
      { where: 'entry 1: 127.0.0.1', message: 'disallowed by robots.txt' },
      { where: 'entry 3: 127.0.0.1', message: 'disallowed by robots.txt' },
    ]);
    expect(run.items[0]?.text).toBe('Private\n\nEntry text only.');
    expect(run.items[1]?.text).toContain(MARKET[0]);
    expect(run.items[2]?.text).toBe('Short link\n\nRedirected entry.');
  });

  it('asks the robots.txt of the site a redirect leads to, on the same host name, without waiting on itself', async () => {
    const other = await startSite({
      '/robots.txt': send('text/plain', 'User-agent: *\nDisallow: /closed\n'),
      '/open': send('text/html', articlePage('Market opens', MARKET)),
    });
    try {
      site = await startSite({
        '/feed.xml': send(
          'application/rss+xml',
          rss('Fake Wire', [
            { title: 'Closed', link: '/to-closed', description: 'Closed entry.' },
            { title: 'Market opens', link: '/to-open' },
          ]),
        ),
        '/to-closed': (_req, res) => res.writeHead(301, { location: `${other.base}/closed` }).end(),
        '/to-open': (_req, res) => res.writeHead(301, { location: `${other.base}/open` }).end(),
      });
      const run = await collectAll(
        collector(['127.0.0.1'], { minDelayMs: 20 }),
        liveSource(`${site.base}/feed.xml`),
      );
      expect(pathsAsked(other)).toEqual(['/open']);
      expect(run.problems).toEqual([{ where: 'entry 1: 127.0.0.1', message: 'disallowed by robots.txt' }]);
      expect(run.items[1]?.text).toContain(MARKET[1]);
    } finally {
      await other.close();
    }
  }, 10_000);

  it('asked to stop, hands over what it collected with a cursor that reads the feed again next time', async () => {
    const stop = new AbortController();
    site = await startSite({
      '/feed.xml': send(
        'application/rss+xml',
        rss('Fake Wire', [
          { title: 'Market opens', link: '/news/market' },
          { title: 'Bridge closes', link: '/news/bridge' },
        ]),
        { etag: '"v1"' },
      ),
      '/news/market': send('text/html', articlePage('Market opens', MARKET)),
      // Stopped while this page is being fetched.
      '/news/bridge': () => stop.abort(),
    });
    const run = await collectAll(collector(), liveSource(`${site.base}/feed.xml`), stop.signal);
    expect(run.items.map((i) => i.title)).toEqual(['Market opens']);
    expect(run.cursor).toMatchObject({ etag: null, seen: ['/news/market', `${site.base}/news/market`] });
    expect(pathsAsked(site)).toEqual(['/feed.xml', '/news/market', '/news/bridge']);
  });

  it('dedupes within a source by canonical URL and by content hash', async () => {
    site = await startSite({
      '/feed.xml': send(
        'application/rss+xml',
        rss('Fake Wire', [
          { title: 'Market opens', link: '/news/market?from=rss', guid: 'g1' },
          { title: 'Market opens', link: '/news/market?from=home', guid: 'g2' },
          { title: 'Market opens', link: '/mirror/market', guid: 'g3' },
        ]),
      ),
      '/news/market?from=rss': send(
        'text/html',
        articlePage('Market opens', MARKET, '<link rel="canonical" href="/news/market">'),
      ),
      '/news/market?from=home': send(
        'text/html',
        articlePage('Market opens', MARKET, '<link rel="canonical" href="/news/market">'),
      ),
      '/mirror/market': send('text/html', articlePage('Market opens', MARKET)),
    });
    const run = await collectAll(collector(), liveSource(`${site.base}/feed.xml`));
    expect(run.items.map((i) => i.externalId)).toEqual([`${site.base}/news/market`]);
    expect(run.cursor).toMatchObject({ seen: expect.arrayContaining(['g1', 'g2', 'g3']) });
    expect((run.cursor as { hashes: string[] }).hashes).toHaveLength(1);
  });

  it('links the same article under two sources as one cluster (spread)', async () => {
    site = await startSite({
      '/a.xml': send('application/rss+xml', rss('Wire A', [{ title: 'Market opens', link: '/a/market' }])),
      '/b.xml': send('application/rss+xml', rss('Wire B', [{ title: 'Market opens', link: '/b/market' }])),
      '/a/market': send('text/html', articlePage('Market opens', MARKET)),
      '/b/market': send('text/html', articlePage('Market opens', MARKET)),
    });
    store = await openStore(':memory:');
    const feeds = collector();
    for (const [name, path] of [
      ['Wire A', '/a.xml'],
      ['Wire B', '/b.xml'],
    ] as const) {
      const run = await collectAll(feeds, liveSource(`${site.base}${path}`, {}, name));
      expect((await storeRecords(store.items, each(run.records), { file: name })).new).toBe(1);
    }
    await runMatch(store.clusters, store.alerts);
    const spread = await store.clusters.listClusters({ minSources: 2 });
    expect(spread).toHaveLength(1);
    expect(spread[0]?.sources.sort()).toEqual(['Wire A', 'Wire B']);
  });

  it('keeps the entry text and reports a page that cannot be fetched or read', async () => {
    site = await startSite({
      '/feed.xml': send(
        'application/rss+xml',
        rss('Fake Wire', [
          { title: 'Gone', link: '/gone', description: 'Gone entry.' },
          { title: 'Empty', link: '/empty', description: 'Empty entry.' },
          { title: 'Picture', link: '/picture.png', description: 'Picture entry.' },
        ]),
      ),
      '/empty': send('text/html', '<html><body><nav>menu</nav></body></html>'),
      '/picture.png': send('image/png', Buffer.from([0x89, 0x50])),
    });
    const run = await collectAll(collector(), liveSource(`${site.base}/feed.xml`));
    expect(run.items.map((i) => i.text)).toEqual([
      'Gone\n\nGone entry.',
      'Empty\n\nEmpty entry.',
      'Picture\n\nPicture entry.',
    ]);
    expect(run.problems).toEqual([
      { where: 'entry 1: 127.0.0.1', message: 'article page not fetched: HTTP 404' },
      { where: 'entry 2: 127.0.0.1', message: 'no readable article on the page' },
      { where: 'entry 3: 127.0.0.1', message: 'the link is not an HTML page' },
    ]);
  });

  it('pauses the source when the feed answers 429 with Retry-After, and fails it on other errors or when it is no feed', async () => {
    site = await startSite({
      '/busy.xml': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end(),
      '/broken.xml': (_req, res) => res.writeHead(500).end(),
      '/moved.xml': send('text/html', '<html><body>This feed has moved.</body></html>'),
    });
    const before = Date.now();
    const busy = collectAll(collector(), liveSource(`${site.base}/busy.xml`));
    await expect(busy).rejects.toMatchObject({ name: 'SourceBackoff' });
    const until = ((await busy.catch((e: unknown) => e)) as { until: Date }).until.getTime();
    expect(until - before).toBeGreaterThanOrEqual(119_000);
    await expect(collectAll(collector(), liveSource(`${site.base}/broken.xml`))).rejects.toThrow(
      'feed: 127.0.0.1: HTTP 500',
    );
    await expect(collectAll(collector(), liveSource(`${site.base}/moved.xml`))).rejects.toThrow(
      'feed: 127.0.0.1: neither an RSS channel, an RSS 1.0 (RDF) document nor an Atom feed',
    );
  });
});
