import { describe, expect, it } from 'vitest';
import type { IngestRecord } from '../../src/ingest/adapter.js';
import { storeRecords } from '../../src/pipeline/store-records.js';
import { makeItem } from '../helpers/items.js';
import { postgresAvailable, temporaryPostgresStore } from '../helpers/postgres.js';

const available = await postgresAvailable();

async function* records(...items: ReturnType<typeof makeItem>[]): AsyncIterable<IngestRecord> {
  for (const [i, item] of items.entries()) yield { kind: 'item', item, line: i + 1 };
}

/** Values the binary rows sent to PostgreSQL must carry as text parameters did. */
describe.skipIf(!available)('PostgreSQL ingest of odd values', () => {
  const opened = temporaryPostgresStore();

  it('stores a lone surrogate as U+FFFD and every other character as it came', async () => {
    const text = 'half \ud83d pair, tab\tnewline\n quote" backslash\\ عربي 😀';
    const [outcome] = await opened().items.ingestItems([
      makeItem({ externalId: 'odd-1', text, author: 'x\udc00y', raw: '{"t":"\ud83d"}' }),
    ]);
    const stored = await opened().items.getItem(outcome?.itemId ?? 0);
    expect(stored?.text).toBe(text.replace('\ud83d', '\ufffd'));
    expect(stored?.author).toBe('x\ufffdy');
    expect(stored?.raw).toBe('{"t":"\ufffd"}');
  });

  it('keeps a value PostgreSQL refuses an error of its own record', async () => {
    const summary = await storeRecords(
      opened().items,
      records(
        makeItem({ externalId: 'ok-1' }),
        makeItem({ externalId: 'nul-url', url: 'https://example.org/\u0000' }),
        makeItem({
          externalId: 'nan-width',
          media: [
            {
              kind: 'photo',
              path: null,
              declared: 'p.jpg',
              missing: true,
              mime: null,
              width: Number.NaN,
              height: 1,
            },
          ],
        }),
        makeItem({ externalId: 'ok-2' }),
      ),
      { file: 'odd.json', batchSize: 2 },
    );
    expect(summary.new).toBe(2);
    expect(summary.errors.map((e) => e.line)).toEqual([2, 3]);
  });
});
