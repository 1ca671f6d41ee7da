import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type JetStreamConnection, openJetStream } from '../../src/pipeline/jetstream/connection.js';
import { type NatsSettings, natsSettings } from '../../src/pipeline/jetstream/settings.js';
import { type NatsCluster, startNats } from './nats.js';
import { dropSchema, TEST_PG_URL, uniqueSchema } from './postgres.js';

/** A scaled deployment for one test file: its own NATS servers, stream and PostgreSQL schema. */
export interface ScaledFixture {
  nats: NatsCluster;
  /** The environment a `vigil` process needs to join it. */
  env: Record<string, string>;
  conn: JetStreamConnection;
  /** A client on the fixture's schema, for checking what the workers wrote. */
  db: pg.Client;
  stop(): Promise<void>;
}

export async function startScaled(
  nodes: number,
  settings: Record<string, string> = {},
): Promise<ScaledFixture> {
  const nats = await startNats(nodes);
  const schema = uniqueSchema();
  const env = {
    VIGIL_NATS_URL: nats.url,
    VIGIL_NATS_STREAM: `T${randomBytes(4).toString('hex')}`,
    VIGIL_DB: `${TEST_PG_URL}?schema=${schema}`,
    VIGIL_AUDIT_KEY: 'test-audit-key-0123456789abcdef0123',
    VIGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigil-data-')),
    ...settings,
  };
  const conn = await openJetStream(natsSettings(env) as NatsSettings);
  const db = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` });
  await db.connect();
  return {
    nats,
    env,
    conn,
    db,
    async stop() {
      await conn.close();
      await db.end();
      await nats.stop();
      await dropSchema(schema);
    },
  };
}
