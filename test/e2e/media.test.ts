import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { syntheticPhoto } from '../helpers/synthetic-image.js';
import { browserReady, serveWorkspace } from '../helpers/workspace-browser.js';

/** The computed CSS filter of the item page's only image. */
const filterOf = (page: Page) => page.$eval('#media img', (img) => getComputedStyle(img).filter);

describe.skipIf(!browserReady)('media on the item page in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-media-'));
  let store: Store;
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;
  let itemId = 0;

  beforeAll(async () => {
    mkdirSync(join(dataDir, 'media'));
    const photoPath = join(dataDir, 'media', 'photo_1.jpg');
    writeFileSync(photoPath, await syntheticPhoto(640, 480, 'jpeg'));
    store = await openSqliteStore(join(dataDir, 'vigil.db'));
    const [o] = await store.items.ingestItems([
      makeItem({
        externalId: 'media-1',
        text: 'A synthetic post with a photo and a video the export left out.',
        media: [
          {
            kind: 'photo',
            path: photoPath,
            declared: 'photos/photo_1.jpg',
            missing: false,
            mime: 'image/jpeg',
            width: 640,
            height: 480,
          },
          {
            kind: 'video',
            path: null,
            declared: '(File not included. Change data exporting settings to download.)',
            missing: true,
            mime: 'video/mp4',
            width: null,
            height: null,
          },
        ],
      }),
    ]);
    itemId = o?.itemId ?? 0;
    await ensureAdmin(store, { VIGIL_ADMIN_PASSWORD: 'admin-password-1' });
    await store.users.create('viv', 'viewer', await hashPassword('viewer-password-1'), { actor: 'test' });
    ({ base, browser, close } = await serveWorkspace(store, loadDefaultDetector(), { mediaRoot: dataDir }));
  }, 60_000);

  afterAll(async () => {
    await close?.();
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows a photo blurred until revealed by a click or by v, and hides it again', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(base);
      await page.fill('input[name=username]', 'viv');
      await page.fill('input[name=password]', 'viewer-password-1');
      await page.click('button[type=submit]');
      await page.waitForSelector('text=Dashboard');
      await page.goto(`${base}/#/items/${itemId}`);
      await page.waitForSelector('#media img');
      // The image really loaded: decoded by the browser from what the server re-encoded.
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('#media img');
        return img?.complete === true && img.naturalWidth > 0;
      });
      expect(await page.$eval('#media img', (img) => (img as HTMLImageElement).naturalWidth)).toBe(640);

      expect(await filterOf(page)).toMatch(/blur\(/);
      expect(await filterOf(page)).toMatch(/grayscale\(/);

      await page.click('#media img');
      expect(await filterOf(page)).toBe('none');
      await page.click('#media button:has-text("Hide")');
      expect(await filterOf(page)).toMatch(/blur\(/);

      await page.keyboard.press('v');
      expect(await filterOf(page)).toBe('none');
      await page.keyboard.press('v');
      expect(await filterOf(page)).toMatch(/blur\(/);

      // The file name, kind and the missing video are said in words; the keyboard help names v.
      const panel = (await page.textContent('#media')) ?? '';
      expect(panel).toContain('photo_1.jpg');
      expect(panel).toMatch(/File not included/);
      expect(panel).toMatch(/press v to reveal or hide them all/);
    } finally {
      await page.close();
    }
  }, 30_000);
});
