import { describe, expect, it } from 'vitest';
import { allPages } from '../../src/pipeline/pages.js';

describe('allPages', () => {
  it('reads every row of a paged query, whatever its size, instead of cutting at one page', async () => {
    for (const total of [0, 999, 1_000, 2_500]) {
      const rows = Array.from({ length: total }, (_, i) => i);
      const calls: number[] = [];
      const all = await allPages(async (limit, offset) => {
        calls.push(offset);
        return rows.slice(offset, offset + limit);
      }, 1_000);
      expect(all).toEqual(rows);
      expect(calls).toEqual(Array.from({ length: Math.floor(total / 1_000) + 1 }, (_, i) => i * 1_000));
    }
  });
});
