import { describe, expect, it } from 'vitest';
import { ARABIZI_CASES, LANGID_CASES, MIXED_CASES } from '../../bench/langid-cases.js';
import { identifyLanguage } from '../../src/analyze/text/00-language.js';

describe('language identification', () => {
  it('identifies short posts and quotes in Arabic, French, German, Spanish and English, and others as theirs', () => {
    const wrong = LANGID_CASES.filter((c) => identifyLanguage(c.text).code !== c.lang).map((c) => c.text);
    expect(wrong).toEqual([]);
  });

  it('takes Arabizi for Arabic by its word forms, and leetspeak with digits for English', () => {
    for (const c of ARABIZI_CASES) expect(identifyLanguage(c.text).code, c.text).toBe(c.lang);
  });

  it('gives a mixed post its dominant language, whatever the hashtags are in', () => {
    for (const c of MIXED_CASES) expect(identifyLanguage(c.text).code, c.text).toBe(c.lang);
  });

  it('keeps the surrounding language for a short quote and takes a short Arabic text by its script', () => {
    expect(identifyLanguage('on y va', { prior: 'fr' }).code).toBe('fr');
    expect(identifyLanguage('go now', { prior: 'de' }).code).toBe('de');
    expect(identifyLanguage('اقتلوهم', { prior: 'en' }).code).toBe('ar');
    expect(identifyLanguage('پیروزی', { prior: 'en' }).code).toBe('fa');
  });

  it('falls back to the prior language when there is nothing to read', () => {
    expect(identifyLanguage('🔥🔥 123 !!!')).toEqual({ code: 'en', score: 0 });
    expect(identifyLanguage('', { prior: 'ar' }).code).toBe('ar');
  });

  it('reads obfuscated English as English, not as the language its n-grams resemble', () => {
    expect(identifyLanguage('k1ll 4ll th3 r4ts n0w, n0 m3rcy').code).toBe('en');
    expect(identifyLanguage('wе wіll fіnd thеm аll').code).toBe('en'); // Cyrillic look-alikes
  });
});
