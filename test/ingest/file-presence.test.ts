import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filePresence } from '../../src/ingest/telegram-export/file-presence.js';

describe('filePresence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-presence-'));
  mkdirSync(join(dir, 'photos'));
  writeFileSync(join(dir, 'photos', 'here.jpg'), 'x');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds files as existsSync does', () => {
    const isPresent = filePresence();
    expect(isPresent(join(dir, 'photos', 'here.jpg'))).toBe(true);
    expect(isPresent(join(dir, 'photos', 'gone.jpg'))).toBe(false);
    expect(isPresent(join(dir, 'files', 'gone.pdf'))).toBe(false);
  });

  it('asks about a missing folder once, not about each file in it', () => {
    const asked: string[] = [];
    const isPresent = filePresence((path) => {
      asked.push(path);
      return path === dir || path.startsWith(join(dir, 'photos'));
    });
    for (let k = 0; k < 50; k++) expect(isPresent(join(dir, 'files', `f${k}.pdf`))).toBe(false);
    expect(asked).toEqual([join(dir, 'files')]);
    expect(isPresent(join(dir, 'photos', 'a.jpg'))).toBe(true);
    expect(isPresent(join(dir, 'photos', 'b.jpg'))).toBe(true);
    expect(asked.slice(1)).toEqual([
      join(dir, 'photos'),
      join(dir, 'photos', 'a.jpg'),
      join(dir, 'photos', 'b.jpg'),
    ]);
  });
});
