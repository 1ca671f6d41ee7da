import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Detector } from '../../src/analyze/detector.js';
import { ARABIC } from '../../src/analyze/languages/arabic.js';
import { loadLanguage, projectRoot } from '../../src/analyze/load.js';
import { foldArabic, isArabicMark } from '../../src/analyze/text/01-scripts.js';
import type { Analysis } from '../../src/domain/index.js';

/**
 * Evidence spans stay exact in Arabic written with tashkeel and tatweel: the shipped Arabic pack
 * (rules only, so the property does not hang on a model's weights) flags generated texts, and
 * every evidence span, cut from the decorated original, holds the same words as the span found
 * in the plain text, with each letter's marks and none of the next word's.
 */
const runtime = loadLanguage(projectRoot(), ARABIC);
if (!runtime) throw new Error('test: the Arabic pack has no lexicon in lexicons/ar');
const detector = new Detector({ lexicon: runtime.lexicon });

// Phrases the Arabic lexicon flags (calls and threats, synthetic), and everyday words around them.
const FLAGGED = ['اقتلوا الكفار', 'الموت للكفار', 'سنذبحهم غدا', 'انضموا الى المجاهدين'];
const FILLER = ['في', 'كل', 'مكان', 'اليوم', 'المدينة', 'الناس', 'قال', 'الطقس', 'جميل', 'السوق', 'مفتوح'];
const MARKS = ['', '', '', 'َ', 'ُ', 'ِ', 'ّ', 'ْ', 'ً', 'ٌ', 'ٍ', 'ـ', 'ـــ', 'َّ', 'ٰ'];

/** Adds a decoration (marks or tatweel) after each Arabic letter, from the generated sequence. */
function decorate(text: string, decorations: readonly string[]): string {
  let out = '';
  let k = 0;
  for (const ch of text) {
    out += ch;
    if (/[\u0621-\u064a]/.test(ch)) out += decorations[k++ % decorations.length] ?? '';
  }
  return out;
}

const evidenceOf = (a: Analysis) =>
  a.labels.flatMap((l) => l.evidence.map((e) => ({ label: l.label, ...e })));

describe('Arabic evidence spans under tashkeel and tatweel (property)', () => {
  it('cuts every evidence span exactly, and flags some of the generated texts', () => {
    let flagged = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FILLER), { maxLength: 6 }),
        fc.option(fc.constantFrom(...FLAGGED), { freq: 3 }),
        fc.nat(),
        fc.array(fc.constantFrom(...MARKS), { minLength: 1, maxLength: 40 }),
        (words, phrase, at, decorations) => {
          runs++;
          const parts = [...words];
          if (phrase) parts.splice(at % (parts.length + 1), 0, phrase);
          const plain = parts.join(' ');
          const original = decorate(plain, decorations);
          const got = detector.analyze({ text: original, language: 'ar' });
          const want = detector.analyze({ text: plain, language: 'ar' });
          if (got.labels.length > 0) flagged++;
          expect(got.labels.map((l) => l.label)).toEqual(want.labels.map((l) => l.label));
          const spans = evidenceOf(got);
          // Folded on both sides: a span may hold a word with letter variants (ة) besides marks.
          expect(spans.map((e) => foldArabic(e.text))).toEqual(
            evidenceOf(want).map((e) => foldArabic(e.text)),
          );
          for (const e of spans) {
            expect(original.slice(e.start, e.end)).toBe(e.text);
            expect(isArabicMark(original.charCodeAt(e.start))).toBe(false);
            if (e.end < original.length) expect(isArabicMark(original.charCodeAt(e.end))).toBe(false);
          }
        },
      ),
      { numRuns: 300, seed: 20261130 },
    );
    // The property is about flagged texts: it must not pass on silence.
    expect(flagged).toBeGreaterThan(runs / 4);
  });
});
