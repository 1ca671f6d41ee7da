import { describe, expect, it } from 'vitest';
import { squeeze, stem, tokenize, WORD, wordEnd, wordKey } from '../../src/analyze/text/02-tokens.js';

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

describe('the word scan', () => {
  /** Every token of `text` as [start, end]: by the expression, and by `wordEnd`. */
  const byExpression = (text: string) =>
    [...text.matchAll(new RegExp(WORD))].map((m) => [m.index, m.index + m[0].length]);
  const byScan = (text: string) => {
    const out: number[][] = [];
    for (let i = 0; i < text.length; ) {
      const end = wordEnd(text, i);
      if (end < 0) i++;
      else {
        out.push([i, end]);
        i = end;
      }
    }
    return out;
  };

  it('reads every BMP character as the expression does, alone and between letters and apostrophes', () => {
    for (let u = 0; u <= 0xffff; u++) {
      const c = String.fromCharCode(u);
      for (const text of [c, `a${c}`, `${c}b`, `a'${c}`, `1${c}'b`]) {
        const got = byScan(text);
        const want = byExpression(text);
        if (got.length !== want.length || got.some((g, k) => g[0] !== want[k]?.[0] || g[1] !== want[k]?.[1]))
          expect(got, `U+${u.toString(16)} in ${JSON.stringify(text)}`).toEqual(want);
      }
    }
  });

  it('reads astral characters, lone surrogates and apostrophes as the expression does', () => {
    // A letter, a number, a symbol (an emoji), an astral letter and number, apostrophes, a lone
    // surrogate of each kind, ? and !, in every sequence of up to five.
    const alphabet = ['a', '1', '🔥', '𐌰', '𝟙', "'", '’', '\ud800', '\udc00', '?', ' '];
    const walk = (s: string, depth: number) => {
      expect(byScan(s), JSON.stringify(s)).toEqual(byExpression(s));
      if (depth === 5) return;
      for (const c of alphabet) walk(s + c, depth + 1);
    };
    walk('', 0);
  });
});
