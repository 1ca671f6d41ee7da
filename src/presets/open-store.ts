import { resolve } from 'node:path';
import type { Store } from '../store/store.js';

/** The default embedded store location, relative to the working directory. */
export const DEFAULT_DB = './vigil-data/vigil.db';

/** Opens the store VIGIL_DB names: a `postgres://` URL or a SQLite file path. */
export async function openStore(location: string = process.env.VIGIL_DB ?? DEFAULT_DB): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { openPostgresStore } = await import('../store/postgres/postgres-store.js');
    return openPostgresStore(location);
  }
  const { openSqliteStore } = await import('../store/sqlite/sqlite-store.js');
  return openSqliteStore(location === ':memory:' ? location : resolve(location));
}
