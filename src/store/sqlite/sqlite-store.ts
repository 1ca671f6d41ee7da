import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely } from 'kysely';
import { auditSettings } from '../audit/audit-settings.js';
import type { AuditSettings } from '../audit/audit-store.js';
import { KyselyItemBrowser } from '../item-browser.js';
import { KyselyLiveSourceStore } from '../live-source-repository.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { stageStores } from '../stage-repositories.js';
import type { OpenedStore } from '../store.js';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';
import { registerSearchFold, sqliteProfile } from './sqlite-dialect-profile.js';
import { SqliteItemStore } from './sqlite-item-store.js';

/** Opens (creating if needed) the embedded SQLite store at `file`, or in memory for ':memory:'. */
export async function openSqliteStore(
  file: string,
  options: { audit?: AuditSettings } = {},
): Promise<OpenedStore> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers (the UI) run while ingest writes; NORMAL sync is durable at checkpoint in WAL.
  // Set first: switching a new file to WAL needs the lock another process may hold.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  registerSearchFold(sqlite);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  await migrateToLatest(db, sqliteProfile);
  const stages = stageStores(
    db,
    sqliteProfile,
    options.audit ?? auditSettings(file === ':memory:' ? null : dirname(file)),
  );
  await stages.audit.sealUnkeyed();
  return {
    dialect: 'sqlite',
    items: new SqliteItemStore(db, sqlite),
    ...stages,
    browse: new KyselyItemBrowser(db, sqliteProfile),
    liveSources: new KyselyLiveSourceStore(db),
    db,
    close: async () => {
      await stages.audit.flush();
      await db.destroy();
    },
  };
}
