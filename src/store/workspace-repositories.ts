import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Analysis } from '../domain/index.js';
import type { Database } from './schema.js';

const now = () => new Date().toISOString();

export type Role = 'viewer' | 'analyst' | 'admin';

export interface UserRecord {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
}

const USER_COLUMNS = [
  'users.id as id',
  'users.username as username',
  'users.role as role',
  'users.password_hash as password_hash',
  'users.disabled as disabled',
] as const;

function toUser(r: {
  id: number;
  username: string;
  role: string;
  password_hash: string;
  disabled: number;
}): UserRecord {
  return {
    id: Number(r.id),
    username: r.username,
    role: r.role as Role,
    password_hash: r.password_hash,
    disabled: Number(r.disabled) === 1,
  };
}

/** Users, their sessions and API tokens. Tokens are stored only as SHA-256 hashes. */
export class UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async create(username: string, role: Role, passwordHash: string): Promise<number> {
    const r = await this.db
      .insertInto('users')
      .values({ username, role, password_hash: passwordHash, created_at: now(), disabled: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async byName(username: string): Promise<UserRecord | null> {
    const r = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async list(): Promise<{ id: number; username: string; role: Role; disabled: boolean }[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'username', 'role', 'disabled'])
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      username: r.username,
      role: r.role as Role,
      disabled: Number(r.disabled) === 1,
    }));
  }

  async createSession(userId: number, tokenHash: string, csrf: string, expiresAt: string): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: tokenHash,
        user_id: userId,
        csrf_token: csrf,
        expires_at: expiresAt,
        created_at: now(),
      })
      .execute();
  }

  async session(tokenHash: string): Promise<{ user: UserRecord; csrf: string } | null> {
    const r = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([...USER_COLUMNS, 'sessions.csrf_token as csrf', 'sessions.expires_at as expires_at'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!r || r.expires_at < now() || Number(r.disabled) === 1) return null;
    return { user: toUser(r), csrf: r.csrf };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async createToken(userId: number, name: string, tokenHash: string): Promise<number> {
    const r = await this.db
      .insertInto('api_tokens')
      .values({ user_id: userId, name, token_hash: tokenHash, created_at: now(), revoked: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async tokenUser(tokenHash: string): Promise<UserRecord | null> {
    const r = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([...USER_COLUMNS])
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked', '=', 0)
      .executeTakeFirst();
    if (!r || Number(r.disabled) === 1) return null;
    return toUser(r);
  }
}

export interface ReviewRecord {
  id: number;
  item_id: number;
  reviewer: string;
  labels: string[];
  context: string;
  ideology: string;
  decision: string;
  policy: string;
  note: string | null;
  created_at: string;
}

export class ReviewStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(r: Omit<ReviewRecord, 'id' | 'created_at'>): Promise<ReviewRecord> {
    const created_at = now();
    const row = await this.db
      .insertInto('reviews')
      .values({ ...r, labels: r.labels.join('|'), created_at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...r, id: Number(row.id), created_at };
  }

  async forItem(itemId: number): Promise<ReviewRecord[]> {
    const rows = await this.db
      .selectFrom('reviews')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      item_id: Number(r.item_id),
      labels: r.labels === '' ? [] : r.labels.split('|'),
    }));
  }

  async all(from?: string, to?: string): Promise<ReviewRecord[]> {
    let q = this.db.selectFrom('reviews').selectAll().orderBy('id');
    if (from) q = q.where('created_at', '>=', from);
    if (to) q = q.where('created_at', '<', to);
    return (await q.execute()).map((r) => ({
      ...r,
      id: Number(r.id),
      item_id: Number(r.item_id),
      labels: r.labels === '' ? [] : r.labels.split('|'),
    }));
  }

  /** Flagged items with no final decision, riskiest and newest first. */
  async queue(limit: number): Promise<
    {
      item_id: number;
      source: string;
      platform: string;
      posted_at: string | null;
      text: string;
      analysis: Analysis;
      reviews: number;
    }[]
  > {
    const rows = await this.db
      .selectFrom('analyses')
      .innerJoin('items', 'items.id', 'analyses.item_id')
      .innerJoin('sources', 'sources.id', 'items.source_id')
      .select((eb) => [
        'items.id as item_id',
        'sources.name as source',
        'items.platform as platform',
        'items.posted_at as posted_at',
        'items.text as text',
        'analyses.analysis as analysis',
        eb
          .selectFrom('reviews')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .whereRef('reviews.item_id', '=', 'items.id')
          .as('reviews'),
      ])
      .where('analyses.action', 'in', ['refer', 'review'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('reviews')
              .select('reviews.id')
              .whereRef('reviews.item_id', '=', 'items.id')
              .where('reviews.decision', 'in', ['referred', 'dismissed', 'verified']),
          ),
        ),
      )
      .orderBy(sql`CASE WHEN analyses.action = 'refer' THEN 0 ELSE 1 END`)
      .orderBy('analyses.max_score', 'desc')
      .orderBy('items.posted_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      item_id: Number(r.item_id),
      analysis: JSON.parse(r.analysis) as Analysis,
      reviews: Number(r.reviews ?? 0),
    }));
  }
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: unknown;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** The hash of an audit row: SHA-256 over its fields and the previous row's hash. */
export function auditHash(row: {
  at: string;
  actor: string;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
}): string {
  return createHash('sha256')
    .update(JSON.stringify([row.prev_hash, row.at, row.actor, row.action, row.target, row.details]))
    .digest('hex');
}

/**
 * The tamper-evident audit trail: appends are serialised in a transaction, each row hashing the one
 * before; `verify` recomputes the chain and names the first row that no longer fits.
 */
export class AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(actor: string, action: string, target: string, details: unknown = {}): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('audit_log')
        .select('hash')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const row = {
        at: now(),
        actor,
        action,
        target,
        details: JSON.stringify(details),
        prev_hash: last?.hash ?? GENESIS,
      };
      await trx
        .insertInto('audit_log')
        .values({ ...row, hash: auditHash(row) })
        .execute();
    });
  }

  async list(limit = 200): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id), details: JSON.parse(r.details) }));
  }

  async verify(): Promise<
    { ok: true; rows: number } | { ok: false; rows: number; firstBrokenId: number; reason: string }
  > {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    let prev = GENESIS;
    let expectedId: number | null = null;
    for (const r of rows) {
      const id = Number(r.id);
      if (expectedId !== null && id !== expectedId)
        return {
          ok: false,
          rows: rows.length,
          firstBrokenId: expectedId,
          reason: `row ${expectedId} is missing`,
        };
      if (r.prev_hash !== prev)
        return {
          ok: false,
          rows: rows.length,
          firstBrokenId: id,
          reason: `row ${id} does not follow the row before it`,
        };
      if (auditHash(r) !== r.hash)
        return {
          ok: false,
          rows: rows.length,
          firstBrokenId: id,
          reason: `row ${id} was changed after it was written`,
        };
      prev = r.hash;
      expectedId = id + 1;
    }
    return { ok: true, rows: rows.length };
  }
}
