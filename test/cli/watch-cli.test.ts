import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSourceView } from '../../src/domain/index.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runCli, tempDb } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');

const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
  `<p>${body}</p><p>${body} The council will meet again next week to discuss the findings.</p></article></body></html>`;

describe('vigil watch --once over a loopback feed', () => {
  let server: Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/feed.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Town news</title>` +
            `<item><title>Council opens library</title><link>${base}/a1</link><guid>a1</guid><pubDate>Mon, 02 Feb 2026 10:00:00 GMT</pubDate></item>` +
            `<item><title>Bridge repairs finish</title><link>${base}/a2</link><guid>a2</guid><pubDate>Mon, 02 Feb 2026 11:00:00 GMT</pubDate></item>` +
            `</channel></rss>`,
        );
      } else if (req.url === '/a1' || req.url === '/a2') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          page(
            `Synthetic story ${req.url}`,
            'A synthetic local news report about civic works in a small town.',
          ),
        );
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('collects and analyses a feed, records the run, and a second --once stores nothing new', async () => {
    const env = { VIGIL_DB: tempDb(), VIGIL_ALLOW_HOSTS: '127.0.0.1' };
    expect(
      (await runCli(['sources', 'add', 'rss', `${base}/feed.xml`, '--name', 'town-news'], env)).code,
    ).toBe(0);

    const first = await runCli(['watch', '--once', '--json', '--seed', '1'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject([{ source: 'town-news', new: 2, error: null }]);
    expect(requests).toEqual(expect.arrayContaining(['/feed.xml', '/a1', '/a2']));

    const list = JSON.parse((await runCli(['sources', 'list', '--json'], env)).stdout) as LiveSourceView[];
    expect(list[0]).toMatchObject({ name: 'town-news', items_last_run: 2, items_total: 2, last_error: null });
    expect(list[0]?.last_success).not.toBeNull();
    // The stages ran at once: both new items are analysed.
    const store = await openSqliteStore(env.VIGIL_DB);
    try {
      const byAction = await store.analyses.countByAction();
      expect(Object.values(byAction).reduce((a, b) => a + b, 0)).toBe(2);
    } finally {
      await store.close();
    }

    const second = await runCli(['watch', '--once', '--json'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual([]);
    const stats = JSON.parse((await runCli(['stats', '--json'], env)).stdout) as { items: number };
    expect(stats.items).toBe(2);
  }, 240_000);

  it('vigil watch runs until SIGTERM, then saves and exits 0', async () => {
    const env = { VIGIL_DB: tempDb(), VIGIL_ALLOW_HOSTS: '127.0.0.1' };
    expect(
      (await runCli(['sources', 'add', 'rss', `${base}/feed.xml`, '--name', 'town-news'], env)).code,
    ).toBe(0);
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/cli/main.ts'), 'watch'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', ...env },
    });
    let stderr = '';
    const ran = new Promise<void>((done) =>
      child.stderr.on('data', (d) => {
        stderr += d;
        if (stderr.includes('town-news: 2 new')) done();
      }),
    );
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    await ran;
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const list = JSON.parse((await runCli(['sources', 'list', '--json'], env)).stdout) as LiveSourceView[];
    expect(list[0]).toMatchObject({ items_total: 2, last_error: null });
  }, 240_000);
});
