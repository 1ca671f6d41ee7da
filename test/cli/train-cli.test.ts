import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('vigil train (English)', () => {
  it('writes the model and its manifest into an --out directory that did not exist yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-train-'));
    const corpus = join(dir, 'corpus.csv');
    writeFileSync(
      corpus,
      [
        'id,functionality,text,labels,context,ideology,target',
        'C1,synthetic,Everyone at the depot dies on Friday.,threat,primary,,',
        'C2,synthetic,Kill all the weeds in the garden on Friday.,none,primary,,',
        'C3,synthetic,The depot opens at nine on Friday.,none,primary,,',
        'C4,synthetic,Join the brothers and fight with us.,recruitment,primary,jihadist,',
      ].join('\n'),
    );
    const out = join(dir, 'new', 'nested', 'vigil-linear.bin');
    const run = await runCli(['train', '--no-shared', '--corpus', corpus, '--epochs', '1', '--out', out]);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const manifestPath = join(dir, 'new', 'nested', 'vigil-linear.manifest.json');
    expect(existsSync(manifestPath)).toBe(true);
    // The version carries a digest of the weights, so a second model trained today gets its own id.
    const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
    expect(version).toMatch(/^\d{4}-\d{2}-\d{2}\+[0-9a-f]{8}$/);
  }, 120_000);
});
