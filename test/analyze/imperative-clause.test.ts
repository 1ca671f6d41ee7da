import { describe, expect, it } from 'vitest';
import { englishRuleHits } from '../helpers/english-rules.js';

const imperative = (text: string) => englishRuleHits(text).some((h) => h.rule === 'incitement.imperative');

describe('an imperative aimed at people', () => {
  it('does not take its target from a clause after "but", which may say the opposite', () => {
    for (const text of [
      'Protest, vote, organise, strike, but nobody lays a finger on a cop.',
      'Go and fight it in court, but leave the migrants alone.',
    ])
      expect(imperative(text), text).toBe(false);
  });

  it('still reads a target in its own clause, before or after the verb', () => {
    for (const text of [
      'Strike the cops tonight, brothers.',
      'Muslims out, burn the mosque and kill the muslims.',
    ])
      expect(imperative(text), text).toBe(true);
  });
});

describe("the author's intent", () => {
  it('is not read when negated after the intent ("we will not be intimidated")', () => {
    const threatens = (text: string) => englishRuleHits(text).some((h) => h.rule === 'threat.first_person');
    expect(threatens('We will not be intimidated by those who celebrate the murder of soldiers.')).toBe(
      false,
    );
    expect(threatens('We will kill the soldiers.')).toBe(true);
  });
});
