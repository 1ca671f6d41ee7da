import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageTrainingSources } from '../../../src/analyze/model/language-training.js';
import {
  isProjectData,
  USED_ARTICLE_SETS,
  USED_SETS,
  usedSetPath,
  usedSetSources,
  writtenSources,
} from '../../../src/analyze/model/project-sets.js';
import { trainingSources } from '../../../src/analyze/model/training-set.js';

const ROOT = join(import.meta.dirname, '../../..');

/** A project root holding one used and one fresh set, each with one synthetic row. */
function tinyRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'vigil-used-'));
  mkdirSync(join(root, 'test/blind'), { recursive: true });
  mkdirSync(join(root, 'data/corpus'), { recursive: true });
  const header = 'id,functionality,text,labels,context,ideology,target\n';
  writeFileSync(
    join(root, 'test/blind/blind-1.csv'),
    `${header}a,explicit_call,used row,incitement,primary,,\n`,
  );
  writeFileSync(
    join(root, 'test/blind/blind-999.csv'),
    `${header}b,explicit_call,fresh row,incitement,primary,,\n`,
  );
  return root;
}

describe('used evaluation sets as training data', () => {
  it('lists only sets that exist in the repository', () => {
    for (const files of Object.values(USED_SETS))
      for (const f of files) expect(existsSync(join(ROOT, usedSetPath(f))), f).toBe(true);
  });

  it('trains on a listed set and never on a set the list does not name', () => {
    const root = tinyRoot();
    const texts = trainingSources(root, { sharedRoot: null }).flatMap((s) => s.examples.map((e) => e.text));
    expect(texts).toContain('used row');
    expect(texts).not.toContain('fresh row');
  });

  it('lists only article sets that exist in the repository', () => {
    for (const files of Object.values(USED_ARTICLE_SETS))
      for (const f of files) expect(existsSync(join(ROOT, usedSetPath(f))), f).toBe(true);
  });

  it('leaves out the sets it is asked to, so each can be measured as if new', () => {
    const root = tinyRoot();
    const names = trainingSources(root, { sharedRoot: null, exclude: ['test/blind/blind-1.csv'] }).map(
      (s) => s.name,
    );
    expect(names).not.toContain('test/blind/blind-1.csv');
    expect(usedSetSources(root, 'en').map((s) => s.name)).toEqual(['test/blind/blind-1.csv']);
  });

  it('gives each language its own written and used sets, labelled as the project’s data', () => {
    const sources = languageTrainingSources(ROOT, 'fr', {
      sharedRoot: null,
      nonCommercial: false,
      corpus: [],
    });
    const names = sources.map((s) => s.name);
    expect(names.some((n) => /^data\/written\/fr\/[^/]+\.csv$/.test(n))).toBe(true);
    expect(names.some((n) => /^test\/blind\/multilingual-\d+\/fr\.csv$/.test(n))).toBe(true);
    expect(names.filter((n) => !/^(data\/written\/fr|test\/blind\/multilingual-\d+\/fr)/.test(n))).toEqual(
      [],
    );
    for (const s of sources) expect(isProjectData(s.licence)).toBe(true);
  });

  it('reads the written training sets of the language asked for only', () => {
    const root = tinyRoot();
    mkdirSync(join(root, 'data/written/en'), { recursive: true });
    mkdirSync(join(root, 'data/written/de'), { recursive: true });
    const header = 'id,functionality,text,labels,context,ideology,target\n';
    writeFileSync(join(root, 'data/written/en/a.csv'), `${header}w,question,written row,none,primary,,\n`);
    writeFileSync(join(root, 'data/written/de/a.csv'), `${header}d,question,deutsche Zeile,none,primary,,\n`);
    const texts = trainingSources(root, { sharedRoot: null }).flatMap((s) => s.examples.map((e) => e.text));
    expect(texts).toContain('written row');
    expect(texts).not.toContain('deutsche Zeile');
    expect(writtenSources(root, 'de').map((s) => s.name)).toEqual(['data/written/de/a.csv']);
  });
});
