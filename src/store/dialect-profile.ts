import type { Kysely, RawBuilder } from 'kysely';
import { foldArabic } from '../analyze/text/01-scripts.js';
import type { Database } from './schema.js';

/**
 * What differs between the databases Vigil runs on, in one place. Shared repository code asks the
 * profile; nothing else checks which database it is talking to.
 */
export interface DialectProfile {
  readonly name: 'sqlite' | 'postgres';
  /** Column type of auto-generated integer keys. */
  readonly autoIdType: 'integer' | 'bigserial';
  /** Most bind parameters one statement may carry. */
  readonly maxParameters: number;
  /**
   * Makes the calling transaction the only one appending to the audit trail until it ends, across
   * processes and hosts. (SQLite transactions already hold the write lock from BEGIN IMMEDIATE.)
   */
  lockAuditTrail(trx: Kysely<Database>): Promise<void>;
  /**
   * Runs `fn` while holding a lock that keeps other processes from migrating the same store at
   * once (workers starting together on a new database), with the Kysely instance to migrate through.
   */
  withMigrationLock<T>(db: Kysely<Database>, fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Creates the full-text index over `items.text` (run once, inside the migration). */
  createFullTextIndex(db: Kysely<Database>): Promise<void>;
  /**
   * Replaces that index by one over the text as `searchFold` folds it (migration 0012), so a word
   * searched without Arabic diacritics or tatweel finds it written with them.
   */
  foldFullTextIndex(db: Kysely<Database>): Promise<void>;
  /**
   * Re-creates the fold that index is built through where the database holds it as a function
   * (migrations 0015 and 0016: faster definitions with the same result for every text).
   */
  redefineSearchFold(db: Kysely<Database>): Promise<void>;
  /**
   * Makes sure every item's source exists some cheaper way than a foreign key checked row by row,
   * where the database offers one (migration 0017); elsewhere the foreign key stays.
   */
  checkItemSourcesPerStatement(db: Kysely<Database>): Promise<void>;
  /**
   * A column reference the planner will not serve from an index, for filters that are better
   * checked while walking another index (newest-first order) than used to drive the query.
   * `column` is always a constant of Vigil's own code.
   */
  unindexed(column: string): RawBuilder<unknown>;
  /** Ids of items matching a free-text query, most recently stored first, at most `limit`. */
  fullTextIds(db: Kysely<Database>, text: string, limit: number): Promise<number[]>;
  /**
   * How many items match a free-text query, counting no further than `limit + 1`, so a very common
   * word costs no more than `limit` matches (a result above `limit` means "more than `limit`").
   */
  fullTextCount(db: Kysely<Database>, text: string, limit: number): Promise<number>;
}

/**
 * What full-text search indexes and queries: the text with the detector's Arabic folds (tashkeel
 * and tatweel dropped, alef, ya and ta marbuta variants, Persian letters and digits folded). Both
 * databases apply this same fold: SQLite through a function Vigil registers, PostgreSQL through
 * `vigil_fold`, generated from the same tables (`postgresFoldFunction`).
 */
export const searchFold = foldArabic;

/** Turns free text into whole-word terms; operators are never passed through to the database. */
export function searchTerms(text: string): string[] {
  return searchFold(text.normalize('NFKC'))
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 16);
}
