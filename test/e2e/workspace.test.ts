import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import type { Store } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';
import { ANALYST, sampleWorkspace } from '../helpers/sample-workspace.js';
import { browserReady, serveWorkspace, signedInPage } from '../helpers/workspace-browser.js';

const ROOT = join(import.meta.dirname, '../..');

const XSS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '<a href="javascript:window.__pwned=3">click</a>',
].join(' and ');

describe.skipIf(!browserReady)('analyst workspace in Chromium', () => {
  let store: Store;
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;
  let xssItem = 0;

  beforeAll(async () => {
    let extraIds: number[];
    ({ store, extraIds } = await sampleWorkspace([makeItem({ externalId: 'xss', text: XSS })]));
    xssItem = extraIds[0] ?? 0;
    ({ base, browser, close } = await serveWorkspace(store, loadDefaultDetector()));
  }, 60_000);

  afterAll(async () => {
    await close?.();
    await store?.close();
  });

  const signedIn = (): Promise<Page> => signedInPage({ browser, base }, ANALYST.username, ANALYST.password);

  it('signs in, opens the queue and an item, sees evidence, confirms a label, and the audit trail records it', async () => {
    const page = await signedIn();
    if (process.env.VIGIL_SCREENSHOTS)
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/dashboard.png'), fullPage: true });
    await page.click('a[href="#/queue"]');
    await page.waitForSelector('tr[data-item]');
    if (process.env.VIGIL_SCREENSHOTS)
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/review-queue.png'), fullPage: true });
    const itemId = Number(await page.getAttribute('tr[data-item]', 'data-item'));
    // Keyboard shortcuts: j/k move the selection, Enter opens it.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#item-text mark');
    const marked = await page.$$eval('#item-text mark', (ms) =>
      ms.map((m) => ({ label: m.getAttribute('data-label'), text: m.textContent })),
    );
    expect(marked.length).toBeGreaterThan(0);
    expect(marked[0]?.label).toBeTruthy();
    if (process.env.VIGIL_SCREENSHOTS)
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/item.png'), fullPage: true });
    await page.click('button[name=confirm]');
    await page.waitForSelector('#review-message:has-text("Recorded: confirmed")');
    await page.waitForSelector('#review-history li:has-text("confirmed")');
    const audit = await store.audit.list();
    expect(audit.find((a) => a.action === 'review.confirmed' && a.target === `item:${itemId}`)).toMatchObject(
      { actor: 'ana' },
    );
    expect((await store.audit.verify()).ok).toBe(true);
    // Confirmed without four-eyes, the item is settled: it has left the queue.
    await page.click('a[href="#/queue"]');
    await page.waitForSelector('tr[data-item]');
    expect(await page.$(`tr[data-item="${itemId}"]`)).toBeNull();
    await page.close();
  }, 60_000);

  it('shows an XSS payload as text and runs nothing', async () => {
    const page = await signedIn();
    await page.goto(`${base}/#/items/${xssItem}`);
    await page.waitForSelector('#item-text');
    expect(await page.textContent('#item-text')).toBe(XSS);
    expect(await page.$$('#item-text img, #item-text script, #item-text a')).toHaveLength(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  }, 60_000);
});
