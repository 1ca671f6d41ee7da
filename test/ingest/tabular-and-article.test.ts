import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../../src/ingest/adapter.js';
import { articleAdapter, parseArticle } from '../../src/ingest/article/article-adapter.js';
import { planInputs } from '../../src/ingest/registry.js';
import { csvAdapter } from '../../src/ingest/tabular/csv-adapter.js';
import { parseCount, parseZonedTime } from '../../src/ingest/tabular/csv-profiles.js';
import { parseMapping } from '../../src/ingest/tabular/field-mapping.js';
import { jsonlAdapter } from '../../src/ingest/tabular/jsonl-adapter.js';
import { FIXTURES, SAMPLES } from '../helpers/cli.js';

async function readAll(
  adapter: IngestAdapter,
  file: string,
  options: ReadOptions = {},
): Promise<IngestRecord[]> {
  const out: IngestRecord[] = [];
  for await (const r of adapter.read(file, options)) out.push(r);
  return out;
}

describe('CrowdTangle CSV', () => {
  it('maps page, user, zoned time, message fallbacks and N/A', async () => {
    const records = await readAll(csvAdapter, join(FIXTURES, 'crowdtangle.csv'));
    const items = records.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      platform: 'facebook',
      source: { name: 'Example Page' },
      author: 'examplepage',
      text: 'A post, with a comma',
      postedAt: '2024-02-01T14:30:00.000Z',
      url: 'https://www.facebook.com/examplepage/posts/1',
      externalId: 'https://www.facebook.com/examplepage/posts/1',
    });
    expect(items[1]?.text).toBe('Only a description here');
    expect(JSON.parse(items[0]?.raw ?? '{}')['Total Interactions']).toBe('1,234');
  });
  it('parses zone suffixes and counts', () => {
    expect(parseZonedTime('2021-01-06 12:00:00 CET')).toBe('2021-01-06T11:00:00.000Z');
    expect(parseZonedTime('2021-01-06 12:00:00 XYZ')).toBeNull();
    expect(parseCount('12,345')).toBe(12345);
    expect(parseCount('N/A')).toBeNull();
  });
});

describe('4CAT CSV', () => {
  it('maps id, thread, author, body and both timestamp forms', async () => {
    const items = (await readAll(csvAdapter, join(FIXTURES, 'fourcat.csv'))).flatMap((r) =>
      r.kind === 'item' ? [r.item] : [],
    );
    expect(items.map((i) => [i.externalId, i.replyTo, i.source.name, i.postedAt])).toEqual([
      ['501', '500', 'pol', '2024-02-02T12:00:00.000Z'],
      ['502', '500', 'pol', '2024-02-02T12:01:40.000Z'],
    ]);
  });
});

describe('JSONL with a mapping', () => {
  it('maps dotted paths, reports bad lines by number and skips lines without text', async () => {
    const parsed = parseMapping('id=post.uid,text=body,posted_at=ts,author=user');
    expect(parsed.ok).toBe(true);
    const records = await readAll(jsonlAdapter, join(FIXTURES, 'posts.jsonl'), {
      mapping: parsed.ok ? parsed.mapping : {},
    });
    const items = records.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
    expect(items.map((i) => [i.externalId, i.text, i.author])).toEqual([
      ['a1', 'mapped text one', 'alice_example'],
      ['a2', 'mapped text two', 'bob_example'],
    ]);
    const errors = records.flatMap((r) => (r.kind === 'error' ? [r.error] : []));
    expect(errors.map((e) => e.line)).toEqual([3]);
    // A line without text is not content: counted as skipped, never an error.
    expect(records.filter((r) => r.kind === 'skipped')).toHaveLength(1);
  });
  it('rejects unknown mapping fields by name', () => {
    const parsed = parseMapping('txt=body');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain('unknown field "txt"');
  });
});

describe('articles', () => {
  it('reads header lines and body', async () => {
    const [record] = await readAll(articleAdapter, join(SAMPLES, 'news/eastbrook-herald.txt'));
    expect(record?.kind === 'item' && record.item).toMatchObject({
      platform: 'news',
      source: { name: 'Eastbrook Herald' },
      title: 'Three injured in Eastbrook market stabbing',
      postedAt: '2026-03-15T00:00:00.000Z',
      externalId: 'https://eastbrook-herald.example/news/market-attack',
    });
  });
  it('treats a file without headers as an article', () => {
    const a = parseArticle('Just a body.\nSecond line.');
    expect(a).toMatchObject({ date: null, url: null, title: null, body: 'Just a body.\nSecond line.' });
  });
  it('takes a Markdown heading as the title', () => {
    expect(parseArticle('date: 2024-01-01\n\n# Heading\n\nBody').title).toBe('Heading');
  });
});

describe('format sniffing', () => {
  it('picks adapters for each file in a folder and skips what none recognises', async () => {
    const { files, skipped } = await planInputs([SAMPLES], 'auto');
    expect(files.map((f) => `${f.adapter.format}:${f.file.slice(SAMPLES.length + 1)}`)).toEqual([
      'article:README.md',
      'article:news/channel-report.md',
      'article:news/coastline-daily.txt',
      'article:news/eastbrook-herald.txt',
      'article:news/weather.txt',
      'telegram:telegram/result.json',
    ]);
    expect(skipped).toHaveLength(1);
  });
  it('refuses a missing path with a clear error', async () => {
    await expect(planInputs(['/no/such/file.json'], 'auto')).rejects.toThrow(
      'no such file or folder: /no/such/file.json',
    );
  });
});
