import type { Database as SqliteDatabase } from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { type DialectProfile, searchFold, searchTerms } from '../dialect-profile.js';
import type { Database } from '../schema.js';

/** The SQL function full-text indexing calls to fold text as search queries are folded. */
export const SEARCH_FOLD_FUNCTION = 'vigil_fold';

/**
 * Registers `vigil_fold(text)` on a connection; every connection that writes items needs it,
 * before migrations run (0012 rebuilds the index through it).
 */
export function registerSearchFold(sqlite: SqliteDatabase): void {
  sqlite.function(SEARCH_FOLD_FUNCTION, { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? searchFold(text) : text,
  );
}

/** Each term is quoted, so FTS5 operators in user input are searched for as words. */
function ftsMatch(text: string): string {
  return searchTerms(text)
    .map((t) => `"${t.replaceAll('"', '""')}"`)
    .join(' ');
}

/**
 * SQLite: FTS5 over items.text. New rows are indexed in bulk by the ingest path (SqliteItemStore);
 * deletes are kept in step by a trigger. Since migration 0012 the index is contentless (with
 * deletes) and holds the folded text (`vigil_fold`), so removing a row needs only its id.
 */
export const sqliteProfile: DialectProfile = {
  name: 'sqlite',
  autoIdType: 'integer',
  maxParameters: 32_000,
  // BEGIN IMMEDIATE (ImmediateSqliteDialect) already admits one writer at a time.
  async lockAuditTrail() {},
  // Migrations run in one BEGIN IMMEDIATE transaction, which already excludes other writers.
  withMigrationLock: (db, fn) => fn(db),
  async createFullTextIndex(db: Kysely<Database>) {
    // unicode61 splits on Unicode letter/number classes, so Arabic and Cyrillic words index too.
    await sql`CREATE VIRTUAL TABLE items_fts USING fts5(text, content='items', content_rowid='id',
      tokenize="unicode61 remove_diacritics 2")`.execute(db);
    await sql`CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
      INSERT INTO items_fts(items_fts, rowid, text) VALUES ('delete', old.id, old.text); END`.execute(db);
  },
  async foldFullTextIndex(db: Kysely<Database>) {
    await sql`DROP TRIGGER IF EXISTS items_fts_delete`.execute(db);
    await sql`DROP TABLE IF EXISTS items_fts`.execute(db);
    await sql`CREATE VIRTUAL TABLE items_fts USING fts5(text, content='', contentless_delete=1,
      tokenize="unicode61 remove_diacritics 2")`.execute(db);
    await sql`CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
      DELETE FROM items_fts WHERE rowid = old.id; END`.execute(db);
    await sql`INSERT INTO items_fts (rowid, text) SELECT id, vigil_fold(text) FROM items`.execute(db);
  },
  async redefineSearchFold() {
    // The fold is Vigil's own function, registered on each connection (registerSearchFold).
  },
  async checkItemSourcesPerStatement() {
    // SQLite checks the foreign key in the same process, cheaply: it stays.
  },
  // SQLite's unary plus disqualifies a term from index use.
  unindexed: (column) => sql.raw(`+${column}`),
  async fullTextIds(db, text, limit) {
    const match = ftsMatch(text);
    if (match === '') return [];
    // FTS5 walks its doclists from the newest rowid and stops at the limit, so common words stay cheap.
    const rows = await sql<{
      id: number;
    }>`SELECT rowid AS id FROM items_fts WHERE items_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${limit}`.execute(
      db,
    );
    return rows.rows.map((r) => Number(r.id));
  },
  async fullTextCount(db, text, limit) {
    const match = ftsMatch(text);
    if (match === '') return 0;
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM
      (SELECT rowid FROM items_fts WHERE items_fts MATCH ${match} LIMIT ${limit + 1})`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },
};
