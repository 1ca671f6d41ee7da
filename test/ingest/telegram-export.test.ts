import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticExport } from '../../bench/telegram-export-generator.js';
import type { IngestRecord } from '../../src/ingest/adapter.js';
import { parseJsonRecord } from '../../src/ingest/json-record.js';
import { TelegramJsonSplitter } from '../../src/ingest/telegram-export/json-splitter.js';
import { repairJson } from '../../src/ingest/telegram-export/repair-json.js';
import { telegramExportAdapter } from '../../src/ingest/telegram-export/telegram-export-adapter.js';
import { flattenText, peerId, telegramTime } from '../../src/ingest/telegram-export/telegram-message.js';
import { jsonDepth } from '../../src/ingest/validate-record.js';
import { FIXTURES, SAMPLES } from '../helpers/cli.js';

async function readAll(file: string): Promise<IngestRecord[]> {
  const out: IngestRecord[] = [];
  for await (const r of telegramExportAdapter.read(file, {})) out.push(r);
  return out;
}
const items = (rs: IngestRecord[]) => rs.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
const errors = (rs: IngestRecord[]) => rs.flatMap((r) => (r.kind === 'error' ? [r.error] : []));

describe('telegram export: single chat', () => {
  it('reads every message form of the sample export', async () => {
    const records = await readAll(join(SAMPLES, 'telegram/result.json'));
    expect(errors(records)).toEqual([]);
    const events = records.filter((r) => r.kind === 'channel_event');
    expect(events).toHaveLength(1);
    const all = items(records);
    expect(all.map((i) => i.externalId)).toEqual(['2', '3', '4', '5', '6', '7', '8']);
    const [, withPhoto, edited, forwarded, deleted, missingMedia] = all;
    expect(all[0]?.source).toEqual({
      platform: 'telegram',
      name: 'Eastbrook Patriots',
      externalId: '1700000001',
      kind: 'public_channel',
    });
    expect(withPhoto?.text).toBe(
      'They attacked our town. Now we strike back at every mosque in Eastbrook. #StrikeBack',
    );
    expect(withPhoto?.entities).toEqual([{ type: 'hashtag', start: 73, end: 84 }]);
    expect(withPhoto?.media[0]).toMatchObject({ kind: 'photo', missing: false, width: 320 });
    expect(withPhoto?.media[0]?.path).toBe(join(SAMPLES, 'telegram/photos/photo_1@15-03-2026_22-10-00.jpg'));
    expect(withPhoto?.postedAt).toBe('2026-03-14T22:10:00.000Z');
    expect(edited?.editedAt).toBe('2026-03-15T08:05:00.000Z');
    const link = edited?.entities.find((e) => e.type === 'text_link');
    expect(link?.href).toBe('https://t.me/example_invite');
    expect(edited?.text.slice(link?.start, link?.end)).toBe('our group');
    expect(forwarded?.forwardedFrom).toBe('Northern Watch');
    expect(deleted?.author).toBeNull();
    expect(deleted?.replyTo).toBe('3');
    expect(missingMedia?.media[0]).toMatchObject({ kind: 'video', missing: true, path: null });
    // The raw record is the message exactly as written in the file.
    expect(JSON.parse(withPhoto?.raw ?? '')).toMatchObject({
      id: 3,
      photo: 'photos/photo_1@15-03-2026_22-10-00.jpg',
    });
  });
});

describe('telegram export: full account', () => {
  it('reads chats.list and left_chats.list with each chat as its source', async () => {
    const records = await readAll(join(FIXTURES, 'telegram-full/result.json'));
    expect(errors(records)).toEqual([]);
    const all = items(records);
    expect(all.map((i) => `${i.source.name}/${i.externalId}`)).toEqual([
      'Channel One/1',
      'Channel One/2',
      'result.json/1',
      'Left Group/10',
    ]);
    expect(all[0]?.text).toBe('first chat message with a } brace');
    expect(all[1]?.authorId).toBe('user111');
    expect(all[1]?.postedAt).toBe('2024-01-01T10:05:00.000Z');
    expect(all[2]?.source.externalId).toBe('222');
    expect(all[3]?.entities).toEqual([{ type: 'link', start: 4, end: 25, href: 'https://example.org/a' }]);
    const unsupported = records.find((r) => r.kind === 'channel_event');
    expect(unsupported?.kind === 'channel_event' && unsupported.event.kind).toBe('unsupported');
  });
});

describe('telegram export: damage', () => {
  it('repairs raw control characters and \\x escapes', async () => {
    const records = await readAll(join(FIXTURES, 'telegram-invalid-json.json'));
    expect(errors(records)).toEqual([]);
    expect(items(records)[0]?.text).toBe('line one\u0001 with a raw control char and a tab\t and é escape');
    expect(items(records)).toHaveLength(2);
  });

  it('keeps every message before a truncation and says where it is', async () => {
    const records = await readAll(join(FIXTURES, 'telegram-truncated.json'));
    expect(items(records).map((i) => i.text)).toEqual(['kept one', 'kept two']);
    expect(errors(records)).toEqual([
      expect.objectContaining({ line: 8, message: expect.stringContaining('truncated') }),
    ]);
  });

  it('reports a corrupt message with its line and goes on', async () => {
    const records = await readAll(join(FIXTURES, 'telegram-corrupt.json'));
    expect(items(records).map((i) => i.text)).toEqual(['ok one', 'ok three']);
    expect(errors(records)).toEqual([
      expect.objectContaining({ line: 7, file: join(FIXTURES, 'telegram-corrupt.json') }),
    ]);
  });
});

describe('telegram export: splitter', () => {
  it('gives the same messages whatever the chunk boundaries', () => {
    const text =
      '{"name":"N","id":5,"messages":[{"id":1,"text":"a \\" } ] { quote"},{"id":2,"text":["x",{"type":"bold","text":"y"}]}]}';
    const whole = new TelegramJsonSplitter().push(Buffer.from(text));
    for (let size = 1; size < 12; size++) {
      const splitter = new TelegramJsonSplitter();
      const got = [];
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; at += size)
        got.push(...splitter.push(bytes.subarray(at, at + size)));
      got.push(...splitter.end());
      expect(got).toEqual(whole);
    }
    expect(whole.map((e) => e.type === 'message' && e.chat)).toEqual([
      { name: 'N', id: 5 },
      { name: 'N', id: 5 },
    ]);
  });

  it('measures the nesting of each message as jsonDepth does, across chunk boundaries', () => {
    const messages = [
      '{"id":1,"text":"a \\" } ] { [ [ quote"}',
      '{"id":2,"text":["x",{"type":"bold","text":"y \\\\"}],"m":{"n":[[{"o":"}}}"}]]}}',
      '{"id":3,"text":"\\\\","e":[]}',
      `{"id":4,"deep":${'['.repeat(70)}${']'.repeat(70)}}`,
    ];
    const text = `{"name":"N","messages":[${messages.join(',')}]}`;
    for (const size of [1, 3, 7, text.length]) {
      const splitter = new TelegramJsonSplitter();
      const got = [];
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; at += size)
        got.push(...splitter.push(bytes.subarray(at, at + size)));
      expect(got.map((e) => e.type === 'message' && [e.json, e.depth])).toEqual(
        messages.map((m) => [m, jsonDepth(m, 1_000)]),
      );
    }
    expect(parseJsonRecord(messages[3] as string, 71)).toMatchObject({ ok: false, problem: 'depth' });
  });

  it('keeps Arabic text and 20,000-character messages intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-tg-'));
    const file = join(dir, 'result.json');
    const long = 'كلمة '.repeat(4000);
    writeFileSync(
      file,
      JSON.stringify({
        name: 'قناة',
        type: 'public_channel',
        id: 9,
        messages: [{ id: 1, type: 'message', date_unixtime: '1', text: long }],
      }),
    );
    const [item] = items(await readAll(file));
    expect(item?.text).toBe(long);
    expect(item?.text.length).toBe(20_000);
    expect(item?.source.name).toBe('قناة');
  });

  it('reads a generated export with every message accounted for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-tg-'));
    const file = join(dir, 'result.json');
    await writeSyntheticExport(file, 3000, 7);
    const records = await readAll(file);
    expect(errors(records)).toEqual([]);
    expect(records).toHaveLength(3000);
  });
});

describe('telegram export: field rules', () => {
  it('prefers date_unixtime over local date', () => {
    expect(telegramTime('1704103200', '2024-01-01T12:00:00')).toBe('2024-01-01T10:00:00.000Z');
    expect(telegramTime(undefined, '2024-01-01T12:00:00')).toBe('2024-01-01T12:00:00.000Z');
    expect(telegramTime(undefined, undefined)).toBeNull();
  });

  it('writes Unix seconds exactly as Date does, day after day and at the edges', () => {
    const seconds = [0, 59, 86_399, 86_400, 951_782_400, 1_700_000_007, 1_709_164_799, 99_999_999_999];
    for (let s = 1_699_990_000; s < 1_700_400_000; s += 997) seconds.push(s);
    for (const s of [...seconds, -1, -86_401, 1.5, 1_700_000_000.25])
      expect(telegramTime(String(s), undefined)).toBe(new Date(s * 1000).toISOString());
    expect(telegramTime(1_700_000_007, undefined)).toBe('2023-11-14T22:13:27.000Z');
  });
  it('normalises sender ids', () => {
    expect(peerId('channel12')).toBe('channel12');
    expect(peerId(12)).toBe('user12');
    expect(peerId(null)).toBeNull();
  });
  it('flattens mixed text with mention_name user ids', () => {
    const { text, entities } = flattenText(['hi ', { type: 'mention_name', text: 'Sam', user_id: 77 }, '!']);
    expect(text).toBe('hi Sam!');
    expect(entities).toEqual([{ type: 'mention_name', start: 3, end: 6, userId: '77' }]);
  });
  it('leaves valid JSON untouched when repairing', () => {
    const valid = '{"a":"x\\n\\u0041\\\\","b":1}';
    expect(repairJson(valid)).toBe(valid);
    expect(JSON.parse(repairJson('{"a":"\\q"}'))).toEqual({ a: '\\q' });
  });
});
