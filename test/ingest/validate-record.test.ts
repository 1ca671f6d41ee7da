import { describe, expect, it } from 'vitest';
import { parseTime } from '../../src/ingest/validate-record.js';

describe('parseTime', () => {
  it('reads every date as Date.parse does, the form toISOString writes and damaged ones alike', () => {
    const same = (s: string) => expect([s, parseTime(s)]).toEqual([s, Date.parse(s)]);
    for (let t = 0; t < 7_300 * 86_400_000; t += 86_400_000 * 3 + 3_723_456) same(new Date(t).toISOString());
    for (const s of [
      '2023-11-14T22:13:27.000Z',
      '2023-02-30T12:00:00.000Z',
      '2023-13-01T00:00:00.000Z',
      '2023-01-00T00:00:00.000Z',
      '2023-01-01T24:00:00.000Z',
      '2023-01-01T23:60:00.000Z',
      '2023-01-01T23:59:60.000Z',
      '2023-01-01T23:59:59.99xZ',
      '2023-01-01T23:59:59.000+',
      '2023-0a-01T00:00:00.000Z',
      '2023-01-01 00:00:00.000Z',
      '2023-01-01T00:00:00Z',
      '+002023-01-01T00:00:00.000Z',
      'not a date at all, 24 ch',
    ])
      same(s);
    // Alternating days: the remembered day is replaced each time.
    for (const s of ['2023-01-01T00:00:01.000Z', '2023-01-0xT00:00:01.000Z', '2023-01-01T00:00:02.000Z'])
      same(s);
  });
});
