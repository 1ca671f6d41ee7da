import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { ensureAdmin } from '../../src/presets/workspace.js';
import { buildApp } from '../../src/server/app.js';
import { hashPassword } from '../../src/shared/credentials.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';

let store: OpenedStore;
let app: FastifyInstance;
let itemId = 0;

async function login(username: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  expect(res.statusCode).toBe(200);
  const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
  expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/i);
  expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
  return { cookie, csrf: res.json().csrf };
}

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await ensureAdmin(store, { VIGIL_ADMIN_PASSWORD: 'admin-password-1' });
  await store.users.create('viv', 'viewer', await hashPassword('viewer-password-1'), { actor: 'test' });
  await store.users.create('ana', 'analyst', await hashPassword('analyst-password-1'), { actor: 'test' });
  await store.users.create('bob', 'analyst', await hashPassword('analyst-password-2'), { actor: 'test' });
  const [o] = await store.items.ingestItems([
    makeItem({ externalId: '1', text: 'We must burn every mosque in this town tonight.' }),
  ]);
  itemId = o?.itemId ?? 0;
  const detector = loadDefaultDetector();
  await store.analyses.saveAnalyses([
    { itemId, analysis: detector.analyze({ text: 'We must burn every mosque in this town tonight.' }) },
  ]);
  app = await buildApp({ store, detector, webRoot: null, fourEyes: true });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('access control', () => {
  it('answers anonymous API requests with 401 in the error envelope', async () => {
    for (const url of ['/api/v1/items', '/api/v1/review/queue', '/api/v1/audit/verify']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    }
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/openapi.json' })).json().openapi).toMatch(/^3\./);
  });

  it('lets a viewer read but not write (403)', async () => {
    const { cookie, csrf } = await login('viv', 'viewer-password-1');
    expect((await app.inject({ url: '/api/v1/items', headers: { cookie } })).statusCode).toBe(200);
    const write = await app.inject({
      method: 'POST',
      url: `/api/v1/items/${itemId}/reviews`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { labels: [], context: 'primary', ideology: 'none', decision: 'dismissed' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('FORBIDDEN');
  });

  it('refuses a cookie write without the CSRF token', async () => {
    const { cookie } = await login('ana', 'analyst-password-1');
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/items/${itemId}/reviews`,
      headers: { cookie },
      payload: { labels: ['incitement'], context: 'primary', ideology: 'far_right', decision: 'confirmed' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });

  it('accepts API tokens (hashed at rest) without CSRF', async () => {
    const { cookie, csrf } = await login('ana', 'analyst-password-1');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { name: 'script' },
    });
    const { token } = created.json();
    const stored = await store.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/analyze',
      headers: { authorization: `Bearer ${token}` },
      payload: { text: 'Kill the kuffar wherever you find them.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().labels.map((l: { label: string }) => l.label)).toContain('incitement');
    expect(res.json().language).toMatchObject({ code: 'en', supported: true });
    const given = await app.inject({
      method: 'POST',
      url: '/api/v1/analyze',
      headers: { authorization: `Bearer ${token}` },
      payload: { text: 'Nos vemos mañana en el mercado.', language: 'es' },
    });
    expect(given.json().language).toEqual({ code: 'es', score: 1, supported: true });
  });

  it('rate-limits sign-in attempts', async () => {
    let last = 0;
    for (let i = 0; i < 12; i++)
      last = (
        await app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: 'nobody', password: 'x' },
          remoteAddress: '10.9.9.9',
        })
      ).statusCode;
    expect(last).toBe(429);
  });

  it('takes as long to refuse an unknown user as a real one with a wrong password', async () => {
    const time = async (username: string, address: string) => {
      const started = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username, password: 'wrong-password' },
        remoteAddress: address,
      });
      expect(res.statusCode).toBe(401);
      return performance.now() - started;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknown.push(await time('no-such-user', '10.7.0.1'));
      known.push(await time('ana', '10.7.0.2'));
    }
    // Both pay one scrypt (tens of ms); a lookup alone would be a small fraction of that.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
  });

  it('marks the session cookie Secure behind a trusted proxy that reports https, and not otherwise', async () => {
    const proxied = await buildApp({
      store,
      detector: loadDefaultDetector(),
      webRoot: null,
      trustProxy: true,
    });
    const signIn = (a: FastifyInstance, proto: string) =>
      a.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'viv', password: 'viewer-password-1' },
        headers: { 'x-forwarded-proto': proto },
      });
    expect(String((await signIn(proxied, 'https')).headers['set-cookie'])).toMatch(/; Secure/i);
    expect(String((await signIn(proxied, 'http')).headers['set-cookie'])).not.toMatch(/; Secure/i);
    // Without --trust-proxy the header is a client's claim and is ignored.
    expect(String((await signIn(app, 'https')).headers['set-cookie'])).not.toMatch(/; Secure/i);
    await proxied.close();
  });

  it('refuses /metrics without a token by default, and serves it with --public-metrics', async () => {
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const open = await buildApp({ store, detector: loadDefaultDetector(), webRoot: null, metrics: 'public' });
    expect((await open.inject({ url: '/metrics' })).statusCode).toBe(200);
    await open.close();
  });

  it('sends a CSP that forbids inline script', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });
});

describe('review, four-eyes, referrals, audit', () => {
  it('requires a second analyst before referral, exports the referral, and keeps the audit chain', async () => {
    const ana = await login('ana', 'analyst-password-1');
    const bob = await login('bob', 'analyst-password-2');
    const queue = await app.inject({ url: '/api/v1/review/queue', headers: { cookie: ana.cookie } });
    expect(queue.json().map((q: { item_id: number }) => q.item_id)).toContain(itemId);
    const body = { labels: ['incitement'], context: 'primary', ideology: 'far_right' };
    const early = await app.inject({
      method: 'POST',
      url: `/api/v1/items/${itemId}/reviews`,
      headers: { cookie: ana.cookie, 'x-csrf-token': ana.csrf },
      payload: { ...body, decision: 'referred' },
    });
    expect(early.statusCode).toBe(409);
    const verified = await app.inject({
      method: 'POST',
      url: `/api/v1/items/${itemId}/reviews`,
      headers: { cookie: bob.cookie, 'x-csrf-token': bob.csrf },
      payload: { ...body, decision: 'verified', note: 'clear call to violence' },
    });
    expect(verified.json()).toMatchObject({
      decision: 'verified',
      policy: 'EU-TCO-2(7)(a)|UK-TA2006-s1|TVEC8',
    });
    const referred = await app.inject({
      method: 'POST',
      url: `/api/v1/items/${itemId}/reviews`,
      headers: { cookie: ana.cookie, 'x-csrf-token': ana.csrf },
      payload: { ...body, decision: 'referred' },
    });
    expect(referred.statusCode).toBe(200);
    const exported = await app.inject({
      url: '/api/v1/exports/referrals?format=json',
      headers: { cookie: ana.cookie },
    });
    expect(exported.json()[0]).toMatchObject({
      item_id: itemId,
      reviewer: 'ana',
      labels: [{ label: 'incitement', legal_basis: expect.arrayContaining(['TVEC8']) }],
      content_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const csv = await app.inject({
      url: '/api/v1/exports/referrals?format=csv',
      headers: { cookie: ana.cookie },
    });
    expect(csv.body.split('\n')[0]).toBe(
      'item_id,platform,source,url,posted_at,labels,legal_basis,evidence,content_sha256,reviewer,decision_time,note',
    );
    const report = (
      await app.inject({ url: '/api/v1/reports/transparency', headers: { cookie: ana.cookie } })
    ).json();
    expect(report).toMatchObject({
      items_collected: 1,
      reviewed: 1,
      referrals: 1,
      confirmed: 1,
      precision_by_review: 1,
    });
    const html = await app.inject({
      url: '/api/v1/reports/transparency?format=html',
      headers: { cookie: ana.cookie },
    });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    const admin = await login('admin', 'admin-password-1');
    expect(
      (await app.inject({ url: '/api/v1/audit/verify', headers: { cookie: admin.cookie } })).json(),
    ).toMatchObject({ ok: true });
    const actions = (await store.audit.list()).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'review.verified',
        'review.referred',
        'export.referrals',
        'token.create',
        'user.create',
      ]),
    );
  });

  it('names the first broken row after a row is edited or deleted directly in the database', async () => {
    await store.audit.append('x', 'test.a', 't');
    await store.audit.append('x', 'test.b', 't');
    await store.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 3).execute();
    expect(await store.audit.verify()).toMatchObject({ ok: false, problem: 'broken_row', row: 3 });
  });
});

describe('items API', () => {
  it('filters items, returns detail with analysis, and validates input with a clear error', async () => {
    const { cookie } = await login('viv', 'viewer-password-1');
    const list = (
      await app.inject({ url: '/api/v1/items?label=incitement&platform=telegram', headers: { cookie } })
    ).json();
    expect(list.items.map((i: { item_id: number }) => i.item_id)).toEqual([itemId]);
    const textAndLabel = (
      await app.inject({ url: '/api/v1/items?q=mosque&label=incitement', headers: { cookie } })
    ).json();
    expect(textAndLabel.items.map((i: { item_id: number }) => i.item_id)).toEqual([itemId]);
    const textOnly = (await app.inject({ url: '/api/v1/items?q=mosque', headers: { cookie } })).json();
    expect(textOnly.items.map((i: { item_id: number }) => i.item_id)).toEqual([itemId]);
    expect(
      (await app.inject({ url: '/api/v1/items?q=harbour&label=incitement', headers: { cookie } })).json()
        .items,
    ).toEqual([]);
    // A text search answers how many match and, per item, the passage with each match marked.
    for (const sort of ['date', 'relevance']) {
      const found = (
        await app.inject({ url: `/api/v1/items?q=MOSQUE&sort=${sort}`, headers: { cookie } })
      ).json();
      expect(found).toMatchObject({ total: 1, total_capped: false });
      expect(found.items[0].snippet).toEqual({
        text: 'We must burn every mosque in this town tonight.',
        matches: [{ start: 19, end: 25 }],
        elided_before: false,
        elided_after: false,
      });
    }
    expect(list).toMatchObject({ total: null });
    expect(list.items[0].snippet).toBeNull();
    const badSort = await app.inject({ url: '/api/v1/items?q=mosque&sort=best', headers: { cookie } });
    expect(badSort.statusCode).toBe(400);
    const none = (await app.inject({ url: '/api/v1/items?label=recruitment', headers: { cookie } })).json();
    expect(none.items).toEqual([]);
    const detail = (await app.inject({ url: `/api/v1/items/${itemId}`, headers: { cookie } })).json();
    expect(detail.analysis.labels[0].evidence[0].text).toBeTruthy();
    const bad = await app.inject({ url: '/api/v1/items?label=terror', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_REQUEST');
    expect((await app.inject({ url: '/api/v1/items/999999', headers: { cookie } })).json().error.code).toBe(
      'NOT_FOUND',
    );
  });
});
