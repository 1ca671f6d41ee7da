import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Analysis } from '../domain/index.js';
import type { AuditEntryInput, KyselyAuditStore } from './audit/audit-store.js';
import type { Database, ReviewsTable } from './schema.js';
import type { QueueRow, ReviewRecord, ReviewStore, Role, UserRecord, UserStore } from './store.js';

export type { ReviewRecord, Role, UserRecord } from './store.js';

const now = () => new Date().toISOString();

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
export class KyselyUserStore implements UserStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: KyselyAuditStore,
  ) {}

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Creates a user and its audit row in one transaction; `by` says who and how. */
  async create(
    username: string,
    role: Role,
    passwordHash: string,
    by: { actor: string; details?: Record<string, unknown> },
  ): Promise<number> {
    return this.audit.record(
      async (trx) => {
        const r = await trx
          .insertInto('users')
          .values({ username, role, password_hash: passwordHash, created_at: now(), disabled: 0 })
          .returning('id')
          .executeTakeFirstOrThrow();
        return Number(r.id);
      },
      (id) => ({
        actor: by.actor,
        action: 'user.create',
        target: `user:${id}`,
        details: { username, role, ...by.details },
      }),
    );
  }

  /**
   * Counts a sign-in attempt from `client` in the current window and returns the count, in the
   * store, so the limit holds across server processes and restarts. Counts of windows that have
   * passed are deleted on the way, whoever they were for: attempts from ever new addresses would
   * otherwise grow the table without end.
   */
  async countSignInAttempt(client: string, windowMs: number, at = Date.now()): Promise<number> {
    const started = new Date(at).toISOString();
    const stale = new Date(at - windowMs).toISOString();
    await this.db.deleteFrom('sign_in_attempts').where('window_start', '<=', stale).execute();
    const r = await this.db
      .insertInto('sign_in_attempts')
      .values({ client, window_start: started, attempts: 1 })
      .onConflict((oc) =>
        oc.column('client').doUpdateSet((eb) => ({
          attempts: eb
            .case()
            .when('sign_in_attempts.window_start', '<=', stale)
            .then(1)
            .else(eb('sign_in_attempts.attempts', '+', 1))
            .end(),
          window_start: eb
            .case()
            .when('sign_in_attempts.window_start', '<=', stale)
            .then(started)
            .else(eb.ref('sign_in_attempts.window_start'))
            .end(),
        })),
      )
      .returning('attempts')
      .executeTakeFirstOrThrow();
    return Number(r.attempts);
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

/** Decisions that settle an item: it leaves the review queue. */
function toReview(r: Selectable<ReviewsTable>): ReviewRecord {
  return {
    ...r,
    id: Number(r.id),
    item_id: Number(r.item_id),
    labels: r.labels === '' ? [] : r.labels.split('|'),
    settles: Number(r.settles) === 1,
  };
}

export class KyselyReviewStore implements ReviewStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: KyselyAuditStore,
  ) {}

  /**
   * Stores a decision and its audit row in one transaction: both or neither. `audit` turns the
   * stored review into the audit entry.
   */
  async add(
    r: Omit<ReviewRecord, 'id' | 'created_at'>,
    audit: (review: ReviewRecord) => AuditEntryInput,
  ): Promise<ReviewRecord> {
    return this.audit.record(async (trx) => this.insert(trx, r), audit);
  }

  private async insert(
    trx: Transaction<Database>,
    r: Omit<ReviewRecord, 'id' | 'created_at'>,
  ): Promise<ReviewRecord> {
    const created_at = now();
    const row = await trx
      .insertInto('reviews')
      .values({ ...r, labels: r.labels.join('|'), settles: r.settles ? 1 : 0, created_at })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (r.settles) await trx.deleteFrom('review_queue').where('item_id', '=', r.item_id).execute();
    return { ...r, id: Number(row.id), created_at };
  }

  async forItem(itemId: number): Promise<ReviewRecord[]> {
    const rows = await this.db
      .selectFrom('reviews')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('id')
      .execute();
    return rows.map(toReview);
  }

  async all(from?: string, to?: string): Promise<ReviewRecord[]> {
    let q = this.db.selectFrom('reviews').selectAll().orderBy('id');
    if (from) q = q.where('created_at', '>=', from);
    if (to) q = q.where('created_at', '<', to);
    return (await q.execute()).map(toReview);
  }

  /**
   * Flagged items with no final decision, referrals first, then riskiest and newest: a range of
   * the review_queue index, so a deep page costs what the first does.
   */
  async queue(limit: number, offset = 0): Promise<QueueRow[]> {
    // Two steps: the page's ids are an index range; their rows are then looked up by key. (One
    // joined query lets a planner that cannot see the limit walk the whole queue.)
    const page = (
      await this.db
        .selectFrom('review_queue')
        .select('item_id')
        .orderBy('priority')
        .orderBy('max_score', 'desc')
        .orderBy('posted_at', 'desc')
        .orderBy('item_id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute()
    ).map((r) => Number(r.item_id));
    if (page.length === 0) return [];
    const found = await this.db
      .selectFrom('items')
      .innerJoin('analyses', 'analyses.item_id', 'items.id')
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
      .where('items.id', 'in', page)
      .execute();
    const byId = new Map(found.map((r) => [Number(r.item_id), r]));
    const rows = page.flatMap((id) => {
      const r = byId.get(id);
      return r ? [r] : [];
    });
    return rows.map((r) => ({
      ...r,
      item_id: Number(r.item_id),
      analysis: JSON.parse(r.analysis) as Analysis,
      reviews: Number(r.reviews ?? 0),
    }));
  }
}
