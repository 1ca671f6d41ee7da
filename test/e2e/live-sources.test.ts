import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { hashPassword } from '../../src/shared/credentials.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { browserReady, serveWorkspace } from '../helpers/workspace-browser.js';

const ROOT = join(import.meta.dirname, '../..');

/** An error message as a hostile server might shape it: it must show as text and run nothing. */
const HOSTILE_ERROR =
  'feed: HTTP 500 <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe.skipIf(!browserReady)('the Sources page in Chromium: live sources', () => {
  let store: Store;
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'vigil-e2e-live-')), 'vigil.db'));
    await store.users.create('viv', 'viewer', await hashPassword('viewer-password-1'), { actor: 'test' });
    const feed = await store.liveSources.add({
      kind: 'rss',
      name: 'news.example',
      target: 'https://news.example/feed.xml',
      scheduleSeconds: 900,
      secretEnv: null,
      at: '2026-03-01T09:00:00.000Z',
    });
    const id = feed?.id ?? 0;
    await store.liveSources.saveProgress(id, { newItems: 7 });
    await store.liveSources.recordRun(id, {
      at: '2026-03-01T09:15:00.000Z',
      items: 7,
      error: null,
      problems: [],
      nextDueAt: '2026-03-01T09:30:00.000Z',
      backoffUntil: null,
    });
    await store.liveSources.recordRun(id, {
      at: '2026-03-01T09:30:00.000Z',
      items: 2,
      error: HOSTILE_ERROR,
      problems: [],
      nextDueAt: '2026-03-01T09:45:00.000Z',
      backoffUntil: null,
    });
    ({ base, browser, close } = await serveWorkspace(store, loadDefaultDetector()));
  }, 60_000);

  afterAll(async () => {
    await close?.();
    await store?.close();
  });

  it("shows a live source's last success, last error and items per run, the error as text only", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (d) => {
      throw new Error(`a dialog opened: ${d.message()}`);
    });
    await page.goto(base);
    await page.fill('input[name=username]', 'viv');
    await page.fill('input[name=password]', 'viewer-password-1');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Dashboard');
    await page.click('a[href="#/sources"]');
    const row = await page.waitForSelector('tr[data-live-source="news.example"]');
    const cell = async (field: string) =>
      (await row.$eval(`td[data-field="${field}"]`, (td) => td.textContent)) ?? '';
    expect(await cell('last_success')).toMatch(/2026-03-01/);
    expect(await cell('last_error')).toContain(HOSTILE_ERROR);
    expect(await cell('items_last_run')).toBe('2');
    expect(await cell('items_total')).toBe('7');
    expect(await row.$$('img, script')).toHaveLength(0);
    if (process.env.VIGIL_SCREENSHOTS)
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/live-sources.png'), fullPage: true });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  }, 60_000);
});
