import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isProjectData } from '../../src/analyze/model/project-sets.js';
import { runCli } from '../helpers/cli.js';

/** A tiny Spanish corpus and a stand-in for the shared HatEval folder (synthetic rows). */
let dir: string;
let corpus: string;
let shared: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-train-lang-'));
  corpus = join(dir, 'es.csv');
  writeFileSync(
    corpus,
    [
      'id,functionality,text,labels,context,ideology,target',
      'E1,synthetic,Hay que matar a los infieles de Villaverde.,incitement,primary,,',
      'E2,synthetic,Te voy a matar mañana.,threat,primary,,',
      'E3,synthetic,El mercado abre el sábado.,none,,,',
      'E4,synthetic,Condenamos el ataque de Villaverde.,none,,,',
    ].join('\n'),
  );
  shared = join(dir, 'shared');
  mkdirSync(join(shared, 'hateval2019_es'), { recursive: true });
  writeFileSync(
    join(shared, 'hateval2019_es', 'hateval2019_es_train_dev.tsv'),
    [
      'id\ttext\tHS\tTR\tAG\tsplit',
      '1\todio contra un grupo\t1\t0\t0\ttrain',
      '2\tun tuit cualquiera\t0\t0\t0\ttrain',
    ].join('\n'),
  );
});

describe('vigil train --lang', () => {
  it('refuses a language Vigil has no pack for, in one line', async () => {
    const run = await runCli(['train', '--lang', 'zz', '--no-shared', '--out', join(dir, 'zz.bin')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('zz');
  }, 120_000);

  it('leaves a non-commercial set out unless asked, and says so', async () => {
    const out = join(dir, 'plain', 'vigil-linear.bin');
    const run = await runCli([
      'train',
      '--lang',
      'es',
      '--shared',
      shared,
      '--corpus',
      corpus,
      '--epochs',
      '1',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('--non-commercial');
    const manifest = JSON.parse(readFileSync(join(dir, 'plain', 'vigil-linear.manifest.json'), 'utf8'));
    expect(manifest.language).toBe('es');
    // The corpus given replaces the synthetic one; the project's written and used Spanish sets join it.
    const datasets = manifest.training.map((t: { dataset: string }) => t.dataset);
    expect(datasets[0]).toBe(corpus);
    expect(datasets).not.toContain('hateval2019_es');
    for (const t of manifest.training.slice(1)) expect(isProjectData(t.licence), t.dataset).toBe(true);
    expect(manifest.licence_note).toBeUndefined();
  }, 120_000);

  it('trains a Spanish model for its user with --non-commercial, and the manifest says what it may be used for', async () => {
    const out = join(dir, 'nc', 'vigil-linear.bin');
    const run = await runCli([
      'train',
      '--lang',
      'es',
      '--non-commercial',
      '--shared',
      shared,
      '--corpus',
      corpus,
      '--epochs',
      '1',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'nc', 'vigil-linear.manifest.json'), 'utf8'));
    const hateval = manifest.training.find((t: { dataset: string }) => t.dataset === 'hateval2019_es');
    expect(hateval).toMatchObject({ licence: expect.stringContaining('CC BY-NC 4.0') });
    expect(manifest.licence_note).toMatch(/non-commercial use only/);
  }, 120_000);
});
