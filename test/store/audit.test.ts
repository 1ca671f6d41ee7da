import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type AuditRow, rowMac, unkeyedHash } from '../../src/store/audit/audit-chain.js';
import { auditKey } from '../../src/store/audit/audit-key.js';
import { auditSettings } from '../../src/store/audit/audit-settings.js';
import { CodeMigrationProvider } from '../../src/store/migrations.js';
import { sqliteProfile } from '../../src/store/sqlite/sqlite-dialect-profile.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDb } from '../helpers/cli.js';

/** A store file with `n` audit rows, closed, for an attacker who can write to the database. */
async function trail(n = 5): Promise<string> {
  const file = tempDb();
  const store = await openSqliteStore(file);
  for (let i = 1; i <= n; i++) await store.audit.append('ana', 'review.confirmed', `item:${i}`, { i });
  await store.close();
  return file;
}

/** What an attacker with database access (but not the key file) does, then what verify says. */
async function afterAttack(file: string, attack: (db: Database.Database) => void) {
  const raw = new Database(file);
  attack(raw);
  raw.close();
  const store = await openSqliteStore(file);
  try {
    return await store.audit.verify();
  } finally {
    await store.close();
  }
}

type Row = AuditRow;
const rowsOf = (db: Database.Database) => db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];

describe('the audit trail against a writer with database access', () => {
  it('verifies an untouched trail and names the checkpoint outside the database', async () => {
    const verdict = await afterAttack(await trail(), () => {});
    expect(verdict).toMatchObject({ ok: true, rows: 5, checkpoint: { rows: 5 } });
  });

  it('names an edited row', async () => {
    const verdict = await afterAttack(await trail(), (db) =>
      db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3").run(),
    );
    expect(verdict).toMatchObject({ ok: false, problem: 'broken_row', row: 3 });
  });

  it('names a deleted middle row', async () => {
    const verdict = await afterAttack(await trail(), (db) =>
      db.prepare('DELETE FROM audit_log WHERE seq = 3').run(),
    );
    expect(verdict).toMatchObject({ ok: false, problem: 'broken_row', row: 3, reason: 'row 3 is missing' });
  });

  it('catches a deleted last row, the last rows, and an emptied table from the checkpoint', async () => {
    const last = await afterAttack(await trail(), (db) =>
      db.prepare('DELETE FROM audit_log WHERE seq = 5').run(),
    );
    expect(last).toMatchObject({ ok: false, problem: 'missing_tail', row: 5 });
    const tail = await afterAttack(await trail(8), (db) =>
      db.prepare('DELETE FROM audit_log WHERE seq > 3').run(),
    );
    expect(tail).toMatchObject({ ok: false, problem: 'missing_tail', row: 4 });
    expect(tail.ok ? '' : tail.reason).toContain('rows 4–8 were deleted');
    const empty = await afterAttack(await trail(), (db) => db.prepare('DELETE FROM audit_log').run());
    expect(empty).toMatchObject({ ok: false, problem: 'missing_tail', rows: 0 });
  });

  it('catches an appended forged row, whether keyed with a guess or unkeyed', async () => {
    for (const keyed of [true, false]) {
      const verdict = await afterAttack(await trail(), (db) => {
        const head = rowsOf(db).at(-1) as Row;
        const forged = {
          seq: 6,
          at: new Date().toISOString(),
          actor: 'mallory',
          action: 'review.dismissed',
          target: 'item:9',
          details: '{}',
          prev_hash: head.hash,
          key_id: keyed ? head.key_id : '',
        };
        const hash = keyed
          ? rowMac({ id: head.key_id, secret: Buffer.from('a guessed key of some length') }, forged)
          : unkeyedHash(forged);
        db.prepare(
          'INSERT INTO audit_log (seq, at, actor, action, target, details, prev_hash, key_id, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(...Object.values(forged), hash);
      });
      expect(verdict).toMatchObject({ ok: false, problem: 'broken_row', row: 6 });
    }
  });

  it('catches an edited row with the chain recomputed after it, under a guessed or an own key', async () => {
    for (const key of [
      { id: 'keep', secret: Buffer.from('a guessed key of some length') },
      auditKey('the attacker own key, sixteen+'),
    ]) {
      const verdict = await afterAttack(await trail(), (db) => {
        const rows = rowsOf(db);
        let prev = (rows[0] as Row).hash;
        for (const r of rows.slice(1)) {
          const edited = {
            ...r,
            actor: r.seq === 2 ? 'mallory' : r.actor,
            prev_hash: prev,
            key_id: key.id === 'keep' ? r.key_id : key.id,
          };
          const hash = rowMac(key, edited);
          db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, key_id = ?, hash = ? WHERE seq = ?').run(
            edited.actor,
            edited.prev_hash,
            edited.key_id,
            hash,
            r.seq,
          );
          prev = hash;
        }
      });
      expect(verdict).toMatchObject({ ok: false, problem: 'broken_row', row: 2 });
    }
  });

  it('reports a key that does not match as a wrong key, not as tampering', async () => {
    const file = await trail();
    const store = await openSqliteStore(file, {
      audit: auditSettings(dirname(file), { VIGIL_AUDIT_KEY: 'another host key, long enough' }),
    });
    const verdict = await store.audit.verify();
    await store.close();
    expect(verdict).toMatchObject({ ok: false, problem: 'wrong_key' });
    expect(verdict.ok ? '' : verdict.reason).toContain('set VIGIL_AUDIT_KEY');
  });

  it('keeps verifying rows signed before a key rotation', async () => {
    const file = await trail(2);
    const dir = dirname(file);
    const { rotateKeyFile } = await import('../../src/store/audit/audit-key.js');
    const next = rotateKeyFile(join(dir, 'audit.key'));
    const store = await openSqliteStore(file);
    await store.audit.append('ana', 'review.referred', 'item:3');
    const verdict = await store.audit.verify();
    const [newest] = await store.audit.list(1);
    await store.close();
    expect(verdict).toMatchObject({ ok: true, rows: 3, key_id: next.id });
    expect(newest?.key_id).toBe(next.id);
  });

  it('sends each checkpoint to a webhook when one is configured', async () => {
    const received: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkpoints`;
    const file = tempDb();
    const store = await openSqliteStore(file, {
      audit: auditSettings(dirname(file), { VIGIL_AUDIT_CHECKPOINT_URL: url }),
    });
    await store.audit.append('ana', 'export.referrals', 'referrals');
    await store.close();
    server.close();
    expect(received).toEqual([
      expect.objectContaining({ rows: 1, key_id: expect.any(String), mac: expect.any(String) }),
    ]);
  });
});

describe('an audit trail written before it was keyed', () => {
  it('is verified once on upgrade, sealed under the key, and stays tamper-evident', async () => {
    const file = tempDb();
    // A store as migration 0005 left it, with three rows of the unkeyed SHA-256 chain.
    const old = new Kysely({ dialect: new SqliteDialect({ database: new Database(file) }) });
    const migrator = new Migrator({ db: old, provider: new CodeMigrationProvider(sqliteProfile) });
    expect((await migrator.migrateTo('0005_analysis_versions')).error).toBeUndefined();
    let prev = '0'.repeat(64);
    for (const i of [1, 2, 3]) {
      const row = {
        at: `2026-01-0${i}T00:00:00.000Z`,
        actor: 'ana',
        action: 'review.confirmed',
        target: `item:${i}`,
        details: '{}',
        prev_hash: prev,
      };
      prev = unkeyedHash(row);
      await old
        .insertInto('audit_log' as never)
        .values({ ...row, hash: prev } as never)
        .execute();
    }
    await old.destroy();

    const store = await openSqliteStore(file);
    const verdict = await store.audit.verify();
    const [seal] = await store.audit.list(1);
    await store.close();
    expect(verdict).toMatchObject({ ok: true, rows: 4 });
    expect(seal).toMatchObject({
      seq: 4,
      action: 'audit.seal',
      details: { unkeyed_rows: 3, intact: true, first_broken_row: null },
    });

    const edited = await afterAttack(file, (db) => {
      // Editing an unkeyed row and recomputing the unkeyed chain up to the seal still shows.
      const rows = rowsOf(db);
      let p = '0'.repeat(64);
      for (const r of rows.slice(0, 3)) {
        const changed = { ...r, actor: r.seq === 2 ? 'mallory' : r.actor, prev_hash: p };
        p = unkeyedHash(changed);
        db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
          changed.actor,
          changed.prev_hash,
          p,
          r.seq,
        );
      }
    });
    expect(edited).toMatchObject({ ok: false, problem: 'broken_row', row: 4 });
  });
});
