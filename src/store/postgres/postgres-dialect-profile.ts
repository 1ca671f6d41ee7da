import { type Kysely, sql } from 'kysely';
import { ARABIC_FOLDS, ARABIC_MARK_RANGES } from '../../analyze/text/01-scripts.js';
import { type DialectProfile, searchTerms } from '../dialect-profile.js';
import type { Database } from '../schema.js';

const hex4 = (u: number) => u.toString(16).padStart(4, '0');
/**
 * `vigil_fold(text)`: the search fold (`searchFold`) as an immutable SQL function, generated from
 * the detector's own tables so the two cannot drift: the marks are removed by one regular
 * expression, the one-for-one folds by `translate`. Built from Vigil's constants only.
 *
 * `translate` walks its whole from-list for every character of the text: on 100,000 messages it
 * cost PostgreSQL about 1 s of CPU on its own, and folding inside the full-text index made a fresh
 * ingest about 2.7 s slower. Text without a single character the fold changes (most text outside
 * Arabic script) is returned as it is after one cheap test, which gives the same result.
 *
 * Not declared STRICT: PostgreSQL inlines a SQL function into the expression that calls it only if
 * a STRICT one's body is strict too, and a CASE is not; run as a function, each call went through
 * the SQL-function executor (about 6% of the database's CPU during an ingest, measured with perf).
 * A NULL still folds to NULL (the test is NULL, so the CASE returns t). Inlined, the index
 * expression and the search query's expression expand alike, so the index still serves searches.
 */
export function postgresFoldFunction(): string {
  const marks = ARABIC_MARK_RANGES.map(([a, b]) =>
    a === b ? `\\u${hex4(a)}` : `\\u${hex4(a)}-\\u${hex4(b)}`,
  ).join('');
  const from = Object.keys(ARABIC_FOLDS).join('');
  const to = Object.values(ARABIC_FOLDS).join('');
  if (/'/.test(from + to)) throw new Error('search fold: a fold table entry holds a quote');
  // The folded characters also go inside a bracket expression, where these would mean something.
  if (/[[\]\\^-]/.test(from)) throw new Error('search fold: a fold table entry is special in a bracket');
  return `CREATE OR REPLACE FUNCTION vigil_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
    AS $fold$ SELECT CASE WHEN t ~ '[${marks}${from}]'
      THEN translate(regexp_replace(t, '[${marks}]', '', 'g'), '${from}', '${to}') ELSE t END $fold$`;
}

/**
 * What the foreign key from items to sources guaranteed, checked once per statement instead of
 * once per row. The key ran a query per new item (about 0.3 s of the database's CPU per 100,000
 * messages, an eighth of a fresh ingest's COPY); a statement trigger looks at the statement's
 * new rows together (about 0.1 s). What it keeps:
 * - An item is stored only with a source that exists: any INSERT or COPY into items is checked
 *   after the statement, and an UPDATE that changes an item's source row by row.
 * - The sources of new items are locked as the key locked them (FOR KEY SHARE), so a source
 *   cannot be deleted while an uncommitted item refers to it.
 * - A source that items refer to cannot be deleted, renumbered or truncated away. The check runs
 *   after the row is deleted (after any wait for a writer's lock), and so sees the items of a
 *   writer that committed meanwhile. A snapshot held for the whole transaction would not see
 *   them: deleting or renumbering a source is refused outside READ COMMITTED.
 * Violations are SQLSTATE 23503, as the key's were. Vigil itself never deletes or renumbers a
 * source. The functions keep the schema they were created in, whatever the caller's search_path.
 */
const ITEM_SOURCE_CHECKS = [
  `CREATE OR REPLACE FUNCTION vigil_item_sources_exist() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $f$
    BEGIN
      PERFORM 1 FROM sources WHERE id IN (SELECT DISTINCT source_id FROM new_items) FOR KEY SHARE;
      IF EXISTS (SELECT 1 FROM (SELECT DISTINCT source_id FROM new_items) AS n
                 WHERE NOT EXISTS (SELECT 1 FROM sources AS s WHERE s.id = n.source_id)) THEN
        RAISE foreign_key_violation USING MESSAGE = 'items: an item''s source is not in sources',
          TABLE = 'items', COLUMN = 'source_id';
      END IF;
      RETURN NULL;
    END $f$`,
  `CREATE OR REPLACE FUNCTION vigil_item_source_exists() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $f$
    BEGIN
      PERFORM 1 FROM sources WHERE id = NEW.source_id FOR KEY SHARE;
      IF NOT FOUND THEN
        RAISE foreign_key_violation USING MESSAGE = 'items: an item''s source is not in sources',
          TABLE = 'items', COLUMN = 'source_id';
      END IF;
      RETURN NULL;
    END $f$`,
  `CREATE OR REPLACE FUNCTION vigil_source_unused() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $f$
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        IF EXISTS (SELECT 1 FROM items) THEN
          RAISE foreign_key_violation USING MESSAGE = 'sources: items refer to these sources',
            TABLE = 'sources';
        END IF;
        RETURN NULL;
      END IF;
      IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE feature_not_supported USING
          MESSAGE = 'sources: delete or renumber a source in a READ COMMITTED transaction';
      END IF;
      IF EXISTS (SELECT 1 FROM items WHERE source_id = OLD.id) THEN
        RAISE foreign_key_violation USING MESSAGE = 'sources: items refer to this source',
          TABLE = 'sources', COLUMN = 'id';
      END IF;
      RETURN NULL;
    END $f$`,
  'ALTER TABLE items DROP CONSTRAINT IF EXISTS items_source_id_fkey',
  `CREATE TRIGGER items_sources_exist_insert AFTER INSERT ON items
    REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION vigil_item_sources_exist()`,
  `CREATE TRIGGER items_source_exists_update AFTER UPDATE OF source_id ON items
    FOR EACH ROW WHEN (OLD.source_id IS DISTINCT FROM NEW.source_id)
    EXECUTE FUNCTION vigil_item_source_exists()`,
  `CREATE TRIGGER sources_unused_delete AFTER DELETE ON sources
    FOR EACH ROW EXECUTE FUNCTION vigil_source_unused()`,
  `CREATE TRIGGER sources_unused_update AFTER UPDATE OF id ON sources
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION vigil_source_unused()`,
  `CREATE TRIGGER sources_unused_truncate BEFORE TRUNCATE ON sources
    FOR EACH STATEMENT EXECUTE FUNCTION vigil_source_unused()`,
];

/**
 * PostgreSQL: a GIN index on the 'simple' text-search configuration, which lower-cases and splits
 * words without language-specific stemming, so it serves every script alike.
 */
/** An arbitrary constant naming the audit trail's advisory lock. */
const AUDIT_LOCK_KEY = 7_360_112;
/** Another, naming the lock held while the schema is migrated. */
const MIGRATION_LOCK_KEY = 7_360_113;

/** Whether an item's folded text holds every term: what the GIN index over the same expression serves. */
function matches(terms: readonly string[]) {
  return sql<boolean>`to_tsvector('simple', vigil_fold(items.text)) @@ plainto_tsquery('simple', ${terms.join(' ')})`;
}

export const postgresProfile: DialectProfile = {
  name: 'postgres',
  autoIdType: 'bigserial',
  maxParameters: 65_000,
  async lockAuditTrail(trx) {
    // A transaction-level advisory lock: released at commit or rollback, shared by every host.
    await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  },
  withMigrationLock(db, fn) {
    // A session-level lock on one connection, released even if a migration fails.
    return db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
      try {
        return await fn(conn);
      } finally {
        await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
      }
    });
  },
  async createFullTextIndex(db: Kysely<Database>) {
    await sql`CREATE INDEX items_text_fts ON items USING GIN (to_tsvector('simple', text))`.execute(db);
  },
  async foldFullTextIndex(db: Kysely<Database>) {
    await sql.raw(postgresFoldFunction()).execute(db);
    await sql`DROP INDEX IF EXISTS items_text_fts`.execute(db);
    await sql`CREATE INDEX items_text_fts ON items USING GIN (to_tsvector('simple', vigil_fold(text)))`.execute(
      db,
    );
  },
  async redefineSearchFold(db: Kysely<Database>) {
    // The same result for every text, so the index built through the old definition stays valid.
    await sql.raw(postgresFoldFunction()).execute(db);
    // Other sessions keep the index's expression as they expanded it when they first read it;
    // while the query's expression expands differently, their searches would not use the index.
    // Setting an option (to the value it has) makes them read the index afresh.
    await sql`ALTER INDEX IF EXISTS items_text_fts SET (fastupdate = on)`.execute(db);
  },
  async checkItemSourcesPerStatement(db: Kysely<Database>) {
    for (const statement of ITEM_SOURCE_CHECKS) await sql.raw(statement).execute(db);
  },
  unindexed: (column) => sql.ref(column),
  async fullTextIds(db, text, limit) {
    const terms = searchTerms(text);
    if (terms.length === 0) return [];
    const rows = await db
      .selectFrom('items')
      .select('id')
      .where(matches(terms))
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.id));
  },
  async fullTextCount(db, text, limit) {
    const terms = searchTerms(text);
    if (terms.length === 0) return 0;
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM (SELECT 1 FROM items
      WHERE ${matches(terms)} LIMIT ${limit + 1}) AS m`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
};
