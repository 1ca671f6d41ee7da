/**
 * Ingest throughput and memory, measured on the real CLI as a user runs it: generates a synthetic
 * Telegram export, runs `vigil ingest --json` (built, in a child process) against a fresh store,
 * and prints messages/s and the child's peak RSS (VmHWM). On PostgreSQL it then ingests the same
 * export again (all duplicates), and for both runs prints the CPU seconds of the CLI and of the
 * PostgreSQL backends serving it (read from /proc when the server runs on this machine, else
 * null): on a shared machine the wall-clock rate depends on the other load, the CPU split does not.
 * Each line also carries the machine's one-minute load average when the run began, so a figure
 * taken while other work ran says so.
 *
 *   npm run bench:ingest                      # 1M messages into SQLite, 100k into PostgreSQL
 *   npm run bench:ingest -- --sqlite 200000 --postgres 0
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeSyntheticExport } from './telegram-export-generator.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string', default: '1000000' },
    postgres: { type: 'string', default: '100000' },
    'pg-url': {
      type: 'string',
      default: process.env.VIGIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
  },
});

/** Peak resident set of a running process, from Linux's /proc; 0 where unavailable. */
function peakRssBytes(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user and system) a running process has used, from Linux's /proc; null if unreadable. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The name the CLI's connections carry, so the bench finds the backends serving it. */
const APP_NAME = `vigil-bench-${process.pid}`;

interface IngestRun {
  seconds: number;
  /** The one-minute load average as the run began (0 where the platform has none). */
  loadAverage: number;
  peakRss: number;
  cliCpu: number | null;
  postgresCpu: number | null;
  summary: { read: number; new: number; duplicates: number; errors: unknown[] };
}

async function runIngestCli(file: string, db: string, admin: pg.Client | null): Promise<IngestRun> {
  const loadAverage = loadavg()[0] ?? 0;
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'ingest', file, '--json'], {
    // A PostgreSQL store needs the deployment's audit key; the bench uses a throwaway one.
    env: {
      VIGIL_AUDIT_KEY: 'bench-audit-key-0123456789abcdef',
      ...process.env,
      VIGIL_DB: db,
      PGAPPNAME: APP_NAME,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peakRss = 0;
  let cliCpu: number | null = null;
  const backends = new Map<number, number | null>();
  let polling = false;
  let tick = 0;
  const poll = setInterval(async () => {
    peakRss = Math.max(peakRss, peakRssBytes(child.pid ?? 0));
    cliCpu = cpuSeconds(child.pid ?? 0) ?? cliCpu;
    for (const pid of backends.keys()) backends.set(pid, cpuSeconds(pid) ?? backends.get(pid) ?? null);
    // The backends serving the CLI are looked up in a tenth of the samples: a query every 20 ms
    // is work the database and this process do beside the ingest being measured, on 2 cores.
    if (!admin || polling || tick++ % 10 !== 0) return;
    polling = true;
    try {
      const { rows } = await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
        [APP_NAME],
      );
      for (const { pid } of rows) backends.set(pid, cpuSeconds(pid) ?? backends.get(pid) ?? null);
    } catch {
      // A missed sample: the next one reads the same counters further on.
    } finally {
      polling = false;
    }
  }, 20);
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number>((res) => child.on('exit', (c) => res(c ?? -1)));
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`vigil ingest exited ${code}`);
  const cpus = [...backends.values()];
  const postgresCpu =
    cpus.length === 0 || cpus.includes(null) ? null : cpus.reduce<number>((a, b) => a + (b ?? 0), 0);
  return { seconds, loadAverage, peakRss, cliCpu, postgresCpu, summary: JSON.parse(out) };
}

function report(store: string, run: IngestRun, size: number, extra: Record<string, unknown> = {}): void {
  const round2 = (n: number | null) => (n === null ? null : Number(n.toFixed(2)));
  console.log(
    JSON.stringify({
      bench: 'ingest',
      store,
      ...extra,
      messages: run.summary.read,
      new: run.summary.new,
      duplicates: run.summary.duplicates,
      errors: run.summary.errors.length,
      export_mb: Math.round(size / 1e6),
      seconds: round2(run.seconds),
      messages_per_second: Math.round(run.summary.read / run.seconds),
      cli_cpu_seconds: round2(run.cliCpu),
      postgres_cpu_seconds: round2(run.postgresCpu),
      peak_rss_mb: Math.round(run.peakRss / 2 ** 20),
      load_average_1m: round2(run.loadAverage),
    }),
  );
}

async function bench(store: string, messages: number, db: string, admin: pg.Client | null = null) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const file = join(dir, 'result.json');
  try {
    process.stderr.write(`${store}: generating ${messages.toLocaleString()} messages…\n`);
    await writeSyntheticExport(file, messages, 42);
    const size = statSync(file).size;
    process.stderr.write(`${store}: ingesting ${(size / 1e6).toFixed(0)} MB…\n`);
    report(store, await runIngestCli(file, db, admin), size);
    if (admin) {
      process.stderr.write(`${store}: ingesting the same export again…\n`);
      report(store, await runIngestCli(file, db, admin), size, { run: 're-ingest' });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  statSync(CLI);
} catch {
  console.error('bench:ingest needs the built CLI: run `npm run build` first');
  process.exit(1);
}

const sqliteN = Number(values.sqlite);
if (sqliteN > 0) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-db-'));
  await bench('sqlite', sqliteN, join(dir, 'vigil.db'));
  rmSync(dir, { recursive: true, force: true });
}
const pgN = Number(values.postgres);
if (pgN > 0) {
  const base = values['pg-url'] as string;
  const schema = `vigil_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (error) {
    console.log(
      JSON.stringify({
        bench: 'ingest',
        store: 'postgres',
        skipped: `unreachable at ${base}: ${(error as Error).message}`,
      }),
    );
    process.exit(0);
  }
  // The CLI takes its schema from the URL, as a deployment sharing a database would.
  const url = `${base}${base.includes('?') ? '&' : '?'}schema=${schema}`;
  try {
    await bench('postgres', pgN, url, admin);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}
