import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Lints one planted file (removed afterwards) and returns whether a boundary rule refused it. */
function refused(file: string, source: string): boolean {
  const path = join(ROOT, file);
  writeFileSync(path, `${source}\n`);
  try {
    const run = spawnSync(join(ROOT, 'node_modules/.bin/biome'), ['lint', path], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return run.status !== 0 && `${run.stdout}${run.stderr}`.includes('noRestrictedImports');
  } finally {
    rmSync(path, { force: true });
  }
}

describe('module boundaries are enforced by the linter', () => {
  it.each([
    ['src/pipeline/planted-boundary.ts', "import '../presets/open-store.js';"],
    ['src/pipeline/planted-boundary.ts', "import '../server/app.js';"],
    ['src/pipeline/planted-boundary.ts', "import '../cli/main.js';"],
    ['src/presets/planted-boundary.ts', "import '../server/auth.js';"],
    ['src/presets/planted-boundary.ts', "import '../cli/run-command.js';"],
    ['src/web/planted-boundary.ts', "import '../store/store.js';"],
    ['src/web/pages/planted-boundary.ts', "import '../../server/reports.js';"],
    ['src/shared/planted-boundary.ts', "import '../store/store.js';"],
  ])('refuses %s importing across a boundary (%s)', (file, source) => {
    expect(refused(file, source)).toBe(true);
  });

  it('allows what the boundaries allow', () => {
    expect(refused('src/web/pages/planted-boundary.ts', "import '../../domain/index.js';")).toBe(false);
    expect(refused('src/presets/planted-boundary.ts', "import '../pipeline/ingest-run.js';")).toBe(false);
  });
});
