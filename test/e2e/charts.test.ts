import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import type { Store } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';
import { ANALYST, sampleWorkspace } from '../helpers/sample-workspace.js';
import { browserReady, serveWorkspace, signedInPage } from '../helpers/workspace-browser.js';

const ROOT = join(import.meta.dirname, '../..');

/** One neutral synthetic notice copied by 24 sources: the first eight forward it, the rest repost it. */
const WIDE_SPREAD = Array.from({ length: 24 }, (_, i) => {
  const name = `Synthetic Relay ${String(i + 1).padStart(2, '0')}`;
  return makeItem({
    externalId: `relay-${i + 1}`,
    source: { platform: 'telegram', name, externalId: `relay${i + 1}`, kind: 'public_channel' },
    author: name,
    postedAt: new Date(Date.UTC(2026, 3, 1, 8, i * 25)).toISOString(),
    forwardedFrom: i > 0 && i < 8 ? 'Synthetic Relay 01' : null,
    text: 'Notice from the harbour committee: the spring market opens on the square at nine on Saturday, stalls along the quay, music in the afternoon.',
  });
});

/** What a chart shows a reader: legend entries, swatch colours, axis labels, ticks and hover texts. */
interface ChartSeen {
  legend: string[];
  swatches: string[];
  axisLabels: string[];
  yTicks: string[];
  hovers: string[];
  tableRows: number;
}

async function chartOn(page: Page, panel: string): Promise<ChartSeen> {
  const chart = page
    .locator('section.panel', { has: page.locator(`h2:text-is("${panel}")`) })
    .locator('figure.chart');
  await chart.locator('.legend li').first().waitFor();
  return chart.evaluate((figure) => ({
    legend: [...figure.querySelectorAll('.legend li')].map((li) => li.textContent?.trim() ?? ''),
    swatches: [...figure.querySelectorAll('.legend li rect')].map((r) => getComputedStyle(r).fill),
    axisLabels: [...figure.querySelectorAll('svg .axis-label')].map((t) => t.textContent ?? ''),
    yTicks: [...figure.querySelectorAll('svg .y-tick text')].map((t) => t.textContent ?? ''),
    hovers: [...figure.querySelectorAll('svg rect.bar title')].map((t) => t.textContent ?? ''),
    tableRows: figure.querySelectorAll('.chart-values tbody tr').length,
  }));
}

/** Every series a hover names ("2026-03-14 · far right: 2") is in the legend, and the other way round. */
function expectLegendMatchesBars(seen: ChartSeen) {
  const named = new Set(seen.hovers.map((h) => h.replace(/^[^·]+· /, '').replace(/: \d+$/, '')));
  expect(seen.legend.length).toBeGreaterThan(0);
  expect(new Set(seen.legend)).toEqual(named);
  expect(new Set(seen.swatches).size).toBe(seen.swatches.length);
  expect(seen.yTicks[0]).toBe('0');
  expect(seen.yTicks.length).toBeGreaterThan(1);
  expect(seen.tableRows).toBeGreaterThan(0);
}

/** The cluster whose members include `source`, as the API lists clusters. */
async function clusterOf(page: Page, source: string): Promise<number> {
  const clusters = await page.evaluate(async () => {
    const res = await fetch('/api/v1/clusters?min_sources=2');
    return (await res.json()) as { id: number; sources: string[] }[];
  });
  const found = clusters.find((c) => c.sources.includes(source));
  if (!found) throw new Error(`no cluster with ${source}`);
  return found.id;
}

/** Labels of the drawn spread graph that a run of an arrow meets, measured in Chromium. */
function labelCrossings(page: Page): Promise<string[]> {
  return page.$$eval('.spread svg', ([svg]) => {
    if (!svg) return ['no graph'];
    const boxes = [...svg.querySelectorAll<SVGTextElement>('.node-label, .link-label')].map((t) => ({
      text: t.textContent,
      box: t.getBBox(),
    }));
    const found: string[] = [];
    for (const line of svg.querySelectorAll<SVGPolylineElement>('.spread-link polyline')) {
      const pts = [...line.points];
      for (let i = 1; i < pts.length; i++) {
        const [a, b] = [pts[i - 1] as DOMPoint, pts[i] as DOMPoint];
        for (const { text, box } of boxes)
          if (
            Math.min(a.x, b.x) <= box.x + box.width &&
            Math.max(a.x, b.x) >= box.x &&
            Math.min(a.y, b.y) <= box.y + box.height &&
            Math.max(a.y, b.y) >= box.y
          )
            found.push(`${text}`);
      }
    }
    return found;
  });
}

describe.skipIf(!browserReady)('charts and the spread graph in Chromium', () => {
  let store: Store;
  let browser: Browser;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store } = await sampleWorkspace(WIDE_SPREAD));
    ({ base, browser, close } = await serveWorkspace(store, loadDefaultDetector()));
  }, 60_000);

  afterAll(async () => {
    await close?.();
    await store?.close();
  });

  const signedIn = (): Promise<Page> => signedInPage({ browser, base }, ANALYST.username, ANALYST.password);

  it('the dashboard volume chart has a legend naming each series, labelled axes, ticks and values', async () => {
    const page = await signedIn();
    const seen = await chartOn(page, 'Flagged volume by day and ideology');
    expect(seen.axisLabels).toEqual(['flagged items per day', 'day posted (UTC)']);
    expectLegendMatchesBars(seen);
    await page.close();
  }, 30_000);

  it('an event page charts its linked items with the same legend, axes and values', async () => {
    const page = await signedIn();
    const event = await page.getAttribute('a[href^="#/events/"]', 'href');
    expect(event).toBeTruthy();
    await page.goto(`${base}/${event}`);
    const seen = await chartOn(page, 'Linked items over time');
    expect(seen.axisLabels).toEqual(['linked items per day', 'day posted (UTC)']);
    expectLegendMatchesBars(seen);
    if (process.env.VIGIL_SCREENSHOTS)
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/event.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('the spread graph labels each link with its kind and lag, and no link crosses a source label', async () => {
    const page = await signedIn();
    await page.goto(`${base}/#/clusters/${await clusterOf(page, 'Eastbrook Herald')}`);
    await page.waitForSelector('.spread .spread-link');
    const labels = await page.$$eval('.spread .link-label', (ts) => ts.map((t) => t.textContent ?? ''));
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels)
      expect(l).toMatch(/^(forward|quote|near-duplicate)( ×\d+)?(, .+ later)?( from .+)?$/);
    expect(labels.some((l) => /^quote, .+ later$/.test(l))).toBe(true);
    const legend = await page.$$eval('.spread .legend li', (lis) =>
      lis.map((li) => li.getAttribute('data-series')),
    );
    expect(legend).toEqual(['forward', 'quote', 'near_duplicate']);
    // Measured with the fonts Chromium actually drew: no run of a link meets a source's label.
    const crossings = await labelCrossings(page);
    expect(crossings).toEqual([]);
    if (process.env.VIGIL_SCREENSHOTS)
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/cluster.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('a spread over 24 sources stays readable: every source named, no label crossed, scrolling in its panel', async () => {
    const page = await signedIn();
    await page.goto(`${base}/#/clusters/${await clusterOf(page, 'Synthetic Relay 24')}`);
    await page.waitForSelector('.spread .spread-link');
    const names = await page.$$eval('.spread .node-label', (ts) => ts.map((t) => t.textContent ?? ''));
    expect(names).toHaveLength(24);
    expect(new Set(names).size).toBe(24);
    const labels = await page.$$eval('.spread .link-label', (ts) => ts.map((t) => t.textContent ?? ''));
    expect(labels.filter((l) => l.startsWith('forward, '))).toHaveLength(7);
    expect(labels.filter((l) => l.startsWith('near-duplicate, '))).toHaveLength(16);
    expect(await labelCrossings(page)).toEqual([]);
    // Text keeps its size: the graph scrolls inside its panel instead of shrinking.
    const box = await page.$eval('.spread-scroll', (d) => ({
      client: d.clientHeight,
      scroll: d.scrollHeight,
    }));
    expect(box.client).toBeLessThanOrEqual(640);
    expect(box.scroll).toBeGreaterThan(box.client);
    expect(await page.$eval('.spread .node-label', (t) => getComputedStyle(t).fontSize)).toBe('11px');
    await page.close();
  }, 30_000);
});
