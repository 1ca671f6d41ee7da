import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Detector } from '../../src/analyze/detector.js';
import { type AppOptions, buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';

const ROOT = join(import.meta.dirname, '../..');
export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium';
const WEB = join(ROOT, 'dist/web');

/**
 * Whether Debian's Chromium and a built UI are here. Under CI both are required (.ci/run installs
 * them), so a missing one fails loudly instead of skipping every browser test.
 */
export const browserReady = existsSync(CHROMIUM) && existsSync(join(WEB, 'index.html'));
if (!browserReady)
  console.warn(`skipping the Chromium end-to-end tests: need ${CHROMIUM} and a built UI (npm run build)`);
if (!browserReady && process.env.CI === 'true')
  throw new Error(`end-to-end tests need ${CHROMIUM} and a built UI (npm run build); .ci/run installs both`);

export interface ServedWorkspace {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Serves the built UI and API over a store on loopback and starts a headless Chromium beside it;
 * `options.mediaRoot` is the data folder images are shown from (none by default).
 */
export async function serveWorkspace(
  store: Store,
  detector: Detector,
  options: Pick<AppOptions, 'mediaRoot'> = {},
): Promise<ServedWorkspace> {
  const app = await buildApp({ store, detector, webRoot: WEB, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

/**
 * A new page signed in to the workspace as `username`, on its dashboard. A dialog (what a payload
 * that ran would open) fails the test.
 */
export async function signedInPage(
  { browser, base }: Pick<ServedWorkspace, 'browser' | 'base'>,
  username: string,
  password: string,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  await page.goto(base);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('text=Dashboard');
  return page;
}
