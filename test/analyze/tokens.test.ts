import { describe, expect, it } from 'vitest';
import { squeeze, stem, tokenize, wordKey } from '../../src/analyze/text/02-tokens.js';

describe('word keys', () => {
  it('squeezes repeated letters, astral ones included, and leaves other words as they are', () => {
    expect(squeeze('kiiilllling')).toBe('kiling');
    expect(squeeze('attack')).toBe('atack');
    expect(squeeze('mosque')).toBe('mosque');
    expect(squeeze('🔥🔥🔥x')).toBe('🔥x');
    expect(squeeze('🔥x🔥')).toBe('🔥x🔥');
    expect(squeeze('')).toBe('');
  });

  it('drops a possessive and a common ending', () => {
    expect(stem("attacker's")).toBe('attack');
    expect(stem('attacker’s')).toBe('attack');
    expect(stem('cities')).toBe('city');
    expect(stem("it's")).toBe('it');
    expect(stem('bus')).toBe('bus');
  });

  it('gives the forms of a word one key', () => {
    expect(new Set(['kill', 'killing', 'kiiilling', 'kills', 'KILLS'.toLowerCase()].map(wordKey))).toEqual(
      new Set(['kil']),
    );
    expect(wordKey('strikes')).toBe(wordKey('strike'));
  });

  it('splits sentences and keeps ? and ! as tokens', () => {
    const { tokens, sentences } = tokenize("who's next? we strike tonight!");
    expect(tokens.map((t) => t.text)).toEqual(["who's", 'next', '?', 'we', 'strike', 'tonight', '!']);
    expect(sentences.map((s) => [s.first, s.last, s.question])).toEqual([
      [0, 3, true],
      [3, 7, false],
    ]);
  });
});
