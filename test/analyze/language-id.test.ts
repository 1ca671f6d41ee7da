import { describe, expect, it } from 'vitest';
import { ARABIZI_CASES, LANGID_CASES, MIXED_CASES } from '../../bench/langid-cases.js';
import {
  ARABIZI_WORDS,
  ENGLISH_FUNCTION_WORDS,
  identifyLanguage,
  LOANWORDS,
  latinWords,
} from '../../src/analyze/text/00-language.js';

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

describe('latin words (one pass)', () => {
  /** The definitions the one pass replaces: the two expressions' words, looked up one by one. */
  function reference(lower: string): { arabizi: number | null; english: boolean } {
    const words = lower.match(/[a-z0-9']+/g) ?? [];
    let hits = 0;
    let distinctive = 0;
    for (const w of words) {
      if (!ARABIZI_WORDS.has(w)) continue;
      hits++;
      if (!LOANWORDS.has(w)) distinctive++;
    }
    const share = words.length === 0 ? 0 : hits / words.length;
    const latin = lower.match(/[a-z]+/g) ?? [];
    const english = latin.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length;
    return {
      arabizi: words.length > 0 && hits >= 2 && distinctive >= 1 && share >= 0.25 ? share : null,
      english: english >= 3 && english * 4 >= latin.length,
    };
  }

  it('reads Arabizi and English function words as the expressions did, ASCII capitals as small letters', () => {
    const pool = [
      'the',
      'and',
      'you',
      'ya3ni',
      '3ala',
      'yalla',
      'habibi',
      'el',
      "don't",
      'k1ll',
      '7abibi',
      'x',
      '',
      ' ',
      "'",
      '2',
      'é',
      'ß',
      'THE',
      'Ya3ni',
      'they',
      'theyre',
      'the7',
      '\u212a',
      'İ',
      'ana',
    ];
    let seed = 11;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let n = 0; n < 3000; n++) {
      const parts = Array.from(
        { length: Math.floor(next() * 14) },
        () => pool[Math.floor(next() * pool.length)],
      );
      const text = parts.join(next() < 0.7 ? ' ' : next() < 0.5 ? '' : ', ');
      const ascii = !/[^\x00-\x7f]/.test(text);
      // As identification reads it: an ASCII text as it is, any other lower-cased first.
      expect(latinWords(ascii ? text : text.toLowerCase()), text).toEqual(reference(text.toLowerCase()));
    }
  });
});
