import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { auditSettings } from '../audit/audit-settings.js';
import type { AuditSettings } from '../audit/audit-store.js';
import { KyselyItemBrowser } from '../item-browser.js';
import { KyselyLiveSourceStore } from '../live-source-repository.js';
import { migrateToLatest } from '../migrate.js';
import type { Database } from '../schema.js';
import { stageStores } from '../stage-repositories.js';
import type { OpenedStore } from '../store.js';
import { postgresProfile } from './postgres-dialect-profile.js';
import { PostgresItemStore } from './postgres-item-store.js';

// BIGINT and BIGSERIAL arrive as strings by default; Vigil's ids fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface PostgresOptions {
  /** Schema to use (created if missing); lets test runs and tenants keep apart in one database. */
  schema?: string;
  /** The audit key and checkpoint log (default: from the environment, else a per-process key). */
  audit?: AuditSettings;
}

/** Opens the PostgreSQL store at `url` and migrates it. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<OpenedStore> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`postgres store: invalid schema name ${JSON.stringify(schema)}`);
  }
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((e: { code?: string }) => {
        // Two processes creating it at once: the loser sees a unique violation; the schema exists.
        if (e.code !== '23505' && e.code !== '42P06') throw e;
      });
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, postgresProfile, schema);
  const stages = stageStores(db, postgresProfile, options.audit ?? auditSettings(null));
  await stages.audit.sealUnkeyed();
  return {
    dialect: 'postgres',
    items: new PostgresItemStore(db, pool),
    ...stages,
    browse: new KyselyItemBrowser(db, postgresProfile),
    liveSources: new KyselyLiveSourceStore(db),
    db,
    close: async () => {
      await stages.audit.flush();
      await db.destroy();
    },
  };
}
