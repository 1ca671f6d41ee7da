/**
 * Scale-out throughput of the analyse stage: the same queued work drained by one and by two
 * `vigil worker --stage analyze` processes over PostgreSQL and a JetStream server the bench starts
 * on a free loopback port. Same batch and ack settings for both runs; prints items/s, the speed-up
 * and the workers' CPU use.
 *
 *   npm run bench:scale                       # 50,000 messages
 *   npm run bench:scale -- --messages 20000 --batch 200
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '50000' },
    batch: { type: 'string', default: '20' },
    'pg-url': {
      type: 'string',
      default: process.env.VIGIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});
const MESSAGES = Number(values.messages);
const BATCH = values.batch as string;
const PG = values['pg-url'] as string;
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

async function writePosts(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const texts = [
    'Market day in Eastbrook: bread prices steady, the bakery on Mill Lane opens late.',
    'They attacked our town again. Now we strike back at every mosque in Eastbrook.',
    'Community notice: the library in Westford hosts a reading group on Thursday.',
    'Council agreed new bus times for the Harbour district after a long debate.',
  ];
  for (let i = 0; i < n; i++) {
    const line = `${JSON.stringify({ id: `s${i}`, text: `${texts[i % texts.length]} (${i})`, posted_at: new Date(1.77e12 + i * 1000).toISOString(), source: 'bench' })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function run(workers: number, natsUrl: string, file: string) {
  const schema = `vigil_scale_${randomBytes(4).toString('hex')}`;
  const stream = `SCALE${randomBytes(3).toString('hex')}`;
  const env = {
    ...process.env,
    VIGIL_DB: `${PG}?schema=${schema}`,
    VIGIL_NATS_URL: natsUrl,
    VIGIL_NATS_STREAM: stream,
    VIGIL_AUDIT_KEY: process.env.VIGIL_AUDIT_KEY ?? 'bench-audit-key-0123456789abcdef',
    VIGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigil-scale-data-')),
  };
  const ingest = spawnSync(process.execPath, [CLI, 'ingest', file, '--json'], { env, encoding: 'utf8' });
  if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const ports = await Promise.all(Array.from({ length: workers }, () => freePort()));
  const procs: ChildProcess[] = ports.map((port) =>
    spawn(
      process.execPath,
      [CLI, 'worker', '--stage', 'analyze', '--quiet', '--batch', BATCH, '--health-port', String(port)],
      {
        env,
        stdio: 'ignore',
      },
    ),
  );
  // Timed from when every worker has loaded its model and can take work.
  for (const port of ports) {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const cpuStart = procs.map((p) => cpuSeconds(p.pid ?? 0));
  const started = performance.now();
  for (;;) {
    const c = await jsm.consumers.info(stream, 'vigil-analyze');
    if (c.num_pending === 0 && c.num_ack_pending === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = procs.reduce((sum, p, i) => sum + cpuSeconds(p.pid ?? 0) - (cpuStart[i] ?? 0), 0);
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => once(p, 'exit')));
  await jsm.streams.delete(stream);
  await nc.close();
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  const analysed = Number((await admin.query(`SELECT count(*) AS n FROM ${schema}.analyses`)).rows[0].n);
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
  return {
    workers,
    analysed,
    seconds: Number(seconds.toFixed(2)),
    items_per_second: Math.round(analysed / seconds),
    worker_cpu_seconds: Number(cpu.toFixed(1)),
    cpu_use: Number((cpu / seconds).toFixed(2)),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-scale-'));
const port = await freePort();
const nats = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(dir, 'js')], {
  stdio: 'ignore',
});
try {
  await new Promise((r) => setTimeout(r, 500));
  const file = join(dir, 'posts.jsonl');
  await writePosts(file, MESSAGES);
  const one = await run(1, `nats://127.0.0.1:${port}`, file);
  console.log(JSON.stringify({ bench: 'scale', batch: Number(BATCH), ...one }));
  const two = await run(2, `nats://127.0.0.1:${port}`, file);
  console.log(JSON.stringify({ bench: 'scale', batch: Number(BATCH), ...two }));
  console.log(
    JSON.stringify({
      bench: 'scale',
      speedup_2_over_1: Number((two.items_per_second / one.items_per_second).toFixed(2)),
    }),
  );
} finally {
  nats.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
