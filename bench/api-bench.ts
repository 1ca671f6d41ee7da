/**
 * API load: a store of 1M items (synthetic Telegram export, a share of it flagged, 10,000 of those
 * awaiting review), `vigil serve` in a child process, and 200 concurrent clients on loopback:
 * filtered item searches for 60 s, then the review queue's first page and a deep page for 30 s
 * each. Prints requests/s, latency percentiles and errors (timeouts count as errors) per phase.
 *   npm run bench:api [-- --items 1000000 --seconds 60 --queue-seconds 30 --connections 200]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { newToken, tokenHash } from '../src/shared/credentials.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { writeSyntheticExport } from './telegram-export-generator.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '60' },
    'queue-seconds': { type: 'string', default: '30' },
    /** The server's log level (its one JSON line a request goes to this process's stderr). */
    'log-level': { type: 'string', default: 'info' },
    connections: { type: 'string', default: '200' },
    port: { type: 'string', default: '7391' },
    /** Keep (or reuse) the generated store here instead of a temporary folder. */
    db: { type: 'string' },
    /** Only the queries whose index (0–6) is listed, comma-separated. */
    only: { type: 'string' },
  },
});

if (values.db) mkdirSync(resolve(values.db, '..'), { recursive: true });
const dir = values.db ? resolve(values.db, '..') : mkdtempSync(join(tmpdir(), 'vigil-api-bench-'));
const db = values.db ? resolve(values.db) : join(dir, 'vigil.db');
const reuse = values.db !== undefined && existsSync(db);
const exportFile = join(dir, 'result.json');
if (!reuse) {
  process.stderr.write(`generating and ingesting ${Number(values.items).toLocaleString()} messages…\n`);
  await writeSyntheticExport(exportFile, Number(values.items), 11);
  const ingest = spawnSync(process.execPath, [CLI, 'ingest', exportFile, '--json'], {
    env: { ...process.env, VIGIL_DB: db },
    encoding: 'utf8',
  });
  if (ingest.status !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  rmSync(exportFile);

  // A verdict for every item, one in twenty flagged, written directly: the bench measures the API.
  const raw = new Database(db);
  const labels = ['incitement', 'glorification', 'threat', 'recruitment', 'identity_attack'];
  raw.exec('BEGIN');
  const insert = raw.prepare(
    "INSERT INTO analyses (item_id, model, context, action, ideology, labels, max_score, analysis, analyzed_at) VALUES (?, 'bench', 'primary', ?, ?, ?, ?, '{}', '2026-01-01T00:00:00Z')",
  );
  const insertLabel = raw.prepare(
    "INSERT INTO item_labels (label, posted_at, item_id) SELECT ?, coalesce(posted_at, ''), id FROM items WHERE id = ?",
  );
  const ids = raw.prepare('SELECT id FROM items').pluck().all() as number[];
  for (const id of ids) {
    const flagged = id % 20 === 0;
    if (flagged) insertLabel.run(labels[Math.floor(id / 20) % labels.length], id);
    insert.run(
      id,
      flagged ? 'refer' : 'none',
      flagged ? (id % 40 === 0 ? 'far_right' : 'jihadist') : 'none',
      flagged ? labels[Math.floor(id / 20) % labels.length] : '',
      flagged ? 0.9 : 0,
    );
  }
  // 10,000 flagged items await review; analysts have dismissed the rest.
  const flaggedIds = ids.filter((id) => id % 20 === 0);
  const queue = raw.prepare(
    "INSERT INTO review_queue (item_id, priority, max_score, posted_at) SELECT id, 0, ?, coalesce(posted_at, '') FROM items WHERE id = ?",
  );
  const dismiss = raw.prepare(
    "INSERT INTO reviews (item_id, reviewer, labels, context, ideology, decision, policy, note, created_at) VALUES (?, 'bench', '', 'primary', 'none', 'dismissed', 'none', NULL, '2026-01-01T00:00:00Z')",
  );
  raw.exec('DELETE FROM review_queue');
  for (const [i, id] of flaggedIds.entries()) {
    if (i % 5 === 0) queue.run(0.5 + (id % 997) / 2000, id);
    else dismiss.run(id);
  }
  raw.exec('COMMIT');
  raw.close();
}
const store = await openSqliteStore(db);
const userId =
  (await store.users.byName('bench'))?.id ??
  (await store.users.create('bench', 'viewer', 'scrypt$1$1$1$x$x', { actor: 'bench' }));
const token = newToken();
await store.users.createToken(userId, 'bench', tokenHash(token));
const analystId =
  (await store.users.byName('bench-analyst'))?.id ??
  (await store.users.create('bench-analyst', 'analyst', 'scrypt$1$1$1$x$x', { actor: 'bench' }));
const analystToken = newToken();
await store.users.createToken(analystId, 'bench', tokenHash(analystToken));
const pending = Number(
  (
    await store.db
      .selectFrom('review_queue')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
await store.close();

const server = spawn(
  process.execPath,
  [CLI, 'serve', '--port', values.port as string, '--log-level', values['log-level'] as string],
  {
    env: { ...process.env, VIGIL_DB: db, VIGIL_ADMIN_PASSWORD: 'bench-admin-password' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  },
);
const base = `http://127.0.0.1:${values.port}`;
// Ready when the workers answer.
for (let i = 0; i < 100; i++) {
  if (
    await fetch(`${base}/healthz`)
      .then((r) => r.ok)
      .catch(() => false)
  )
    break;
  await new Promise((r) => setTimeout(r, 200));
}
const allQueries = [
  '/api/v1/items?label=incitement',
  '/api/v1/items?label=threat&platform=telegram',
  '/api/v1/items?action=refer&ideology=jihadist',
  '/api/v1/items?platform=telegram&from=2023-11-20T00:00:00Z&to=2023-11-21T00:00:00Z',
  '/api/v1/items?q=market%20council&label=glorification',
  '/api/v1/items?context=primary&label=recruitment&page=3',
  '/api/v1/items?q=market%20council',
];
// The default mix is every query, two of them full-text searches for words that occur in about 40%
// of the synthetic messages (the hardest case for the text index); `--only` picks some.
const queries = (values.only ?? '0,1,2,3,4,5,6').split(',').map((i) => allQueries[Number(i)] as string);
/** One phase: `connections` clients for `seconds`, cycling through `paths`. */
async function phase(name: string, paths: string[], seconds: number, auth: string) {
  let n = 0;
  const result = await autocannon({
    url: base,
    connections: Number(values.connections),
    duration: seconds,
    headers: { authorization: `Bearer ${auth}` },
    timeout: 10,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length] as string }) }],
  });
  return {
    phase: name,
    paths,
    seconds,
    requests: result.requests.total,
    requests_per_second: Math.round(result.requests.average),
    non_2xx: result.non2xx,
    // Socket errors and timeouts (no answer within 10 s) both count as errors.
    errors: result.errors,
    timeouts: result.timeouts,
    latency_ms: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}

const queueSeconds = Number(values['queue-seconds']);
// 50 a page: the deep page is the last one of the 10,000 pending.
const deepPage = Math.max(1, Math.ceil(pending / 50));
const phases = [
  await phase('item searches', queries, Number(values.seconds), token),
  await phase('review queue, first page', ['/api/v1/review/queue?limit=50'], queueSeconds, analystToken),
  await phase(
    'review queue, deep page',
    [`/api/v1/review/queue?limit=50&page=${deepPage}`],
    queueSeconds,
    analystToken,
  ),
];
// The whole process group: the primary and its workers.
process.kill(-(server.pid as number), 'SIGKILL');
if (!values.db) rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: 'api',
    store: 'sqlite',
    items: Number(values.items),
    pending_reviews: pending,
    connections: Number(values.connections),
    phases,
  }),
);
