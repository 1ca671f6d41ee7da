import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../../../../src/ingest/adapter.js';
import { feedAdapter } from '../../../../src/ingest/feed/feed-adapter.js';
import { parseFeedDocument } from '../../../../src/ingest/feed/feed-document.js';

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Desk',
  items: [
    {
      id: 1,
      url: 'https://json.example/1',
      title: 'Market day',
      content_html: '<p>Stalls open at <b>nine</b>.</p>',
    },
    { id: '2', title: ['not', 'a', 'string'] },
    null,
    { id: '4' },
  ],
});

describe('one feed parser for files and live feeds', () => {
  it('reads JSON Feed, keeping the good entries and naming each broken one by index and field', () => {
    const feed = parseFeedDocument(JSON_FEED);
    expect(feed.title).toBe('JSON Desk');
    expect(feed.entries).toMatchObject([
      { index: 1, id: '1', title: 'Market day', link: 'https://json.example/1' },
    ]);
    expect(feed.problems).toEqual([
      { entry: 2, field: 'title', message: 'entry 2: title: expected a string' },
      { entry: 3, field: null, message: 'entry 3: expected an object' },
    ]);
    expect(feed.entries[0]?.body).toMatch(/^Stalls open at nine/);
    // An entry with neither title nor text is not content, and not an error either.
    expect(feed.skipped).toBe(1);
  });

  it('gives the file adapter the same entries and problems', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-feed-')), 'desk.json');
    writeFileSync(file, JSON_FEED);
    const records: IngestRecord[] = [];
    for await (const r of feedAdapter.read(file, {})) records.push(r);
    expect(records.map((r) => r.kind)).toEqual(['error', 'error', 'item', 'skipped']);
    expect(records[0]).toEqual({
      kind: 'error',
      error: { file, line: null, field: 'title', message: 'feed: entry 2: title: expected a string' },
    });
    const item = records.find((r) => r.kind === 'item');
    expect(item?.kind === 'item' && item.item).toMatchObject({
      platform: 'news',
      source: { name: 'JSON Desk', kind: 'feed' },
      externalId: '1',
    });
    expect(item?.kind === 'item' && item.item.text).toMatch(/^Market day\n\nStalls open at nine/);
  });

  it('reports a document that is no feed at all', () => {
    expect(parseFeedDocument('<html><body>hello</body></html>').problems).toEqual([
      {
        entry: null,
        field: null,
        message: 'neither an RSS channel, an RSS 1.0 (RDF) document nor an Atom feed',
      },
    ]);
    expect(parseFeedDocument('{"items": 3}').problems).toEqual([
      { entry: null, field: 'items', message: 'items: expected a list' },
    ]);
  });
});
