/**
 * Ingest throughput and memory, measured on the real CLI as a user runs it: generates a synthetic
 * Telegram export, runs `vigil ingest --json` (built, in a child process) against a fresh store,
 * and prints messages/s and the child's peak RSS (VmHWM).
 *
 *   npm run bench:ingest                      # 1M messages into SQLite, 100k into PostgreSQL
 *   npm run bench:ingest -- --sqlite 200000 --postgres 0
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

async function runIngestCli(
  file: string,
  db: string,
): Promise<{ seconds: number; peakRss: number; summary: { read: number; new: number; errors: unknown[] } }> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'ingest', file, '--json'], {
    // A PostgreSQL store needs the deployment's audit key; the bench uses a throwaway one.
    env: { VIGIL_AUDIT_KEY: 'bench-audit-key-0123456789abcdef', ...process.env, VIGIL_DB: db },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peakRss = 0;
  const poll = setInterval(() => {
    peakRss = Math.max(peakRss, peakRssBytes(child.pid ?? 0));
  }, 20);
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number>((res) => child.on('exit', (c) => res(c ?? -1)));
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`vigil ingest exited ${code}`);
  return { seconds, peakRss, summary: JSON.parse(out) };
}

async function bench(store: string, messages: number, db: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  const file = join(dir, 'result.json');
  process.stderr.write(`${store}: generating ${messages.toLocaleString()} messages…\n`);
  await writeSyntheticExport(file, messages, 42);
  const size = statSync(file).size;
  process.stderr.write(`${store}: ingesting ${(size / 1e6).toFixed(0)} MB…\n`);
  const { seconds, peakRss, summary } = await runIngestCli(file, db);
  rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      bench: 'ingest',
      store,
      messages: summary.read,
      new: summary.new,
      errors: summary.errors.length,
      export_mb: Math.round(size / 1e6),
      seconds: Number(seconds.toFixed(2)),
      messages_per_second: Math.round(summary.read / seconds),
      peak_rss_mb: Math.round(peakRss / 2 ** 20),
    }),
  );
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
    await bench('postgres', pgN, url);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}
