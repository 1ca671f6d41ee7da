import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalCsv, scoreEvaluation } from '../../src/analyze/evaluation.js';

function csv(rows: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vigil-eval-')), 'set.csv');
  writeFileSync(file, rows.join('\n'));
  return file;
}

describe('evaluation per language', () => {
  it('reports per_language figures when the CSV has a language column', () => {
    const cases = readEvalCsv(
      csv([
        'id,functionality,text,labels,context,ideology,target,language',
        'a1,call,t,incitement,primary,,,ar',
        'a2,benign,t,none,,,,ar',
        'a3,benign,t,none,,,,AR',
        'f1,call,t,incitement,primary,,,fr',
        'x1,call,t,incitement,primary,,,',
      ]),
    );
    expect(cases.map((c) => c.language)).toEqual(['ar', 'ar', 'ar', 'fr', undefined]);
    const none = { labels: [], context: 'primary', ideology: 'none' };
    const call = { labels: ['incitement' as const], context: 'primary', ideology: 'none' };
    const report = scoreEvaluation(cases, [call, call, none, none, call], 1);
    expect(report.per_language).toEqual({
      ar: { n: 3, flag_accuracy: 0.667, false_positive_rate_on_none: 0.5 },
      fr: { n: 1, flag_accuracy: 0, false_positive_rate_on_none: null },
    });
  });

  it('leaves the report as it was without a language column', () => {
    const cases = readEvalCsv(csv(['id,functionality,text,labels', '1,call,t,incitement']));
    const report = scoreEvaluation(cases, [{ labels: [], context: 'primary', ideology: 'none' }], 1);
    expect(report).not.toHaveProperty('per_language');
  });
});
