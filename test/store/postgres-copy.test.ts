import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestRecord } from '../../src/ingest/adapter.js';
import { storeRecords } from '../../src/pipeline/store-records.js';
import { binaryCopyData, copyRows } from '../../src/store/postgres/copy-rows.js';
import { ITEM_COPY_COLUMNS } from '../../src/store/postgres/postgres-item-store.js';
import { makeItem } from '../helpers/items.js';
import { postgresAvailable, TEST_PG_URL, temporaryPostgresStore } from '../helpers/postgres.js';

const available = await postgresAvailable();

/** Text that a delimited format would misread, in every position a value can take. */
const HOSTILE = [
  'tab\there, newline\nthere, return\r, backslash \\ and \\N and \\.',
  '\\.\n',
  'quotes \' " `, comma, semicolon; NULL null',
  'PGCOPY\n\xff\r\n\0 is not a header here'.replace('\0', ''),
  'نداء إلى الشباب في المدينة',
  'emoji 😀 and combining é',
  '',
];

async function* records(...items: ReturnType<typeof makeItem>[]): AsyncIterable<IngestRecord> {
  for (const [i, item] of items.entries()) yield { kind: 'item', item, line: i + 1 };
}

describe.skipIf(!available)('binary COPY rows', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    await client.query('CREATE TEMP TABLE copied (n bigint, i integer, t text)');
  });
  afterAll(async () => {
    await client.end();
  });
  type Row = { n: number | null; i: number | null; t: string | null };
  const TYPES = { n: 'bigint', i: 'integer', t: 'text' } as const;
  const copy = (rows: Row[]) => copyRows(client as unknown as pg.PoolClient, 'copied', TYPES, rows);

  it('stores hostile text, nulls and numbers exactly as they came', async () => {
    await client.query('TRUNCATE copied');
    const rows: Row[] = HOSTILE.map((t, k) => ({ n: 2 ** 40 + k, i: 1 - k, t }));
    rows.push({ n: null, i: null, t: null }, { n: 7, i: 2_147_483_647, t: 'half \ud83d pair' });
    expect(await copy(rows)).toBe(rows.length);
    const { rows: back } = await client.query<Row>('SELECT n::float8 AS n, i, t FROM copied');
    expect(back).toEqual(
      rows.map((r) => ({ ...r, t: r.t === 'half \ud83d pair' ? 'half \ufffd pair' : r.t })),
    );
  });

  it('carries a value larger than a chunk', async () => {
    await client.query('TRUNCATE copied');
    const long = 'ب\t\\'.repeat(700_000);
    await copy([
      { n: 1, i: 1, t: long },
      { n: 2, i: 2, t: 'after' },
    ]);
    const { rows } = await client.query<{ t: string }>('SELECT t FROM copied ORDER BY n');
    expect(rows.map((r) => r.t)).toEqual([long, 'after']);
  });

  it('refuses a NUL as PostgreSQL refuses it, without quoting the value, and the connection goes on', async () => {
    await client.query('TRUNCATE copied');
    const error = await copy([
      { n: 1, i: 1, t: 'fine' },
      { n: 2, i: 2, t: 'secret\u0000value' },
    ]).catch((e: unknown) => e as pg.DatabaseError);
    expect(error).toMatchObject({ code: '22021' });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
      'secret',
    );
    expect((await client.query('SELECT count(*)::int AS n FROM copied')).rows).toEqual([{ n: 0 }]);
  });

  it("ends a COPY whose later row cannot be encoded: nothing is copied, the error is the encoding's, and the connection goes on", async () => {
    await client.query('TRUNCATE copied');
    // Enough rows that the first chunks are sent before the bad row is reached.
    const rows: Row[] = Array.from({ length: 20_000 }, (_, k) => ({ n: k, i: k, t: `row ${k} `.repeat(8) }));
    rows.push({ n: 1.5, i: 1, t: 'bad' });
    expect(binaryCopyData(TYPES, rows.slice(0, -1)).length).toBeGreaterThan(2);
    await expect(copy(rows)).rejects.toThrow(RangeError);
    expect((await client.query('SELECT count(*)::int AS n FROM copied')).rows).toEqual([{ n: 0 }]);
    expect(await copy([{ n: 1, i: 1, t: 'after' }])).toBe(1);
  });

  it('throws before sending a number that is not a whole number in range', () => {
    expect(() => binaryCopyData(TYPES, [{ n: 1, i: 2 ** 31, t: null }])).toThrow(RangeError);
    expect(() => binaryCopyData(TYPES, [{ n: 1.5, i: 1, t: null }])).toThrow(RangeError);
    expect(() => binaryCopyData(TYPES, [{ n: Number.NaN, i: 1, t: null }])).toThrow(RangeError);
  });
});

describe.skipIf(!available)('PostgreSQL ingest by COPY', () => {
  const opened = temporaryPostgresStore();

  it('copies into columns of exactly the types it writes', async () => {
    const { rows } = await sql<{ column_name: string; data_type: string; needed: boolean }>`
      SELECT column_name, data_type, (is_nullable = 'NO' AND column_default IS NULL) AS needed
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'items'`.execute(
      opened().db,
    );
    const types = Object.fromEntries(rows.map((r) => [r.column_name, r.data_type]));
    for (const [column, type] of Object.entries(ITEM_COPY_COLUMNS))
      expect([column, types[column]]).toEqual([column, type]);
    // A column a migration adds without a default would be left out of every new item.
    for (const r of rows.filter((r) => r.needed))
      expect(Object.keys(ITEM_COPY_COLUMNS)).toContain(r.column_name);
  });

  it('stores hostile text as it came, finds it by search, and stores nothing new the second time', async () => {
    const items = HOSTILE.map((text, k) =>
      makeItem({
        externalId: `hostile-${k}`,
        text: `${text} marker${k}`,
        author: text,
        raw: JSON.stringify({ text }),
      }),
    );
    const first = await storeRecords(opened().items, records(...items), {
      file: 'hostile.json',
      batchSize: 4,
    });
    expect(first).toMatchObject({ new: items.length, duplicates: 0, errors: [] });
    const again = await storeRecords(opened().items, records(...items), {
      file: 'hostile.json',
      batchSize: 4,
    });
    expect(again).toMatchObject({ new: 0, duplicates: items.length, errors: [] });
    for (const [k, item] of items.entries()) {
      const [hit] = await opened().items.search(`marker${k}`);
      const stored = await opened().items.getItem(hit?.item_id ?? -1);
      expect(stored).toMatchObject({ text: item.text, author: item.author, raw: item.raw });
    }
    expect((await opened().items.search('الشباب')).map((h) => h.text)).toEqual([`${HOSTILE[4]} marker4`]);
    expect((await opened().items.stats()).items).toBe(items.length);
  });

  it('copies the new items of a batch that also holds stored and edited ones', async () => {
    const source = { platform: 'telegram', name: 'Mixed Channel', externalId: '88', kind: 'public_channel' };
    const item = (id: string, text = `mixed ${id}`) => makeItem({ externalId: `m${id}`, text, source });
    const first = await opened().items.ingestItems([item('1'), item('2')]);
    const second = await opened().items.ingestItems([
      item('3'),
      item('1'),
      item('2', 'mixed 2 edited'),
      item('4'),
    ]);
    expect(second.map((o) => o.status)).toEqual(['new', 'duplicate', 'edited', 'new']);
    expect([second[1]?.itemId, second[2]?.itemId]).toEqual(first.map((o) => o.itemId));
    expect(new Set(second.map((o) => o.itemId)).size).toBe(4);
    const third = await opened().items.ingestItems([item('5'), item('6')]);
    expect(third.map((o) => o.status)).toEqual(['new', 'new']);
    // Ids follow input order within a batch, as the insert path gave them.
    expect((third[0]?.itemId ?? 0) < (third[1]?.itemId ?? 0)).toBe(true);
  });

  it('waits for another writer storing the same new item, then reads its row, never failing', async () => {
    const source = {
      platform: 'telegram',
      name: 'Contended Channel',
      externalId: '99',
      kind: 'public_channel',
    };
    const item = (id: string) => makeItem({ externalId: `c${id}`, text: `contended ${id}`, source });
    const [seed] = await opened().items.ingestItems([item('0')]);
    const other = new pg.Client({ connectionString: TEST_PG_URL });
    await other.connect();
    try {
      const { rows } = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(opened().db);
      const schema = rows[0]?.s as string;
      // The other writer: the same identity as c2, different content, not yet committed.
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO ${schema}.items (platform, source_id, external_id, collected_at, text, entities, raw, content_sha256, version)
         SELECT platform, source_id, 'c2', collected_at, 'theirs', '[]', '{}', 'their-hash', 1 FROM ${schema}.items WHERE id = $1`,
        [seed?.itemId],
      );
      let settled = false;
      const ingest = opened()
        .items.ingestItems([item('1'), item('2'), item('3')])
        .finally(() => {
          settled = true;
        });
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false);
      await other.query('COMMIT');
      const outcomes = await ingest;
      expect(outcomes.map((o) => o.status)).toEqual(['new', 'edited', 'new']);
      expect((await opened().items.getItem(outcomes[1]?.itemId ?? -1))?.text).toBe('contended 2');
      expect((await opened().items.itemVersions(outcomes[1]?.itemId ?? -1)).map((v) => v.text)).toEqual([
        'theirs',
      ]);
    } finally {
      await other.end();
    }
  });

  it('lets writers of the same new items in opposite orders finish, without deadlock', async () => {
    const source = {
      platform: 'telegram',
      name: 'Opposite Channel',
      externalId: '111',
      kind: 'public_channel',
    };
    const items = Array.from({ length: 300 }, (_, i) => makeItem({ externalId: `o${i}`, source }));
    // The source exists first, so the writers do not queue behind its creation.
    await opened().items.ingestItems([makeItem({ externalId: 'o-seed', source })]);
    const results = await Promise.all([
      opened().items.ingestItems(items),
      opened().items.ingestItems([...items].reverse()),
    ]);
    const statuses = results.flat().map((o) => o.status);
    expect(statuses.filter((s) => s === 'new')).toHaveLength(300);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(300);
  });
});

describe('binary COPY encoding', () => {
  it('writes each value as its length in big-endian bytes, then its UTF-8 bytes (-1 for NULL)', () => {
    const types = { n: 'bigint', i: 'integer', t: 'text', u: 'text' } as const;
    const data = Buffer.concat(binaryCopyData(types, [{ n: 258, i: -2, t: 'é😀', u: null }]));
    const header = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1');
    const tuple = Buffer.concat([
      Buffer.from([0, 4]),
      Buffer.from([0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 1, 2]),
      Buffer.from([0, 0, 0, 4, 0xff, 0xff, 0xff, 0xfe]),
      Buffer.from([0, 0, 0, 6]),
      Buffer.from('é😀', 'utf8'),
      Buffer.from([0xff, 0xff, 0xff, 0xff]),
    ]);
    expect(data).toEqual(Buffer.concat([header, tuple, Buffer.from([0xff, 0xff])]));
  });
});

describe('binary COPY of bigint columns', () => {
  it('writes every safe integer as its 64-bit two’s complement', () => {
    const ids = [0, 1, -1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, -(2 ** 32) - 1, 123456789012345, -123456789012345];
    ids.push(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
    const data = Buffer.concat(
      binaryCopyData(
        { id: 'bigint' } as const,
        ids.map((id) => ({ id })),
      ),
    );
    const expected = ids.map((id) => {
      const b = Buffer.alloc(14);
      b.writeInt16BE(1, 0);
      b.writeInt32BE(8, 2);
      b.writeBigInt64BE(BigInt(id), 6);
      return b;
    });
    expect(data.subarray(19, -2)).toEqual(Buffer.concat(expected));
  });
});
