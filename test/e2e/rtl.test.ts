import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { runAnalyze } from '../../src/pipeline/analyze-run.js';
import { ensureAdmin } from '../../src/presets/workspace.js';
import { hashPassword } from '../../src/shared/credentials.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';
import { browserReady, serveWorkspace } from '../helpers/workspace-browser.js';

/** A synthetic Arabic post with diacritics and tatweel around a call the Arabic lexicon flags. */
const ARABIC_POST = 'مساءُ الخير يا إخوة. اقْتُلُوا الكُفَّارَ فـــي كل مكان.';

describe.skipIf(!browserReady)('right-to-left text in Chromium', () => {
  let store: Store;
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;
  let itemId = 0;

  beforeAll(async () => {
    store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'vigil-e2e-rtl-')), 'vigil.db'));
    const [x] = await store.items.ingestItems([makeItem({ externalId: 'ar-1', text: ARABIC_POST })]);
    itemId = x?.itemId ?? 0;
    const detector = loadDefaultDetector();
    await runAnalyze(store.analyses, detector);
    await ensureAdmin(store, { VIGIL_ADMIN_PASSWORD: 'admin-password-1' });
    await store.users.create('ana', 'analyst', await hashPassword('analyst-password-1'), { actor: 'test' });
    ({ base, browser, close } = await serveWorkspace(store, detector));
  }, 120_000);

  afterAll(async () => {
    await close?.();
    await store?.close();
  });

  it('renders an Arabic item right to left, with the evidence highlighted on exactly its characters', async () => {
    const analysis = await store.analyses.getAnalysis(itemId);
    const evidence = analysis?.labels.flatMap((l) => l.evidence) ?? [];
    expect(evidence.length).toBeGreaterThan(0);
    expect(analysis?.language).toMatchObject({ code: 'ar', supported: true });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base);
    await page.fill('input[name=username]', 'ana');
    await page.fill('input[name=password]', 'analyst-password-1');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Dashboard');
    await page.goto(`${base}/#/items/${itemId}`);
    await page.waitForSelector('#item-text mark');
    const direction = await page.$eval('#item-text .text', (el) => getComputedStyle(el).direction);
    expect(direction).toBe('rtl');
    // Evidence of two labels may overlap (a call and the attack it carries): every span is marked,
    // one inside the other, and a span cut where another ends is marked in parts. Each span's marks
    // hold exactly its characters.
    for (const e of evidence) {
      const parts = await page.$$eval(`#item-text mark[data-span="${e.start}-${e.end}"]`, (ms) =>
        ms.map((m) => m.textContent ?? ''),
      );
      expect(parts.join(''), e.reason).toBe(e.text);
      expect(e.text).toBe(ARABIC_POST.slice(e.start, e.end));
    }
    const first = [...evidence].sort((x, y) => x.start - y.start)[0];
    expect(first?.text).toContain('الكُفَّارَ');
    expect(await page.textContent('#item-text .text')).toBe(ARABIC_POST);
    await page.close();
  }, 120_000);
});
