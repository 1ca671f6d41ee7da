/**
 * Small synthetic files in the shapes real tools write, each reproducing one way real exports
 * were misread.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../../src/ingest/adapter.js';
import { feedAdapter } from '../../src/ingest/feed/feed-adapter.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runCli, tempDb } from '../helpers/cli.js';

const dir = () => mkdtempSync(join(tmpdir(), 'vigil-shapes-'));
const exportOf = (header: Record<string, unknown>, messages: unknown[]) =>
  JSON.stringify({ ...header, messages }, null, 1);

describe('Telegram exports as real versions wrote them', () => {
  it('meets an old export (numeric peer ids, before 2021) and a new one of the same channel in one source', async () => {
    const d = dir();
    const channel = 1_292_077_344;
    const legacy = 2 ** 33 + channel;
    const message = (id: number, from: unknown) => ({
      id,
      type: 'message',
      date: '2020-05-01T10:00:00',
      date_unixtime: String(1_588_327_200 + id),
      from: 'Harbour Channel',
      from_id: from,
      text: `harbour notice number ${id}`,
    });
    mkdirSync(join(d, 'old'));
    mkdirSync(join(d, 'new'));
    writeFileSync(
      join(d, 'old/result.json'),
      exportOf(
        { name: 'Harbour Channel', type: 'public_channel', id: legacy },
        [1, 2, 3].map((i) => message(i, legacy)),
      ),
    );
    writeFileSync(
      join(d, 'new/result.json'),
      exportOf(
        { name: 'Harbour Channel', type: 'public_channel', id: channel },
        [2, 3, 4].map((i) => message(i, `channel${channel}`)),
      ),
    );
    const env = { VIGIL_DB: tempDb() };
    expect((await runCli(['ingest', join(d, 'old/result.json')], env)).code).toBe(0);
    const second = JSON.parse((await runCli(['ingest', join(d, 'new/result.json'), '--json'], env)).stdout);
    expect(second).toMatchObject({ new: 1, duplicates: 2, errors: [] });
    expect(JSON.parse((await runCli(['stats', '--json'], env)).stdout)).toMatchObject({
      items: 4,
      by_source: { 'Harbour Channel': 4 },
    });
  });

  it('writes out a poll, marks media absent from disk as missing, and names a "messages" that is not a list', async () => {
    const d = dir();
    writeFileSync(
      join(d, 'result.json'),
      exportOf({ name: 'Poll Channel', type: 'public_channel', id: 55 }, [
        {
          id: 1,
          type: 'message',
          date_unixtime: '1700000000',
          text: '',
          poll: { question: 'Which route is open?', answers: [{ text: 'North bridge' }, { text: 'Ferry' }] },
        },
        {
          id: 2,
          type: 'message',
          date_unixtime: '1700000060',
          text: 'see photo',
          photo: 'photos/absent.jpg',
        },
      ]),
    );
    writeFileSync(
      join(d, 'null.json'),
      '{"name": "Empty", "type": "public_channel", "id": 56, "messages": null}',
    );
    const env = { VIGIL_DB: tempDb() };
    const run = await runCli(['ingest', join(d, 'result.json'), join(d, 'null.json'), '--json'], env);
    const summary = JSON.parse(run.stdout);
    expect(summary.new).toBe(2);
    expect(summary.errors).toEqual([
      expect.objectContaining({
        file: join(d, 'null.json'),
        message: expect.stringContaining('field "messages"'),
      }),
    ]);
    expect(run.code).toBe(1);
    const found = JSON.parse((await runCli(['search', 'Ferry', '--json'], env)).stdout);
    expect(found[0].text).toBe('Which route is open?\n- North bridge\n- Ferry');
    const [photoHit] = JSON.parse((await runCli(['search', 'photo', '--json'], env)).stdout);
    const store = await openSqliteStore(env.VIGIL_DB);
    const item = await store.items.getItem(photoHit.item_id);
    await store.close();
    expect(item?.media).toEqual([
      expect.objectContaining({ declared: 'photos/absent.jpg', missing: true, path: null }),
    ]);
  });
});

describe('Telegram exports without date_unixtime', () => {
  it('reads local dates in the zone --tz names, and warns once when none is given', async () => {
    const d = dir();
    writeFileSync(
      join(d, 'result.json'),
      exportOf({ name: 'Old Channel', type: 'public_channel', id: 9 }, [
        { id: 1, type: 'message', date: '2019-07-01T12:00:00', text: 'summer notice' },
        { id: 2, type: 'message', date: '2019-12-01T12:00:00', text: 'winter notice' },
      ]),
    );
    const utc = await runCli(['ingest', join(d, 'result.json'), '--json'], { VIGIL_DB: tempDb() });
    expect(JSON.parse(utc.stdout).warnings).toEqual([
      { file: join(d, 'result.json'), message: expect.stringContaining('pass --tz ZONE') },
    ]);
    const env = { VIGIL_DB: tempDb() };
    const berlin = await runCli(['ingest', join(d, 'result.json'), '--tz', 'Europe/Berlin', '--json'], env);
    expect(JSON.parse(berlin.stdout)).toMatchObject({ new: 2, warnings: [] });
    const hits = JSON.parse((await runCli(['search', 'notice', '--json'], env)).stdout);
    expect(hits.map((h: { posted_at: string }) => h.posted_at).sort()).toEqual([
      '2019-07-01T10:00:00.000Z',
      '2019-12-01T11:00:00.000Z',
    ]);
    expect((await runCli(['ingest', join(d, 'result.json'), '--tz', 'Mars/Olympus'], env)).code).toBe(1);
  });
});

describe('outcomes: skipped is not an error', () => {
  it('stores a JSONL export whole and exits 0 when some lines are service lines without text', async () => {
    const d = dir();
    const lines = [
      { id: '1', text: 'first post about the market', date: '2024-03-01T10:00:00Z' },
      { id: '2', type: 'service', action: 'pin_message' },
      { id: '3', text: 'second post about the market', date: '2024-03-01T11:00:00Z' },
      { id: '4', type: 'service', action: 'join' },
    ];
    writeFileSync(join(d, 'posts.jsonl'), `\uFEFF${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const run = await runCli(['ingest', join(d, 'posts.jsonl'), '--json'], { VIGIL_DB: tempDb() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ new: 2, skipped: 2, errors: [] });
  });

  it('gives empty, binary and unrecognisable files one error each, named or in a folder, and reads the rest', async () => {
    const d = dir();
    writeFileSync(join(d, 'empty.csv'), '');
    writeFileSync(join(d, 'empty.txt'), '');
    writeFileSync(join(d, 'result.json'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]));
    writeFileSync(join(d, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0x00]));
    writeFileSync(join(d, 'page.html'), '<html></html>');
    writeFileSync(join(d, 'good.jsonl'), '{"id": "1", "text": "a readable post"}\n');
    const run = await runCli(['ingest', d, '--json'], { VIGIL_DB: tempDb() });
    const summary = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(summary.new).toBe(1);
    expect(summary.errors.map((e: { file: string; message: string }) => [e.file, e.message]).sort()).toEqual([
      [join(d, 'empty.csv'), 'ingest: the file is empty'],
      [join(d, 'empty.txt'), 'ingest: the file is empty'],
      [join(d, 'result.json'), 'ingest: the file holds binary data, not text records'],
    ]);
    const named = JSON.parse(
      (await runCli(['ingest', join(d, 'result.json'), '--json'], { VIGIL_DB: tempDb() })).stdout,
    );
    expect(named.errors).toEqual([
      expect.objectContaining({ message: 'ingest: the file holds binary data, not text records' }),
    ]);
  });

  it('names the column, never the cell, when a CSV mapping is wrong', async () => {
    const d = dir();
    writeFileSync(join(d, 'posts.csv'), 'id,body,when\n1,"We must burn every mosque",2024-03-01\n');
    const run = await runCli(
      ['ingest', join(d, 'posts.csv'), '--map', 'text=when,posted_at=body', '--json'],
      {
        VIGIL_DB: tempDb(),
      },
    );
    const [error] = JSON.parse(run.stdout).errors;
    expect(error).toMatchObject({ line: 2, field: 'posted_at' });
    expect(error.message).toContain('column "body"');
    expect(run.stdout + run.stderr).not.toContain('mosque');
  });
});

async function readFeed(name: string, bytes: Buffer | string): Promise<IngestRecord[]> {
  const file = join(dir(), name);
  writeFileSync(file, bytes);
  expect(feedAdapter.sniff(file, Buffer.from(bytes).subarray(0, 4096).toString('latin1'))).toBe(true);
  const out: IngestRecord[] = [];
  for await (const r of feedAdapter.read(file, {})) out.push(r);
  return out;
}
const itemsOf = (rs: IngestRecord[]) => rs.flatMap((r) => (r.kind === 'item' ? [r.item] : []));

describe('feeds as real publishers write them', () => {
  it('reads RSS 1.0 (RDF)', async () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://news.example/"><title>Example Wire</title></channel>
  <item rdf:about="https://news.example/a"><title>Council meets</title><link>https://news.example/a</link><description>The council met on Monday.</description><dc:date>2024-03-01T10:00:00Z</dc:date></item>
  <item rdf:about="https://news.example/b"><title>Roads reopen</title><link>https://news.example/b</link><description>Roads reopened.</description></item>
</rdf:RDF>`;
    const items = itemsOf(await readFeed('wire.rdf', rdf));
    expect(items.map((i) => [i.title, i.url, i.source.name])).toEqual([
      ['Council meets', 'https://news.example/a', 'Example Wire'],
      ['Roads reopen', 'https://news.example/b', 'Example Wire'],
    ]);
    expect(items[0]?.postedAt).toBe('2024-03-01T10:00:00.000Z');
  });

  it('decodes an ISO-8859-1 feed by its declaration, and an undeclared KOI8-R one by detection', async () => {
    const latin = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Journal</title><item><title>Été à Genève</title><description>Les élèves reçoivent un prix.</description></item></channel></rss>',
      'latin1',
    );
    const [item] = itemsOf(await readFeed('latin.rss', latin));
    expect(item?.text).toBe('Été à Genève\n\nLes élèves reçoivent un prix.');
    const russian = 'Новости города: погода и дороги сегодня, мост открыт для движения после ремонта';
    const koi8 = Buffer.concat([
      Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>Gazeta</title><item><title>'),
      Buffer.from(new TextEncoderKoi8().encode(russian)),
      Buffer.from('</title></item></channel></rss>'),
    ]);
    const [ru] = itemsOf(await readFeed('ru.rss', koi8));
    expect(ru?.title).toBe(russian);
  });

  it('keeps Atom xhtml content, and recovers from a bare & and an unclosed CDATA', async () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
  <entry><id>urn:a</id><title>Bridge closed</title><link href="https://desk.example/a?x=1&y=2"/>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The bridge is <b>closed</b> for repairs.</p></div></content></entry>
  <entry><id>urn:b</id><title>Broken entry</title><content type="html"><![CDATA[<p>never closed</content></entry>
  <entry><id>urn:c</id><title>Ferry runs</title><summary>The ferry runs hourly.</summary></entry>
</feed>`;
    const records = await readFeed('desk.atom', atom);
    const items = itemsOf(records);
    expect(items.map((i) => i.externalId)).toContain('urn:a');
    expect(items.map((i) => i.externalId)).toContain('urn:c');
    const a = items.find((i) => i.externalId === 'urn:a');
    expect(a?.text).toContain('The bridge is closed for repairs.');
    expect(a?.url).toBe('https://desk.example/a?x=1&y=2');
  });

  it('reads JSON Feed', async () => {
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON Desk',
      items: [
        { id: '1', url: 'https://json.example/1', title: 'Market day', content_text: 'Stalls open at nine.' },
      ],
    });
    const [item] = itemsOf(await readFeed('feed.json', feed));
    expect(item).toMatchObject({ externalId: '1', title: 'Market day', url: 'https://json.example/1' });
  });
});

/** KOI8-R for the test's bytes (TextEncoder writes only UTF-8): the Cyrillic block's code points. */
class TextEncoderKoi8 {
  encode(text: string): Uint8Array {
    const decoder = new TextDecoder('koi8-r');
    const table = new Map<string, number>();
    for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
    return Uint8Array.from([...text].map((ch) => table.get(ch) ?? ch.charCodeAt(0)));
  }
}

describe('CrowdTangle exports', () => {
  it('reads zone abbreviations by their IANA rules and counts in the exporter locale', async () => {
    const { parseZonedTime, parseCount } = await import('../../src/ingest/tabular/csv-profiles.js');
    // Brazil has had no daylight saving since 2019: BRT is UTC-3 in July.
    expect(parseZonedTime('2021-07-05 18:02:45 BRT')).toBe('2021-07-05T21:02:45.000Z');
    // New Zealand in January is on daylight time, UTC+13.
    expect(parseZonedTime('2021-01-10 09:00:00 NZDT')).toBe('2021-01-09T20:00:00.000Z');
    expect(parseZonedTime('2021-03-01 12:00:00 SGT')).toBe('2021-03-01T04:00:00.000Z');
    expect(parseZonedTime('2021-03-01 12:00:00 MSK')).toBe('2021-03-01T09:00:00.000Z');
    // An unknown abbreviation is unreadable unless --tz names the zone.
    expect(parseZonedTime('2021-03-01 12:00:00 XYZ')).toBeNull();
    expect(parseZonedTime('2021-03-01 12:00:00 XYZ', 'Asia/Tokyo')).toBe('2021-03-01T03:00:00.000Z');
    expect(parseCount('407.137')).toBe(407_137);
    expect(parseCount('1,234,567')).toBe(1_234_567);
    expect(parseCount('12 345')).toBe(12_345);
    expect(parseCount('1,4')).toBeNull();
  });

  it('reads an API dump flattened to CSV with the page as source and the post URL as link', async () => {
    const d = dir();
    const header =
      'platformId,platform,date,type,message,description,link,postUrl,account.id,account.name,account.handle,account.platform';
    const row =
      '111_222,Facebook,2021-07-05 21:02:45,link,,A description as text,https://outbound.example/x,https://www.facebook.com/111/posts/222,111,Pagina Exemplo,paginaexemplo,Facebook';
    writeFileSync(join(d, 'api.csv'), `${header}\n${row}\n`);
    const { csvAdapter } = await import('../../src/ingest/tabular/csv-adapter.js');
    const items: IngestRecord[] = [];
    for await (const r of csvAdapter.read(join(d, 'api.csv'), {})) items.push(r);
    expect(itemsOf(items)).toEqual([
      expect.objectContaining({
        platform: 'facebook',
        externalId: '111_222',
        source: expect.objectContaining({ name: 'Pagina Exemplo' }),
        author: 'paginaexemplo',
        url: 'https://www.facebook.com/111/posts/222',
        text: 'A description as text',
        postedAt: '2021-07-05T21:02:45.000Z',
      }),
    ]);
  });

  it('stores every post of an export dated in BRT and NZDT', async () => {
    const d = dir();
    const header = 'Page Name,User Name,Facebook Id,Post Created,Type,Total Interactions,Message,URL';
    const rows = [
      'Pagina Exemplo,paginaexemplo,111,2021-07-05 18:02:45 BRT,Status,407.137,"Primeira mensagem de teste",https://www.facebook.com/111/posts/1',
      'Example Page NZ,examplenz,222,2021-01-10 09:00:00 NZDT,Status,"1,204",Second test message,https://www.facebook.com/222/posts/2',
    ];
    writeFileSync(join(d, 'ct.csv'), `${header}\n${rows.join('\n')}\n`);
    const run = await runCli(['ingest', join(d, 'ct.csv'), '--json'], { VIGIL_DB: tempDb() });
    expect(JSON.parse(run.stdout)).toMatchObject({ new: 2, errors: [] });
    expect(run.code).toBe(0);
  });
});
