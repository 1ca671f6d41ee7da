import { describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';

const detector = loadDefaultDetector();
const labelsOf = (text: string) => detector.analyze({ text, language: 'ar' }).labels.map((l) => l.label);

// Synthetic calls in the relative-conditional form ("whoever meets them, let him …"), in MSA, the
// dialects and Arabizi, and the same form without violence, which calls on nobody.
describe('Arabic calls on whoever meets the victims', () => {
  it.each([
    'اللي يصادف واحد منهم في السوق يحرقه',
    'كل من يجد واحدا منهم يقتله',
    'أي حد يشوف واحد منهم يضربه',
    'elli ychouf wa7ed menhom f souq yedrbo',
  ])('reads a call to violence: %s', (text) => {
    expect(labelsOf(text)).toContain('incitement');
  });

  it.each(['اللي يشوف الفيلم بكرة يقولي رأيه', 'اللي عنده سؤال يسأل', 'كل من يجد محفظة يسلمها للشرطة'])(
    'leaves alone the same form without violence: %s',
    (text) => {
      expect(labelsOf(text)).toEqual([]);
    },
  );
});
