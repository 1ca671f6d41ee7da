import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { AddressPolicy } from '../../../../src/ingest/live/web/address-policy.js';
import { DEFAULT_FETCH_LIMITS, SafeFetcher } from '../../../../src/ingest/live/web/safe-fetch.js';
import { type FakeSite, type Route, resolverOf, send, startSite } from './fake-site.js';

let site: FakeSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

const fetcher = (limits = DEFAULT_FETCH_LIMITS, allow = ['127.0.0.1']) =>
  new SafeFetcher(new AddressPolicy(allow), resolverOf({ 'feeds.test': ['127.0.0.1'] }), limits);
const get = (f: SafeFetcher, url: string, maxBytes = 1_000_000) => f.fetch({ url, accept: '*/*', maxBytes });

describe('the safe fetcher', () => {
  it('decodes gzip, deflate and brotli bodies', async () => {
    const text = 'The spring market opens on Saturday. '.repeat(20);
    site = await startSite({
      '/gzip': send('text/plain', gzipSync(text), { 'content-encoding': 'gzip' }),
      '/deflate': send('text/plain', deflateSync(text), { 'content-encoding': 'deflate' }),
      '/br': send('text/plain', brotliCompressSync(text), { 'content-encoding': 'br' }),
      '/odd': send('text/plain', 'x', { 'content-encoding': 'compress' }),
    });
    for (const path of ['/gzip', '/deflate', '/br']) {
      const result = await get(fetcher(), `${site.base}${path}`);
      expect(result.status === 'ok' && result.body.toString()).toBe(text);
    }
    expect(site.requests[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(await get(fetcher(), `${site.base}/odd`)).toMatchObject({
      status: 'failed',
      reason: 'an unknown content encoding',
    });
  });

  it('caps the body by its size after decompression', async () => {
    // 4 MB of zeros compress to a few kilobytes: the cap must see the decompressed size.
    const bomb = gzipSync(Buffer.alloc(4_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    site = await startSite({
      '/bomb': send('text/html', bomb, { 'content-encoding': 'gzip' }),
      '/plain': send('text/html', Buffer.alloc(2000, 'a')),
    });
    expect(await get(fetcher(), `${site.base}/bomb`, 100_000)).toEqual({
      status: 'failed',
      host: '127.0.0.1',
      reason: 'the body is larger than 100000 bytes',
    });
    expect(await get(fetcher(), `${site.base}/plain`, 1000)).toMatchObject({ status: 'failed' });
    expect(await get(fetcher(), `${site.base}/plain`, 2000)).toMatchObject({ status: 'ok' });
  });

  it('follows at most five redirects, checking every hop', async () => {
    const routes: Record<string, Route> = {};
    for (let i = 0; i < 6; i++)
      routes[`/r${i}`] = (_req, res) => res.writeHead(301, { location: `/r${i + 1}` }).end();
    routes['/r6'] = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('arrived');
    site = await startSite(routes);
    const five = await get(fetcher(), `${site.base}/r1`);
    expect(five).toMatchObject({ status: 'ok', url: `${site.base}/r6` });
    expect(await get(fetcher(), `${site.base}/r0`)).toEqual({
      status: 'failed',
      host: '127.0.0.1',
      reason: 'more than 5 redirects',
    });
  });

  it('refuses schemes other than http and https, on the first request and on a redirect', async () => {
    site = await startSite({
      '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    });
    expect(await get(fetcher(), 'file:///etc/passwd')).toMatchObject({ status: 'refused' });
    expect(await get(fetcher(), `${site.base}/to-file`)).toMatchObject({
      status: 'refused',
      reason: 'the scheme file: is not http or https',
    });
  });

  it('refuses loopback unless allowed, by address or by name', async () => {
    site = await startSite({ '/a': send('text/plain', 'ok') });
    expect(await get(fetcher(DEFAULT_FETCH_LIMITS, []), `${site.base}/a`)).toMatchObject({
      status: 'refused',
      reason: '127.0.0.1 is a loopback address',
    });
    expect(await get(fetcher(DEFAULT_FETCH_LIMITS, []), `http://feeds.test:${site.port}/a`)).toMatchObject({
      status: 'refused',
      reason: 'the host resolves to a loopback address',
    });
    expect(
      await get(fetcher(DEFAULT_FETCH_LIMITS, ['127.0.0.0/8']), `http://feeds.test:${site.port}/a`),
    ).toMatchObject({
      status: 'ok',
    });
    expect(
      await get(fetcher(DEFAULT_FETCH_LIMITS, ['feeds.test']), `http://feeds.test:${site.port}/a`),
    ).toMatchObject({
      status: 'ok',
    });
    expect(site.requests).toHaveLength(2);
  });

  it('gives up on a server or a resolver that does not answer within the total timeout', async () => {
    site = await startSite({ '/slow': () => {} });
    const result = await get(fetcher({ ...DEFAULT_FETCH_LIMITS, totalTimeoutMs: 200 }), `${site.base}/slow`);
    expect(result).toEqual({ status: 'failed', host: '127.0.0.1', reason: 'the request timed out' });
    const silent = new SafeFetcher(new AddressPolicy([]), () => new Promise(() => {}), {
      ...DEFAULT_FETCH_LIMITS,
      totalTimeoutMs: 200,
    });
    expect(await get(silent, 'http://silent.test/feed')).toEqual({
      status: 'failed',
      host: 'silent.test',
      reason: 'the request timed out',
    });
  });
});
