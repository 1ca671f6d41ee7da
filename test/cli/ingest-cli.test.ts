import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, SAMPLES, tempDb } from '../helpers/cli.js';

describe('vigil ingest', () => {
  it('reports every content message new, then none, and stats agree', async () => {
    const env = { VIGIL_DB: tempDb() };
    const file = join(SAMPLES, 'telegram/result.json');
    const first = await runCli(['ingest', file, '--json'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      read: 8,
      new: 7,
      duplicates: 0,
      edited: 0,
      channel_events: 1,
      skipped: 1,
      errors: [],
      warnings: [],
      media_to_hash: 1,
    });
    const second = await runCli(['ingest', file, '--json'], env);
    expect(JSON.parse(second.stdout)).toMatchObject({ read: 8, new: 0, duplicates: 7 });
    const stats = await runCli(['stats', '--json'], env);
    expect(JSON.parse(stats.stdout)).toEqual({
      items: 7,
      by_platform: { telegram: 7 },
      by_source: { 'Eastbrook Patriots': 7 },
    });
  });

  it('stores what precedes damage, names the file and line, exits 1, and keeps it on re-run', async () => {
    const env = { VIGIL_DB: tempDb() };
    const file = join(FIXTURES, 'telegram-truncated.json');
    const run = await runCli(['ingest', file], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:8: telegram export: the export ends inside a message`);
    const again = await runCli(['ingest', file, '--json'], env);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ new: 0, duplicates: 2 });
    expect(JSON.parse((await runCli(['stats', '--json'], env)).stdout).items).toBe(2);
  });

  it('searches what was ingested', async () => {
    const env = { VIGIL_DB: tempDb() };
    await runCli(['ingest', join(SAMPLES, 'news')], env);
    const hits = JSON.parse((await runCli(['search', 'Eastbrook', 'market', '--json'], env)).stdout);
    expect(hits.length).toBeGreaterThan(0);
    expect(Object.keys(hits[0]).sort()).toEqual([
      'item_id',
      'platform',
      'posted_at',
      'snippet',
      'source',
      'text',
    ]);
  });

  it('fails with one clear line for user mistakes', async () => {
    const env = { VIGIL_DB: tempDb() };
    const missing = await runCli(['ingest', '/no/such/export.json'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('vigil: ingest: no such file or folder: /no/such/export.json');
    const badFormat = await runCli(['ingest', SAMPLES, '--format', 'xml'], env);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('unknown --format "xml"');
    const badMap = await runCli(['ingest', join(FIXTURES, 'posts.jsonl'), '--map', 'body'], env);
    expect(badMap.code).toBe(1);
    expect(badMap.stderr).not.toContain('    at ');
  });
});

describe('hostile content in error output', () => {
  it('names file and line of a broken record without echoing its content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-leak-'));
    const file = join(dir, 'posts.jsonl');
    writeFileSync(file, '{"text": "fine"}\n{"text": "MARKER-7f3 <script>x()</script>", oops}\n');
    const r = await runCli(['ingest', file, '--json'], { VIGIL_DB: tempDb() });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toEqual([
      { file, line: 2, field: null, message: expect.stringContaining('jsonl: line 2: not JSON') },
    ]);
    expect(r.stdout + r.stderr).not.toContain('MARKER-7f3');
  });
});
