import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:05:00.000Z';
const T2 = '2026-01-01T00:10:00.000Z';

/** The contract of the live-source store; every implementation runs it. */
export function liveSourceStoreContract(
  name: string,
  open: () => Promise<Store>,
  dispose: (s: Store) => Promise<void>,
) {
  describe(`LiveSourceStore contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await dispose(store);
    });

    const addFeed = (sourceName = 'feed-a', target = 'https://news.example/feed.xml') =>
      store.liveSources.add({
        kind: 'rss',
        name: sourceName,
        target,
        scheduleSeconds: 900,
        secretEnv: null,
        at: T0,
      });

    it('adds a source once per name and lists it with empty status', async () => {
      const added = await addFeed();
      expect(added).toMatchObject({
        kind: 'rss',
        name: 'feed-a',
        scheduleSeconds: 900,
        paused: false,
        cursor: {},
        itemsLastRun: 0,
        itemsTotal: 0,
        lastSuccessAt: null,
        lastError: null,
        failures: 0,
      });
      expect(await addFeed('feed-a', 'https://other.example/')).toBeNull();
      expect((await store.liveSources.list()).map((s) => s.name)).toEqual(['feed-a']);
    });

    it('keeps the name of the secret variable, not a secret', async () => {
      await store.liveSources.add({
        kind: 'telegram-bot',
        name: 'bot',
        target: '',
        scheduleSeconds: 60,
        secretEnv: 'VIGIL_BOT_TOKEN',
        at: T0,
      });
      expect((await store.liveSources.byName('bot'))?.secretEnv).toBe('VIGIL_BOT_TOKEN');
    });

    it('pauses, resumes and removes by name, and says when the name is unknown', async () => {
      await addFeed();
      expect(await store.liveSources.setPaused('feed-a', true)).toBe(true);
      expect((await store.liveSources.byName('feed-a'))?.paused).toBe(true);
      expect(await store.liveSources.due(T2)).toEqual([]);
      expect(await store.liveSources.setPaused('feed-a', false)).toBe(true);
      expect((await store.liveSources.due(T2)).map((s) => s.name)).toEqual(['feed-a']);
      expect(await store.liveSources.setPaused('nope', true)).toBe(false);
      expect(await store.liveSources.remove('feed-a')).toBe(true);
      expect(await store.liveSources.remove('feed-a')).toBe(false);
      expect(await store.liveSources.byName('feed-a')).toBeNull();
    });

    it('saves cursors with the items they cover, and records runs', async () => {
      const s = await addFeed();
      if (!s) throw new Error('not added');
      await store.liveSources.saveProgress(s.id, { cursor: { etag: '"v1"' }, newItems: 3 });
      await store.liveSources.saveProgress(s.id, { newItems: 2 });
      await store.liveSources.recordRun(s.id, {
        at: T1,
        items: 5,
        error: null,
        problems: [{ where: 'entry 2', message: 'no link' }],
        nextDueAt: T2,
        backoffUntil: null,
      });
      let got = await store.liveSources.byName('feed-a');
      expect(got).toMatchObject({
        cursor: { etag: '"v1"' },
        itemsTotal: 5,
        itemsLastRun: 5,
        lastRunAt: T1,
        lastSuccessAt: T1,
        lastProblems: [{ where: 'entry 2', message: 'no link' }],
        nextDueAt: T2,
      });
      expect((await store.liveSources.due(T1)).length).toBe(0);
      expect((await store.liveSources.due(T2)).length).toBe(1);

      await store.liveSources.recordRun(s.id, {
        at: T2,
        items: 0,
        error: 'feed: HTTP 500 from news.example',
        problems: [],
        nextDueAt: T2,
        backoffUntil: null,
      });
      await store.liveSources.recordRun(s.id, {
        at: T2,
        items: 0,
        error: 'feed: HTTP 429 from news.example',
        problems: [],
        nextDueAt: T2,
        backoffUntil: '2026-01-01T01:00:00.000Z',
      });
      got = await store.liveSources.byName('feed-a');
      expect(got).toMatchObject({
        lastSuccessAt: T1,
        lastErrorAt: T2,
        lastError: 'feed: HTTP 429 from news.example',
        // The failure counts; the remote wait after it does not.
        failures: 1,
        itemsTotal: 5,
        itemsLastRun: 0,
      });
      // Backing off: not due until the backoff ends, though its schedule says it is.
      expect(await store.liveSources.due(T2)).toEqual([]);
      expect((await store.liveSources.due('2026-01-01T01:00:00.000Z')).length).toBe(1);
    });

    it('counts forward origins and suggests channels no telegram source follows', async () => {
      await store.liveSources.noteForwardOrigins(
        [
          { channel: '@Alpha_News', count: 2 },
          { channel: 'beta', count: 1 },
        ],
        T0,
      );
      await store.liveSources.noteForwardOrigins([{ channel: 'alpha_news', count: 1 }], T1);
      await store.liveSources.noteForwardOrigins([{ channel: 'beta', count: 3 }], T2);
      expect(await store.liveSources.suggestions(3)).toEqual([
        { channel: 'beta', seen: 4, first_seen_at: T0, last_seen_at: T2 },
        { channel: 'alpha_news', seen: 3, first_seen_at: T0, last_seen_at: T1 },
      ]);
      await store.liveSources.add({
        kind: 'telegram',
        name: 'beta',
        target: '@Beta',
        scheduleSeconds: 300,
        secretEnv: null,
        at: T2,
      });
      expect((await store.liveSources.suggestions(3)).map((s) => s.channel)).toEqual(['alpha_news']);
      expect(await store.liveSources.suggestions(5)).toEqual([]);
    });

    it('counts a channel seen by its id and by its username as one suggestion, every sighting kept', async () => {
      // A page that did not name the channel: counted under its peer id.
      await store.liveSources.noteForwardOrigins([{ channel: 'channel2002', count: 2 }], T0);
      // A page that named it: the id's count moves to the username.
      await store.liveSources.noteForwardOrigins(
        [{ channel: '@Origin_Chan', peer: 'channel2002', count: 1 }],
        T1,
      );
      expect(await store.liveSources.suggestions(1)).toEqual([
        { channel: 'origin_chan', seen: 3, first_seen_at: T0, last_seen_at: T1 },
      ]);
      // Seen by id again, then by name again: folded in at the next named sighting.
      await store.liveSources.noteForwardOrigins([{ channel: 'channel2002', count: 1 }], T1);
      await store.liveSources.noteForwardOrigins(
        [{ channel: 'origin_chan', peer: 'channel2002', count: 1 }],
        T2,
      );
      expect(await store.liveSources.suggestions(1)).toEqual([
        { channel: 'origin_chan', seen: 5, first_seen_at: T0, last_seen_at: T2 },
      ]);
    });
  });
}
