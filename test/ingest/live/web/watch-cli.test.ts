import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveSourceView } from '../../../../src/domain/index.js';
import { openSqliteStore } from '../../../../src/store/sqlite/sqlite-store.js';
import { tempDb } from '../../../helpers/cli.js';
import { articlePage, type FakeSite, pathsAsked, rss, send, startSite } from './fake-site.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const MARKET = [
  'The spring market opens on Saturday with forty stalls selling bread, cheese and vegetables from local farms.',
  'Organisers expect more visitors than last year and ask people to come by bicycle or on foot.',
];
const BRIDGE = [
  'The harbour bridge will close for three weeks of repairs starting on Monday, the council said.',
  'Ferries will run every hour while the bridge is closed, and buses will take the long road around the bay.',
];

/** The CLI in a child process, run without blocking: the fake site answers from this process. */
async function vigil(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'src/cli/main.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, CI: 'true', ...env }, timeout: 90_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let site: FakeSite | undefined;
afterEach(async () => {
  await site?.close();
});

describe('vigil watch --once with a feed source', () => {
  it('stores the feed’s articles, and a second run stores nothing new', async () => {
    site = await startSite({
      '/feed.xml': send(
        'application/rss+xml',
        rss('Fake Wire', [
          { title: 'Market opens', link: '/news/market' },
          { title: 'Bridge closes', link: '/news/bridge' },
        ]),
      ),
      '/news/market': send('text/html', articlePage('Market opens', MARKET)),
      '/news/bridge': send('text/html', articlePage('Bridge closes', BRIDGE)),
    });
    const env = { VIGIL_DB: tempDb(), VIGIL_ALLOW_HOSTS: '127.0.0.1' };
    const add = await vigil(['sources', 'add', 'rss', `${site.base}/feed.xml`, '--name', 'fake-wire'], env);
    expect(add.code, add.stderr).toBe(0);

    const first = await vigil(['watch', '--once', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject([
      { source: 'fake-wire', new: 2, error: null, problems: [] },
    ]);
    const search = await vigil(['search', 'bicycle', '--json'], env);
    expect(JSON.parse(search.stdout)).toMatchObject([
      { source: 'fake-wire', platform: 'news', text: `Market opens\n\n${MARKET.join('\n\n')}` },
    ]);

    // A later run: the source is made due again, as its schedule would.
    const store = await openSqliteStore(env.VIGIL_DB);
    const source = await store.liveSources.byName('fake-wire');
    await store.liveSources.recordRun(source?.id ?? 0, {
      at: new Date().toISOString(),
      items: 2,
      error: null,
      problems: [],
      nextDueAt: new Date(0).toISOString(),
      backoffUntil: null,
    });
    await store.close();

    const second = await vigil(['watch', '--once', '--json'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject([
      { source: 'fake-wire', new: 0, duplicates: 0, error: null },
    ]);
    // The articles were fetched once; the second run read the feed only.
    expect(pathsAsked(site)).toEqual(['/feed.xml', '/news/market', '/news/bridge', '/feed.xml']);
    const [listed] = JSON.parse((await vigil(['sources', 'list', '--json'], env)).stdout) as LiveSourceView[];
    expect(listed).toMatchObject({ items_last_run: 0, items_total: 2, last_error: null });
    expect(listed?.last_success).not.toBeNull();
  }, 240_000);
});
