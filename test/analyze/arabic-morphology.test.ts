import { describe, expect, it } from 'vitest';
import { ARABIC } from '../../src/analyze/languages/arabic.js';
import { arabicKey, NOT_IMPERATIVE } from '../../src/analyze/languages/arabic-morphology.js';
import { originalSpan } from '../../src/analyze/text/01-normalize.js';

const keyOf = (word: string) => arabicKey(ARABIC.normalise(word).text);
const wordsOf = (text: string) => ARABIC.tokeniser.tokenize(ARABIC.normalise(text).text).tokens;

describe('Arabic word keys', () => {
  it('keys every conjugation of a verb of violence by its root, across dialects and spellings', () => {
    const kill = keyOf('اقتلوا');
    for (const form of ['يقتلوا', 'نقتلهم', 'ينقتل', 'يتقتل', 'فاقتلوهم', 'قتل', 'بيقتل', 'نقتلو'])
      expect(keyOf(form), form).toBe(kill);
    // Egyptian and Levantine write ذ as د.
    expect(keyOf('هيتدبحو')).toBe(keyOf('اذبحوا'));
    expect(keyOf('ولعوا')).toBe(keyOf('يولع'));
  });

  it('keeps "we will" and the speaker as object apart: a threat and an idiom are not a call', () => {
    const willKill = keyOf('سنقتل');
    for (const form of ['هنقتلكم', 'منقتلك', 'حنقتل', 'سأقتلك', 'لأقتلك'])
      expect(keyOf(form), form).toBe(willKill);
    expect(willKill).not.toBe(keyOf('اقتلوا'));
    expect(keyOf('قتلتني')).toBe(keyOf('يقتلني'));
    expect(keyOf('يقتلنا')).toBe(keyOf('قتلتني'));
    expect(keyOf('قتلتني')).not.toBe(keyOf('اقتلوا'));
  });

  it('reads the article before a ل as the article, not as one drawn-out letter', () => {
    // "to the wolves" meets "the wolves"; "the Libyans" is not the Gulf verb "wants" (يبي).
    expect(keyOf('للذئاب')).toBe(keyOf('الذئاب'));
    expect(keyOf('للمدرسة')).toBe(keyOf('المدرسة'));
    expect(keyOf('والليل')).toBe(keyOf('ليل'));
    expect(keyOf('الليبيين')).not.toBe(keyOf('يبي'));
    // Too short to lose the article: God and the dialects' relative pronoun stay whole.
    expect(keyOf('الله')).not.toBe(keyOf('له'));
    expect(keyOf('اللي')).not.toBe(keyOf('لي'));
  });

  it('leaves the everyday nouns of a few roots alone: dawn is not a bombing, the dead are not a verb', () => {
    expect(keyOf('الفجر')).not.toBe(keyOf('فجروا'));
    expect(keyOf('القتلى')).not.toBe(keyOf('اقتلوا'));
    expect(keyOf('مقتل')).not.toBe(keyOf('اقتلوا'));
  });

  it('keeps the ي of a plural relative adjective, so it meets its singular and no other word', () => {
    expect(keyOf('السوريين')).toBe(keyOf('سوري'));
    expect(keyOf('المثليين')).toBe(keyOf('مثلي'));
    expect(keyOf('المثليين')).not.toBe(keyOf('مثل'));
  });

  it('strips an object pronoun and the plural ending before it from other verbs', () => {
    expect(keyOf('فاستهدفوهم')).toBe(keyOf('استهدفوا'));
  });

  it('reads the bare root and the present as not imperative, the imperative as one', () => {
    for (const w of ['حرق', 'الحرق', 'يقتلون', 'تحرق']) expect(NOT_IMPERATIVE.test(w), w).toBe(true);
    for (const w of ['اقتلوا', 'احرقوهم']) expect(NOT_IMPERATIVE.test(w), w).toBe(false);
    // The past with endings no imperative takes: "she destroyed", "you killed", "we burned".
    for (const w of ['ودمرت', 'قتلتم', 'حرقنا', 'ذبحتهم']) expect(NOT_IMPERATIVE.test(w), w).toBe(true);
    // The plural past of the doubled forms is spelt as their imperative ("ولّعوا"): left open.
    expect(NOT_IMPERATIVE.test('ولعوا')).toBe(false);
  });
});

describe('Arabic words split to escape filters', () => {
  it('joins drawn-out, dotted and spaced-out letters, with spans on the original characters', () => {
    const original = 'ا.ق.ت.ـلـوا الـ ص ل ي ب ي ي ن';
    const norm = ARABIC.normalise(original);
    const tokens = wordsOf(original);
    expect(tokens.map((t) => t.text)).toEqual(['اقتلوا', 'الصليبيين']);
    const last = tokens[1];
    if (!last) throw new Error('no second word');
    const span = originalSpan(norm, last.start, last.end);
    expect(original.slice(span.start, span.end)).toBe('الـ ص ل ي ب ي ي ن');
  });

  it('keeps a conjunction written apart and ordinary short words as they are', () => {
    expect(wordsOf('و الله ما في حد').map((t) => t.text)).toEqual(['و', 'الله', 'ما', 'في', 'حد']);
  });

  it('reads an Arabizi digit inside an Arabic word as its letter, not a number beside digits', () => {
    expect(wordsOf('الذبـ.ـ7 قادم')[0]?.text).toBe('الذبح');
    expect(wordsOf('سنة 2020م')[1]?.text).toBe('2020م');
  });
});

describe('Arabizi', () => {
  it('keys a word by its consonant skeleton, so the spellings of one verb meet', () => {
    const kill = keyOf('e9tlo');
    for (const form of ['2eteloo', 'o2tolo', 'uqtuluhum', 'i2tilo']) expect(keyOf(form), form).toBe(kill);
    expect(keyOf('yet7ar9o')).toBe(keyOf('i7r2o'));
    expect(keyOf('n7arkou')).toBe(keyOf('i7r2o'));
    // Digits the shared step reads as leetspeak are letters again in an Arabic text.
    expect(wordsOf('wa7ed men 3ayeltna').map((t) => t.text)).toEqual(['wa7ed', 'men', '3ayeltna']);
  });
});
