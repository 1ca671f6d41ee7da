import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLES } from '../helpers/cli.js';

describe('vigil analyze', () => {
  it('prints one Analysis per input as a JSON array', () => {
    const r = runCli([
      'analyze',
      '--json',
      join(SAMPLES, 'news/channel-report.md'),
      '--text',
      'Kill the kuffar wherever you find them.',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(out[0].labels.map((l: { label: string }) => l.label)).toContain('incitement');
    expect(out[1]).toMatchObject({ schema: 'vigil.analysis/2', context: 'reporting', labels: [] });
    const platforms = out[1].quotes.map((q: { platform: string | null }) => q.platform);
    expect(platforms).toEqual(expect.arrayContaining(['telegram', 'facebook']));
  });
  it('fails with one line without input', () => {
    const r = runCli(['analyze']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('vigil: analyze: give --text TEXT or one or more files');
  });
});

describe('vigil eval', () => {
  it('prints the report in the contract shape', () => {
    const r = runCli(['eval', '--dataset', join(import.meta.dirname, '../functional/holdout.csv'), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report).sort()).toEqual(
      [
        'context_accuracy',
        'exact_match',
        'false_positive_rate_on_none',
        'flag_accuracy',
        'ideology_accuracy',
        'items_per_second',
        'macro_f1',
        'n',
        'per_functionality',
        'per_label',
      ].sort(),
    );
  });
  it('names the row of an unknown label', () => {
    const r = runCli(['eval', '--dataset', join(import.meta.dirname, '../fixtures/bad-eval.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('row 3 (id b): unknown label "terror"');
  });
});
