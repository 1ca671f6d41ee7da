import { describe, expect, it } from 'vitest';
import { englishRuleHits } from '../helpers/english-rules.js';

const contempt = (text: string) => englishRuleHits(text).some((h) => h.rule === 'identity_attack.contempt');

describe('contempt for a protected group', () => {
  it('reads the author feeling it towards the group', () => {
    for (const text of ['I hate refugees', "I really can't stand immigrants", "we're sick of all the jews"])
      expect(contempt(text), text).toBe(true);
  });

  it('reads a vile quality said of the group, or what the group does to the author', () => {
    for (const text of [
      'Immigrants are nothing but a burden',
      'hindus are disgusting',
      'gay people make me sick',
    ])
      expect(contempt(text), text).toBe(true);
  });

  it('reads no contempt for others than a protected group, nor denied, asked, reported or aimed past the group', () => {
    for (const text of [
      'I hate mondays',
      'Politicians are disgusting',
      'Muslims are not disgusting',
      'Are immigrants really a burden?',
      'I hate the way refugees are treated here',
      'people who help refugees are a disgrace',
      "It's disgusting how immigrants get treated",
      'Muslims are disgusted by the attack',
      'he said that immigrants are a burden',
    ])
      expect(contempt(text), text).toBe(false);
  });
});
