import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDb } from '../helpers/cli.js';

describe('vigil events', () => {
  it('lists incidents without a place apart, under --candidates', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-news-'));
    writeFileSync(
      join(dir, 'placed.txt'),
      'date: 2026-04-02\ntitle: Two stabbed in Leeds\nsource: Valley Post\n\nTwo men were stabbed outside a mosque in Leeds last night.\n',
    );
    writeFileSync(
      join(dir, 'unplaced.txt'),
      'date: 2026-04-02\ntitle: Knife attack\nsource: Harbour Times\n\nAn English teacher was stabbed during Ramadan prayers on Tuesday.\n',
    );
    const env = { VIGIL_DB: tempDb() };
    expect((await runCli(['scan', dir, '--json'], env, 200_000)).code).toBe(0);
    const events = JSON.parse((await runCli(['events', '--json'], env)).stdout) as { place: string | null }[];
    expect(events.map((e) => e.place)).toEqual(['Leeds']);
    const candidates = JSON.parse((await runCli(['events', '--candidates', '--json'], env)).stdout) as {
      place: string | null;
      linked_items: number;
    }[];
    expect(candidates).toMatchObject([{ place: null, linked_items: 1 }]);
  });
});
