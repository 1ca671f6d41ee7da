import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/shared/bounded-memo.js';

describe('BoundedMemo', () => {
  it('gives back what it remembered, and forgets everything at once when full', () => {
    const memo = new BoundedMemo<string, number>(2);
    expect(memo.lookup('a')).toBeUndefined();
    expect(memo.remember('a', 1)).toBe(1);
    memo.remember('b', 2);
    expect([memo.lookup('a'), memo.lookup('b')]).toEqual([1, 2]);
    memo.remember('c', 3); // full: starts again with only c
    expect([memo.lookup('a'), memo.lookup('b'), memo.lookup('c')]).toEqual([undefined, undefined, 3]);
  });

  it('keeps a remembered null apart from an unknown key', () => {
    const memo = new BoundedMemo<string, string | null>(4);
    memo.remember('none', null);
    expect(memo.lookup('none')).toBeNull();
    expect(memo.lookup('other')).toBeUndefined();
  });
});
