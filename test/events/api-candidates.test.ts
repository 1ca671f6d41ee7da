import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { buildApp } from '../../src/server/app.js';
import { hashPassword } from '../../src/shared/credentials.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { EventRecord, OpenedStore } from '../../src/store/store.js';

let store: OpenedStore;
let app: FastifyInstance;

const event = (id: string, place: string | null, date: string | null): EventRecord => ({
  id,
  name: `${place ?? 'unplaced'} stabbing`,
  aliases: [],
  date,
  dateUncertaintyDays: 0,
  place,
  kind: 'attack',
  method: 'stabbing',
  casualties: { killed: null, injured: null },
  perpetratorIdeology: null,
  targetedGroup: null,
  origin: 'extracted',
});

beforeAll(async () => {
  store = await openSqliteStore(':memory:');
  await store.users.create('viv', 'viewer', await hashPassword('viewer-password-1'), { actor: 'test' });
  await store.events.saveEvent(event('evt_placed', 'Leeds', '2026-04-01'));
  await store.events.saveEvent(event('evt_unplaced', null, '2026-04-01'));
  await store.events.saveEvent(event('evt_undated', 'Leeds', null));
  app = await buildApp({ store, detector: loadDefaultDetector(), webRoot: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/v1/events and /api/v1/events/candidates', () => {
  it('lists incidents without place or date apart from events', async () => {
    const session = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { username: 'viv', password: 'viewer-password-1' },
    });
    const cookie = String(session.headers['set-cookie']).split(';')[0] ?? '';
    const ids = async (url: string) =>
      ((await app.inject({ url, headers: { cookie } })).json() as { id: string }[]).map((e) => e.id).sort();
    expect(await ids('/api/v1/events')).toEqual(['evt_placed']);
    expect(await ids('/api/v1/events/candidates')).toEqual(['evt_undated', 'evt_unplaced']);
  });
});
