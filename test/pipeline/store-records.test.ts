import { describe, expect, it } from 'vitest';
import type { ChannelEvent, NormalizedItem } from '../../src/domain/index.js';
import type { IngestRecord } from '../../src/ingest/adapter.js';
import { storeRecords } from '../../src/pipeline/store-records.js';
import type { IngestOutcome, ItemStore } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';

/** A store whose writes finish only when the test lets them, recording what happened when. */
function slowStore(log: string[], fail?: (batch: number) => Error | null, ingestConcurrency?: number) {
  let batches = 0;
  const pending: (() => void)[] = [];
  const store = {
    ingestConcurrency,
    async ingestItems(items: readonly NormalizedItem[]): Promise<IngestOutcome[]> {
      const n = ++batches;
      log.push(`write ${n} start (${items.map((i) => i.externalId).join(',')})`);
      await new Promise<void>((resolve) => pending.push(resolve));
      log.push(`write ${n} end`);
      const error = fail?.(n);
      if (error) throw error;
      return items.map((_, i) => ({ status: 'new', itemId: n * 100 + i }));
    },
    async recordChannelEvents(events: readonly ChannelEvent[]): Promise<number> {
      return events.length;
    },
    async settle(): Promise<void> {
      log.push('settle');
    },
  } as unknown as ItemStore;
  return {
    store,
    release: () => pending.shift()?.(),
    /** Lets the write begun last finish first. */
    releaseLast: () => pending.pop()?.(),
  };
}

/** Records 1..n, logging each read, each after a turn of the event loop as a file reader's. */
async function* records(n: number, log: string[]): AsyncIterable<IngestRecord> {
  for (let i = 1; i <= n; i++) {
    await new Promise((r) => setImmediate(r));
    log.push(`read ${i}`);
    yield { kind: 'item', item: makeItem({ externalId: String(i) }), line: i };
  }
}

/**
 * Ingests six records in batches of two into a store whose write `failing` fails, and expects the
 * ingest to fail with it; returns what happened when.
 */
async function failingIngest(failing: number, ingestConcurrency?: number): Promise<string[]> {
  const log: string[] = [];
  const fail = (n: number) => (n === failing ? new Error('database unavailable') : null);
  const { store, release } = slowStore(log, fail, ingestConcurrency);
  const interval = setInterval(release, 2);
  try {
    await expect(storeRecords(store, records(6, log), { file: 'x', batchSize: 2 })).rejects.toThrow(
      'database unavailable',
    );
  } finally {
    clearInterval(interval);
  }
  return log;
}

describe('storeRecords', () => {
  it('reads the next batch while the last is written, and writes one batch at a time in order', async () => {
    const log: string[] = [];
    const { store, release } = slowStore(log);
    const interval = setInterval(release, 20);
    const summary = await storeRecords(store, records(5, log), { file: 'x', batchSize: 2 }).finally(() =>
      clearInterval(interval),
    );
    expect(summary.new).toBe(5);
    // Record 3 is read before batch 1 is written, and batch 2 starts only after batch 1 ended.
    expect(log.indexOf('read 3')).toBeLessThan(log.indexOf('write 1 end'));
    expect(log.indexOf('write 1 end')).toBeLessThan(log.indexOf('write 2 start (3,4)'));
    expect(log.indexOf('write 2 end')).toBeLessThan(log.indexOf('write 3 start (5)'));
  });

  it('fails with the first write that fails, after no later batch was written', async () => {
    const log = await failingIngest(1);
    expect(log.filter((l) => l.startsWith('write') && l.endsWith('start (3,4)'))).toEqual([]);
  });

  it('keeps as many batches in flight as the store takes, and counts them in input order whatever order they end in', async () => {
    const log: string[] = [];
    const { store, releaseLast } = slowStore(log, undefined, 2);
    const handed: string[][] = [];
    const interval = setInterval(releaseLast, 20);
    const summary = await storeRecords(store, records(6, log), {
      file: 'x',
      batchSize: 2,
      onStored: (items) => {
        handed.push(items.map((s) => s.item.externalId));
      },
    }).finally(() => clearInterval(interval));
    expect(summary.new).toBe(6);
    // Batch 2 starts before batch 1 ends, batch 3 only once one of them has ended.
    expect(log.indexOf('write 2 start (3,4)')).toBeLessThan(log.indexOf('write 1 end'));
    expect(log.indexOf('write 2 end')).toBeLessThan(log.indexOf('write 1 end'));
    expect(log.indexOf('write 3 start (5,6)')).toBeGreaterThan(log.indexOf('write 2 end'));
    // Batch 2 ended first, yet the stages after ingest get the batches in input order.
    expect(handed).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('with batches in flight side by side, fails with the first failure once every write has ended', async () => {
    const log = await failingIngest(2, 2);
    // Nothing is still being written when the error is reported (the caller closes the store).
    const started = log.filter((l) => / start /.test(l)).length;
    expect(log.filter((l) => l.endsWith(' end'))).toHaveLength(started);
  });

  it('records channel events batch after batch, even when a later batch’s items are stored first', async () => {
    const recorded: string[] = [];
    const pending: (() => void)[] = [];
    const store = {
      ingestConcurrency: 2,
      async ingestItems(items: readonly NormalizedItem[]): Promise<IngestOutcome[]> {
        await new Promise<void>((resolve) => pending.push(resolve));
        return items.map((_, i) => ({ status: 'new', itemId: i }));
      },
      async recordChannelEvents(events: readonly ChannelEvent[]): Promise<number> {
        recorded.push(events.map((e) => e.externalId).join(','));
        return events.length;
      },
      async settle(): Promise<void> {},
    } as unknown as ItemStore;
    async function* mixed(): AsyncIterable<IngestRecord> {
      for (let i = 1; i <= 4; i++) {
        yield { kind: 'item', item: makeItem({ externalId: String(i) }), line: i };
        const { source } = makeItem();
        yield {
          kind: 'channel_event',
          event: {
            platform: 'telegram',
            source,
            externalId: `e${i}`,
            kind: 'service',
            action: null,
            actor: null,
            postedAt: null,
            raw: '{}',
          },
        };
      }
    }
    // The batch begun last ends first, each time two are in flight.
    const interval = setInterval(() => pending.pop()?.(), 10);
    const summary = await storeRecords(store, mixed(), { file: 'x', batchSize: 2 }).finally(() =>
      clearInterval(interval),
    );
    expect(summary.new).toBe(4);
    expect(recorded).toEqual(['e1', 'e2', 'e3', 'e4']);
  });
});
