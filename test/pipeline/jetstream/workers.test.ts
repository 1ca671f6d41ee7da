import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JetStreamConnection } from '../../../src/pipeline/jetstream/connection.js';
import { listDeadLetters } from '../../../src/pipeline/jetstream/dead-letters.js';
import { encodeIds } from '../../../src/pipeline/jetstream/payload.js';
import { publishRaw } from '../../../src/pipeline/jetstream/publish.js';
import { pipelineStatus } from '../../../src/pipeline/jetstream/status.js';
import { stageSubject } from '../../../src/pipeline/jetstream/topology.js';
import { exited, runCli, spawnCli } from '../../helpers/cli.js';
import { natsServerAvailable } from '../../helpers/nats.js';
import { postgresAvailable } from '../../helpers/postgres.js';
import { type ScaledFixture, startScaled } from '../../helpers/scaled.js';
import { writeSyntheticPosts } from '../../helpers/synthetic-posts.js';
import { waitFor } from '../../helpers/wait.js';

const available = (await postgresAvailable()) && natsServerAvailable();
const MESSAGES = 100_000;

describe.skipIf(!available)('JetStream workers over PostgreSQL', () => {
  let scaled: ScaledFixture;
  let env: Record<string, string>;
  let conn: JetStreamConnection;
  let db: pg.Client;

  beforeAll(async () => {
    scaled = await startScaled(1, { VIGIL_NATS_MAX_DELIVER: '2', VIGIL_NATS_ACK_WAIT: '4s' });
    ({ env, conn, db } = scaled);
  });

  // Workers still running when an expectation fails would outlive the test run.
  const workers: ReturnType<typeof spawnCli>[] = [];
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await scaled?.stop();
  });

  const count = async (sql: string) => Number((await db.query(sql)).rows[0].n);

  it('analyses 100,000 messages exactly once with two workers, one killed and restarted; poison goes to the dead-letter subject', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-posts-')), 'posts.jsonl');
    await writeSyntheticPosts(file, MESSAGES);
    const ingest = await runCli(['ingest', file, '--json'], env, 240_000);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(JSON.parse(ingest.stdout).new).toBe(MESSAGES);

    // Published straight to the stream, as a faulty producer would.
    const poison = [
      new TextEncoder().encode('not json at all'),
      new TextEncoder().encode('{"ids":"everything"}'),
      encodeIds([999_999_901, 999_999_902]),
    ];
    for (const p of poison) await publishRaw(conn, stageSubject(conn.settings.stream, 'analyze'), p);

    const worker = () => {
      const w = spawnCli(['worker', '--stage', 'analyze', '--quiet'], env);
      workers.push(w);
      return w;
    };
    let first = worker();
    const second = worker();
    await waitFor(
      async () => (await count('SELECT count(*) AS n FROM analyses')) >= 20_000,
      240_000,
      'analyses',
    );
    first.kill('SIGKILL');
    await exited(first);
    first = worker();

    await waitFor(
      async () => {
        const analyze = (await pipelineStatus(conn)).stages.find((s) => s.stage === 'analyze');
        return analyze?.pending === 0 && analyze.in_flight === 0;
      },
      300_000,
      'the analyse stage to drain',
      1_000,
    );
    expect(await count('SELECT count(*) AS n FROM analyses')).toBe(MESSAGES);
    const versions = await db.query(
      'SELECT model, count(*) AS n, count(DISTINCT item_id) AS items FROM analysis_versions GROUP BY model',
    );
    expect(versions.rows).toHaveLength(1);
    expect(Number(versions.rows[0].n)).toBe(MESSAGES);
    expect(Number(versions.rows[0].items)).toBe(MESSAGES);

    const letters = await listDeadLetters(conn, 'analyze');
    const payloads = letters.map((l) => l.bytes).sort();
    expect(letters).toHaveLength(poison.length);
    expect(payloads).toEqual(poison.map((p) => p.length).sort());
    expect(letters.find((l) => l.ids?.includes(999_999_901))?.error).toMatch(/unknown item ids/);
    expect(letters.filter((l) => l.ids === null)).toHaveLength(2);

    // Graceful drain: SIGTERM ends both workers cleanly.
    first.kill('SIGTERM');
    second.kill('SIGTERM');
    expect(await exited(first)).toBe(0);
    expect(await exited(second)).toBe(0);
    expect(second.log()).toMatch(/stopped after \d+ items/);
  }, 600_000);
});
