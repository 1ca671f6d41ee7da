import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JetStreamConnection } from '../../../src/pipeline/jetstream/connection.js';
import { pipelineStatus } from '../../../src/pipeline/jetstream/status.js';
import { exited, runCli, spawnCli } from '../../helpers/cli.js';
import { natsServerAvailable } from '../../helpers/nats.js';
import { postgresAvailable } from '../../helpers/postgres.js';
import { type ScaledFixture, startScaled } from '../../helpers/scaled.js';
import { writeSyntheticPosts } from '../../helpers/synthetic-posts.js';
import { waitFor } from '../../helpers/wait.js';

const available = (await postgresAvailable()) && natsServerAvailable();

describe.skipIf(!available)('a three-node JetStream cluster', () => {
  let scaled: ScaledFixture;
  let env: Record<string, string>;
  let conn: JetStreamConnection;
  let db: pg.Client;

  beforeAll(async () => {
    // The cluster elects its JetStream leader after start; the connection waits for it.
    scaled = await startScaled(3, { VIGIL_NATS_REPLICAS: '3', VIGIL_NATS_ACK_WAIT: '5s' });
    ({ env, conn, db } = scaled);
  }, 60_000);

  afterAll(async () => {
    await scaled?.stop();
  });

  const analysed = async () => Number((await db.query('SELECT count(*) AS n FROM analyses')).rows[0].n);

  it('keeps running and loses nothing when the stream leader is killed (R3 stream)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-posts-'));
    const before = join(dir, 'before.jsonl');
    const after = join(dir, 'after.jsonl');
    await writeSyntheticPosts(before, 6_000, 'channel before');
    await writeSyntheticPosts(after, 2_000, 'channel after');
    const first = await runCli(['ingest', before, '--json'], env, 120_000);
    expect(first.code, first.stderr).toBe(0);

    const info = await conn.jsm.streams.info(conn.settings.stream);
    expect(info.config.num_replicas).toBe(3);
    const worker = spawnCli(['worker', '--stage', 'analyze', '--quiet', '--batch', '5'], env);
    try {
      await waitFor(async () => (await analysed()) >= 1_000, 120_000, 'the first analyses');
      const leader = (await conn.jsm.streams.info(conn.settings.stream)).cluster?.leader;
      const node = scaled.nats.nodes.find((n) => n.name === leader);
      expect(node, `stream leader ${leader}`).toBeDefined();
      node?.kill('SIGKILL');

      // Work published after the leader died reaches the workers too.
      const second = await waitFor(
        async () => {
          const r = await runCli(['ingest', after, '--json'], env, 120_000);
          return r.code === 0 ? r : null;
        },
        60_000,
        'ingest against the surviving nodes',
        1_000,
      );
      expect(JSON.parse(second.stdout).new).toBe(2_000);

      await waitFor(async () => (await analysed()) === 8_000, 240_000, 'every item analysed', 1_000);
      await waitFor(
        async () => {
          const s = (await pipelineStatus(conn)).stages.find((x) => x.stage === 'analyze');
          return s?.pending === 0 && s.in_flight === 0;
        },
        60_000,
        'the analyse stage to drain',
        1_000,
      );
      const versions = await db.query(
        'SELECT count(*) AS n, count(DISTINCT item_id) AS items FROM analysis_versions',
      );
      expect(Number(versions.rows[0].n)).toBe(8_000);
      expect(Number(versions.rows[0].items)).toBe(8_000);
      const match = (await pipelineStatus(conn)).stages.find((x) => x.stage === 'match');
      // Every analysed item was handed on: the match stage holds at least one id per 100 items.
      expect((match?.pending ?? 0) + (match?.in_flight ?? 0)).toBeGreaterThanOrEqual(80);
    } finally {
      worker.kill('SIGTERM');
      await exited(worker);
    }
  }, 420_000);
});
