import { describe, expect, it } from 'vitest';
import { findReportedSpeech } from '../../src/analyze/text/04-voice.js';

const clauses = (text: string, news = false) => findReportedSpeech(text, [], news).map((v) => v.text);

describe('reported speech, whatever its verb', () => {
  it('finds the clause after each kind of reporting verb, in any letter case', () => {
    expect(clauses('The channel URGED followers to attack the depot at dawn.')).toEqual([
      'followers to attack the depot at dawn',
    ]);
    expect(clauses('Admins were calling on readers to gather outside the hall.')).toEqual([
      'readers to gather outside the hall',
    ]);
    expect(clauses('One account labelled the victims vermin and worse.')).toEqual([
      'the victims vermin and worse',
    ]);
    expect(clauses('The preacher refers to the attackers as lions of the faith.')).toEqual([
      'the attackers as lions of the faith',
    ]);
    expect(clauses('Posts saying the town deserved the fire spread overnight.')).toEqual([
      'the town deserved the fire spread overnight',
    ]);
    expect(clauses('Extremists were dehumanizing the refugees in every post.')).toEqual([
      'the refugees in every post',
    ]);
  });

  it('reads people described by what they did to the author as described, not quoted, outside news', () => {
    expect(clauses('Everyone who mocked me at the depot pays for it on Monday.')).toEqual([]);
    expect(clauses('whoever threatens us again will regret it')).toEqual([]);
    // In news the same words report what people did.
    expect(clauses('Everyone who mocked the victims online was identified by police.', true)).toEqual([
      'the victims online was identified by police',
    ]);
  });

  it('finds nothing in a text with no reporting verb', () => {
    expect(clauses('Burn the depot tonight, nobody will stop us.', true)).toEqual([]);
    expect(clauses('')).toEqual([]);
  });
});
