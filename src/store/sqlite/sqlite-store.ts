import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { stageStores } from '../stage-repositories.js';
import type { Store } from '../store.js';
import { sqliteProfile } from './sqlite-dialect-profile.js';
import { SqliteItemStore } from './sqlite-item-store.js';

/** Opens (creating if needed) the embedded SQLite store at `file`, or in memory for ':memory:'. */
export async function openSqliteStore(file: string): Promise<Store> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers (the UI) run while ingest writes; NORMAL sync is durable at checkpoint in WAL.
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db, sqliteProfile);
  return {
    dialect: 'sqlite',
    items: new SqliteItemStore(db, sqlite),
    ...stageStores(db, sqliteProfile),
    db,
    profile: sqliteProfile,
    close: () => db.destroy(),
  };
}
