import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { OpenedStore } from '../../src/store/store.js';

export const TEST_PG_URL = process.env.VIGIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers; under CI it must, so a missing server fails instead of skipping. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`PostgreSQL tests are required under CI but ${TEST_PG_URL} is unreachable: ${error}`);
    }
    return false;
  }
}

/** A fresh schema name per test run, so runs never see each other's rows. */
export function uniqueSchema(): string {
  return `vigil_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A store in a schema of its own for the enclosing `describe`, opened before its tests and dropped
 * after them; call the returned function inside a test for the store.
 */
export function temporaryPostgresStore(): () => OpenedStore {
  let store: OpenedStore | undefined;
  let schema = '';
  beforeAll(async () => {
    schema = uniqueSchema();
    store = await openPostgresStore(TEST_PG_URL, { schema });
  });
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });
  return () => {
    if (!store) throw new Error('temporaryPostgresStore: the store is opened in beforeAll');
    return store;
  };
}
