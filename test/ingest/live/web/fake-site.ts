import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IngestRecord } from '../../../../src/ingest/adapter.js';
import type { Collector, CollectProblem, Cursor, LiveSource } from '../../../../src/ingest/live/collector.js';
import type { Resolver } from '../../../../src/ingest/live/web/safe-fetch.js';

export type Route = (req: IncomingMessage, res: ServerResponse, site: FakeSite) => void;

/** A fake news site on loopback that records every request it receives. */
export interface FakeSite {
  /** `http://127.0.0.1:PORT` */
  base: string;
  port: number;
  requests: { path: string; host: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/** Serves `routes` by path (query included); anything else is a 404, robots.txt included. */
export async function startSite(routes: Record<string, Route>): Promise<FakeSite> {
  const site = { requests: [] } as unknown as FakeSite;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    site.requests.push({ path, host: req.headers.host ?? '', headers: req.headers });
    const route = routes[path];
    if (route) route(req, res, site);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.port = (server.address() as AddressInfo).port;
  site.base = `http://127.0.0.1:${site.port}`;
  site.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return site;
}

export const send =
  (type: string, body: string | Buffer, headers: Record<string, string> = {}): Route =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': type, ...headers }).end(body);

/** Paths the site was asked for, robots.txt left out. */
export const pathsAsked = (site: FakeSite) =>
  site.requests.map((r) => r.path).filter((p) => p !== '/robots.txt');

/** Maps test host names to addresses; unknown names do not resolve. */
export const resolverOf =
  (names: Record<string, string[]>): Resolver =>
  async (host) => {
    const addresses = names[host];
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

export function liveSource(target: string, cursor: Cursor = {}, name = 'Fake Wire'): LiveSource {
  return { id: 1, kind: 'rss', name, target, secret: null, cursor };
}

/** Runs a collector over one source and gathers what its batches carried; the last cursor wins. */
export async function collectAll(
  collector: Collector,
  source: LiveSource,
  signal = new AbortController().signal,
) {
  const records: IngestRecord[] = [];
  const problems: CollectProblem[] = [];
  let cursor: Cursor = source.cursor;
  for await (const batch of collector.collect(source, {
    signal,
    now: () => new Date(),
  })) {
    records.push(...batch.records);
    problems.push(...(batch.problems ?? []));
    if (batch.cursor) cursor = batch.cursor;
  }
  const items = records.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
  return { records, items, problems, cursor };
}

/** An article page as news sites write them: navigation, an article, a footer. */
export function articlePage(title: string, paragraphs: string[], extraHead = '', extraBody = ''): string {
  return `<!doctype html><html><head><title>${title}</title>${extraHead}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}${extraBody}</article>
<footer>Copyright Fake Wire</footer></body></html>`;
}

export function rss(
  title: string,
  items: { title: string; link: string; guid?: string; description?: string }[],
): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items
    .map(
      (i) =>
        `<item><title>${i.title}</title><link>${i.link}</link><guid>${i.guid ?? i.link}</guid><description>${i.description ?? 'Summary.'}</description><pubDate>Thu, 02 Apr 2026 08:00:00 GMT</pubDate></item>`,
    )
    .join('')}</channel></rss>`;
}
