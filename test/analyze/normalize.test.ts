import { describe, expect, it } from 'vitest';
import { normalizeText, originalSpan } from '../../src/analyze/text/01-normalize.js';

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
});
