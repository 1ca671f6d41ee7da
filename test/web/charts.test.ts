import { describe, expect, it } from 'vitest';
import { countTicks, linearScale, monthDay } from '../../src/web/charts/scale.js';
import { stackCounts } from '../../src/web/charts/stacked.js';

describe('chart scales', () => {
  it('maps a domain linearly onto pixels, upside down for a y axis', () => {
    const y = linearScale([0, 10], [150, 10]);
    expect(y(0)).toBe(150);
    expect(y(10)).toBe(10);
    expect(y(5)).toBe(80);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(0);
  });

  it('ticks counts in whole steps of 1, 2 or 5 from zero to at least the largest value', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(10)).toEqual([0, 5, 10]);
    expect(countTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(countTicks(180)).toEqual([0, 50, 100, 150, 200]);
    for (const max of [1, 2, 9, 13, 99, 101, 4321]) {
      const ticks = countTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });

  it('writes an ISO day as month-day and leaves an unknown day whole', () => {
    expect(monthDay('2026-03-14')).toBe('03-14');
    expect(monthDay('unknown')).toBe('unknown');
  });
});

describe('stacked counts', () => {
  it('orders days, puts named series first with the colour of their place in the order, fills gaps with zero and totals each day', () => {
    const stacked = stackCounts(
      {
        '2026-03-15': { threat: 1, zeal: 2 },
        '2026-03-14': { incitement: 3, alpha: 1 },
      },
      ['incitement', 'glorification', 'threat'],
    );
    expect(stacked.categories).toEqual(['2026-03-14', '2026-03-15']);
    expect(stacked.series).toEqual([
      { key: 'incitement', values: [3, 0], colour: 0 },
      { key: 'threat', values: [0, 1], colour: 2 },
      { key: 'alpha', values: [1, 0], colour: 3 },
      { key: 'zeal', values: [0, 2], colour: 4 },
    ]);
    expect(stacked.totals).toEqual([4, 3]);
  });

  it('is empty for no data', () => {
    expect(stackCounts({})).toEqual({ categories: [], series: [], totals: [] });
  });
});
