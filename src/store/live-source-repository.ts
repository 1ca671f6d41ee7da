import type { Kysely, Selectable } from 'kysely';
import type { Database, LiveSourcesTable } from './schema.js';
import type { LiveSourceRecord, LiveSourceRun, LiveSourceStore, SourceSuggestion } from './store.js';

/** How many of a run's problems are kept with its source: enough to act on, never a flood. */
const KEPT_PROBLEMS = 20;

/** A channel name as suggestions and telegram targets are compared: no `@`, lower case. */
export const channelKey = (channel: string): string => channel.trim().replace(/^@/, '').toLowerCase();

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toRecord(r: Selectable<LiveSourcesTable>): LiveSourceRecord {
  return {
    id: Number(r.id),
    kind: r.kind as LiveSourceRecord['kind'],
    name: r.name,
    target: r.target,
    scheduleSeconds: Number(r.schedule_seconds),
    paused: Number(r.paused) === 1,
    secretEnv: r.secret_env,
    cursor: parseJson<Record<string, unknown>>(r.cursor, {}),
    createdAt: r.created_at,
    lastRunAt: r.last_run_at,
    lastSuccessAt: r.last_success_at,
    lastErrorAt: r.last_error_at,
    lastError: r.last_error,
    lastProblems: parseJson<{ where: string; message: string }[]>(r.last_problems, []),
    itemsLastRun: Number(r.items_last_run),
    itemsTotal: Number(r.items_total),
    failures: Number(r.failures),
    nextDueAt: r.next_due_at,
    backoffUntil: r.backoff_until,
  };
}

/** The live-source store over Kysely; the same statements serve SQLite and PostgreSQL. */
export class KyselyLiveSourceStore implements LiveSourceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(source: Parameters<LiveSourceStore['add']>[0]): Promise<LiveSourceRecord | null> {
    const row = await this.db
      .insertInto('live_sources')
      .values({
        kind: source.kind,
        name: source.name,
        target: source.target,
        schedule_seconds: source.scheduleSeconds,
        secret_env: source.secretEnv,
        created_at: source.at,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async list(): Promise<LiveSourceRecord[]> {
    const rows = await this.db.selectFrom('live_sources').selectAll().orderBy('name').execute();
    return rows.map(toRecord);
  }

  async byName(name: string): Promise<LiveSourceRecord | null> {
    const row = await this.db
      .selectFrom('live_sources')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async setPaused(name: string, paused: boolean): Promise<boolean> {
    const r = await this.db
      .updateTable('live_sources')
      .set({ paused: paused ? 1 : 0 })
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async remove(name: string): Promise<boolean> {
    const r = await this.db.deleteFrom('live_sources').where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async due(at: string): Promise<LiveSourceRecord[]> {
    const rows = await this.db
      .selectFrom('live_sources')
      .selectAll()
      .where('paused', '=', 0)
      .where((eb) => eb.or([eb('next_due_at', 'is', null), eb('next_due_at', '<=', at)]))
      .where((eb) => eb.or([eb('backoff_until', 'is', null), eb('backoff_until', '<=', at)]))
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async saveProgress(
    id: number,
    progress: { cursor?: Record<string, unknown>; newItems: number },
  ): Promise<void> {
    // One statement: the cursor and the count of what was stored before it move together.
    await this.db
      .updateTable('live_sources')
      .set((eb) => ({
        items_total: eb('items_total', '+', progress.newItems),
        ...(progress.cursor ? { cursor: JSON.stringify(progress.cursor) } : {}),
      }))
      .where('id', '=', id)
      .execute();
  }

  async recordRun(id: number, run: LiveSourceRun): Promise<void> {
    const problems = JSON.stringify(run.problems.slice(0, KEPT_PROBLEMS));
    await this.db
      .updateTable('live_sources')
      .set((eb) => ({
        last_run_at: run.at,
        items_last_run: run.items,
        last_problems: problems,
        next_due_at: run.nextDueAt,
        backoff_until: run.backoffUntil,
        ...(run.error === null
          ? { last_success_at: run.at, failures: 0 }
          : {
              last_error_at: run.at,
              last_error: run.error,
              // A remote "wait" is not the source failing: it does not lengthen later retries.
              ...(run.backoffUntil === null ? { failures: eb('failures', '+', 1) } : {}),
            }),
      }))
      .where('id', '=', id)
      .execute();
  }

  async noteForwardOrigins(
    origins: readonly { channel: string; peer?: string; count: number }[],
    at: string,
  ): Promise<void> {
    const counts = new Map<string, { seen: number; peers: Set<string> }>();
    for (const o of origins) {
      const key = channelKey(o.channel);
      if (key === '' || !(o.count > 0)) continue;
      const counted = counts.get(key) ?? { seen: 0, peers: new Set<string>() };
      counted.seen += Math.floor(o.count);
      if (o.peer && channelKey(o.peer) !== key) counted.peers.add(channelKey(o.peer));
      counts.set(key, counted);
    }
    if (counts.size === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const [channel, { seen, peers }] of counts) {
        // A channel counted under its peer id (a page that did not name it) is folded into its
        // username's row once a page names it: one channel, one suggestion, every sighting counted.
        let carried = 0;
        let firstSeen = at;
        for (const peer of peers) {
          const earlier = await trx
            .deleteFrom('source_suggestions')
            .where('channel', '=', peer)
            .returning(['seen', 'first_seen_at'])
            .executeTakeFirst();
          if (!earlier) continue;
          carried += Number(earlier.seen);
          if (earlier.first_seen_at < firstSeen) firstSeen = earlier.first_seen_at;
        }
        await trx
          .insertInto('source_suggestions')
          .values({ channel, seen: seen + carried, first_seen_at: firstSeen, last_seen_at: at })
          .onConflict((oc) =>
            oc.column('channel').doUpdateSet((eb) => ({
              seen: eb('source_suggestions.seen', '+', seen + carried),
              last_seen_at: at,
            })),
          )
          .execute();
        if (firstSeen < at)
          await trx
            .updateTable('source_suggestions')
            .set({ first_seen_at: firstSeen })
            .where('channel', '=', channel)
            .where('first_seen_at', '>', firstSeen)
            .execute();
      }
    });
  }

  async suggestions(minSeen: number): Promise<SourceSuggestion[]> {
    const [rows, followed] = await Promise.all([
      this.db
        .selectFrom('source_suggestions')
        .selectAll()
        .where('seen', '>=', minSeen)
        .orderBy('seen', 'desc')
        .orderBy('channel')
        .execute(),
      this.db.selectFrom('live_sources').select('target').where('kind', '=', 'telegram').execute(),
    ]);
    const known = new Set(followed.map((f) => channelKey(f.target)));
    return rows
      .filter((r) => !known.has(r.channel))
      .map((r) => ({
        channel: r.channel,
        seen: Number(r.seen),
        first_seen_at: r.first_seen_at,
        last_seen_at: r.last_seen_at,
      }));
  }
}
