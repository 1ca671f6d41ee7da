import { describe, expect, it } from 'vitest';
import { parseStored } from '../../src/store/postgres/postgres-item-store.js';

describe("PostgreSQL lookup's answer", () => {
  it('gives each row its stored item, whether it holds the same content, and nothing for the rest', () => {
    expect(parseStored('0:17,2:9000000001*', 4)).toEqual([
      { id: 17, sameContent: true },
      undefined,
      { id: 9_000_000_001, sameContent: false },
      undefined,
    ]);
  });

  it('gives no row a stored item when nothing was found', () => {
    expect(parseStored(null, 2)).toEqual([undefined, undefined]);
  });

  it('refuses an answer naming a row that is not there', () => {
    expect(() => parseStored('2:5', 2)).toThrow(/unreadable/);
    expect(() => parseStored('x:5', 2)).toThrow(/unreadable/);
  });
});
