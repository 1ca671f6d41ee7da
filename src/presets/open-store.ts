import { dirname, join, resolve } from 'node:path';
import { VigilError } from '../domain/index.js';
import { AUDIT_KEY_FILE, auditSettings } from '../store/audit/audit-settings.js';
import type { Store } from '../store/store.js';

/** The default embedded store location, relative to the working directory. */
export const DEFAULT_DB = './vigil-data/vigil.db';

const isPostgres = (location: string) => /^postgres(ql)?:\/\//.test(location);

/**
 * Where a store keeps its files outside the database (audit key, checkpoints): beside a SQLite
 * file, `VIGIL_DATA_DIR` (default ./vigil-data) for PostgreSQL, none for an in-memory store.
 */
function dataDir(location: string, env: NodeJS.ProcessEnv): string | null {
  if (location === ':memory:') return null;
  return isPostgres(location) ? resolve(env.VIGIL_DATA_DIR ?? 'vigil-data') : dirname(resolve(location));
}

/** The data folder of the store VIGIL_DB names, or null for an in-memory store. */
export function storeDataDir(
  location: string = process.env.VIGIL_DB ?? DEFAULT_DB,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  return dataDir(location, env);
}

/** The audit key file of the store VIGIL_DB names, or null when its key is not kept in a file. */
export function auditKeyFile(
  location: string = process.env.VIGIL_DB ?? DEFAULT_DB,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const dir = dataDir(location, env);
  return dir === null ? null : join(dir, AUDIT_KEY_FILE);
}

/** Opens the store VIGIL_DB names: a `postgres://` URL or a SQLite file path. */
export async function openStore(
  location: string = process.env.VIGIL_DB ?? DEFAULT_DB,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Store> {
  // Read only once the store's requirements are met: loading the keyring may create a key file.
  const audit = () => auditSettings(dataDir(location, env), env);
  if (isPostgres(location)) {
    // Every host writing to a shared store must sign the audit trail with the same key, so it
    // cannot come from a file one host created.
    if (!env.VIGIL_AUDIT_KEY)
      throw new VigilError(
        'BAD_CONFIG',
        'VIGIL_AUDIT_KEY must be set when the store is PostgreSQL (every host writing the audit trail needs the same key)',
      );
    const { openPostgresStore } = await import('../store/postgres/postgres-store.js');
    // `?schema=name` keeps deployments (and test runs) sharing one database apart.
    const url = new URL(location);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return openPostgresStore(url.toString(), {
      ...(schema ? { schema } : {}),
      audit: audit(),
    });
  }
  const { openSqliteStore } = await import('../store/sqlite/sqlite-store.js');
  return openSqliteStore(location === ':memory:' ? location : resolve(location), { audit: audit() });
}
