import { describe, expect, it } from 'vitest';
import { Detector, type LanguageRuntime } from '../../src/analyze/detector.js';
import { ARABIC } from '../../src/analyze/languages/arabic.js';
import { loadLanguage, projectRoot } from '../../src/analyze/load.js';
import { englishLexicon } from '../../src/analyze/model/english-detector.js';

describe('languages other than the main one', () => {
  it('are loaded the first time a text in them arrives, and once', () => {
    let loads = 0;
    const detector = new Detector({
      lexicon: englishLexicon(projectRoot(), undefined),
      languages: [
        {
          pack: ARABIC,
          load: () => {
            loads++;
            return loadLanguage(projectRoot(), ARABIC) as LanguageRuntime;
          },
        },
      ],
    });
    expect(detector.languages).toEqual(['en', 'ar']);
    const english = detector.analyze({ text: 'We will meet at the library on Friday.' });
    expect(english.language?.code).toBe('en');
    expect(loads).toBe(0);
    // Identifying a language needs no load: it is supported before it is loaded.
    expect(detector.language('اقتلوا الكفار في كل مكان').supported).toBe(true);
    expect(loads).toBe(0);
    const arabic = detector.analyze({ text: 'اقتلوا الكفار في كل مكان' });
    expect(arabic.language).toMatchObject({ code: 'ar', supported: true });
    expect(arabic.labels.length).toBeGreaterThan(0);
    detector.analyze({ text: 'الموت للكفار' });
    expect(loads).toBe(1);
  });
});
