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
    // A word with a digit for a letter (after a letter, or opening before a vowel), and no leet digit.
    const byForm = (w: string) => !/[0148]/.test(w) && /[a-z][235679]|^[235679][aeiou]/.test(w);
    for (const w of words) {
      if (!ARABIZI_WORDS.has(w)) {
        if (byForm(w)) hits++;
        continue;
      }
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
      'sh3a',
      '3omla',
      '3rd',
      'k1ll3',
      "l'3",
      'elli',
      'men',
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

describe('Arabizi by its word forms', () => {
  // Synthetic posts in the dialects' Arabizi, whose only table words are the dialects' closed
  // classes ("elli", "mech", "kolchi", "m3a"); the other words are Arabizi by their digits.
  const ARABIZI = [
    'el wlad elli f l7ouma mech fahmin walou',
    'kolchi 3aref chno khasso ydir ghadi',
    'ana m3a s7abi f d9i9a, kel wa7ed ygoul 7aja',
    'baddi ro7 3al souq, ktir ba3id hal mara',
  ];
  // English with digits for letters or numbers, and an English word the table shares.
  const ENGLISH = [
    'meet me at 5pm on the 3rd floor, bring the mp3 player',
    'the men of law will c u 2day at 9am',
    'h3ll0 fr13nds, w3lc0m3 t0 th3 sh0w',
  ];
  it('takes dialect Arabizi for Arabic', () => {
    for (const text of ARABIZI) expect(identifyLanguage(text).code, text).toBe('ar');
  });
  it('does not take English for Arabizi by its digits or shared words', () => {
    for (const text of ENGLISH) expect(identifyLanguage(text).code, text).toBe('en');
  });
  it('counts a digit written for a letter, not a leetspeak or number digit', () => {
    expect(latinWords('sh3a 3omla w ma7al').arabizi).toBeNull(); // form words and a shared word only
    expect(latinWords('elli sh3a 3omla').arabizi).toBe(1);
    expect(latinWords('elli 3rd 5pm k1ll3').arabizi).toBeNull();
  });
});
