import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { NormalizedItem, SourceRef } from '../../src/domain/index.js';
import type { IngestRecord } from '../../src/ingest/adapter.js';
import { storeRecords } from '../../src/pipeline/store-records.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { makeItem } from '../helpers/items.js';
import {
  dropSchema,
  postgresAvailable,
  TEST_PG_URL,
  temporaryPostgresStore,
  uniqueSchema,
} from '../helpers/postgres.js';

const available = await postgresAvailable();

const source = (externalId: string): SourceRef => ({
  platform: 'telegram',
  name: `Overlap Channel ${externalId}`,
  externalId,
  kind: 'public_channel',
});

describe.skipIf(!available)('PostgreSQL: batches in flight side by side', () => {
  const opened = temporaryPostgresStore();

  it('takes two batches at once', () => {
    expect(opened().items.ingestConcurrency).toBe(2);
  });

  it('stores a record after the earlier one of the same identity in a batch still in flight, as an edit', async () => {
    const { items } = opened();
    for (let round = 0; round < 5; round++) {
      const id = `same-${round}`;
      const first = items.ingestItems([
        makeItem({ externalId: id, text: `first ${round}` }),
        makeItem({ externalId: `${id}-a` }),
      ]);
      // Called before the first has resolved, as storeRecords does with two batches in flight.
      const second = items.ingestItems([
        makeItem({ externalId: id, text: `second ${round}` }),
        makeItem({ externalId: `${id}-b` }),
      ]);
      const [a, b] = await Promise.all([first, second]);
      expect(a.map((o) => o.status)).toEqual(['new', 'new']);
      expect(b.map((o) => o.status)).toEqual(['edited', 'new']);
      const stored = await items.getItem(b[0]?.itemId as number);
      expect(stored?.text).toBe(`second ${round}`);
      expect(stored?.version).toBe(2);
    }
  });

  it('stores batches that create the same new sources in opposite orders without a deadlock', async () => {
    const { items } = opened();
    const one = [
      makeItem({ externalId: 'o1', source: source('9001') }),
      makeItem({ externalId: 'o2', source: source('9002') }),
    ];
    const two = [
      makeItem({ externalId: 'o3', source: source('9002') }),
      makeItem({ externalId: 'o4', source: source('9001') }),
    ];
    const [a, b] = await Promise.all([items.ingestItems(one), items.ingestItems(two)]);
    expect([...a, ...b].map((o) => o.status)).toEqual(['new', 'new', 'new', 'new']);
    const stored = await Promise.all([...a, ...b].map((o) => items.getItem(o.itemId)));
    expect(stored.map((s) => s?.sourceId)).toEqual([
      stored[0]?.sourceId,
      stored[1]?.sourceId,
      stored[1]?.sourceId,
      stored[0]?.sourceId,
    ]);
  });

  it('through storeRecords, keeps the last version of records edited across batch boundaries', async () => {
    const { items } = opened();
    // Each identity comes back three times, a batch or two apart, with new text each time.
    async function* edits(): AsyncIterable<IngestRecord> {
      let line = 0;
      for (let pass = 1; pass <= 3; pass++)
        for (let i = 0; i < 12; i++)
          yield {
            kind: 'item',
            item: makeItem({ externalId: `edit-${i}`, text: `edit ${i} pass ${pass}` }) as NormalizedItem,
            line: ++line,
          };
    }
    const summary = await storeRecords(items, edits(), { file: 'edits.json', batchSize: 5 });
    expect(summary).toMatchObject({ read: 36, new: 12, edited: 24, duplicates: 0, errors: [] });
    for (const hit of await items.search('pass')) expect(hit.text).toMatch(/ pass 3$/);
    expect((await items.search('pass')).length).toBe(12);
  });

  it('lets two writers of their own create the same new sources in opposite record orders without a deadlock', async () => {
    const schema = uniqueSchema();
    const first = await openPostgresStore(TEST_PG_URL, { schema });
    const second = await openPostgresStore(TEST_PG_URL, { schema });
    try {
      for (let round = 0; round < 3; round++) {
        const [s1, s2, s3] = ['1', '2', '3'].map((n) => source(`77${round}${n}`)) as [
          SourceRef,
          SourceRef,
          SourceRef,
        ];
        const one = [s1, s2, s3].map((s, i) => makeItem({ externalId: `w1-${round}-${i}`, source: s }));
        const two = [s3, s2, s1].map((s, i) => makeItem({ externalId: `w2-${round}-${i}`, source: s }));
        const outcomes = await Promise.all([first.items.ingestItems(one), second.items.ingestItems(two)]);
        expect(outcomes.flat().map((o) => o.status)).toEqual(Array(6).fill('new'));
      }
    } finally {
      await first.close();
      await second.close();
      await dropSchema(schema);
    }
  });

  it('numbers media batch after batch, even when a later batch in flight is stored first', async () => {
    const schema = uniqueSchema();
    const store = await openPostgresStore(TEST_PG_URL, { schema });
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      const photo = (name: string) => ({
        kind: 'photo' as const,
        declared: name,
        missing: true,
        path: null,
        mime: 'image/jpeg',
        width: null,
        height: null,
      });
      for (let round = 0; round < 3; round++) {
        // A large batch with one photo at its end, then a small one, called as storeRecords calls
        // them: the small one is copied first, and its photo would have taken the lower id.
        const large = Array.from({ length: 3000 }, (_, i) =>
          makeItem({
            externalId: `r${round}-large-${i}`,
            media: i === 2999 ? [photo(`large-${round}`)] : [],
          }),
        );
        const small = [makeItem({ externalId: `r${round}-small`, media: [photo(`small-${round}`)] })];
        await Promise.all([store.items.ingestItems(large), store.items.ingestItems(small)]);
      }
      const { rows } = await client.query<{ declared: string }>(
        `SELECT declared FROM "${schema}".media ORDER BY id`,
      );
      expect(rows.map((r) => r.declared)).toEqual(
        [0, 1, 2].flatMap((round) => [`large-${round}`, `small-${round}`]),
      );
    } finally {
      await client.end();
      await store.close();
      await dropSchema(schema);
    }
  });
});
