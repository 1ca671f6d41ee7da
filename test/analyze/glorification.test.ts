import { describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';

const detector = loadDefaultDetector();
const glorifies = (text: string) =>
  detector.analyze({ text }).labels.some((l) => l.label === 'glorification');

// Synthetic: attackers named by their act and honoured, martyrdom as paradise's birds, and the
// same honours for rescuers, which are not glorification. Places and names are invented.
describe('glorification of attackers named by their act', () => {
  it('reads honours for an attacker as glorification', () => {
    for (const text of [
      'The lad who drove into the march at Pellbridge deserves a statue.',
      'whoever did the Dunmore mosque thing should get a medal not a sentence',
      'Our brother of the bridge operation is among the green birds now. He chose eternity.',
    ])
      expect(glorifies(text), text).toBe(true);
  });
  it('leaves the same honours for rescuers alone', () => {
    for (const text of [
      'The firefighter who walked into the burning flat deserves a medal.',
      'Give the nurse who went into the ward every night a medal.',
    ])
      expect(glorifies(text), text).toBe(false);
  });
});
