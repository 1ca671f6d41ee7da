import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runCli, tempDb } from '../helpers/cli.js';

describe('vigil audit verify', () => {
  it('passes on an untouched trail and names the first broken row after a direct edit', async () => {
    const db = tempDb();
    const store = await openSqliteStore(db);
    for (const action of ['review.confirmed', 'export.referrals', 'user.create', 'review.referred'])
      await store.audit.append('ana', action, 'item:1', { n: 1 });
    await store.close();
    const ok = await runCli(['audit', 'verify', '--json'], { VIGIL_DB: db });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, rows: 4, checkpoint: { rows: 4 } });
    const raw = new Database(db);
    raw.prepare('UPDATE audit_log SET details = \'{"n":2}\' WHERE id = 3').run();
    raw.close();
    const broken = await runCli(['audit', 'verify'], { VIGIL_DB: db });
    expect(broken.code).toBe(1);
    expect(broken.stdout.trim()).toBe(
      'audit trail broken at row 3: row 3 was changed or forged after it was written (its MAC does not match)',
    );
    const raw2 = new Database(db);
    raw2.prepare('DELETE FROM audit_log WHERE id = 2').run();
    raw2.close();
    expect((await runCli(['audit', 'verify'], { VIGIL_DB: db })).stdout.trim()).toBe(
      'audit trail broken at row 2: row 2 is missing',
    );
  });
});

describe('the audit key with PostgreSQL', () => {
  it('refuses to open a PostgreSQL store without VIGIL_AUDIT_KEY, which every host must share', async () => {
    const run = await runCli(['audit', 'verify'], {
      VIGIL_DB: 'postgres://postgres@127.0.0.1:5432/test?schema=vigil_never_created',
      VIGIL_AUDIT_KEY: '',
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      'vigil: VIGIL_AUDIT_KEY must be set when the store is PostgreSQL (every host writing the audit trail needs the same key)',
    );
  });
});

describe('vigil users', () => {
  it('adds users with a role, refuses bad input with one line, and audits the change', async () => {
    const env = { VIGIL_DB: tempDb(), NEW_PASS: 'a-long-password-1' };
    const add = await runCli(['users', 'add', 'ana', '--role', 'analyst', '--password-env', 'NEW_PASS'], env);
    expect(add.code).toBe(0);
    expect(add.stdout.trim()).toBe('created ana (analyst)');
    expect(JSON.parse((await runCli(['users', 'list', '--json'], env)).stdout)).toEqual([
      expect.objectContaining({ username: 'ana', role: 'analyst' }),
    ]);
    const bad = await runCli(['users', 'add', 'bob', '--role', 'boss'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'vigil: users add: --role must be one of viewer, analyst, admin, not "boss"',
    );
    const generated = await runCli(['users', 'add', 'viv', '--role', 'viewer'], env);
    expect(generated.stdout).toMatch(/with password \S{16} \(shown once\)/);
    expect(JSON.parse((await runCli(['audit', 'verify', '--json'], env)).stdout)).toMatchObject({
      ok: true,
      rows: 2,
    });
  });
});
