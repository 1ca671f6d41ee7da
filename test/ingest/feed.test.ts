import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../../src/ingest/adapter.js';
import { feedAdapter } from '../../src/ingest/feed/feed-adapter.js';
import { stripHtml } from '../../src/ingest/feed/feed-document.js';
import { sniffAdapter } from '../../src/ingest/registry.js';
import { FIXTURES } from '../helpers/cli.js';

async function items(file: string) {
  const out: IngestRecord[] = [];
  for await (const r of feedAdapter.read(file, {})) out.push(r);
  return out.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
}

describe('RSS and Atom feeds', () => {
  it('reads RSS items as news with title, link, date and text without markup', async () => {
    const [a, b] = await items(join(FIXTURES, 'feeds/outlet.rss'));
    expect(a).toMatchObject({
      platform: 'news',
      source: { name: 'Example Outlet' },
      externalId: 'https://outlet.example/leeds-stabbing',
      url: 'https://outlet.example/leeds-stabbing',
      postedAt: '2026-04-02T08:00:00.000Z',
      title: 'Two injured in Leeds stabbing',
    });
    expect(a?.text).toBe(
      'Two injured in Leeds stabbing\n\nTwo men were stabbed outside a mosque in Leeds last night, police said.',
    );
    expect(b?.text).toContain('The council approved the budget & the road plan.');
  });
  it('reads Atom entries', async () => {
    const [a] = await items(join(FIXTURES, 'feeds/outlet.atom'));
    expect(a).toMatchObject({
      source: { name: 'Atom Outlet' },
      externalId: 'urn:example:1',
      url: 'https://atom.example/market',
      postedAt: '2026-04-03T10:00:00.000Z',
    });
  });
  it('is recognised by sniffing', async () => {
    expect((await sniffAdapter(join(FIXTURES, 'feeds/outlet.rss')))?.format).toBe('rss');
    expect((await sniffAdapter(join(FIXTURES, 'feeds/outlet.atom')))?.format).toBe('rss');
  });
  it('drops markup and scripts', () => {
    expect(stripHtml('<p>a</p><script>x()</script><b>b</b>')).toBe('a\n b');
  });
});
