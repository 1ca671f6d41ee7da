import { type Kysely, sql, type Transaction } from 'kysely';
import type { Pool, PoolClient } from 'pg';
import type { ChannelEvent, NormalizedItem, SourceRef } from '../../domain/index.js';
import {
  channelEventRow,
  distinctRounds,
  type ItemRow,
  identity,
  KyselyItemStore,
  mediaRows,
  toRow,
} from '../item-repository.js';
import type { ChannelEventsTable, Database, ItemsTable, MediaTable } from '../schema.js';
import type { IngestOptions, IngestOutcome } from '../store.js';
import { arrayRows, type ColumnTypes } from './array-rows.js';
import { kyselyOnClient } from './client-kysely.js';
import { copyRows } from './copy-rows.js';
import { postgresProfile } from './postgres-dialect-profile.js';

type Trx = Transaction<Database>;

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

/** The identity of a stored item: what rows are matched on. */
const KEY_COLUMNS: ColumnTypes<ItemRow> = { platform: 'text', source_id: 'integer', external_id: 'text' };

/** An item already stored, with what tells a duplicate from an edit. */
interface Stored {
  id: number;
  platform: string;
  source_id: number;
  external_id: string;
  content_sha256: string;
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
    const learned = new Map<string, number>();
    const client = await this.pool.connect();
    let outcomes: IngestOutcome[];
    try {
      outcomes = await kyselyOnClient(client)
        .transaction()
        .execute(async (trx) => {
          // With settleLater the commit returns before its WAL is on disk (the WAL writer flushes
          // it within a fraction of a second); settle() waits for it. Waiting at each commit of a
          // fresh ingest held the pipeline for about 1.2 s per 100,000 messages. The memory lets
          // the batch's new rows, which the items table's statement trigger reads, stay in memory:
          // with the default 4 MB a batch of 5,000 messages went to a temporary file (73 MB written
          // per 100,000 messages).
          const commit = options.settleLater ? sql`, set_config('synchronous_commit', 'off', true)` : sql``;
          await sql`SELECT set_config('work_mem', '32MB', true)${commit}`.execute(trx);
          const sourceIds = await this.sourceIdsOf(trx, items, learned);
          const outcomes = new Array<IngestOutcome>(items.length);
          // The same identity twice in one batch must be seen in order (the second may be an
          // edit), so such batches are split into rounds of distinct identities.
          for (const round of distinctRounds(items)) {
            const collectedAt = this.clock();
            const rows = round.map((i) =>
              toRow(items[i] as NormalizedItem, sourceIds[i] as number, collectedAt),
            );
            const stored = await ingestRound(trx, client, rows, this.hint);
            await insertMedia(trx, round, items, stored);
            round.forEach((i, k) => {
              outcomes[i] = stored[k] as IngestOutcome;
            });
          }
          return outcomes;
        });
    } finally {
      client.release();
    }
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

  override async recordChannelEvents(events: readonly ChannelEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const learned = new Map<string, number>();
    const added = await this.db.transaction().execute(async (trx) => {
      const sourceIds = await this.sourceIdsOf(trx, events, learned);
      const rows: EventRow[] = events.map((e, i) => channelEventRow(e, sourceIds[i] as number));
      // DO NOTHING also skips a repeat within the same statement, as one insert per event did.
      const result = await sql`
        INSERT INTO channel_events (${columnList(EVENT_COLUMNS)})
        SELECT * FROM ${arrayRows(EVENT_COLUMNS, rows)} AS r
        ON CONFLICT (platform, source_id, external_id) DO NOTHING`.execute(trx);
      return Number(result.numAffectedRows ?? 0n);
    });
    this.remember(learned);
    return added;
  }

  /** The source id of each record, in order (cached after the first lookup of each source). */
  private async sourceIdsOf(
    trx: Trx,
    records: readonly { source: SourceRef }[],
    learned: Map<string, number>,
  ): Promise<number[]> {
    const ids: number[] = [];
    for (const r of records) ids.push(await this.sourceId(trx, r.source, learned));
    return ids;
  }
}

/**
 * Stores one round of distinct identities; outcomes in the order of `rows`. Items not stored yet
 * are copied in. When the last round was all new, this one is copied whole without looking
 * anything up first (a fresh ingest never looks up); if any of it is stored already, the copy is
 * undone, the stored items are looked up and only the others copied. If another writer stores one
 * of those in the meantime, that copy is undone too and the round takes the insert path, which
 * waits for that writer and reads its rows as duplicates.
 */
async function ingestRound(
  trx: Trx,
  client: PoolClient,
  rows: readonly ItemRow[],
  hint: IngestHint,
): Promise<IngestOutcome[]> {
  if (!hint.lookUpFirst) {
    const copied = await copyNew(trx, client, rows);
    if (copied) return copied.map((id) => ({ status: 'new', itemId: id }));
  }
  const stored = await storedOf(trx, rows);
  hint.lookUpFirst = stored.size > 0;
  const fresh = rows.filter((r) => !stored.has(identity(r.platform, r.source_id, r.external_id)));
  const freshIds = fresh.length === 0 ? [] : await copyNew(trx, client, fresh);
  if (!freshIds) return insertRound(trx, rows);
  const copied = new Map(
    fresh.map((r, k) => [identity(r.platform, r.source_id, r.external_id), freshIds[k]]),
  );
  const outcomes = new Array<IngestOutcome>(rows.length);
  const existing: { k: number; stored: Stored }[] = [];
  rows.forEach((row, k) => {
    const key = identity(row.platform, row.source_id, row.external_id);
    const id = copied.get(key);
    if (id !== undefined) outcomes[k] = { status: 'new', itemId: id };
    else existing.push({ k, stored: stored.get(key) as Stored });
  });
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
 * Copies rows whose identity was not stored when looked up; their ids in the order of `rows`, or
 * null if another writer has stored one of them since (the copy is then undone). The rows go in
 * in one order, whoever writes them, so two writers of the same new items wait for each other and
 * never deadlock; their ids are given in input order.
 */
async function copyNew(trx: Trx, client: PoolClient, rows: readonly ItemRow[]): Promise<number[] | null> {
  const ids = await nextItemIds(trx, rows.length);
  // The rows are the round's own (toRow made them for it), so each takes its id in place: a copy
  // of every row with its id cost the CLI 40-70 ms per 100,000 messages (measured alone). The
  // insert path that may follow a failed copy writes no id column.
  const withIds = rows as CopyRow[];
  withIds.forEach((row, k) => {
    row.id = ids[k] as number;
  });
  await sql`SAVEPOINT vigil_copy_items`.execute(trx);
  try {
    await copyRows(client, 'items', ITEM_COPY_COLUMNS, inIdentityOrder(withIds));
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
    await sql`ROLLBACK TO SAVEPOINT vigil_copy_items`.execute(trx);
    return null;
  }
  await sql`RELEASE SAVEPOINT vigil_copy_items`.execute(trx);
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

/** `n` ids from the items table's sequence, ascending. */
async function nextItemIds(trx: Trx, n: number): Promise<number[]> {
  // As one text value: 5,000 result rows cost more to send and parse than taking the ids. The
  // sequence is looked up once (MATERIALIZED): inlined into the query, the lookup ran again for
  // every id, and the statement took about 28 ms per 5,000 ids instead of 4.
  const { rows } = await sql<{ ids: string }>`
    WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('items', 'id')::regclass AS seq)
    SELECT string_agg(nextval(s.seq)::text, ',') AS ids FROM s, generate_series(1, ${n}::integer)`.execute(
    trx,
  );
  return (rows[0]?.ids ?? '')
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
      existing.map((k) => {
        const row = rows[k] as ItemRow;
        const stored = found.get(identity(row.platform, row.source_id, row.external_id));
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
  const { rows: returned } = await sql<Omit<Stored, 'content_sha256'>>`
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
  const changed = pairs.filter((p) => p.row.content_sha256 !== p.stored.content_sha256);
  const earlier = await earlierVersions(
    trx,
    changed.map((p) => p.stored.id),
  );
  const edits = changed.filter((p) => !earlier.has(versionKey(p.stored.id, p.row.content_sha256)));
  await applyEdits(trx, edits);
  const edited = new Set(edits);
  return pairs.map((p) => ({ status: edited.has(p) ? 'edited' : 'duplicate', itemId: p.stored.id }));
}

/** The items stored under these rows' identities, by identity. */
async function storedOf(trx: Trx, rows: readonly ItemRow[]): Promise<Map<string, Stored>> {
  // One index lookup per row, whatever the planner thinks of the batch against the table: knowing
  // the batch's size, it hashed the whole items table instead, three times the CPU at 100,000 items
  // and more as the store grows. (LIMIT 1 keeps the lookup from being merged into a join.)
  const { rows: found } = await sql<Stored>`
    SELECT i.id, i.platform, i.source_id, i.external_id, i.content_sha256
    FROM ${arrayRows(KEY_COLUMNS, rows)} AS k
    CROSS JOIN LATERAL (
      SELECT id, platform, source_id, external_id, content_sha256 FROM items
      WHERE platform = k.platform AND source_id = k.source_id AND external_id = k.external_id
      LIMIT 1) AS i`.execute(trx);
  return new Map(found.map((s) => [identity(s.platform, s.source_id, s.external_id), s]));
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

/** Media rows of the items a round stored new (an edit keeps the media it had), like the shared path. */
async function insertMedia(
  trx: Trx,
  round: readonly number[],
  items: readonly NormalizedItem[],
  outcomes: readonly IngestOutcome[],
): Promise<void> {
  const rows = round.flatMap((i, k) => {
    const outcome = outcomes[k] as IngestOutcome;
    return outcome.status === 'new' ? mediaRows(outcome.itemId, items[i] as NormalizedItem) : [];
  });
  if (rows.length === 0) return;
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
