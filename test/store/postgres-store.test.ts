import { describe, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { dropSchema, postgresAvailable, TEST_PG_URL, uniqueSchema } from '../helpers/postgres.js';
import { itemStoreContract } from './item-store.contract.js';
import { searchContract } from './search.contract.js';
import { stageStoreContract } from './stage-store.contract.js';

const available = await postgresAvailable();

if (available) {
  const schemas = new WeakMap<Store, string>();
  const open = async () => {
    const schema = uniqueSchema();
    const store = await openPostgresStore(TEST_PG_URL, { schema });
    schemas.set(store, schema);
    return store;
  };
  const dispose = async (store: Store) => {
    await store.close();
    await dropSchema(schemas.get(store) ?? '');
  };
  itemStoreContract('postgres', open, dispose);
  stageStoreContract('postgres', open, dispose);
  searchContract('postgres', open, dispose);
} else {
  describe('ItemStore contract: postgres', () => {
    it.skip(`skipped: no PostgreSQL at ${TEST_PG_URL} (set VIGIL_TEST_PG; required when CI=true)`, () => {});
  });
}
