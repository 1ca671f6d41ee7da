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

// The Arabic praise of an attacker as Arabizi writes it ("may God give you health", "may God accept
// him"), beside an attack; the same prayer for a grandfather is no glorification.
describe('Arabizi praise of an attack', () => {
  it('reads praise written in Latin letters beside an attack', () => {
    expect(labelsOf('ya3tikom sa7a ya rjel 3la el 3amaliya')).toContain('glorification');
  });
  it('leaves alone the same prayer said of a grandfather', () => {
    expect(labelsOf('rabbi yer7mo jeddi, kan rajel bmeet rajel')).toEqual([]);
  });
});
