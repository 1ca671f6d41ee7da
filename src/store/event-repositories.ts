import { type Kysely, sql } from 'kysely';
import type { Analysis } from '../domain/index.js';
import type { Database, EventsTable } from './schema.js';
import type {
  AlertRecord,
  DeliveryStore,
  EventLink,
  EventRecord,
  EventScanUnit,
  EventStore,
  LinkedItemView,
} from './store.js';

const now = () => new Date().toISOString();

function toScanUnit(r: {
  id: number;
  text: string;
  platform: string;
  posted_at: string | null;
  title: string | null;
  analysis: string | null;
  cluster_id: number | null;
}): EventScanUnit {
  return {
    id: Number(r.id),
    text: r.text,
    platform: r.platform,
    posted_at: r.posted_at,
    title: r.title,
    analysis: r.analysis ? (JSON.parse(r.analysis) as Analysis) : null,
    cluster_id: r.cluster_id === null ? null : Number(r.cluster_id),
  };
}

function toRecord(r: EventsTable): EventRecord {
  return {
    id: r.id,
    name: r.name,
    aliases: JSON.parse(r.aliases),
    date: r.date,
    dateUncertaintyDays: Number(r.date_uncertainty_days),
    place: r.place,
    kind: r.kind as EventRecord['kind'],
    method: r.method as EventRecord['method'],
    casualties: {
      killed: r.killed === null ? null : Number(r.killed),
      injured: r.injured === null ? null : Number(r.injured),
    },
    perpetratorIdeology: r.perpetrator_ideology as EventRecord['perpetratorIdeology'],
    targetedGroup: r.targeted_group,
    origin: r.origin as EventRecord['origin'],
  };
}

export class KyselyEventStore implements EventStore {
  constructor(private readonly db: Kysely<Database>) {}

  async listEvents(options: { includeMerged?: boolean } = {}) {
    let q = this.db.selectFrom('events').selectAll().orderBy('date', 'desc').orderBy('name');
    if (!options.includeMerged) q = q.where('merged_into', 'is', null);
    const rows = await q.execute();
    const counts = await this.db
      .selectFrom('event_links')
      .select(({ fn }) => ['event_id', fn.count<number>('item_id').distinct().as('n')])
      .groupBy('event_id')
      .execute();
    const byId = new Map(counts.map((c) => [c.event_id, Number(c.n)]));
    return rows.map((r) => ({ ...toRecord(r), linked_items: byId.get(r.id) ?? 0 }));
  }

  async getEvent(id: string): Promise<EventRecord | null> {
    const row = await this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (row.merged_into) return this.getEvent(row.merged_into);
    return toRecord(row);
  }

  async saveEvent(e: EventRecord): Promise<void> {
    const row = {
      id: e.id,
      name: e.name,
      aliases: JSON.stringify(e.aliases),
      date: e.date,
      date_uncertainty_days: e.dateUncertaintyDays,
      place: e.place,
      kind: e.kind,
      method: e.method,
      killed: e.casualties.killed,
      injured: e.casualties.injured,
      perpetrator_ideology: e.perpetratorIdeology,
      targeted_group: e.targetedGroup,
      origin: e.origin,
    };
    await this.db
      .insertInto('events')
      .values({ ...row, merged_into: null, created_at: now() })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  async mergeEvents(from: string, into: string): Promise<boolean> {
    if (from === into) return false;
    const a = await this.getEvent(from);
    const b = await this.getEvent(into);
    if (!a || !b) return false;
    await this.db.transaction().execute(async (trx) => {
      await moveLinks(trx, a.id, b.id, null);
      const aliases = [...new Set([...b.aliases, a.name, ...a.aliases])].filter((x) => x !== b.name);
      await trx
        .updateTable('events')
        .set({ aliases: JSON.stringify(aliases) })
        .where('id', '=', b.id)
        .execute();
      await trx.updateTable('events').set({ merged_into: b.id }).where('id', '=', a.id).execute();
    });
    return true;
  }

  async splitEvent(from: string, into: string, itemIds: readonly number[]): Promise<number> {
    if (from === into || itemIds.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      const moved = await moveLinks(trx, from, into, itemIds);
      const at = now();
      for (const item_id of moved)
        await trx
          .insertInto('event_link_exclusions')
          .values({ event_id: from, item_id, created_at: at })
          .onConflict((oc) => oc.columns(['event_id', 'item_id']).doNothing())
          .execute();
      return moved.length;
    });
  }

  async unscanned(limit: number, options: { readyOnly?: boolean } = {}): Promise<EventScanUnit[]> {
    let query = this.scanUnits().where('event_scans.item_id', 'is', null);
    if (options.readyOnly)
      query = query
        .where('analyses.item_id', 'is not', null)
        .where((eb) => eb.or([eb('m.item_id', 'is not', null), eb('items.text', '=', '')]));
    const rows = await query
      // News first, so incidents exist before the reactions to them are linked.
      .orderBy(sql`CASE WHEN items.platform = 'news' THEN 0 ELSE 1 END`)
      .orderBy('items.posted_at')
      .orderBy('items.id')
      .limit(limit)
      .execute();
    return rows.map(toScanUnit);
  }

  async postedBetween(from: string, to: string, limit: number, offset = 0): Promise<EventScanUnit[]> {
    const rows = await this.scanUnits()
      .where('event_scans.item_id', 'is not', null)
      .where('items.posted_at', '>=', from)
      .where('items.posted_at', '<', to)
      .orderBy('items.posted_at')
      .orderBy('items.id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toScanUnit);
  }

  private scanUnits() {
    return this.db
      .selectFrom('items')
      .leftJoin('event_scans', 'event_scans.item_id', 'items.id')
      .leftJoin('analyses', 'analyses.item_id', 'items.id')
      .leftJoin('cluster_members as m', (j) =>
        j.onRef('m.item_id', '=', 'items.id').on('m.quote_index', '=', -1),
      )
      .select([
        'items.id as id',
        'items.text as text',
        'items.platform as platform',
        'items.posted_at as posted_at',
        'items.title as title',
        'analyses.analysis as analysis',
        'm.cluster_id as cluster_id',
      ]);
  }

  async markScanned(itemIds: readonly number[]): Promise<void> {
    if (itemIds.length === 0) return;
    const at = now();
    for (let i = 0; i < itemIds.length; i += 500) {
      await this.db
        .insertInto('event_scans')
        .values(itemIds.slice(i, i + 500).map((item_id) => ({ item_id, scanned_at: at })))
        .onConflict((oc) => oc.column('item_id').doNothing())
        .execute();
    }
  }

  async saveLinks(links: readonly EventLink[]): Promise<void> {
    if (links.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const at = now();
      // An analyst's split stands: an item split away from an event is never linked to it again.
      const excluded = new Set(
        (
          await trx
            .selectFrom('event_link_exclusions')
            .select(['event_id', 'item_id'])
            .where('item_id', 'in', [...new Set(links.map((l) => l.itemId))])
            .execute()
        ).map((x) => `${x.event_id}:${x.item_id}`),
      );
      for (const l of links) {
        if (excluded.has(`${l.eventId}:${l.itemId}`)) continue;
        const row = {
          event_id: l.eventId,
          item_id: l.itemId,
          quote_index: l.quoteIndex ?? -1,
          confidence: l.confidence,
          evidence: JSON.stringify(l.evidence),
          linked_at: at,
        };
        await trx
          .insertInto('event_links')
          .values(row)
          .onConflict((oc) =>
            oc
              .columns(['event_id', 'item_id', 'quote_index'])
              .doUpdateSet({ confidence: row.confidence, evidence: row.evidence })
              .where('event_links.confidence', '<', row.confidence),
          )
          .execute();
      }
    });
  }

  async linkedItems(eventId: string): Promise<LinkedItemView[]> {
    const rows = await this.db
      .selectFrom('event_links as l')
      .innerJoin('items', 'items.id', 'l.item_id')
      .innerJoin('sources', 'sources.id', 'items.source_id')
      .leftJoin('analyses', 'analyses.item_id', 'items.id')
      .leftJoin('quotes as q', (j) =>
        j.onRef('q.item_id', '=', 'l.item_id').onRef('q.quote_index', '=', 'l.quote_index'),
      )
      .select([
        'l.item_id as item_id',
        'l.quote_index as quote_index',
        'sources.name as source',
        'items.platform as platform',
        'items.posted_at as posted_at',
        'items.text as item_text',
        'q.text as quote_text',
        'l.confidence as confidence',
        'l.evidence as evidence',
        'analyses.analysis as analysis',
      ])
      .where('l.event_id', '=', eventId)
      .orderBy('items.posted_at')
      .execute();
    return rows.map((r) => {
      const quoteIndex = Number(r.quote_index) === -1 ? null : Number(r.quote_index);
      const analysis = r.analysis ? (JSON.parse(r.analysis) as Analysis) : null;
      return {
        item_id: Number(r.item_id),
        quote_index: quoteIndex,
        source: r.source,
        platform: r.platform,
        posted_at: r.posted_at,
        text: quoteIndex === null ? r.item_text : (r.quote_text ?? ''),
        confidence: Number(r.confidence),
        evidence: JSON.parse(r.evidence),
        // A quote is judged by its own analysis.
        analysis:
          quoteIndex === null
            ? analysis
            : ((analysis?.quotes[quoteIndex]?.analysis as Analysis | undefined) ?? null),
        quote:
          quoteIndex === null
            ? null
            : {
                attribution: analysis?.quotes[quoteIndex]?.attribution ?? null,
                platform: analysis?.quotes[quoteIndex]?.platform ?? null,
              },
      };
    });
  }

  async linkedClusters(): Promise<Map<number, string[]>> {
    const rows = await this.db
      .selectFrom('event_links as l')
      .innerJoin('cluster_members as m', (j) =>
        j.onRef('m.item_id', '=', 'l.item_id').onRef('m.quote_index', '=', 'l.quote_index'),
      )
      .select(['m.cluster_id as cluster_id', 'l.event_id as event_id'])
      .distinct()
      .execute();
    const out = new Map<number, string[]>();
    for (const r of rows)
      out.set(Number(r.cluster_id), [...(out.get(Number(r.cluster_id)) ?? []), r.event_id]);
    return out;
  }
}

export class KyselyDeliveryStore implements DeliveryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async record(d: {
    alertId: number;
    webhook: string;
    status: 'delivered' | 'failed' | 'dead_letter';
    attempts: number;
    lastError: string | null;
  }): Promise<void> {
    const row = {
      alert_id: d.alertId,
      webhook: d.webhook,
      status: d.status,
      attempts: d.attempts,
      last_error: d.lastError,
      updated_at: now(),
    };
    await this.db
      .insertInto('deliveries')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['alert_id', 'webhook']).doUpdateSet({
          status: row.status,
          attempts: row.attempts,
          last_error: row.last_error,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  async list(options: { status?: string } = {}) {
    let q = this.db
      .selectFrom('deliveries')
      .select(['alert_id', 'webhook', 'status', 'attempts', 'last_error'])
      .orderBy('id');
    if (options.status) q = q.where('status', '=', options.status);
    return (await q.execute()).map((r) => ({
      ...r,
      alert_id: Number(r.alert_id),
      attempts: Number(r.attempts),
    }));
  }

  async pending(webhook: string): Promise<AlertRecord[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .leftJoin('deliveries as d', (j) =>
        j.onRef('d.alert_id', '=', 'alerts.id').on('d.webhook', '=', webhook),
      )
      .select([
        'alerts.id as id',
        'alerts.rule as rule',
        'alerts.created_at as created_at',
        'alerts.summary as summary',
        'alerts.evidence as evidence',
      ])
      .where((eb) => eb.or([eb('d.alert_id', 'is', null), eb('d.status', '=', 'failed')]))
      .orderBy('alerts.id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      rule: r.rule,
      created_at: r.created_at,
      summary: r.summary,
      evidence: JSON.parse(r.evidence),
    }));
  }
}

/**
 * Moves the links of `from` (all, or those of `itemIds`) to `into`, keeping a link `into` already
 * has; returns the items moved.
 */
async function moveLinks(
  trx: Kysely<Database>,
  from: string,
  into: string,
  itemIds: readonly number[] | null,
): Promise<number[]> {
  let selected = trx.selectFrom('event_links').selectAll().where('event_id', '=', from);
  if (itemIds) selected = selected.where('item_id', 'in', [...itemIds]);
  const links = await selected.execute();
  for (const l of links)
    await trx
      .insertInto('event_links')
      .values({ ...l, event_id: into })
      .onConflict((oc) => oc.columns(['event_id', 'item_id', 'quote_index']).doNothing())
      .execute();
  let removed = trx.deleteFrom('event_links').where('event_id', '=', from);
  if (itemIds) removed = removed.where('item_id', 'in', [...itemIds]);
  await removed.execute();
  return [...new Set(links.map((l) => l.item_id))];
}
