import { type Kysely, sql } from 'kysely';
import type { Pool, PoolClient } from 'pg';
import type { ChannelEvent, NormalizedItem, SourceRef } from '../../domain/index.js';
import { NO_TURN, type Turn, TurnQueue } from '../../shared/turns.js';
import {
  channelEventRow,
  distinctRounds,
  type ItemRow,
  identity,
  KyselyItemStore,
  mediaRows,
  recordIdentity,
  sourceCacheKey,
  toRow,
} from '../item-repository.js';
import type { ChannelEventsTable, Database, ItemsTable, MediaTable } from '../schema.js';
import type { IngestOptions, IngestOutcome } from '../store.js';
import { arrayRows, type ColumnTypes } from './array-rows.js';
import { BatchGate } from './batch-gate.js';
import { kyselyOnClient } from './client-kysely.js';
import { copyRows } from './copy-rows.js';
import { postgresProfile } from './postgres-dialect-profile.js';

type Trx = Kysely<Database>;

const ITEM_COLUMNS: ColumnTypes<ItemRow> = {
  platform: 'text',
  source_id: 'integer',
  external_id: 'text',
  author: 'text',
  author_id: 'text',
  posted_at: 'text',
  edited_at: 'text',
  collected_at: 'text',
  title: 'text',
  text: 'text',
  entities: 'text',
  url: 'text',
  forwarded_from: 'text',
  forwarded_from_id: 'text',
  reply_to: 'text',
  via_bot: 'text',
  raw: 'text',
  content_sha256: 'text',
  version: 'integer',
};

/** A new item's row as COPY writes it: with the id taken from the sequence beforehand. */
type CopyRow = ItemRow & { id: number };
/** Exported for the test that checks these are the types of the items table's columns. */
export const ITEM_COPY_COLUMNS: ColumnTypes<CopyRow> = { id: 'bigint', ...ITEM_COLUMNS };

/** What an edit replaces in the stored item (its version is counted up in SQL). */
type EditRow = Pick<ItemsTable, 'text' | 'title' | 'entities' | 'edited_at' | 'raw' | 'content_sha256'> & {
  id: number;
};
const EDIT_COLUMNS: ColumnTypes<EditRow> = {
  id: 'bigint',
  text: 'text',
  title: 'text',
  entities: 'text',
  edited_at: 'text',
  raw: 'text',
  content_sha256: 'text',
};

type MediaRow = Omit<MediaTable, 'id' | 'sha256' | 'pdq' | 'pdq_quality'>;
const MEDIA_COLUMNS: ColumnTypes<MediaRow> = {
  item_id: 'bigint',
  position: 'integer',
  kind: 'text',
  path: 'text',
  declared: 'text',
  missing: 'integer',
  mime: 'text',
  width: 'integer',
  height: 'integer',
};

type EventRow = Omit<ChannelEventsTable, 'id'>;
const EVENT_COLUMNS: ColumnTypes<EventRow> = {
  platform: 'text',
  source_id: 'integer',
  external_id: 'text',
  kind: 'text',
  action: 'text',
  actor: 'text',
  posted_at: 'text',
  raw: 'text',
};

/** A row to look up: its identity, its content hash and its place in the round. */
type LookupRow = Pick<ItemRow, 'platform' | 'source_id' | 'external_id' | 'content_sha256'> & { n: number };
const LOOKUP_COLUMNS: ColumnTypes<LookupRow> = {
  platform: 'text',
  source_id: 'integer',
  external_id: 'text',
  content_sha256: 'text',
  n: 'integer',
};

/** An item already stored under a row's identity, and whether it holds the row's content. */
interface Stored {
  id: number;
  sameContent: boolean;
}

/**
 * The PostgreSQL ingest path: a batch costs a fixed handful of set-based statements whatever its
 * size. Items not stored yet are written with one binary COPY (copy-rows.ts), with ids taken from
 * the sequence beforehand; items already stored are told apart as duplicates or edits in a few
 * statements. Measured on 100,000 messages: the shared path's multi-row inserts with 20 parameters
 * per item did about 8,200 messages/s; one binary `text[]` per column, unnested (array-rows.ts),
 * cut PostgreSQL's CPU for a fresh ingest from about 11 to 6–8 s; COPY then took about a quarter
 * off what remained, and halved the CLI's CPU for building the rows. What PostgreSQL still spends
 * is mostly the full-text index (the tokenizer behind `to_tsvector` and the fold, then the GIN
 * insert), the heap and four B-trees. Reads go through the shared Kysely repository.
 */
export class PostgresItemStore extends KyselyItemStore {
  private readonly hint: IngestHint = { lookUpFirst: false };
  /**
   * Two batches at once, each on its own connection: a batch's COPY runs in its own database
   * process, so the database works on two cores while the CLI reads the next batch. One at a time,
   * the CLI waited for the database about half of a fresh ingest and the database for the CLI
   * about a third (100,000 messages: 2.64-2.79 s against 2.29-2.42 s with two, alternating runs).
   */
  readonly ingestConcurrency = 2;
  private readonly gate = new BatchGate();
  /**
   * The batches' turns to insert media, in the order ingestItems was called. Media ids come from a sequence as
   * the rows are inserted, so two batches in flight would number their media in whichever order
   * their inserts ran: a batch with media inserts it only after the batch before (in the order
   * ingestItems was called) has, and the ids come out as one connection gave them. Seen when
   * the CLI got faster: batches overtook each other and a re-run numbered media differently.
   */
  private readonly mediaTurns = new TurnQueue();

  constructor(
    db: Kysely<Database>,
    /** The pool behind `db`: ingest takes a client of its own to COPY inside its transaction. */
    private readonly pool: Pool,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {
    super(db, postgresProfile, clock);
  }

  override async ingestItems(
    items: readonly NormalizedItem[],
    options: IngestOptions = {},
  ): Promise<IngestOutcome[]> {
    if (items.length === 0) return [];
    // The turn is taken before anything is awaited, so turns follow the order of the calls. A
    // batch without media takes none.
    const media = items.some((item) => item.media.length > 0) ? this.mediaTurns.take() : NO_TURN;
    try {
      return await this.ingestTurn(items, options, media);
    } finally {
      // Whatever happened to this batch (an error, a retry), the next one is not held up by it.
      media.done();
    }
  }

  private async ingestTurn(
    items: readonly NormalizedItem[],
    options: IngestOptions,
    media: Turn,
  ): Promise<IngestOutcome[]> {
    const keys = items.map(recordIdentity);
    const leave = await this.gate.enter(keys, !this.knowsAllSources(items));
    const client = await this.pool.connect().catch((error: unknown) => {
      leave();
      throw error;
    });
    let broken: unknown;
    try {
      for (let lookUpFirst = false; ; lookUpFirst = true) {
        const outcomes = await this.ingestOnce(client, items, keys, options, lookUpFirst, media).catch(
          async (error: unknown) => {
            // The transaction is undone before the client goes back to the pool; a client that
            // cannot even roll back is dropped from it.
            await client.query('ROLLBACK').catch((e: unknown) => {
              broken = e;
            });
            throw error;
          },
        );
        if (outcomes) return outcomes;
        // The batch was copied whole and some of it was stored already: undone, it is stored
        // again looking stored items up first (ingestRound).
      }
    } finally {
      client.release(broken === undefined ? undefined : (broken as Error));
      leave();
    }
  }

  /**
   * One transaction storing the batch; null (and rolled back) when it copied the batch whole
   * without looking anything up and part of it was stored already. Statements go one at a time,
   * each waiting for the one before: a fresh batch takes four round trips (begin with its settings
   * and ids, COPY, media, commit) where it took eight, each a chance for the database to wait
   * while the CLI parses the next batch.
   */
  private async ingestOnce(
    client: PoolClient,
    items: readonly NormalizedItem[],
    keys: readonly string[],
    options: IngestOptions,
    lookUpFirst: boolean,
    media: Turn,
  ): Promise<IngestOutcome[] | null> {
    const trx = kyselyOnClient(client);
    // The same identity twice in one batch must be seen in order (the second may be an edit), so
    // such batches are split into rounds of distinct identities.
    const rounds = distinctRounds(items, keys);
    // A batch undone for copying stored items looks up first whatever other batches found.
    const hint = lookUpFirst ? { lookUpFirst } : this.hint;
    const copyWhole = !hint.lookUpFirst;
    const [first] = rounds;
    const ids = await begin(client, options, copyWhole ? (first?.length ?? 0) : 0);
    const learned = new Map<string, number>();
    const sourceIds = await this.sourceIdsOf(trx, items, learned);
    const outcomes = new Array<IngestOutcome>(items.length);
    for (const [r, round] of rounds.entries()) {
      const collectedAt = this.clock();
      const rows = round.map((i) => toRow(items[i] as NormalizedItem, sourceIds[i] as number, collectedAt));
      const stored = await ingestRound(trx, client, rows, hint, r === 0 ? ids : null);
      if (!stored) {
        await client.query('ROLLBACK');
        this.hint.lookUpFirst = true;
        return null;
      }
      if (lookUpFirst) {
        // What this round found guides the next batches, not the rest of this one.
        this.hint.lookUpFirst = hint.lookUpFirst;
        hint.lookUpFirst = true;
      }
      await insertMedia(trx, round, items, stored, media.after);
      round.forEach((i, k) => {
        outcomes[i] = stored[k] as IngestOutcome;
      });
    }
    media.done();
    await client.query('COMMIT');
    this.remember(learned);
    return outcomes;
  }

  /**
   * A commit that waits for the disk flushes the write-ahead log up to its own commit record, and
   * so every transaction committed before it, those committed without waiting too. This one writes
   * a transactional WAL message (nothing in any table) to have a commit record at all: a commit
   * that wrote nothing would not wait. As the session's synchronous_commit says (on by default).
   */
  override async settle(): Promise<void> {
    await sql`SELECT pg_logical_emit_message(true, 'vigil', 'settle')`.execute(this.db);
  }

  override async recordChannelEvents(
    events: readonly ChannelEvent[],
    options: IngestOptions = {},
  ): Promise<number> {
    if (events.length === 0) return 0;
    const leave = await this.gate.enter(
      events.map((e) => `event\u0000${recordIdentity(e)}`),
      !this.knowsAllSources(events),
    );
    const client = await this.pool.connect().catch((error: unknown) => {
      leave();
      throw error;
    });
    let broken: unknown;
    try {
      const trx = kyselyOnClient(client);
      // Committed as the items are (begin): with settleLater, without waiting for the disk.
      await begin(client, options, 0);
      const learned = new Map<string, number>();
      const sourceIds = await this.sourceIdsOf(trx, events, learned);
      const rows: EventRow[] = events.map((e, i) => channelEventRow(e, sourceIds[i] as number));
      // DO NOTHING also skips a repeat within the same statement, as one insert per event did.
      const result = await sql`
        INSERT INTO channel_events (${columnList(EVENT_COLUMNS)})
        SELECT * FROM ${arrayRows(EVENT_COLUMNS, rows)} AS r
        ON CONFLICT (platform, source_id, external_id) DO NOTHING`.execute(trx);
      await client.query('COMMIT');
      this.remember(learned);
      return Number(result.numAffectedRows ?? 0n);
    } catch (error) {
      await client.query('ROLLBACK').catch((e: unknown) => {
        broken = e;
      });
      throw error;
    } finally {
      client.release(broken === undefined ? undefined : (broken as Error));
      leave();
    }
  }

  /**
   * Whether the source of every record is known. A reader gives the records of one chat the same
   * source object, so each run of them is looked at once: a cache key made and looked up for each
   * record took 11 ms per 100,000 messages, this 1.5.
   */
  private knowsAllSources(records: readonly { source: SourceRef }[]): boolean {
    let last: SourceRef | undefined;
    for (const { source } of records) {
      if (source === last) continue;
      if (!this.knowsSource(source)) return false;
      last = source;
    }
    return true;
  }

  /**
   * The source id of each record, in order (cached after the first lookup of each source). A
   * reader gives the records of one chat the same source object, so each object is looked up once
   * per batch: awaiting the cache for every record cost the CLI about 50 ms per 100,000 messages.
   * Sources are looked up, and created where new, in the order of their keys: two writers creating
   * the same new sources then wait for each other in one order, where record order could make each
   * wait for a source the other created (a deadlock, which PostgreSQL ends by failing one).
   */
  private async sourceIdsOf(
    trx: Trx,
    records: readonly { source: SourceRef }[],
    learned: Map<string, number>,
  ): Promise<number[]> {
    const bySource = new Map<SourceRef, number>();
    for (const { source } of records) bySource.set(source, 0);
    const inKeyOrder = [...bySource.keys()]
      .map((source) => ({ source, key: sourceCacheKey(source) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const { source } of inKeyOrder) bySource.set(source, await this.sourceId(trx, source, learned));
    return records.map(({ source }) => bySource.get(source) as number);
  }
}

/**
 * Opens a batch's transaction in one round trip, with its settings and, for a batch to be copied
 * whole, the `idsFor` ids it will take (ascending; none for 0).
 *
 * With settleLater the commit returns before its WAL is on disk (the WAL writer flushes it within
 * a fraction of a second); settle() waits for it. Waiting at each commit of a fresh ingest held
 * the pipeline for about 1.2 s per 100,000 messages. The memory lets the batch's new rows, which
 * the items table's statement trigger reads, stay in memory: with the default 4 MB a batch of
 * 5,000 messages went to a temporary file (73 MB written per 100,000 messages).
 */
async function begin(client: PoolClient, options: IngestOptions, idsFor: number): Promise<number[] | null> {
  if (!Number.isSafeInteger(idsFor) || idsFor < 0) throw new Error('store: not a count of ids');
  const commit = options.settleLater ? ", set_config('synchronous_commit', 'off', true)" : '';
  const ids = idsFor > 0 ? `, (${NEXT_IDS} FROM s, generate_series(1, ${idsFor})) AS ids` : '';
  // Without parameters the statements go in one message (the simple query protocol).
  const results = (await client.query(
    `BEGIN; SELECT set_config('work_mem', '32MB', true)${commit}${ids}`,
  )) as unknown as { rows: { ids?: string }[] }[];
  return idsFor > 0 ? parseIds(results[1]?.rows[0]?.ids ?? null) : null;
}

/**
 * Stores one round of distinct identities; outcomes in the order of `rows`. Items not stored yet
 * are copied in. When the last round was all new, this one is copied whole without looking
 * anything up first (a fresh ingest never looks up), with `ids` if they were taken already; if
 * any of it is stored already, null: the caller undoes the batch and stores it again looking up
 * first. Looking up, the stored items are found and only the others copied. If another writer
 * stores one of those in the meantime, that copy is undone too and the round takes the insert
 * path, which waits for that writer and reads its rows as duplicates.
 */
async function ingestRound(
  trx: Trx,
  client: PoolClient,
  rows: readonly ItemRow[],
  hint: IngestHint,
  ids: number[] | null,
): Promise<IngestOutcome[] | null> {
  if (!hint.lookUpFirst) {
    const taken = ids?.length === rows.length ? ids : await nextItemIds(trx, rows.length);
    const copied = await copyNew(trx, client, rows, taken, false);
    return copied ? copied.map((id) => ({ status: 'new', itemId: id })) : null;
  }
  const stored = await storedOf(trx, rows);
  hint.lookUpFirst = stored.some((s) => s !== undefined);
  const fresh = rows.filter((_, k) => stored[k] === undefined);
  const freshIds =
    fresh.length === 0 ? [] : await copyNew(trx, client, fresh, await nextItemIds(trx, fresh.length), true);
  if (!freshIds) return insertRound(trx, rows);
  const outcomes = new Array<IngestOutcome>(rows.length);
  const existing: { k: number; stored: Stored }[] = [];
  // The fresh rows were copied in their order here, and took freshIds in that order.
  let copied = 0;
  for (let k = 0; k < rows.length; k++) {
    const found = stored[k];
    if (found) existing.push({ k, stored: found });
    else outcomes[k] = { status: 'new', itemId: freshIds[copied++] as number };
  }
  const resolved = await resolveExisting(
    trx,
    existing.map(({ k, stored }) => ({ row: rows[k] as ItemRow, stored })),
  );
  existing.forEach(({ k }, j) => {
    outcomes[k] = resolved[j] as IngestOutcome;
  });
  return outcomes;
}

/**
 * Whether to look stored items up before copying: after a round that found some (a re-ingest),
 * looking up first is cheaper than a copy that fails. Only a guess about the next round; shared by
 * the store's concurrent calls, it can be wrong without harm.
 */
interface IngestHint {
  lookUpFirst: boolean;
}

/**
 * Copies rows whose identity was not stored when looked up, with `ids` (in the order of `rows`);
 * null if one of them is stored already (another writer may have stored it since), the copy then
 * undone back to a savepoint when `savepoint` is set, else leaving the transaction to be rolled
 * back (a savepoint costs two round trips). The rows go in in one order, whoever writes them, so
 * two writers of the same new items wait for each other and never deadlock; their ids are given
 * in input order.
 */
async function copyNew(
  trx: Trx,
  client: PoolClient,
  rows: readonly ItemRow[],
  ids: readonly number[],
  savepoint: boolean,
): Promise<readonly number[] | null> {
  // The rows are the round's own (toRow made them for it), so each takes its id in place: a copy
  // of every row with its id cost the CLI 40-70 ms per 100,000 messages (measured alone). The
  // insert path that may follow a failed copy writes no id column.
  const withIds = rows as CopyRow[];
  withIds.forEach((row, k) => {
    row.id = ids[k] as number;
  });
  if (savepoint) await sql`SAVEPOINT vigil_copy_items`.execute(trx);
  try {
    await copyRows(client, 'items', ITEM_COPY_COLUMNS, inIdentityOrder(withIds));
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    if (savepoint) await sql`ROLLBACK TO SAVEPOINT vigil_copy_items`.execute(trx);
    return null;
  }
  if (savepoint) await sql`RELEASE SAVEPOINT vigil_copy_items`.execute(trx);
  return ids;
}

const UNIQUE_VIOLATION = '23505';

/** Rows sorted by identity: the order every writer stores new items in (see copyNew). */
function inIdentityOrder<R extends ItemRow>(rows: readonly R[]): R[] {
  return rows
    .map((row) => ({ row, key: identity(row.platform, row.source_id, row.external_id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
}

/**
 * A query's start taking ids from the items table's sequence: `… FROM s, generate_series(…)`.
 * As one text value: 5,000 result rows cost more to send and parse than taking the ids. The
 * sequence is looked up once (MATERIALIZED): inlined into the query, the lookup ran again for
 * every id, and the statement took about 28 ms per 5,000 ids instead of 4.
 */
const NEXT_IDS = `WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('items', 'id')::regclass AS seq)
  SELECT string_agg(nextval(s.seq)::text, ',')`;

/** `n` ids from the items table's sequence, ascending. */
async function nextItemIds(trx: Trx, n: number): Promise<number[]> {
  const { rows } = await sql<{ ids: string | null }>`${sql.raw(NEXT_IDS)} AS ids
    FROM s, generate_series(1, ${n}::integer)`.execute(trx);
  return parseIds(rows[0]?.ids ?? null);
}

function parseIds(ids: string | null): number[] {
  if (ids === null) return [];
  return ids
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
}

/** Stores one round by INSERT … ON CONFLICT, which waits for any other writer of the same items. */
async function insertRound(trx: Trx, rows: readonly ItemRow[]): Promise<IngestOutcome[]> {
  const inserted = await insertNew(trx, rows);
  const outcomes = new Array<IngestOutcome>(rows.length);
  const existing: number[] = [];
  rows.forEach((row, k) => {
    const id = inserted.get(identity(row.platform, row.source_id, row.external_id));
    if (id === undefined) existing.push(k);
    else outcomes[k] = { status: 'new', itemId: id };
  });
  if (existing.length > 0) {
    const found = await storedOf(
      trx,
      existing.map((k) => rows[k] as ItemRow),
    );
    const resolved = await resolveExisting(
      trx,
      existing.map((k, j) => {
        const row = rows[k] as ItemRow;
        const stored = found[j];
        if (!stored) throw new Error(`store: item ${row.external_id} conflicted on insert but was not found`);
        return { row, stored };
      }),
    );
    existing.forEach((k, j) => {
      outcomes[k] = resolved[j] as IngestOutcome;
    });
  }
  return outcomes;
}

/** Inserts the rows whose identity is not stored yet; returns their ids by identity. */
async function insertNew(trx: Trx, rows: readonly ItemRow[]): Promise<Map<string, number>> {
  const { rows: returned } = await sql<
    Pick<ItemRow, 'platform' | 'source_id' | 'external_id'> & { id: number }
  >`
    INSERT INTO items (${columnList(ITEM_COLUMNS)})
    SELECT * FROM ${arrayRows(ITEM_COLUMNS, inIdentityOrder(rows))} AS r
    ON CONFLICT (platform, source_id, external_id) DO NOTHING
    RETURNING id, platform, source_id, external_id`.execute(trx);
  return new Map(returned.map((r) => [identity(r.platform, r.source_id, r.external_id), r.id]));
}

/**
 * Items already stored: the same content is a duplicate, and so is the content of an earlier
 * version (re-reading an older export is not a new edit); other content is an edit, which keeps the
 * current row as a version. A few statements for the whole round, none per item.
 */
async function resolveExisting(
  trx: Trx,
  pairs: readonly { row: ItemRow; stored: Stored }[],
): Promise<IngestOutcome[]> {
  if (pairs.length === 0) return [];
  const changed = pairs.filter((p) => !p.stored.sameContent);
  const earlier = await earlierVersions(
    trx,
    changed.map((p) => p.stored.id),
  );
  const edits = changed.filter((p) => !earlier.has(versionKey(p.stored.id, p.row.content_sha256)));
  await applyEdits(trx, edits);
  const edited = new Set(edits);
  return pairs.map((p) => ({ status: edited.has(p) ? 'edited' : 'duplicate', itemId: p.stored.id }));
}

/**
 * The item stored under each row's identity, in the order of `rows` (undefined where none is).
 * One index lookup per row, whatever the planner thinks of the batch against the table: knowing
 * the batch's size, it hashed the whole items table instead, three times the CPU at 100,000 items
 * and more as the store grows. (LIMIT 1 keeps the lookup from being merged into a join.)
 *
 * The database compares the content hashes and the answer is one text value of `place:id` pairs,
 * `place:id*` where the content differs: a re-ingest finds every row stored, and a result row per
 * item with its identity and hash cost the CLI about 0.2 s per 100,000 messages to receive and
 * parse, and the database as much again to send.
 */
async function storedOf(trx: Trx, rows: readonly ItemRow[]): Promise<(Stored | undefined)[]> {
  const { rows: answer } = await sql<{ found: string | null }>`
    SELECT string_agg(k.n::text || ':' || i.id::text
      || CASE WHEN i.content_sha256 = k.content_sha256 THEN '' ELSE '*' END, ',') AS found
    FROM ${arrayRows(
      LOOKUP_COLUMNS,
      rows.map((r, n) => ({
        platform: r.platform,
        source_id: r.source_id,
        external_id: r.external_id,
        content_sha256: r.content_sha256,
        n,
      })),
    )} AS k
    CROSS JOIN LATERAL (
      SELECT id, content_sha256 FROM items
      WHERE platform = k.platform AND source_id = k.source_id AND external_id = k.external_id
      LIMIT 1) AS i`.execute(trx);
  return parseStored(answer[0]?.found ?? null, rows.length);
}

/** storedOf's answer, `place:id` or `place:id*` pairs, as one entry per row. */
export function parseStored(found: string | null, count: number): (Stored | undefined)[] {
  const stored = Array.from<Stored | undefined>({ length: count });
  if (found === null) return stored;
  for (const pair of found.split(',')) {
    const colon = pair.indexOf(':');
    const changed = pair.endsWith('*');
    const n = Number(pair.slice(0, colon));
    const id = Number(pair.slice(colon + 1, changed ? -1 : undefined));
    if (!Number.isSafeInteger(n) || n < 0 || n >= count || !Number.isSafeInteger(id))
      throw new Error('store: an unreadable lookup answer');
    stored[n] = { id, sameContent: !changed };
  }
  return stored;
}

function versionKey(itemId: number, contentSha256: string): string {
  return `${itemId}\u0000${contentSha256}`;
}

/** The (item, content hash) of every earlier version of these items. */
async function earlierVersions(trx: Trx, itemIds: readonly number[]): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const { rows } = await sql<{ item_id: number; content_sha256: string }>`
    SELECT item_id, content_sha256 FROM item_versions WHERE item_id = ANY(${itemIds}::bigint[])`.execute(trx);
  return new Set(rows.map((r) => versionKey(r.item_id, r.content_sha256)));
}

/** Keeps each item's current content as a version, then replaces it and counts the version up. */
async function applyEdits(trx: Trx, edits: readonly { row: ItemRow; stored: Stored }[]): Promise<void> {
  const first = edits[0];
  if (!first) return;
  const ids = edits.map((e) => e.stored.id);
  // Every row of a round has the same collected_at: the moment its predecessor was superseded.
  const supersededAt = first.row.collected_at;
  await sql`
    INSERT INTO item_versions (item_id, version, text, edited_at, raw, content_sha256, superseded_at)
    SELECT id, version, text, edited_at, raw, content_sha256, ${supersededAt}
    FROM items WHERE id = ANY(${ids}::bigint[])`.execute(trx);
  // The ids again as a list: knowing how many edits there are, the planner would otherwise hash
  // the whole items table to find them.
  await sql`
    UPDATE items SET text = e.text, title = e.title, entities = e.entities, edited_at = e.edited_at,
      raw = e.raw, content_sha256 = e.content_sha256, version = items.version + 1
    FROM ${arrayRows(
      EDIT_COLUMNS,
      edits.map((e) => toEditRow(e.stored.id, e.row)),
    )} AS e
    WHERE items.id = e.id AND items.id = ANY(${ids}::bigint[])`.execute(trx);
}

/**
 * Media rows of the items a round stored new (an edit keeps the media it had), like the shared
 * path, once `after` (the batch before) has inserted its own.
 */
async function insertMedia(
  trx: Trx,
  round: readonly number[],
  items: readonly NormalizedItem[],
  outcomes: readonly IngestOutcome[],
  after: Promise<void>,
): Promise<void> {
  const rows = round.flatMap((i, k) => {
    const outcome = outcomes[k] as IngestOutcome;
    return outcome.status === 'new' ? mediaRows(outcome.itemId, items[i] as NormalizedItem) : [];
  });
  if (rows.length === 0) return;
  await after;
  await sql`
    INSERT INTO media (${columnList(MEDIA_COLUMNS)})
    SELECT * FROM ${arrayRows(MEDIA_COLUMNS, rows)} AS r`.execute(trx);
}

function toEditRow(id: number, row: ItemRow): EditRow {
  const { text, title, entities, edited_at, raw, content_sha256 } = row;
  return { id, text, title, entities, edited_at, raw, content_sha256 };
}

/** The column list of an INSERT, in the order arrayRows selects them. */
function columnList<R>(types: ColumnTypes<R>) {
  return sql.join(Object.keys(types).map((name) => sql.id(name)));
}
