import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ChannelEvent } from '../../src/domain/index.js';
import type { IngestRecord } from '../../src/ingest/adapter.js';
import { storeRecords } from '../../src/pipeline/store-records.js';
import type { IngestOptions, ItemStore } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';
import { postgresAvailable, temporaryPostgresStore } from '../helpers/postgres.js';

const available = await postgresAvailable();

function channelEvent(externalId: string): ChannelEvent {
  return {
    platform: 'telegram',
    source: { platform: 'telegram', name: 'Settle Channel', externalId: '77', kind: 'public_channel' },
    externalId,
    kind: 'service',
    action: 'pin_message',
    actor: null,
    postedAt: '2024-01-01T00:00:00Z',
    raw: '{}',
  };
}

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
      async recordChannelEvents(events: readonly unknown[], options?: IngestOptions) {
        calls.push(`events ${events.length} ${options?.settleLater === true}`);
        return 0;
      },
    } as unknown as ItemStore;
    const summary = await storeRecords(store, records(5, 'f'), { file: 'f.json', batchSize: 2 });
    expect(summary.new).toBe(5);
    expect(calls).toEqual(['ingest 2 true', 'ingest 2 true', 'ingest 1 true', 'settle']);
    async function* withEvent(): AsyncIterable<IngestRecord> {
      yield* records(1, 'g');
      yield { kind: 'channel_event', event: channelEvent('e1') };
    }
    calls.length = 0;
    await storeRecords(store, withEvent(), { file: 'g.json', batchSize: 10 });
    expect(calls).toEqual(['ingest 1 true', 'events 1 true', 'settle']);
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

  it('commits channel events to be settled later as it commits items, the sessions keeping their settings', async () => {
    const { db, items } = opened();
    const settings = sql<{ s: string; w: string }>`
      SELECT current_setting('synchronous_commit') AS s, current_setting('work_mem') AS w`;
    const { rows: before } = await settings.execute(db);
    expect(await items.recordChannelEvents([channelEvent('later-e1')], { settleLater: true })).toBe(1);
    expect(await items.recordChannelEvents([channelEvent('later-e1')], { settleLater: true })).toBe(0);
    expect(await items.countChannelEvents()).toBe(1);
    for (let i = 0; i < 3; i++) expect((await settings.execute(db)).rows).toEqual(before);
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
