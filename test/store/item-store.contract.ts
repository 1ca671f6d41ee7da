import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';

/** The ItemStore contract; every store implementation runs it. */
export function itemStoreContract(
  name: string,
  open: () => Promise<Store>,
  dispose: (s: Store) => Promise<void>,
) {
  describe(`ItemStore contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await dispose(store);
    });

    it('stores new items once and reports re-ingest as duplicates', async () => {
      const batch = [makeItem({ externalId: '1' }), makeItem({ externalId: '2' })];
      const first = await store.items.ingestItems(batch);
      expect(first.map((o) => o.status)).toEqual(['new', 'new']);
      const second = await store.items.ingestItems(batch);
      expect(second.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
      expect(second.map((o) => o.itemId)).toEqual(first.map((o) => o.itemId));
      expect((await store.items.stats()).items).toBe(2);
    });

    it('treats concurrent writers of the same items as duplicates, never as errors', async () => {
      const items = Array.from({ length: 300 }, (_, i) =>
        makeItem({
          externalId: String(i),
          source: { platform: 'telegram', name: 'Race Channel', externalId: '77', kind: 'public_channel' },
        }),
      );
      // Opposite orders: writers that lock rows in different orders must not deadlock.
      const results = await Promise.all([
        store.items.ingestItems(items),
        store.items.ingestItems([...items].reverse()),
        store.items.ingestItems(items.slice(100, 200)),
      ]);
      const statuses = results.flat().map((o) => o.status);
      expect(statuses.filter((s) => s === 'new')).toHaveLength(300);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(400);
      expect((await store.items.stats()).items).toBe(300);
    });

    it('keeps an edited message as a new version, not an overwrite', async () => {
      const [orig] = await store.items.ingestItems([makeItem({ externalId: '7', text: 'first wording' })]);
      const [edit] = await store.items.ingestItems([
        makeItem({ externalId: '7', text: 'second wording', editedAt: '2024-03-01T11:00:00.000Z' }),
      ]);
      expect(edit?.status).toBe('edited');
      expect(edit?.itemId).toBe(orig?.itemId);
      const current = await store.items.getItem(orig?.itemId ?? -1);
      expect(current?.text).toBe('second wording');
      expect(current?.version).toBe(2);
      const versions = await store.items.itemVersions(orig?.itemId ?? -1);
      expect(versions.map((v) => v.text)).toEqual(['first wording']);
      // Reading the older export again is not another edit.
      const [again] = await store.items.ingestItems([makeItem({ externalId: '7', text: 'first wording' })]);
      expect(again?.status).toBe('duplicate');
      expect((await store.items.stats()).items).toBe(1);
    });

    it('treats the same identity twice in one batch in order', async () => {
      const out = await store.items.ingestItems([
        makeItem({ externalId: '9', text: 'a' }),
        makeItem({ externalId: '9', text: 'a' }),
        makeItem({ externalId: '9', text: 'b' }),
      ]);
      expect(out.map((o) => o.status)).toEqual(['new', 'duplicate', 'edited']);
    });

    it('keeps the raw record verbatim with the content hash, and media', async () => {
      const raw = '{"id": 3, "text": "keep   me  exactly"}';
      const [o] = await store.items.ingestItems([
        makeItem({
          externalId: '3',
          raw,
          entities: [{ type: 'hashtag', start: 0, end: 4 }],
          media: [
            {
              kind: 'photo',
              path: null,
              declared: '(File not included.)',
              missing: true,
              mime: null,
              width: null,
              height: null,
            },
          ],
        }),
      ]);
      const item = await store.items.getItem(o?.itemId ?? -1);
      expect(item?.raw).toBe(raw);
      expect(item?.contentSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(item?.entities).toEqual([{ type: 'hashtag', start: 0, end: 4 }]);
      expect(item?.media[0]?.missing).toBe(true);
    });

    it('distinguishes the same external id in different sources', async () => {
      const other = { platform: 'telegram', name: 'Other Channel', externalId: '2002', kind: null };
      const out = await store.items.ingestItems([
        makeItem({ externalId: '1' }),
        makeItem({ externalId: '1', source: other }),
      ]);
      expect(out.map((o) => o.status)).toEqual(['new', 'new']);
      const stats = await store.items.stats();
      expect(stats.by_source).toEqual({ 'Example Channel': 1, 'Other Channel': 1 });
      expect(stats.by_platform).toEqual({ telegram: 2 });
    });

    it('searches full text in Latin, Arabic and Cyrillic scripts, treating operators as words', async () => {
      await store.items.ingestItems([
        makeItem({ externalId: '1', text: 'Rally planned near the harbour tonight' }),
        makeItem({ externalId: '2', text: 'نداء إلى الشباب في المدينة' }),
        makeItem({ externalId: '3', text: 'Собрание в городе завтра' }),
      ]);
      expect((await store.items.search('harbour')).map((h) => h.text)).toEqual([
        'Rally planned near the harbour tonight',
      ]);
      expect((await store.items.search('الشباب')).map((h) => h.item_id)).toHaveLength(1);
      expect((await store.items.search('городе')).map((h) => h.item_id)).toHaveLength(1);
      expect(await store.items.search('harbour OR "')).toHaveLength(0);
      expect(await store.items.search('')).toHaveLength(0);
      const hit = (await store.items.search('tonight'))[0];
      expect(hit).toMatchObject({ source: 'Example Channel', platform: 'telegram' });
    });

    it('finds an Arabic word searched without diacritics or tatweel where it is written with them', async () => {
      await store.items.ingestItems([
        makeItem({ externalId: '1', text: 'كَتَبَ الشَّبابُ رِسالَةً إلى المدينة' }),
        makeItem({ externalId: '2', text: 'دعـــوة إلى اجتماع في الساحة' }),
        makeItem({ externalId: '3', text: 'Rally planned near the harbour tonight' }),
      ]);
      const ids = async (q: string) => (await store.items.search(q)).map((h) => h.text);
      expect(await ids('كتب')).toEqual(['كَتَبَ الشَّبابُ رِسالَةً إلى المدينة']);
      expect(await ids('الشباب')).toHaveLength(1);
      expect(await ids('رسالة')).toHaveLength(1); // ta marbuta written as ة in both
      expect(await ids('رساله')).toHaveLength(1); // and as ه in the query
      expect(await ids('دعوة')).toEqual(['دعـــوة إلى اجتماع في الساحة']);
      // The query may carry the marks too, and the index still answers for the plain word.
      expect(await ids('الْمَدِينَة')).toHaveLength(1);
      await store.items.ingestItems([makeItem({ externalId: '1', text: 'نصٌّ آخر' })]);
      expect(await ids('كتب')).toHaveLength(0); // an edit unindexes the old text
    });

    it('search follows edits', async () => {
      await store.items.ingestItems([makeItem({ externalId: '1', text: 'original harbour text' })]);
      await store.items.ingestItems([makeItem({ externalId: '1', text: 'replacement station text' })]);
      expect(await store.items.search('harbour')).toHaveLength(0);
      expect(await store.items.search('station')).toHaveLength(1);
    });

    it('records channel events idempotently', async () => {
      const event = {
        platform: 'telegram',
        source: { platform: 'telegram', name: 'Example Channel', externalId: '1001', kind: null },
        externalId: '50',
        kind: 'service' as const,
        action: 'pin_message',
        actor: 'Example Channel',
        postedAt: null,
        raw: '{}',
      };
      expect(await store.items.recordChannelEvents([event])).toBe(1);
      expect(await store.items.recordChannelEvents([event])).toBe(0);
      expect(await store.items.countChannelEvents()).toBe(1);
      expect((await store.items.stats()).items).toBe(0);
    });
  });
}
