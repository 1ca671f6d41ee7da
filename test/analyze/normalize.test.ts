import { describe, expect, it } from 'vitest';
import { maySpaceLetters, normalizeText, originalSpan } from '../../src/analyze/text/01-normalize.js';

describe('normalisation, call after call', () => {
  it('gives each text its own offsets, whatever was normalised before it', () => {
    const long = `${'🔥 the 🕌 '.repeat(400)}end`;
    const first = normalizeText('B u r n it');
    const big = normalizeText(long);
    const again = normalizeText('B u r n it');
    expect(again).toEqual(first);
    expect(first.text).toBe('burn it');
    expect([...first.starts]).toEqual([0, 2, 4, 6, 7, 8, 9]);
    // Emoji read as words make the text longer than the original, past any first buffer.
    expect(big.text.length).toBeGreaterThan(long.length);
    expect(big.starts.length).toBe(big.text.length);
    const at = big.text.lastIndexOf('mosque');
    const span = originalSpan(big, at, at + 'mosque'.length);
    expect(long.slice(span.start, span.end)).toBe('🕌');
  });

  it('keeps lone surrogates as they are', () => {
    const text = normalizeText('a\ud800b \udc00c');
    expect(text.text).toBe('a\ud800b \udc00c');
    expect([...text.ends]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('undoes look-alikes and leetspeak only inside Latin words', () => {
    expect(normalizeText('k1ll thе r4ts, Собрание 3d').text).toBe('kill the rats, собрание 3d');
  });

  it('keeps dates and clock times, which are numbers with an ending, not leetspeak', () => {
    expect(normalizeText('on the 30th at 10am, 13th or 2PM; h4te l33t').text).toBe(
      'on the 30th at 10am, 13th or 2pm; hate leet',
    );
  });
});

describe('spaced-out letters', () => {
  const SPACED = /(?<![\p{L}\p{N}])(?:\p{L}[ .\-_*·]){2,}\p{L}(?![\p{L}\p{N}])/u;
  const codes = (s: string) => {
    const u = new Uint16Array(s.length);
    for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
    return u;
  };

  it('are joined in every script, and other text is left alone', () => {
    expect(normalizeText('k i l l them').text).toBe('kill them');
    expect(normalizeText('b.u.r.n it').text).toBe('burn it');
    expect(normalizeText('ق ت ل').text).toBe('قتل');
    expect(normalizeText('is a good day, plan b e').text).toBe('is a good day, plan b e');
    expect(normalizeText('x2 a b c').text).toBe('x2 abc');
  });

  it('are never ruled out by the quick check where the expression finds them', () => {
    // Every string of up to six characters over letters, joiners, a digit, an astral letter and a
    // lone surrogate.
    const alphabet = ['a', 'é', 'ق', '𝒜', ' ', '·', '1', '\ud800'];
    const walk = (s: string, depth: number) => {
      if (SPACED.test(s)) expect(maySpaceLetters(codes(s), s.length), JSON.stringify(s)).toBe(true);
      if (depth === 6) return;
      for (const c of alphabet) walk(s + c, depth + 1);
    };
    walk('', 0);
  });
});
