import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditLogTable } from '../schema.js';
import type { AuditKey, AuditKeyring } from './audit-key.js';

/** The link before the first row. */
export const GENESIS = '0'.repeat(64);

/** An audit row as stored (its table row without the database id). */
export type AuditRow = Omit<AuditLogTable, 'id'>;

/**
 * A row's MAC: HMAC-SHA256 under the audit key over every field and the previous row's MAC, so
 * editing, inserting, reordering or recomputing rows without the key shows.
 */
export function rowMac(key: AuditKey, row: Omit<AuditRow, 'hash'>): string {
  return createHmac('sha256', key.secret)
    .update(
      JSON.stringify([
        row.prev_hash,
        row.seq,
        row.at,
        row.actor,
        row.action,
        row.target,
        row.details,
        row.key_id,
      ]),
    )
    .digest('hex');
}

/** The unkeyed SHA-256 chain of rows written before the trail was keyed (migration 0006). */
export function unkeyedHash(row: Omit<AuditRow, 'hash' | 'seq' | 'key_id'>): string {
  return createHash('sha256')
    .update(JSON.stringify([row.prev_hash, row.at, row.actor, row.action, row.target, row.details]))
    .digest('hex');
}

/** The state of the trail after an append, kept outside the database to catch truncation. */
export interface Checkpoint {
  /** Rows in the trail (the last row's seq). */
  rows: number;
  /** The last row's MAC. */
  head: string;
  at: string;
  key_id: string;
  mac: string;
}

export function checkpointMac(key: AuditKey, c: Omit<Checkpoint, 'mac'>): string {
  return createHmac('sha256', key.secret)
    .update(JSON.stringify(['vigil.audit.checkpoint', c.rows, c.head, c.at, c.key_id]))
    .digest('hex');
}

export function checkpoint(key: AuditKey, rows: number, head: string, at: string): Checkpoint {
  const c = { rows, head, at, key_id: key.id };
  return { ...c, mac: checkpointMac(key, c) };
}

export type AuditProblem = 'broken_row' | 'missing_tail' | 'checkpoint_mismatch' | 'wrong_key';

export type AuditVerdict =
  | {
      ok: true;
      rows: number;
      key_id: string;
      /** The latest checkpoint found outside the database, or null when there is none. */
      checkpoint: { rows: number; at: string } | null;
    }
  | { ok: false; rows: number; problem: AuditProblem; row: number | null; reason: string };

const equal = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks rows (in seq order) and checkpoints against the keyring. Names the first row that does
 * not fit, a tail deleted after a checkpoint, a row that differs from a checkpoint, or a key
 * this host does not hold (which is not evidence of tampering).
 */
export function verifyTrail(
  rows: readonly AuditRow[],
  checkpoints: readonly (Checkpoint | null)[],
  keys: AuditKeyring,
): AuditVerdict {
  const fail = (problem: AuditProblem, row: number | null, reason: string): AuditVerdict => ({
    ok: false,
    rows: rows.length,
    problem,
    row,
    reason,
  });
  // Checkpoints first: they live outside the database, so one that verifies under this host's
  // keys proves these are the trail's keys, and a row signed with any other key was re-signed.
  let latest: Checkpoint | null = null;
  let ours = false;
  for (const [line, c] of checkpoints.entries()) {
    if (c === null) return fail('checkpoint_mismatch', null, `checkpoint line ${line + 1} is unreadable`);
    const key = keys.byId.get(c.key_id);
    if (!key) continue;
    if (!equal(checkpointMac(key, c), c.mac))
      return fail('checkpoint_mismatch', null, `checkpoint line ${line + 1} was altered`);
    ours = true;
    if (latest === null || c.rows > latest.rows) latest = c;
  }
  const foreign = checkpoints.find((c) => c !== null && !keys.byId.has(c.key_id));
  if (foreign && !ours)
    return fail(
      'wrong_key',
      null,
      `the checkpoints are signed with audit key ${foreign.key_id}, which this host does not hold (its key is ${keys.current.id}); set VIGIL_AUDIT_KEY to the key the trail was written with`,
    );
  let prev = GENESIS;
  let keyed = false;
  const heads = new Map<number, string>();
  for (const [i, r] of rows.entries()) {
    const expected = i + 1;
    if (r.seq !== expected)
      return fail(
        'broken_row',
        expected,
        r.seq > expected ? `row ${expected} is missing` : `row ${r.seq} appears twice`,
      );
    if (r.prev_hash !== prev)
      return fail('broken_row', r.seq, `row ${r.seq} does not follow row ${r.seq - 1}`);
    if (r.key_id === '') {
      if (keyed || !equal(unkeyedHash(r), r.hash))
        return fail('broken_row', r.seq, `row ${r.seq} was changed after it was written`);
    } else {
      const key = keys.byId.get(r.key_id);
      if (!key) {
        if (ours || keyed)
          return fail(
            'broken_row',
            r.seq,
            `row ${r.seq} is signed with audit key ${r.key_id}, which never signed this trail`,
          );
        return fail(
          'wrong_key',
          null,
          `the trail is signed with audit key ${r.key_id}, which this host does not hold (its key is ${keys.current.id}); set VIGIL_AUDIT_KEY to the key the trail was written with`,
        );
      }
      if (!equal(rowMac(key, r), r.hash))
        return fail(
          'broken_row',
          r.seq,
          `row ${r.seq} was changed or forged after it was written (its MAC does not match)`,
        );
      keyed = true;
    }
    heads.set(r.seq, r.hash);
    prev = r.hash;
  }
  for (const c of checkpoints) {
    if (c === null || !keys.byId.has(c.key_id)) continue;
    const head = heads.get(c.rows);
    if (head !== undefined && !equal(head, c.head))
      return fail(
        'checkpoint_mismatch',
        c.rows,
        `row ${c.rows} differs from the checkpoint taken at ${c.at}`,
      );
  }
  if (latest !== null && latest.rows > rows.length)
    return fail(
      'missing_tail',
      rows.length + 1,
      rows.length === 0
        ? `the trail is empty, but the checkpoint taken at ${latest.at} records ${latest.rows} rows`
        : `the trail ends at row ${rows.length}, but the checkpoint taken at ${latest.at} records ${latest.rows} rows: rows ${rows.length + 1}–${latest.rows} were deleted`,
    );
  return {
    ok: true,
    rows: rows.length,
    key_id: keys.current.id,
    checkpoint: latest ? { rows: latest.rows, at: latest.at } : null,
  };
}
