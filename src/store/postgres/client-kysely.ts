import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import type { PoolClient } from 'pg';
import type { Database } from '../schema.js';

/**
 * A Kysely that runs every query on one client already taken from the pool, so that a
 * transaction begun through it and a COPY sent on the client itself (copy-rows.ts) are one
 * transaction on one connection. The caller releases the client; Kysely never does.
 */
export function kyselyOnClient(client: PoolClient): Kysely<Database> {
  const borrowed = {
    query: client.query.bind(client),
    release: () => {},
  } as unknown as PostgresPoolClient;
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => borrowed, end: async () => {} } }),
  });
}
