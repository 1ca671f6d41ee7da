import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDb } from '../helpers/cli.js';

const WINDOW = 60_000;

describe('sign-in attempt counts', () => {
  it('count per client within a window, start again after it, and keep no passed window', async () => {
    const file = tempDb();
    const store = await openSqliteStore(file);
    const t0 = Date.parse('2026-03-01T10:00:00Z');
    try {
      expect(await store.users.countSignInAttempt('10.0.0.1', WINDOW, t0)).toBe(1);
      expect(await store.users.countSignInAttempt('10.0.0.1', WINDOW, t0 + 1_000)).toBe(2);
      // Addresses that try once and never return.
      for (let i = 2; i < 50; i++) await store.users.countSignInAttempt(`10.0.0.${i}`, WINDOW, t0 + 2_000);
      // A window later, the first client starts again, and only the current window's counts are kept.
      expect(await store.users.countSignInAttempt('10.0.0.1', WINDOW, t0 + WINDOW + 5_000)).toBe(1);
      const raw = new Database(file, { readonly: true });
      const rows = raw.prepare('SELECT client FROM sign_in_attempts').all() as { client: string }[];
      raw.close();
      expect(rows.map((r) => r.client)).toEqual(['10.0.0.1']);
    } finally {
      await store.close();
    }
  });
});
