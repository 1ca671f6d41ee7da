import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLES, tempDb } from '../helpers/cli.js';

describe('small commands keep their promises', () => {
  it('vigil hash --dihedral prints the eight variants, one line each', async () => {
    const image = join(SAMPLES, 'telegram/photos/photo_1@15-03-2026_22-10-00.jpg');
    const run = await runCli(['hash', '--dihedral', image]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines.every((l) => /^[0-9a-f]{64} +\d+ /.test(l))).toBe(true);
    expect(lines.slice(1).every((l) => / \(\w+\)$/.test(l))).toBe(true);
  });

  it('vigil banks list says there are none rather than printing nothing', async () => {
    const run = await runCli(['banks', 'list'], { VIGIL_DB: tempDb() });
    expect(run.stdout).toContain('No banks yet');
  });

  it('vigil scan takes --map like ingest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-scanmap-'));
    writeFileSync(join(dir, 'posts.jsonl'), '{"uid": "1", "body": "a calm post about the harbour market"}\n');
    const run = await runCli(['scan', join(dir, 'posts.jsonl'), '--map', 'id=uid,text=body', '--json'], {
      VIGIL_DB: tempDb(),
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).ingest).toMatchObject({ new: 1, errors: [] });
  });
});
