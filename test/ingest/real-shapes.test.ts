/**
 * Small synthetic files in the shapes real tools write, each reproducing one way real exports
 * were misread.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runCli, tempDb } from '../helpers/cli.js';

const dir = () => mkdtempSync(join(tmpdir(), 'vigil-shapes-'));
const exportOf = (header: Record<string, unknown>, messages: unknown[]) =>
  JSON.stringify({ ...header, messages }, null, 1);

describe('Telegram exports as real versions wrote them', () => {
  it('meets an old export (numeric peer ids, before 2021) and a new one of the same channel in one source', () => {
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
    expect(runCli(['ingest', join(d, 'old/result.json')], env).code).toBe(0);
    const second = JSON.parse(runCli(['ingest', join(d, 'new/result.json'), '--json'], env).stdout);
    expect(second).toMatchObject({ new: 1, duplicates: 2, errors: [] });
    expect(JSON.parse(runCli(['stats', '--json'], env).stdout)).toMatchObject({
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
    const run = runCli(['ingest', join(d, 'result.json'), join(d, 'null.json'), '--json'], env);
    const summary = JSON.parse(run.stdout);
    expect(summary.new).toBe(2);
    expect(summary.errors).toEqual([
      expect.objectContaining({
        file: join(d, 'null.json'),
        message: expect.stringContaining('field "messages"'),
      }),
    ]);
    expect(run.code).toBe(1);
    const found = JSON.parse(runCli(['search', 'Ferry', '--json'], env).stdout);
    expect(found[0].text).toBe('Which route is open?\n- North bridge\n- Ferry');
    const [photoHit] = JSON.parse(runCli(['search', 'photo', '--json'], env).stdout);
    const store = await openSqliteStore(env.VIGIL_DB);
    const item = await store.items.getItem(photoHit.item_id);
    await store.close();
    expect(item?.media).toEqual([
      expect.objectContaining({ declared: 'photos/absent.jpg', missing: true, path: null }),
    ]);
  });
});

describe('outcomes: skipped is not an error', () => {
  it('stores a JSONL export whole and exits 0 when some lines are service lines without text', () => {
    const d = dir();
    const lines = [
      { id: '1', text: 'first post about the market', date: '2024-03-01T10:00:00Z' },
      { id: '2', type: 'service', action: 'pin_message' },
      { id: '3', text: 'second post about the market', date: '2024-03-01T11:00:00Z' },
      { id: '4', type: 'service', action: 'join' },
    ];
    writeFileSync(join(d, 'posts.jsonl'), `\uFEFF${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const run = runCli(['ingest', join(d, 'posts.jsonl'), '--json'], { VIGIL_DB: tempDb() });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ new: 2, skipped: 2, errors: [] });
  });

  it('gives empty, binary and unrecognisable files one error each, named or in a folder, and reads the rest', () => {
    const d = dir();
    writeFileSync(join(d, 'empty.csv'), '');
    writeFileSync(join(d, 'empty.txt'), '');
    writeFileSync(join(d, 'result.json'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]));
    writeFileSync(join(d, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0x00]));
    writeFileSync(join(d, 'page.html'), '<html></html>');
    writeFileSync(join(d, 'good.jsonl'), '{"id": "1", "text": "a readable post"}\n');
    const run = runCli(['ingest', d, '--json'], { VIGIL_DB: tempDb() });
    const summary = JSON.parse(run.stdout);
    expect(run.code).toBe(1);
    expect(summary.new).toBe(1);
    expect(summary.errors.map((e: { file: string; message: string }) => [e.file, e.message]).sort()).toEqual([
      [join(d, 'empty.csv'), 'ingest: the file is empty'],
      [join(d, 'empty.txt'), 'ingest: the file is empty'],
      [join(d, 'result.json'), 'ingest: the file holds binary data, not text records'],
    ]);
    const named = JSON.parse(
      runCli(['ingest', join(d, 'result.json'), '--json'], { VIGIL_DB: tempDb() }).stdout,
    );
    expect(named.errors).toEqual([
      expect.objectContaining({ message: 'ingest: the file holds binary data, not text records' }),
    ]);
  });

  it('names the column, never the cell, when a CSV mapping is wrong', () => {
    const d = dir();
    writeFileSync(join(d, 'posts.csv'), 'id,body,when\n1,"We must burn every mosque",2024-03-01\n');
    const run = runCli(['ingest', join(d, 'posts.csv'), '--map', 'text=when,posted_at=body', '--json'], {
      VIGIL_DB: tempDb(),
    });
    const [error] = JSON.parse(run.stdout).errors;
    expect(error).toMatchObject({ line: 2, field: 'posted_at' });
    expect(error.message).toContain('column "body"');
    expect(run.stdout + run.stderr).not.toContain('mosque');
  });
});
