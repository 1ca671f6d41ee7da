import { describe, expect, it } from 'vitest';
import { ARABIC } from '../../src/analyze/languages/arabic.js';
import { FRENCH } from '../../src/analyze/languages/french.js';
import { GERMAN } from '../../src/analyze/languages/german.js';
import { SPANISH } from '../../src/analyze/languages/spanish.js';
import { originalSpan } from '../../src/analyze/text/01-normalize.js';
import { foldArabic } from '../../src/analyze/text/01-scripts.js';

/** The original text behind a word of the normalised text. */
function originalOf(pack: typeof ARABIC, text: string, word: string): string {
  const n = pack.normalise(text);
  const at = n.text.indexOf(word);
  expect(at, `"${word}" in "${n.text}"`).toBeGreaterThanOrEqual(0);
  const span = originalSpan(n, at, at + word.length);
  return text.slice(span.start, span.end);
}

describe('per-script normalisation', () => {
  it('drops Arabic tashkeel and tatweel and keeps each mark with its letter', () => {
    const text = 'قالَ: اقْتُلُوا الكُفَّارَ ثمّ كتـــب';
    expect(ARABIC.normalise(text).text).toBe('قال: اقتلوا الكفار ثم كتب');
    expect(originalOf(ARABIC, text, 'الكفار')).toBe('الكُفَّارَ');
    expect(originalOf(ARABIC, text, 'كتب')).toBe('كتـــب');
  });

  it('folds alef, hamza, ya and ta marbuta variants, Persian letters and Arabic-Indic and Persian digits', () => {
    expect(ARABIC.normalise('أحمد إلى آمن ٱلله مدرسة على').text).toBe('احمد الي امن الله مدرسه علي');
    expect(ARABIC.normalise('کتاب یوم').text).toBe('كتاب يوم');
    expect(ARABIC.normalise('٢٠٢٦ ۱۹').text).toBe('2026 19');
    expect(ARABIC.normalise('لماذا؟ نعم، لا').text).toBe('لماذا? نعم, لا');
    expect(foldArabic('مَدْرَسَةٌ')).toBe('مدرسه');
  });

  it('folds Latin accents, and writes German umlauts and ß as ae, oe, ue and ss', () => {
    expect(FRENCH.normalise('Élimination des traîtres, à Noël').text).toBe(
      'elimination des traitres, a noel',
    );
    expect(SPANISH.normalise('Matad a los pingüinos, mañana').text).toBe('matad a los pinguinos, manana');
    expect(GERMAN.normalise('Tötet alle Ausländer, Straße').text).toBe('toetet alle auslaender, strasse');
    expect(GERMAN.normalise('Toetet alle Auslaender').text).toBe('toetet alle auslaender');
    expect(originalOf(GERMAN, 'Die Ausländer gehen', 'auslaender')).toBe('Ausländer');
    expect(originalOf(GERMAN, 'Die Straße', 'strasse')).toBe('Straße');
  });

  it('undoes look-alikes mixed in from other scripts', () => {
    // Cyrillic а and е inside a French word; Persian ک inside an Arabic one.
    expect(FRENCH.normalise('tuеz lеs trаîtres').text).toBe('tuez les traitres');
    expect(ARABIC.normalise('الکفار').text).toBe('الكفار');
  });

  it('matches lexicon phrases however the text writes diacritics, accents or umlauts', () => {
    const key = (pack: typeof ARABIC, w: string) =>
      pack.tokeniser.tokenize(pack.normalise(w).text).tokens[0]?.key;
    expect(key(ARABIC, 'الكُفَّارِ')).toBe(key(ARABIC, 'الكفار'));
    expect(key(GERMAN, 'Ausländer')).toBe(key(GERMAN, 'Auslaender'));
    expect(key(FRENCH, "l'élimination")).toBe(key(FRENCH, 'elimination'));
  });
});
