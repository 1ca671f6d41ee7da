import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { ensureAdmin } from '../../src/presets/workspace.js';
import { hashPassword } from '../../src/shared/credentials.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';
import { browserReady, serveWorkspace, signedInPage } from '../helpers/workspace-browser.js';

const HOSTILE =
  '<img src=x onerror="window.__pwned=1"> meet at the Harbour <script>window.__pwned=2</script>';
const FILLER = Array.from({ length: 70 }, (_, i) => `word${i}`).join(' ');

/** Synthetic posts: five mention the harbour (one far into a long text, one hostile), one does not. */
const POSTS = [
  'Rally planned near the harbour tonight',
  `${FILLER} then the HARBOUR gate at dawn ${FILLER}`,
  'harbour harbour, everyone to the harbour',
  HOSTILE,
  'كتب الشباب عن harbour المدينة',
  'Nothing about the sea in this one',
];

describe.skipIf(!browserReady)('search in Chromium', () => {
  let store: Store;
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'vigil-e2e-search-')), 'vigil.db'));
    await store.items.ingestItems(
      POSTS.map((text, i) =>
        makeItem({ externalId: `s${i}`, text, postedAt: `2024-03-0${i + 1}T10:00:00.000Z` }),
      ),
    );
    await ensureAdmin(store, { VIGIL_ADMIN_PASSWORD: 'admin-password-1' });
    await store.users.create('viv', 'viewer', await hashPassword('viewer-password-1'), { actor: 'test' });
    ({ base, browser, close } = await serveWorkspace(store, loadDefaultDetector()));
  }, 60_000);

  afterAll(async () => {
    await close?.();
    await store?.close();
  });

  async function searchPage(): Promise<Page> {
    const page = await signedInPage({ browser, base }, 'viv', 'viewer-password-1');
    await page.goto(`${base}/#/search`);
    await page.waitForSelector('input[aria-label=query]');
    return page;
  }

  /** Each result row's marked words, in page order. */
  const markedPerRow = (page: Page) =>
    page.$$eval('tr.result', (rows) =>
      rows.map((r) => [...r.querySelectorAll('mark')].map((m) => m.textContent ?? '')),
    );

  it('shows the count and the searched word highlighted in every result, and hostile text as text', async () => {
    const page = await searchPage();
    await page.fill('input[aria-label=query]', 'harbour');
    await page.click('button[type=submit]');
    await page.waitForSelector('#search-count:has-text("5 results")');
    const marks = await markedPerRow(page);
    expect(marks).toHaveLength(5);
    for (const row of marks) {
      expect(row.length).toBeGreaterThan(0);
      for (const word of row) expect(word.toLowerCase()).toBe('harbour');
    }
    // The long post's match lies far past its first 200 characters, and is shown all the same.
    expect(marks.flat()).toContain('HARBOUR');
    // The hostile post is shown as the text it is: no element was made from it, nothing ran.
    const hostileRow = page.locator('tr.result', { hasText: 'onerror' });
    expect(await hostileRow.locator('.snippet').textContent()).toBe(HOSTILE);
    expect(await page.$$('tr.result img, tr.result script')).toHaveLength(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  }, 30_000);

  it('orders by best match when asked, keeping the count', async () => {
    const page = await searchPage();
    await page.fill('input[aria-label=query]', 'harbour');
    await page.click('button[type=submit]');
    await page.waitForSelector('#search-count:has-text("5 results")');
    const first = () => page.$eval('tr.result .snippet', (el) => el.textContent);
    // Newest first: the last post stored mentions the harbour once, in Arabic text.
    expect(await first()).toBe('كتب الشباب عن harbour المدينة');
    await page.selectOption('select[aria-label=sort]', 'relevance');
    await page.waitForFunction(
      () =>
        document.querySelector('tr.result .snippet')?.textContent ===
        'harbour harbour, everyone to the harbour',
    );
    expect(await page.textContent('#search-count')).toBe('5 results');
    expect(await markedPerRow(page).then((rows) => rows[0])).toEqual(['harbour', 'harbour', 'harbour']);
    await page.close();
  }, 30_000);
});
