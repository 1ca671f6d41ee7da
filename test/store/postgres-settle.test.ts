import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../../src/ingest/adapter.js';
import { storeRecords } from '../../src/pipeline/store-records.js';
import type { IngestOptions, ItemStore } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';
import { postgresAvailable, temporaryPostgresStore } from '../helpers/postgres.js';

const available = await postgresAvailable();

async function* records(n: number, prefix: string): AsyncIterable<IngestRecord> {
  for (let i = 0; i < n; i++)
    yield {
      kind: 'item',
      item: makeItem({ externalId: `${prefix}${i}`, text: `settle ${prefix}${i}` }),
      line: i + 1,
    };
}

describe('storeRecords and durability', () => {
  it('stores batches to be settled later, and settles once after the last one, before it returns', async () => {
    const calls: string[] = [];
    let n = 0;
    const store = {
      async ingestItems(items: readonly unknown[], options?: IngestOptions) {
        calls.push(`ingest ${items.length} ${options?.settleLater === true}`);
        await new Promise((r) => setTimeout(r, 5));
        return items.map(() => ({ status: 'new' as const, itemId: ++n }));
      },
      async settle() {
        calls.push('settle');
      },
      async recordChannelEvents() {
        return 0;
      },
    } as unknown as ItemStore;
    const summary = await storeRecords(store, records(5, 'f'), { file: 'f.json', batchSize: 2 });
    expect(summary.new).toBe(5);
    expect(calls).toEqual(['ingest 2 true', 'ingest 2 true', 'ingest 1 true', 'settle']);
  });
});

describe.skipIf(!available)('PostgreSQL: batches committed without waiting, then settled', () => {
  const opened = temporaryPostgresStore();

  it('commits a batch to be settled later with synchronous_commit off for that transaction only', async () => {
    const { db, items } = opened();
    const [outcome] = await items.ingestItems([makeItem({ externalId: 'later-1' })], { settleLater: true });
    expect(outcome?.status).toBe('new');
    // The setting was local to the batch's transaction: the pool's sessions keep theirs.
    for (let i = 0; i < 3; i++) {
      const { rows } = await sql<{ s: string }>`SELECT current_setting('synchronous_commit') AS s`.execute(
        db,
      );
      expect(rows[0]?.s).toBe('on');
    }
  });

  it('has the WAL of every batch committed before flushed to disk once settled', async () => {
    const { db, items } = opened();
    const summary = await storeRecords(items, records(30, 's'), { file: 's.json', batchSize: 7 });
    expect(summary).toMatchObject({ new: 30, errors: [] });
    await items.ingestItems([makeItem({ externalId: 'later-2' })], { settleLater: true });
    const { rows: before } = await sql<{
      lsn: string;
    }>`SELECT pg_current_wal_insert_lsn()::text AS lsn`.execute(db);
    await items.settle();
    const { rows } = await sql<{ flushed: boolean }>`
      SELECT pg_current_wal_flush_lsn() >= ${before[0]?.lsn}::pg_lsn AS flushed`.execute(db);
    expect(rows[0]?.flushed).toBe(true);
    expect((await items.stats()).items).toBe(32);
    expect((await items.search('s29')).map((h) => h.text)).toEqual(['settle s29']);
  });
});
