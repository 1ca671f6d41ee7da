import { describe, expect, it } from 'vitest';
import { englishRuleHits } from '../helpers/english-rules.js';

const callsOrThreatens = (text: string) =>
  englishRuleHits(text).some((h) => h.label === 'incitement' || h.label === 'threat');

describe('violent words spent on lawful means or ends', () => {
  it('are a figure or an arrest, not a call or a threat', () => {
    for (const text of [
      'We must hunt down every one of these recruiters and lock them up for a very long time.',
      'We will crush them at the ballot box in May, and we will do it peacefully.',
    ])
      expect(callsOrThreatens(text), text).toBe(false);
  });

  it('are still a call or a threat when the words kill, or without the lawful means', () => {
    for (const text of [
      'Kill them all and let them rot in prison.',
      'We will crush them in May.',
      'we will hunt you down tonight',
    ])
      expect(callsOrThreatens(text), text).toBe(true);
  });
});
