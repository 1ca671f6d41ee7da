import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/presets/open-store.js';
import { hashPassword, newToken, tokenHash } from '../../src/shared/credentials.js';
import { makeItem } from '../helpers/items.js';
import { dropSchema, postgresAvailable, TEST_PG_URL, uniqueSchema } from '../helpers/postgres.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** Text that must never reach a log line. */
const MARKER = 'Zorblax quintessential marker sentence';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

interface Served {
  base: string;
  child: ChildProcess;
  stderr: () => string;
  /** Sends SIGTERM to the primary and resolves with the milliseconds until every process exited. */
  stop: () => Promise<number>;
}

/** `vigil serve --workers 2` in its own process group, ready when /healthz answers. */
async function serve(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--port', String(port), '--workers', '2'],
    { cwd: ROOT, env: { ...process.env, CI: 'true', ...env }, detached: true },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const base = `http://127.0.0.1:${port}`;
  // Starting the primary and two workers under tsx takes seconds, and many on a busy CI machine:
  // wait for readiness up to a deadline, and say so if it never comes rather than fail on a refused
  // connection later.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(
        `vigil serve was not ready within 60 s (exit ${child.exitCode}): ${stderr.slice(-400)}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
  // Both workers listen once each has answered; give the second one the same chance.
  await new Promise((r) => setTimeout(r, 1_000));
  const stop = async () => {
    const started = Date.now();
    child.kill('SIGTERM');
    // The whole group (primary and workers) must be gone.
    for (;;) {
      try {
        process.kill(-(child.pid as number), 0);
      } catch {
        return Date.now() - started;
      }
      if (Date.now() - started > 10_000) {
        process.kill(-(child.pid as number), 'SIGKILL');
        return Date.now() - started;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { base, child, stderr: () => stderr, stop };
}

/** A store with flagged items, an analyst with an API token, as `vigil serve` will open it. */
async function prepare(
  env: Record<string, string>,
  items: number,
): Promise<{ token: string; ids: number[] }> {
  const store = await openStore(env.VIGIL_DB, env);
  const outcomes = await store.items.ingestItems(
    Array.from({ length: items }, (_, i) => makeItem({ externalId: String(i + 1), text: `${MARKER} ${i}` })),
  );
  const userId = await store.users.create('ana', 'analyst', await hashPassword('analyst-password-1'), {
    actor: 'test',
  });
  const token = newToken();
  await store.users.createToken(userId, 'test', tokenHash(token));
  await store.close();
  return { token, ids: outcomes.map((o) => o.itemId) };
}

/** 50 review posts at once, 10 of them to be refused (no such item, or an invalid decision). */
async function postReviews(base: string, token: string, ids: number[]): Promise<number[]> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const body = (decision: string) =>
    JSON.stringify({
      labels: ['incitement'],
      context: 'primary',
      ideology: 'far_right',
      decision,
      note: MARKER,
    });
  return Promise.all(
    Array.from({ length: 50 }, (_, i) => {
      const target = i % 10 === 9 ? 999_999 : (ids[i % ids.length] as number);
      const decision = i % 10 === 4 ? 'approved' : 'confirmed';
      return fetch(`${base}/api/v1/items/${target}/reviews`, {
        method: 'POST',
        headers,
        body: body(decision),
      }).then((r) => r.status);
    }),
  );
}

async function checkStore(env: Record<string, string>, statuses: number[]): Promise<void> {
  const store = await openStore(env.VIGIL_DB, env);
  try {
    const reviews = await store.reviews.all();
    const audit = (await store.audit.list(10_000)).filter((e) => e.action.startsWith('review.'));
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBe(40);
    expect(statuses.filter((s) => s !== 200).sort()).toEqual([...Array(5).fill(400), ...Array(5).fill(404)]);
    expect(reviews).toHaveLength(accepted);
    // Exactly one audit row per stored decision, and none for a refused one.
    const audited = audit.map((e) => (e.details as { review_id: number }).review_id).sort((a, b) => a - b);
    expect(audited).toEqual(reviews.map((r) => r.id).sort((a, b) => a - b));
    expect(await store.audit.verify()).toMatchObject({ ok: true });
  } finally {
    await store.close();
  }
}

describe('vigil serve with two workers on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-serve-'));
  const env = {
    VIGIL_DB: join(dir, 'vigil.db'),
    VIGIL_ADMIN_PASSWORD: 'admin-password-1',
    VIGIL_METRICS_TOKEN: 'metrics-token-for-tests',
  };
  let served: Served;
  let stoppedInMs = 0;
  afterAll(async () => {
    if (served && served.child.exitCode === null) await served.stop();
  });

  it('audits every stored decision exactly once under 50 concurrent posts, and none refused', async () => {
    const { token, ids } = await prepare(env, 5);
    served = await serve(env);
    const statuses = await postReviews(served.base, token, ids);
    // Searching for the text itself must not put it in a log line either.
    await fetch(`${served.base}/api/v1/items?q=${encodeURIComponent(MARKER)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await fetch(`${served.base}/api/v1/items/${ids[0]}`, { headers: { authorization: `Bearer ${token}` } });
    await checkStore(env, statuses);
  }, 150_000);

  it('keeps the sign-in limit across both workers', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 16 }, () =>
        fetch(`${served.base}/api/v1/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
          body: JSON.stringify({ username: 'ana', password: 'not-the-password' }),
        }).then((r) => r.status),
      ),
    );
    expect(attempts.filter((s) => s === 401)).toHaveLength(10);
    expect(attempts.filter((s) => s === 429)).toHaveLength(6);
  });

  it('refuses /metrics to an anonymous request and serves it to the metrics token', async () => {
    expect((await fetch(`${served.base}/metrics`)).status).toBe(401);
    const ok = await fetch(`${served.base}/metrics`, {
      headers: { authorization: `Bearer ${env.VIGIL_METRICS_TOKEN}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('vigil_http_requests_total');
  });

  it('exits within 5 s of SIGTERM, and its JSON logs carry request ids but no content', async () => {
    stoppedInMs = await served.stop();
    expect(stoppedInMs).toBeLessThan(5_000);
    const lines = served
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.every((l) => typeof JSON.parse(l).level === 'number')).toBe(true);
    expect(lines.some((l) => typeof JSON.parse(l).reqId === 'string')).toBe(true);
    expect(served.stderr()).not.toContain('Zorblax');
    expect(served.stderr()).not.toContain('quintessential');
  }, 20_000);
});

const pgAvailable = await postgresAvailable();

describe.skipIf(!pgAvailable)('vigil serve with two workers on PostgreSQL', () => {
  const schema = uniqueSchema();
  const env = {
    VIGIL_DB: `${TEST_PG_URL}?schema=${schema}`,
    VIGIL_ADMIN_PASSWORD: 'admin-password-1',
    VIGIL_AUDIT_KEY: 'a shared audit key for the test hosts',
    VIGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigil-serve-pg-')),
  };
  afterAll(() => dropSchema(schema));

  it('audits every stored decision exactly once under 50 concurrent posts, in one chain', async () => {
    const { token, ids } = await prepare(env, 5);
    const served = await serve(env);
    try {
      const statuses = await postReviews(served.base, token, ids);
      await checkStore(env, statuses);
    } finally {
      expect(await served.stop()).toBeLessThan(5_000);
    }
  }, 150_000);
});
