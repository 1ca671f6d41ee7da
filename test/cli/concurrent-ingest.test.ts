import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticExport } from '../../bench/telegram-export-generator.js';
import { runCli, tempDb } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '../..');

function ingest(file: string, db: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'src/cli/main.ts'), 'ingest', file, '--json'],
      {
        env: { ...process.env, CI: 'true', VIGIL_DB: db },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('concurrent ingest into one SQLite store', () => {
  it('lets both writers finish, each waiting its turn, with every item stored once', async () => {
    const db = tempDb();
    const a = join(dirname(db), 'a.json');
    const b = join(dirname(db), 'b.json');
    await writeSyntheticExport(a, 40_000, 3);
    // The same export as another channel: distinct items, written at the same time.
    writeFileSync(
      b,
      readFileSync(a, 'utf8')
        .replaceAll('Synthetic Channel', 'Second Channel')
        .replaceAll('1234567', '7654321'),
    );
    const [first, second] = await Promise.all([ingest(a, db), ingest(b, db)]);
    expect(first.stderr + second.stderr).toBe('');
    expect([first.code, second.code]).toEqual([0, 0]);
    const stored = JSON.parse(first.stdout).new + JSON.parse(second.stdout).new;
    const stats = JSON.parse((await runCli(['stats', '--json'], { VIGIL_DB: db })).stdout);
    expect(stats.items).toBe(stored);
    expect(stats.by_source).toEqual({ 'Synthetic Channel': stored / 2, 'Second Channel': stored / 2 });
  }, 120_000);
});
