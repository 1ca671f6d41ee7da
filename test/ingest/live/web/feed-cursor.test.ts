import { describe, expect, it } from 'vitest';
import { REMEMBERED, RecentSet, readFeedCursor } from '../../../../src/ingest/live/web/feed-cursor.js';

describe('a feed source’s cursor', () => {
  it('starts fresh from anything missing or of the wrong type', () => {
    expect(readFeedCursor({ etag: 7, lastModified: '', seen: 'x', hashes: [1, 'h'] })).toEqual({
      etag: null,
      lastModified: null,
      seen: [],
      hashes: ['h'],
    });
  });
  it('remembers a bounded number of the most recent keys', () => {
    const set = new RecentSet(['a', 'b']);
    set.add('a');
    expect(set.toArray()).toEqual(['b', 'a']);
    for (let i = 0; i < REMEMBERED + 10; i++) set.add(`k${i}`);
    const kept = set.toArray();
    expect(kept).toHaveLength(REMEMBERED);
    expect(kept.at(-1)).toBe(`k${REMEMBERED + 9}`);
    expect(set.has('a')).toBe(false);
  });
});
