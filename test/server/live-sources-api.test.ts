import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { buildApp } from '../../src/server/app.js';
import { hashPassword } from '../../src/shared/credentials.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../src/store/store.js';

let store: OpenedStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await store.users.create('viv', 'viewer', await hashPassword('viewer-password-1'), { actor: 'test' });
  const feed = await store.liveSources.add({
    kind: 'rss',
    name: 'news.example',
    target: 'https://news.example/feed.xml',
    scheduleSeconds: 900,
    secretEnv: null,
    at: '2026-01-01T00:00:00.000Z',
  });
  await store.liveSources.add({
    kind: 'telegram-bot',
    name: 'bot',
    target: '',
    scheduleSeconds: 60,
    secretEnv: 'VIGIL_SECRET_VARIABLE_NAME',
    at: '2026-01-01T00:00:00.000Z',
  });
  await store.liveSources.saveProgress(feed?.id ?? 0, { newItems: 4 });
  await store.liveSources.recordRun(feed?.id ?? 0, {
    at: '2026-01-01T00:15:00.000Z',
    items: 4,
    error: null,
    problems: [],
    nextDueAt: '2026-01-01T00:30:00.000Z',
    backoffUntil: null,
  });
  app = await buildApp({ store, detector: loadDefaultDetector(), webRoot: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/v1/live-sources', () => {
  it('answers anonymous requests with 401', async () => {
    expect((await app.inject({ url: '/api/v1/live-sources' })).statusCode).toBe(401);
  });

  it('lists live sources with the fields `vigil sources list --json` prints, without the secret variable', async () => {
    const session = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'viv', password: 'viewer-password-1' },
    });
    const cookie = String(session.headers['set-cookie']).split(';')[0] ?? '';
    const res = await app.inject({ url: '/api/v1/live-sources', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({ name: 'bot', kind: 'telegram-bot', schedule: '1m', last_success: null }),
      {
        kind: 'rss',
        name: 'news.example',
        target: 'https://news.example/feed.xml',
        schedule: '15m',
        schedule_seconds: 900,
        paused: false,
        last_run: '2026-01-01T00:15:00.000Z',
        last_success: '2026-01-01T00:15:00.000Z',
        last_error: null,
        last_error_at: null,
        items_last_run: 4,
        items_total: 4,
        problems_last_run: [],
        next_due: '2026-01-01T00:30:00.000Z',
        backoff_until: null,
      },
    ]);
    expect(res.body).not.toContain('VIGIL_SECRET_VARIABLE_NAME');
  });
});
