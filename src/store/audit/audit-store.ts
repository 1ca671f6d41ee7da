import type { Kysely, Transaction } from 'kysely';
import type { DialectProfile } from '../dialect-profile.js';
import type { Database } from '../schema.js';
import type { AuditStore } from '../store.js';
import {
  type AuditRow,
  type AuditVerdict,
  type Checkpoint,
  checkpoint,
  GENESIS,
  rowMac,
  unkeyedHash,
  verifyTrail,
} from './audit-chain.js';
import type { AuditKeyring } from './audit-key.js';
import type { CheckpointLog } from './checkpoint-log.js';

/** What an audit row says: who did what to which record. Details never hold analysed content. */
export interface AuditEntryInput {
  actor: string;
  action: string;
  target: string;
  details?: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: unknown;
  prev_hash: string;
  key_id: string;
  hash: string;
}

export interface AuditSettings {
  keys: AuditKeyring;
  checkpoints: CheckpointLog;
}

const now = () => new Date().toISOString();

/**
 * The tamper-evident audit trail. Every append happens inside the transaction of the change it
 * records and holds the trail's lock, so rows form one chain in `seq` order whatever the
 * concurrency; each row carries the MAC of the row before it. After each commit a checkpoint goes
 * outside the database.
 */
export class KyselyAuditStore implements AuditStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly profile: DialectProfile,
    private readonly settings: AuditSettings,
  ) {}

  /**
   * Runs `work` and appends the entry describing its result in one transaction: the change and
   * its audit row are stored together or not at all.
   */
  async record<T>(
    work: (trx: Transaction<Database>) => Promise<T>,
    entry: (result: T) => AuditEntryInput,
  ): Promise<T> {
    const [result, mark] = await this.db.transaction().execute(async (trx) => {
      // The lock first: every audited transaction then queues in one order, so none deadlocks.
      await this.profile.lockAuditTrail(trx);
      const result = await work(trx);
      return [result, await this.appendLocked(trx, entry(result))] as const;
    });
    this.settings.checkpoints.write(mark);
    return result;
  }

  async append(actor: string, action: string, target: string, details: unknown = {}): Promise<void> {
    await this.record(
      async () => undefined,
      () => ({ actor, action, target, details }),
    );
  }

  private async head(trx: Kysely<Database>): Promise<{ seq: number; hash: string; key_id: string } | null> {
    const r = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash', 'key_id'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? { seq: Number(r.seq), hash: r.hash, key_id: r.key_id } : null;
  }

  private async appendLocked(trx: Kysely<Database>, entry: AuditEntryInput): Promise<Checkpoint> {
    const head = await this.head(trx);
    const key = this.settings.keys.current;
    const row = {
      seq: (head?.seq ?? 0) + 1,
      at: now(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      details: JSON.stringify(entry.details ?? {}),
      prev_hash: head?.hash ?? GENESIS,
      key_id: key.id,
    };
    const hash = rowMac(key, row);
    await trx
      .insertInto('audit_log')
      .values({ ...row, hash })
      .execute();
    return checkpoint(key, row.seq, hash, row.at);
  }

  /**
   * Continues a trail written before it was keyed: the unkeyed chain is checked once and a keyed
   * `audit.seal` row records its length and outcome, chained to its last row, so those rows are
   * covered by the key from then on. A no-op on a keyed or empty trail.
   */
  async sealUnkeyed(): Promise<void> {
    const head = await this.head(this.db);
    if (head === null || head.key_id !== '') return;
    const [mark] = await this.db.transaction().execute(async (trx) => {
      await this.profile.lockAuditTrail(trx);
      const current = await this.head(trx);
      if (current === null || current.key_id !== '') return [null] as const;
      const rows = await this.rows(trx);
      let prev = GENESIS;
      let broken: number | null = null;
      for (const r of rows) {
        if (r.prev_hash !== prev || unkeyedHash(r) !== r.hash) {
          broken = r.seq;
          break;
        }
        prev = r.hash;
      }
      return [
        await this.appendLocked(trx, {
          actor: 'system',
          action: 'audit.seal',
          target: 'audit',
          details: { unkeyed_rows: rows.length, intact: broken === null, first_broken_row: broken },
        }),
      ] as const;
    });
    if (mark) this.settings.checkpoints.write(mark);
  }

  private async rows(db: Kysely<Database>): Promise<AuditRow[]> {
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor', 'action', 'target', 'details', 'prev_hash', 'key_id', 'hash'])
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /** The newest entries first. */
  async list(limit = 200): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor', 'action', 'target', 'details', 'prev_hash', 'key_id', 'hash'])
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq), details: JSON.parse(r.details) }));
  }

  /** Checks every row and every checkpoint; see `verifyTrail`. */
  async verify(): Promise<AuditVerdict> {
    return verifyTrail(await this.rows(this.db), this.settings.checkpoints.read(), this.settings.keys);
  }

  /** Waits for checkpoint deliveries still in flight. */
  flush(): Promise<void> {
    return this.settings.checkpoints.flush();
  }
}
