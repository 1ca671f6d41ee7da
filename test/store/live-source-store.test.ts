import { describe, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { dropSchema, postgresAvailable, TEST_PG_URL, uniqueSchema } from '../helpers/postgres.js';
import { liveSourceStoreContract } from './live-source-store.contract.js';

liveSourceStoreContract(
  'sqlite',
  () => openSqliteStore(':memory:'),
  (s) => s.close(),
);

if (await postgresAvailable()) {
  const schemas = new WeakMap<Store, string>();
  liveSourceStoreContract(
    'postgres',
    async () => {
      const schema = uniqueSchema();
      const store = await openPostgresStore(TEST_PG_URL, { schema });
      schemas.set(store, schema);
      return store;
    },
    async (store) => {
      await store.close();
      await dropSchema(schemas.get(store) ?? '');
    },
  );
} else {
  describe('LiveSourceStore contract: postgres', () => {
    it.skip(`skipped: no PostgreSQL at ${TEST_PG_URL} (set VIGIL_TEST_PG; required when CI=true)`, () => {});
  });
}
