import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eld } from 'eld/medium';
import { describe, expect, it } from 'vitest';
import { ARABIZI_CASES, LANGID_CASES, MIXED_CASES } from '../../bench/langid-cases.js';
import { readEvalCsv } from '../../src/analyze/evaluation.js';
import { compactInUse, detectLanguage } from '../../src/analyze/text/00-language-ngrams.js';

const ROOT = join(import.meta.dirname, '../..');

/** eld's answer as `identifyLanguage` reads it: the language, the scores of `codes`, the reliability. */
function eldAnswer(text: string, codes: readonly string[]) {
  const r = eld.detect(text);
  const scores = r.getScores();
  return { language: r.language, scores: codes.map((c) => scores[c]), reliable: r.isReliable() };
}

function compactAnswer(text: string, codes: readonly string[]) {
  const r = detectLanguage(text);
  return { language: r.language, scores: codes.map((c) => r.score(c)), reliable: r.isReliable() };
}

describe('the compact reading of eld', () => {
  it('is in use: eld’s files were found where it reads them', () => {
    expect(compactInUse).toBe(true);
  });

  it('answers as eld does, score for score, on every language-identification case and multilingual row', () => {
    const texts = [...LANGID_CASES, ...ARABIZI_CASES, ...MIXED_CASES].map((c) => c.text);
    const blind = join(ROOT, 'test/blind');
    for (const dir of readdirSync(blind).filter((d) => d.startsWith('multilingual-')))
      for (const f of readdirSync(join(blind, dir)).filter((f) => f.endsWith('.csv')))
        for (const c of readEvalCsv(join(blind, dir, f))) texts.push(c.text, c.text.slice(0, 25));
    for (const c of readEvalCsv(join(ROOT, 'test/functional/cases.csv'))) texts.push(c.text);
    const codes = Object.values(eld.info().Languages as unknown as Record<string, string>);
    const differ = texts.filter(
      (t) => JSON.stringify(compactAnswer(t, codes)) !== JSON.stringify(eldAnswer(t, codes)),
    );
    expect(texts.length).toBeGreaterThan(1000);
    expect(differ).toEqual([]);
  });

  it('answers as eld does on edge cases: empty, one letter, long words, surrogates, apostrophes, capitals', () => {
    const codes = ['en', 'fr', 'de', 'es', 'ar', 'fa', 'yo', 'pl'];
    for (const t of [
      '',
      ' ',
      'a',
      'abc',
      'abcd',
      'x'.repeat(69),
      'x'.repeat(71),
      `hello ${'y'.repeat(100)} world`,
      '😀 emoji 🔫 text',
      '\ud800 lone high',
      'trailing \ud800',
      '\udc00 lone low',
      'ÜNÏCÖDÉ ÀÉÎ çà',
      "don't won't 'quoted' ``x`` l’homme",
      'word '.repeat(300),
    ]) {
      expect(compactAnswer(t, codes), JSON.stringify(t)).toEqual(eldAnswer(t, codes));
    }
  });
});
