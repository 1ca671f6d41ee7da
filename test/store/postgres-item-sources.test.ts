import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows } from '../../src/store/postgres/copy-rows.js';
import { makeItem } from '../helpers/items.js';
import { postgresAvailable, TEST_PG_URL, temporaryPostgresStore } from '../helpers/postgres.js';

const available = await postgresAvailable();

/**
 * PostgreSQL checks that an item's source exists once per statement instead of by a foreign key
 * (migration 0017): every way an item could lose its source is still refused, as the key refused it.
 */
describe.skipIf(!available)('PostgreSQL: every item has its source, checked per statement', () => {
  const opened = temporaryPostgresStore();
  let schema = '';
  let a: pg.Client;
  let b: pg.Client;
  let sourceId = 0;

  beforeAll(async () => {
    const { rows } = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(opened().db);
    schema = rows[0]?.s as string;
    await opened().items.ingestItems([makeItem({ externalId: 'seed' })]);
    const { rows: seed } = await sql<{ source_id: number }>`
      SELECT source_id FROM items WHERE external_id = 'seed'`.execute(opened().db);
    sourceId = seed[0]?.source_id as number;
    a = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` });
    b = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` });
    await a.connect();
    await b.connect();
  });
  afterAll(async () => {
    await a.end();
    await b.end();
  });

  const newSource = async (key: string) => {
    const { rows } = await a.query<{ id: number }>(
      `INSERT INTO sources (platform, source_key, name, created_at) VALUES ('telegram', $1, $1, 'now') RETURNING id`,
      [key],
    );
    return rows[0]?.id as number;
  };
  const insertItem = (client: pg.Client, source: number, externalId: string) =>
    client.query(
      `INSERT INTO items (platform, source_id, external_id, collected_at, text, entities, raw, content_sha256, version)
       VALUES ('telegram', $1, $2, 'now', 'x', '[]', '{}', 'h', 1)`,
      [source, externalId],
    );
  const code = (p: Promise<unknown>): Promise<string | undefined> =>
    p.then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );

  it('has no foreign key from items to sources any more, and the triggers in its place', async () => {
    const { rows } = await a.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'f' AND confrelid = 'sources'::regclass`,
    );
    expect(rows).toEqual([]);
    const { rows: triggers } = await a.query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger WHERE tgrelid IN ('items'::regclass, 'sources'::regclass) AND NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers.map((t) => t.tgname)).toEqual([
      'items_source_exists_update',
      'items_sources_exist_insert',
      'sources_unused_delete',
      'sources_unused_truncate',
      'sources_unused_update',
    ]);
  });

  it('refuses an item whose source does not exist, by INSERT, by COPY and by UPDATE', async () => {
    expect(await code(insertItem(a, 987_654, 'orphan-1'))).toBe('23503');
    expect(
      await code(
        copyRows(
          a as unknown as pg.PoolClient,
          'items',
          {
            platform: 'text',
            source_id: 'integer',
            external_id: 'text',
            collected_at: 'text',
            text: 'text',
            entities: 'text',
            raw: 'text',
            content_sha256: 'text',
            version: 'integer',
          },
          [sourceId, 987_654].map((s, k) => ({
            platform: 'telegram',
            source_id: s,
            external_id: `orphan-copy-${k}`,
            collected_at: 'now',
            text: 'x',
            entities: '[]',
            raw: '{}',
            content_sha256: 'h',
            version: 1,
          })),
        ),
      ),
    ).toBe('23503');
    expect(await code(a.query(`UPDATE items SET source_id = 987654 WHERE external_id = 'seed'`))).toBe(
      '23503',
    );
    const { rows } = await a.query(`SELECT count(*)::int AS n FROM items WHERE external_id LIKE 'orphan%'`);
    expect(rows).toEqual([{ n: 0 }]);
    // An update that leaves the source alone, as an edit does, is not checked at all.
    expect(await code(a.query(`UPDATE items SET text = text WHERE external_id = 'seed'`))).toBe('ok');
  });

  it('refuses to delete, renumber or truncate a source items refer to, and deletes one they do not', async () => {
    expect(await code(a.query('DELETE FROM sources WHERE id = $1', [sourceId]))).toBe('23503');
    expect(await code(a.query('UPDATE sources SET id = 424242 WHERE id = $1', [sourceId]))).toBe('23503');
    expect(await code(a.query('UPDATE sources SET name = name WHERE id = $1', [sourceId]))).toBe('ok');
    expect(await code(a.query('TRUNCATE sources CASCADE'))).toBe('23503');
    const unused = await newSource('unused');
    expect(await code(a.query('DELETE FROM sources WHERE id = $1', [unused]))).toBe('ok');
    await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const refused = await code(a.query('DELETE FROM sources WHERE id = $1', [sourceId]));
    await a.query('ROLLBACK');
    expect(refused).toBe('0A000');
  });

  it('makes a delete of a source wait for a writer of its items, then refuses it', async () => {
    const source = await newSource('contended-delete');
    await a.query('BEGIN');
    await insertItem(a, source, 'waiting-1');
    let settled = false;
    const deleting = code(b.query('DELETE FROM sources WHERE id = $1', [source])).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    await a.query('COMMIT');
    expect(await deleting).toBe('23503');
    const { rows } = await a.query('SELECT count(*)::int AS n FROM items WHERE source_id = $1', [source]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('makes a writer of items wait for a delete of their source, then refuses them', async () => {
    const source = await newSource('contended-insert');
    await b.query('BEGIN');
    await b.query('DELETE FROM sources WHERE id = $1', [source]);
    let settled = false;
    const inserting = code(insertItem(a, source, 'waiting-2')).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    await b.query('COMMIT');
    expect(await inserting).toBe('23503');
    const { rows } = await a.query(`SELECT count(*)::int AS n FROM items WHERE external_id = 'waiting-2'`);
    expect(rows).toEqual([{ n: 0 }]);
  });
});
