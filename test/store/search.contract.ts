import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchSnippet } from '../../src/domain/index.js';
import type { Store } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';

/** Every marked span of a snippet, as the text it marks. */
const marked = (s: SearchSnippet | null | undefined) =>
  (s?.matches ?? []).map((m) => s?.text.slice(m.start, m.end));

const FILLER = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(' ');

/**
 * Full-text search as analysts use it (ItemStore.search for the CLI, ItemBrowser.query for the
 * API): counts, snippets and relevance order. Every store implementation runs it; the orders are
 * written out, so both databases must produce exactly these.
 */
export function searchContract(
  name: string,
  open: () => Promise<Store>,
  dispose: (s: Store) => Promise<void>,
) {
  describe(`search contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await dispose(store);
    });

    /** Ingests texts as items r1, r2, … posted at the given hours; returns their ids by name. */
    async function ingest(posts: { text: string; hour: number }[]): Promise<Record<string, number>> {
      const out = await store.items.ingestItems(
        posts.map((p, i) =>
          makeItem({
            externalId: `r${i + 1}`,
            text: p.text,
            postedAt: `2024-03-01T${String(p.hour).padStart(2, '0')}:00:00.000Z`,
          }),
        ),
      );
      return Object.fromEntries(out.map((o, i) => [`r${i + 1}`, o.itemId]));
    }

    const RANKING = [
      { text: 'Rally at the harbour', hour: 10 },
      { text: 'harbour harbour rally near the old harbour wall tonight with friends', hour: 9 },
      { text: `rally ${FILLER(60)} harbour`, hour: 12 },
      // The same text as r1, stored later: a tie, which the item stored last wins.
      { text: 'Rally at the harbour', hour: 8 },
      { text: 'only the harbour, no gathering', hour: 11 },
    ];

    it('orders by relevance and by date, ties to the item stored last, on every database', async () => {
      const id = await ingest(RANKING);
      const order = async (sort: 'relevance' | 'date') =>
        (await store.items.search('harbour rally', { sort })).map((h) => h.item_id);
      // r2 repeats a word in a short text; r1 and r4 tie; r3 is long; r5 lacks "rally".
      expect(await order('relevance')).toEqual([id.r2, id.r4, id.r1, id.r3]);
      expect(await order('date')).toEqual([id.r3, id.r1, id.r2, id.r4]);
      const page = async (sort: 'relevance' | 'date', n: number) =>
        (await store.browse.query({ q: 'harbour rally', sort, page: n, limit: 3 })).items.map(
          (i) => i.item_id,
        );
      expect([...(await page('relevance', 1)), ...(await page('relevance', 2))]).toEqual([
        id.r2,
        id.r4,
        id.r1,
        id.r3,
      ]);
      expect(await page('date', 1)).toEqual([id.r3, id.r1, id.r2]);
    });

    it('puts undated posts last by date, through the CLI search and the API alike', async () => {
      const out = await store.items.ingestItems([
        makeItem({ externalId: 'u1', text: 'harbour at night', postedAt: null }),
        makeItem({ externalId: 'u2', text: 'harbour at dawn', postedAt: '2024-03-01T06:00:00.000Z' }),
      ]);
      const [undated, dated] = out.map((o) => o.itemId);
      expect((await store.items.search('harbour')).map((h) => h.item_id)).toEqual([dated, undated]);
      const listed = await store.browse.query({ q: 'harbour', platform: 'telegram', page: 1, limit: 5 });
      expect(listed.items.map((i) => i.item_id)).toEqual([dated, undated]);
      const alone = await store.browse.query({ q: 'harbour', page: 1, limit: 5 });
      expect(alone.items.map((i) => i.item_id)).toEqual([dated, undated]);
    });

    it('counts every match, not just the page', async () => {
      const id = await ingest(RANKING);
      const first = await store.browse.query({ q: 'harbour', page: 1, limit: 2 });
      expect(first).toMatchObject({ total: 5, total_capped: false });
      expect(first.items).toHaveLength(2);
      const last = await store.browse.query({ q: 'harbour', page: 3, limit: 2 });
      expect(last.items.map((i) => i.item_id)).toEqual([id.r4]);
      expect(last.total).toBe(5);
      expect(await store.items.countMatches('harbour rally')).toEqual({ total: 4, capped: false });
      expect(await store.items.countMatches('nothing-like-this')).toEqual({ total: 0, capped: false });
      // With another filter the count is of the items that pass it too.
      const filtered = await store.browse.query({
        q: 'harbour',
        from: '2024-03-01T10:00:00.000Z',
        page: 1,
        limit: 1,
      });
      expect(filtered).toMatchObject({ total: 3, total_capped: false });
      expect((await store.browse.query({ q: 'harbour', sort: 'relevance', page: 1, limit: 1 })).total).toBe(
        5,
      );
      // Browsing without words is not a search: no count, no snippets.
      const browsed = await store.browse.query({ page: 1, limit: 10 });
      expect(browsed).toMatchObject({ total: null, total_capped: false });
      expect(browsed.items.every((i) => i.snippet === null)).toBe(true);
    });

    it('marks every matched word in the snippet, whatever its case, with offsets into the snippet', async () => {
      const long = `${FILLER(80)} the HARBOUR gate and the Harbour wall ${FILLER(80)}`;
      const id = await ingest([
        { text: long, hour: 10 },
        { text: 'Rally at the harbour', hour: 9 },
      ]);
      const hits = await store.items.search('harbour');
      const far = hits.find((h) => h.item_id === id.r1);
      expect(far?.snippet.text.length).toBeLessThan(long.length);
      expect(far?.snippet).toMatchObject({ elided_before: true, elided_after: true });
      expect(long).toContain(far?.snippet.text);
      expect(marked(far?.snippet)).toEqual(['HARBOUR', 'Harbour']);
      const near = hits.find((h) => h.item_id === id.r2);
      expect(near?.snippet).toEqual({
        text: 'Rally at the harbour',
        matches: [{ start: 13, end: 20 }],
        elided_before: false,
        elided_after: false,
      });
      const [row] = (await store.browse.query({ q: 'harbour', page: 1, limit: 1 })).items;
      expect(marked(row?.snippet)).toEqual(['HARBOUR', 'Harbour']);
    });

    it('marks an Arabic word written with diacritics and tatweel when it is searched without them', async () => {
      const text = 'كَتَبَ الشَّبابُ رِسالَةً إلى المدينة ثم دعـــوة';
      await ingest([{ text, hour: 10 }]);
      const only = async (q: string) => {
        const hits = await store.items.search(q);
        expect(hits).toHaveLength(1);
        return marked(hits[0]?.snippet);
      };
      expect(await only('كتب')).toEqual(['كَتَبَ']);
      expect(await only('رساله')).toEqual(['رِسالَةً']);
      expect(await only('دعوة')).toEqual(['دعـــوة']);
      expect(await only('الْمَدِينَة')).toEqual(['المدينة']);
      expect(await store.items.countMatches('الشباب')).toEqual({ total: 1, capped: false });
    });

    it('returns hostile text as it was stored, for the UI to show as text', async () => {
      const hostile = '<img src=x onerror=alert(1)> harbour <script>x()</script>';
      await ingest([{ text: hostile, hour: 10 }]);
      const [hit] = await store.items.search('harbour');
      expect(hit?.snippet.text).toBe(hostile);
      expect(marked(hit?.snippet)).toEqual(['harbour']);
    });
  });
}
