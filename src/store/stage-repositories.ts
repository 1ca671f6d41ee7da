import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Analysis } from '../domain/index.js';
import { type AuditSettings, KyselyAuditStore } from './audit/audit-store.js';
import type { DialectProfile } from './dialect-profile.js';
import { KyselyDeliveryStore, KyselyEventStore } from './event-repositories.js';
import type { Database } from './schema.js';
import type {
  AlertRecord,
  AlertStore,
  AnalysisStore,
  BankStore,
  ClusterStore,
  ClusterUnit,
  ClusterView,
  HashedMedia,
  LeaseStore,
  MediaStore,
  MediaToHash,
  NewMember,
  ReanalysisFilter,
  SignalRecord,
  StoredMember,
  TextUnit,
} from './store.js';
import { KyselyReviewStore, KyselyUserStore } from './workspace-repositories.js';

const now = () => new Date().toISOString();

/** Whether an item quotes others: a report holding several messages, matched by resemblance only. */
const holdsQuotes = (eb: ExpressionBuilder<Database & { items: Database['items'] }, 'items'>) =>
  eb.exists(eb.selectFrom('quotes as hq').select('hq.item_id').whereRef('hq.item_id', '=', 'items.id'));
const chunks = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

export function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}
export function decodeSignature(text: string): Uint32Array {
  const buf = Buffer.from(text, 'base64');
  return new Uint32Array(new Uint8Array(buf).buffer);
}

export class KyselyAnalysisStore implements AnalysisStore {
  constructor(private readonly db: Kysely<Database>) {}

  async unanalyzed(afterId: number, limit: number): Promise<TextUnit[]> {
    const rows = await this.db
      .selectFrom('items')
      .leftJoin('analyses', 'analyses.item_id', 'items.id')
      .select(['items.id as id', 'items.text as text', 'items.platform as platform'])
      .where('analyses.item_id', 'is', null)
      .where('items.id', '>', afterId)
      .orderBy('items.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async notAnalyzedBy(
    model: string,
    afterId: number,
    limit: number,
    filter: ReanalysisFilter = {},
  ): Promise<TextUnit[]> {
    const rows = await this.notAnalyzedByQuery(model, filter)
      .select(['items.id as id', 'items.text as text', 'items.platform as platform'])
      .where('items.id', '>', afterId)
      .orderBy('items.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async toAnalyse(
    itemIds: readonly number[],
    model: string,
  ): Promise<{ units: TextUnit[]; missing: number[] }> {
    const units: TextUnit[] = [];
    const found = new Set<number>();
    for (const part of chunks([...new Set(itemIds)], 500)) {
      const rows = await this.db
        .selectFrom('items')
        .leftJoin('analyses', 'analyses.item_id', 'items.id')
        .select([
          'items.id as id',
          'items.text as text',
          'items.platform as platform',
          'analyses.model as model',
        ])
        .where('items.id', 'in', part)
        .execute();
      for (const r of rows) {
        const id = Number(r.id);
        found.add(id);
        if (r.model !== model) units.push({ id, text: r.text, platform: r.platform });
      }
    }
    units.sort((a, b) => a.id - b.id);
    return { units, missing: itemIds.filter((id) => !found.has(id)) };
  }

  async countActionsOf(
    itemIds: readonly number[],
  ): Promise<{ analysed: number; byAction: Record<string, number> }> {
    const byAction: Record<string, number> = {};
    let analysed = 0;
    for (const part of chunks([...new Set(itemIds)], 500)) {
      const rows = await this.db
        .selectFrom('analyses')
        .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
        .where('item_id', 'in', part)
        .groupBy('action')
        .execute();
      for (const r of rows) {
        byAction[r.action] = (byAction[r.action] ?? 0) + Number(r.n);
        analysed += Number(r.n);
      }
    }
    return { analysed, byAction };
  }

  async countNotAnalyzedBy(model: string, filter: ReanalysisFilter = {}): Promise<number> {
    const row = await this.notAnalyzedByQuery(model, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private notAnalyzedByQuery(model: string, filter: ReanalysisFilter) {
    let q = this.db
      .selectFrom('items')
      .innerJoin('sources', 'sources.id', 'items.source_id')
      .leftJoin('analyses', 'analyses.item_id', 'items.id')
      .where((eb) => eb.or([eb('analyses.item_id', 'is', null), eb('analyses.model', '!=', model)]));
    if (filter.since !== undefined) q = q.where('items.posted_at', '>=', filter.since);
    if (filter.source !== undefined) q = q.where('sources.name', '=', filter.source);
    return q;
  }

  async analysisVersions(
    itemId: number,
  ): Promise<{ model: string; analyzedAt: string; analysis: Analysis }[]> {
    const rows = await this.db
      .selectFrom('analysis_versions')
      .select(['model', 'analyzed_at', 'analysis'])
      .where('item_id', '=', itemId)
      .orderBy('analyzed_at')
      .orderBy('model')
      .execute();
    return rows.map((r) => ({
      model: r.model,
      analyzedAt: r.analyzed_at,
      analysis: JSON.parse(r.analysis) as Analysis,
    }));
  }

  async saveAnalyses(rows: readonly { itemId: number; analysis: Analysis }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const ids = rows.map((r) => r.itemId);
      for (const part of chunks(ids, 500)) {
        await trx.deleteFrom('quotes').where('item_id', 'in', part).execute();
        await trx.deleteFrom('analyses').where('item_id', 'in', part).execute();
        await trx.deleteFrom('item_labels').where('item_id', 'in', part).execute();
        await trx.deleteFrom('review_queue').where('item_id', 'in', part).execute();
      }
      const posted = new Map<number, string>();
      for (const part of chunks(ids, 500)) {
        for (const r of await trx
          .selectFrom('items')
          .select(['id', 'posted_at'])
          .where('id', 'in', part)
          .execute())
          posted.set(Number(r.id), r.posted_at ?? '');
      }
      const labelRows = rows.flatMap(({ itemId, analysis }) =>
        analysis.labels.map((l) => ({
          label: l.label,
          posted_at: posted.get(itemId) ?? '',
          item_id: itemId,
        })),
      );
      for (const part of chunks(labelRows, 500)) await trx.insertInto('item_labels').values(part).execute();
      const at = now();
      for (const part of chunks(rows, 200)) {
        await trx
          .insertInto('analyses')
          .values(
            part.map(({ itemId, analysis: a }) => ({
              item_id: itemId,
              model: a.model,
              context: a.context,
              action: a.action,
              ideology: a.ideology.label,
              labels: a.labels.map((l) => l.label).join('|'),
              max_score: Math.max(0, ...a.labels.map((l) => l.score)),
              analysis: JSON.stringify(a),
              analyzed_at: at,
            })),
          )
          .execute();
      }
      // Flagged items join the review queue unless an analyst has already settled them.
      const flagged = rows.filter((r) => r.analysis.action === 'refer' || r.analysis.action === 'review');
      const settled = new Set<number>();
      for (const part of chunks(
        flagged.map((r) => r.itemId),
        500,
      ))
        for (const r of await trx
          .selectFrom('reviews')
          .select('item_id')
          .where('item_id', 'in', part)
          .where('settles', '=', 1)
          .execute())
          settled.add(Number(r.item_id));
      const queued = flagged
        .filter((r) => !settled.has(r.itemId))
        .map(({ itemId, analysis: a }) => ({
          item_id: itemId,
          priority: a.action === 'refer' ? 0 : 1,
          max_score: Math.max(0, ...a.labels.map((l) => l.score)),
          posted_at: posted.get(itemId) ?? '',
        }));
      for (const part of chunks(queued, 500)) await trx.insertInto('review_queue').values(part).execute();
      const quotes = rows.flatMap(({ itemId, analysis }) =>
        analysis.quotes.map((q, i) => ({
          item_id: itemId,
          quote_index: i,
          text: q.text,
          attribution: q.attribution,
          platform: q.platform,
          labels: q.analysis.labels.map((l) => l.label).join('|'),
        })),
      );
      for (const part of chunks(quotes, 500)) await trx.insertInto('quotes').values(part).execute();
      // Each model's version is kept; the same model analysing again replaces its own.
      const byModel = new Map<string, number[]>();
      for (const r of rows)
        byModel.set(r.analysis.model, [...(byModel.get(r.analysis.model) ?? []), r.itemId]);
      for (const [model, itemIds] of byModel)
        for (const part of chunks(itemIds, 500))
          await trx
            .deleteFrom('analysis_versions')
            .where('model', '=', model)
            .where('item_id', 'in', part)
            .execute();
      for (const part of chunks(rows, 200))
        await trx
          .insertInto('analysis_versions')
          .values(
            part.map(({ itemId, analysis }) => ({
              item_id: itemId,
              model: analysis.model,
              analysis: JSON.stringify(analysis),
              analyzed_at: at,
            })),
          )
          .execute();
    });
  }

  async getAnalysis(itemId: number): Promise<Analysis | null> {
    const row = await this.db
      .selectFrom('analyses')
      .select('analysis')
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    return row ? (JSON.parse(row.analysis) as Analysis) : null;
  }

  async countByAction(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('analyses')
      .select(({ fn }) => ['action', fn.countAll<number>().as('n')])
      .groupBy('action')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
  }
}

export class KyselyClusterStore implements ClusterStore {
  constructor(private readonly db: Kysely<Database>) {}

  async knownMembers(): Promise<StoredMember[]> {
    const rows = await this.db
      .selectFrom('cluster_members as m')
      .innerJoin('items', 'items.id', 'm.item_id')
      .leftJoin('quotes as q', (j) =>
        j.onRef('q.item_id', '=', 'm.item_id').onRef('q.quote_index', '=', 'm.quote_index'),
      )
      .select((eb) => [
        'm.cluster_id as cluster_id',
        'm.signature as signature',
        'm.exact_key as exact_key',
        'm.quote_index as quote_index',
        'items.text as item_text',
        'q.text as quote_text',
        holdsQuotes(eb).as('holds_quotes'),
      ])
      .orderBy('m.added_at')
      .orderBy('m.item_id')
      .orderBy('m.quote_index')
      .execute();
    return rows.map((r) => ({
      clusterId: Number(r.cluster_id),
      signature: decodeSignature(r.signature),
      exactKey: r.exact_key,
      text: Number(r.quote_index) === -1 ? r.item_text : (r.quote_text ?? ''),
      holdsQuotes: Number(r.quote_index) === -1 && Boolean(r.holds_quotes),
    }));
  }

  async maxClusterId(): Promise<number> {
    const row = await this.db
      .selectFrom('clusters')
      .select(({ fn }) => fn.max('id').as('m'))
      .executeTakeFirst();
    return Number(row?.m ?? 0);
  }

  async unclustered(limit: number, options: { analysedOnly?: boolean } = {}): Promise<ClusterUnit[]> {
    let itemQuery = this.db
      .selectFrom('items')
      .leftJoin('cluster_members as m', (j) =>
        j.onRef('m.item_id', '=', 'items.id').on('m.quote_index', '=', -1),
      )
      .select((eb) => ['items.id as id', 'items.text as text', holdsQuotes(eb).as('holds_quotes')])
      .where('m.item_id', 'is', null)
      .where('items.text', '!=', '');
    if (options.analysedOnly)
      itemQuery = itemQuery.where((eb) =>
        eb.exists(
          eb.selectFrom('analyses').select('analyses.item_id').whereRef('analyses.item_id', '=', 'items.id'),
        ),
      );
    const items = await itemQuery.orderBy('items.posted_at').orderBy('items.id').limit(limit).execute();
    const quotes = await this.db
      .selectFrom('quotes')
      .leftJoin('cluster_members as m', (j) =>
        j.onRef('m.item_id', '=', 'quotes.item_id').onRef('m.quote_index', '=', 'quotes.quote_index'),
      )
      .select(['quotes.item_id as id', 'quotes.quote_index as q', 'quotes.text as text'])
      .where('m.item_id', 'is', null)
      .orderBy('quotes.item_id')
      .limit(limit)
      .execute();
    return [
      ...items.map((r) => ({
        itemId: Number(r.id),
        quoteIndex: null,
        text: r.text,
        holdsQuotes: Boolean(r.holds_quotes),
      })),
      ...quotes.map((r) => ({ itemId: Number(r.id), quoteIndex: Number(r.q), text: r.text })),
    ];
  }

  async saveMembers(
    members: readonly NewMember[],
    merges: readonly { from: number; into: number }[],
  ): Promise<void> {
    if (members.length === 0 && merges.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const at = now();
      const ids = [...new Set(members.map((m) => m.clusterId))];
      for (const part of chunks(ids, 500)) {
        await trx
          .insertInto('clusters')
          .values(part.map((id) => ({ id, created_at: at, merged_into: null })))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
      for (const part of chunks(members, 300)) {
        await trx
          .insertInto('cluster_members')
          .values(
            part.map((m) => ({
              cluster_id: m.clusterId,
              item_id: m.itemId,
              quote_index: m.quoteIndex ?? -1,
              how: m.how,
              similarity: m.similarity,
              exact_key: m.exactKey,
              signature: encodeSignature(m.signature),
              added_at: at,
            })),
          )
          .onConflict((oc) => oc.columns(['item_id', 'quote_index']).doNothing())
          .execute();
      }
      for (const { from, into } of merges) {
        await trx
          .updateTable('cluster_members')
          .set({ cluster_id: into })
          .where('cluster_id', '=', from)
          .execute();
        await trx.updateTable('clusters').set({ merged_into: into }).where('id', '=', from).execute();
        await trx
          .insertInto('cluster_merges')
          .values({ from_id: from, into_id: into, merged_at: at })
          .execute();
      }
    });
  }

  private members(ids: number[]) {
    return this.db
      .selectFrom('cluster_members as m')
      .innerJoin('items', 'items.id', 'm.item_id')
      .innerJoin('sources', 'sources.id', 'items.source_id')
      .leftJoin('quotes as q', (j) =>
        j.onRef('q.item_id', '=', 'm.item_id').onRef('q.quote_index', '=', 'm.quote_index'),
      )
      .select([
        'm.cluster_id as cluster_id',
        'm.item_id as item_id',
        'm.quote_index as quote_index',
        'sources.name as source',
        'items.platform as platform',
        'items.posted_at as posted_at',
        'items.text as item_text',
        'q.text as quote_text',
        'items.forwarded_from as forwarded_from',
        'q.attribution as attribution',
        'q.platform as quote_platform',
      ])
      .where('m.cluster_id', 'in', ids)
      .orderBy('items.posted_at')
      .orderBy('m.item_id')
      .execute();
  }

  private async views(ids: number[]): Promise<ClusterView[]> {
    if (ids.length === 0) return [];
    const rows = await this.members(ids);
    const byCluster = new Map<number, ClusterView>();
    for (const id of ids) byCluster.set(id, { id, size: 0, first_seen: null, sources: [], members: [] });
    for (const r of rows) {
      const view = byCluster.get(Number(r.cluster_id));
      if (!view) continue;
      const quoteIndex = Number(r.quote_index) === -1 ? null : Number(r.quote_index);
      view.members.push({
        item_id: Number(r.item_id),
        quote_index: quoteIndex,
        source: r.source,
        platform: r.platform,
        posted_at: r.posted_at,
        text: quoteIndex === null ? r.item_text : (r.quote_text ?? ''),
        forwarded_from: r.forwarded_from,
        attribution: r.attribution,
        quote_platform: r.quote_platform,
      });
      view.size++;
      if (r.posted_at && (view.first_seen === null || r.posted_at < view.first_seen))
        view.first_seen = r.posted_at;
      if (!view.sources.includes(r.source)) view.sources.push(r.source);
    }
    return ids.map((id) => byCluster.get(id) as ClusterView);
  }

  async listClusters(
    options: { minSources?: number; limit?: number; offset?: number } = {},
  ): Promise<ClusterView[]> {
    const rows = await this.db
      .selectFrom('cluster_members as m')
      .innerJoin('items', 'items.id', 'm.item_id')
      .select(({ fn }) => [
        'm.cluster_id as id',
        fn.count<number>('items.source_id').distinct().as('sources'),
        fn.countAll<number>().as('size'),
      ])
      .groupBy('m.cluster_id')
      .having(({ fn }) => fn.count('items.source_id').distinct(), '>=', options.minSources ?? 1)
      .orderBy('sources', 'desc')
      .orderBy('size', 'desc')
      .orderBy('m.cluster_id')
      .limit(options.limit ?? 100)
      .offset(options.offset ?? 0)
      .execute();
    return this.views(rows.map((r) => Number(r.id)));
  }

  async getCluster(id: number): Promise<ClusterView | null> {
    const row = await this.db
      .selectFrom('clusters')
      .select(['id', 'merged_into'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    // A merged id still answers, with the cluster that absorbed it.
    const target = row.merged_into === null ? id : Number(row.merged_into);
    const [view] = await this.views([target]);
    return view ?? null;
  }
}

export class KyselyBankStore implements BankStore {
  constructor(private readonly db: Kysely<Database>) {}

  async ensureBank(name: string, description: string | null = null): Promise<number> {
    await this.db
      .insertInto('banks')
      .values({ name, description, created_at: now() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('banks')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async addSignals(
    bank: string,
    signals: readonly {
      signal_type: string;
      signal_value: string;
      labels: string[];
      provenance: string | null;
    }[],
  ): Promise<number> {
    const bankId = await this.ensureBank(bank);
    let added = 0;
    await this.db.transaction().execute(async (trx) => {
      const at = now();
      for (const part of chunks(signals, 500)) {
        const result = await trx
          .insertInto('signals')
          .values(
            part.map((s) => ({
              bank_id: bankId,
              signal_type: s.signal_type,
              signal_value: s.signal_value,
              labels: s.labels.join(','),
              provenance: s.provenance,
              false_positive: 0,
              created_at: at,
            })),
          )
          .onConflict((oc) => oc.columns(['bank_id', 'signal_type', 'signal_value']).doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
    });
    return added;
  }

  async listSignals(bank?: string): Promise<SignalRecord[]> {
    let q = this.db
      .selectFrom('signals')
      .innerJoin('banks', 'banks.id', 'signals.bank_id')
      .select([
        'signals.id as id',
        'banks.name as bank',
        'signal_type',
        'signal_value',
        'labels',
        'provenance',
        'false_positive',
      ])
      .orderBy('signals.id');
    if (bank !== undefined) q = q.where('banks.name', '=', bank);
    const rows = await q.execute();
    return rows.map((r) => ({
      id: Number(r.id),
      bank: r.bank,
      signal_type: r.signal_type,
      signal_value: r.signal_value,
      labels: r.labels === '' ? [] : r.labels.split(','),
      provenance: r.provenance,
      false_positive: Number(r.false_positive) === 1,
    }));
  }

  async listBanks(): Promise<{ name: string; signals: number }[]> {
    const rows = await this.db
      .selectFrom('banks')
      .leftJoin('signals', 'signals.bank_id', 'banks.id')
      .select(({ fn }) => ['banks.name as name', fn.count<number>('signals.id').as('signals')])
      .groupBy('banks.name')
      .orderBy('banks.name')
      .execute();
    return rows.map((r) => ({ name: r.name, signals: Number(r.signals) }));
  }

  async setFalsePositive(signalId: number, value: boolean): Promise<boolean> {
    const r = await this.db
      .updateTable('signals')
      .set({ false_positive: value ? 1 : 0 })
      .where('id', '=', signalId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}

export class KyselyAlertStore implements AlertStore {
  constructor(private readonly db: Kysely<Database>) {}

  async raise(alert: {
    rule: string;
    summary: string;
    evidence: unknown[];
    dedupeKey: string;
  }): Promise<boolean> {
    const r = await this.db
      .insertInto('alerts')
      .values({
        rule: alert.rule,
        summary: alert.summary,
        evidence: JSON.stringify(alert.evidence),
        dedupe_key: alert.dedupeKey,
        created_at: now(),
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async list(options: { limit?: number } = {}): Promise<AlertRecord[]> {
    const rows = await this.db
      .selectFrom('alerts')
      .select(['id', 'rule', 'created_at', 'summary', 'evidence'])
      .orderBy('id', 'desc')
      .limit(options.limit ?? 200)
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

export class KyselyMediaStore implements MediaStore {
  constructor(private readonly db: Kysely<Database>) {}

  async unhashed(limit: number): Promise<MediaToHash[]> {
    const rows = await this.db
      .selectFrom('media')
      .select(['id', 'item_id', 'path'])
      .where('path', 'is not', null)
      .where('sha256', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: Number(r.id), itemId: Number(r.item_id), path: r.path as string }));
  }

  async hashed(afterId: number, limit: number): Promise<HashedMedia[]> {
    const rows = await this.db
      .selectFrom('media')
      .select(['id', 'item_id', 'path', 'sha256', 'pdq', 'pdq_quality'])
      .where('sha256', 'is not', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      itemId: Number(r.item_id),
      path: r.path ?? '',
      sha256: r.sha256 as string,
      pdq: r.pdq,
      quality: r.pdq_quality === null ? null : Number(r.pdq_quality),
    }));
  }

  async saveHash(
    id: number,
    hash: { sha256: string; pdq: string | null; quality: number | null },
  ): Promise<void> {
    await this.db
      .updateTable('media')
      .set({ sha256: hash.sha256, pdq: hash.pdq, pdq_quality: hash.quality })
      .where('id', '=', id)
      .execute();
  }
}

/** Every stage store over one Kysely instance. */
export function stageStores(db: Kysely<Database>, profile: DialectProfile, auditSettings: AuditSettings) {
  const audit = new KyselyAuditStore(db, profile, auditSettings);
  return {
    analyses: new KyselyAnalysisStore(db),
    clusters: new KyselyClusterStore(db),
    banks: new KyselyBankStore(db),
    alerts: new KyselyAlertStore(db),
    media: new KyselyMediaStore(db),
    events: new KyselyEventStore(db),
    deliveries: new KyselyDeliveryStore(db),
    leases: new KyselyLeaseStore(db),
    users: new KyselyUserStore(db, audit),
    reviews: new KyselyReviewStore(db, audit),
    audit,
  };
}

export class KyselyLeaseStore implements LeaseStore {
  constructor(private readonly db: Kysely<Database>) {}

  async tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const at = new Date();
    const expires = new Date(at.getTime() + ttlMs).toISOString();
    // One statement, so two workers racing for a free lease cannot both win.
    const row = await this.db
      .insertInto('stage_leases')
      .values({ name, holder, expires_at: expires })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder, expires_at: expires })
          .where((eb) =>
            eb.or([
              eb('stage_leases.holder', '=', holder),
              eb('stage_leases.expires_at', '<', at.toISOString()),
            ]),
          ),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === holder;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom('stage_leases').where('name', '=', name).where('holder', '=', holder).execute();
  }
}
