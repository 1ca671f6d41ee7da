import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/domain/index.js';
import type { Store } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';

const ZERO_SCORES = {
  incitement: 0,
  glorification: 0,
  threat: 0,
  recruitment: 0,
  instruction: 0,
  identity_attack: 0,
};

const analysis = (action: Analysis['action'], quotes: string[] = [], model = 'test@1'): Analysis => ({
  schema: 'vigil.analysis/1',
  context: 'primary',
  labels:
    action === 'none' ? [] : [{ label: 'incitement', score: 0.9, evidence: [], legal_basis: ['TVEC8'] }],
  scores: { ...ZERO_SCORES, incitement: 0.9 },
  ideology: { label: 'none', score: 0.5 },
  targets: [],
  quotes: quotes.map((text) => ({
    start: 0,
    end: text.length,
    text,
    attribution: 'a channel',
    platform: 'telegram',
    analysis: {
      schema: 'vigil.analysis/1',
      context: 'primary',
      labels: [],
      scores: ZERO_SCORES,
      ideology: { label: 'none', score: 0.5 },
      targets: [],
      events: [],
      action: 'none',
      model: 'm',
    },
  })),
  events: [],
  action,
  model,
});

/** The contract of the analysis, cluster, bank and alert stores; every implementation runs it. */
export function stageStoreContract(
  name: string,
  open: () => Promise<Store>,
  dispose: (s: Store) => Promise<void>,
) {
  describe(`stage stores contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await dispose(store);
    });

    it('pages flagged items without overlap or gaps', async () => {
      const outcomes = await store.items.ingestItems(
        Array.from({ length: 7 }, (_, n) => makeItem({ externalId: `p${n}` })),
      );
      await store.analyses.saveAnalyses(
        outcomes.map((o) => ({ itemId: o.itemId, analysis: analysis('refer') })),
      );
      const pages = [
        await store.items.flagged({ limit: 3, offset: 0 }),
        await store.items.flagged({ limit: 3, offset: 3 }),
        await store.items.flagged({ limit: 3, offset: 6 }),
      ].map((p) => p.map((f) => f.item_id));
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(new Set(pages.flat()).size).toBe(7);
    });

    it('serves the review queue in order, page by page, and keeps settled items out of it', async () => {
      const outcomes = await store.items.ingestItems(
        [1, 2, 3, 4, 5].map((n) =>
          makeItem({ externalId: String(n), postedAt: `2024-03-0${n}T10:00:00.000Z` }),
        ),
      );
      const [a, b, c, d, e] = outcomes.map((o) => o.itemId) as number[];
      const scored = (action: Analysis['action'], score: number): Analysis => {
        const base = analysis(action);
        return { ...base, labels: base.labels.map((l) => ({ ...l, score })) };
      };
      await store.analyses.saveAnalyses([
        { itemId: a as number, analysis: scored('review', 0.6) },
        { itemId: b as number, analysis: scored('refer', 0.9) },
        { itemId: c as number, analysis: scored('review', 0.6) },
        { itemId: d as number, analysis: scored('review', 0.7) },
        { itemId: e as number, analysis: analysis('none') },
      ]);
      const ids = async (limit = 10, offset = 0) =>
        (await store.reviews.queue(limit, offset)).map((q) => q.item_id);
      // Referrals first, then the higher score, then the newer post.
      expect(await ids()).toEqual([b, d, c, a]);
      expect(await ids(2, 2)).toEqual([c, a]);
      const review = (itemId: number, decision: string, settles = decision !== 'confirmed') =>
        store.reviews.add(
          {
            item_id: itemId,
            reviewer: 'ana',
            labels: [],
            context: 'primary',
            ideology: 'none',
            decision,
            policy: 'none',
            note: null,
            settles,
          },
          (r) => ({ actor: 'ana', action: `review.${r.decision}`, target: `item:${r.item_id}` }),
        );
      // A confirmation awaiting a second analyst (four-eyes) keeps the item queued.
      await review(d as number, 'confirmed');
      expect(await ids()).toEqual([b, d, c, a]);
      // One that settles it takes it out.
      await review(c as number, 'confirmed', true);
      expect(await ids()).toEqual([b, d, a]);
      await review(d as number, 'dismissed');
      expect(await ids()).toEqual([b, a]);
      // Re-analysis does not bring a settled item back.
      await store.analyses.saveAnalyses([
        { itemId: d as number, analysis: scored('refer', 0.95) },
        { itemId: c as number, analysis: scored('review', 0.6) },
      ]);
      expect(await ids()).toEqual([b, a]);
      await store.analyses.saveAnalyses([{ itemId: b as number, analysis: analysis('none') }]);
      expect(await ids()).toEqual([a]);
      expect(await store.audit.verify()).toMatchObject({ ok: true, rows: 3 });
    });

    it('stores analyses with quotes, replaces them on re-analysis, and lists flagged items', async () => {
      const [a, b] = await store.items.ingestItems([
        makeItem({ externalId: '1' }),
        makeItem({ externalId: '2' }),
      ]);
      expect((await store.analyses.unanalyzed(0, 10)).map((u) => u.id)).toEqual([a?.itemId, b?.itemId]);
      await store.analyses.saveAnalyses([
        { itemId: a?.itemId ?? 0, analysis: analysis('refer', ['quoted words here']) },
        { itemId: b?.itemId ?? 0, analysis: analysis('none') },
      ]);
      expect(await store.analyses.unanalyzed(0, 10)).toEqual([]);
      expect((await store.analyses.getAnalysis(a?.itemId ?? 0))?.quotes[0]?.text).toBe('quoted words here');
      expect(await store.analyses.countByAction()).toEqual({ refer: 1, none: 1 });
      const flagged = await store.items.flagged();
      expect(flagged.map((f) => f.item_id)).toEqual([a?.itemId]);
      await store.analyses.saveAnalyses([{ itemId: a?.itemId ?? 0, analysis: analysis('none') }]);
      expect(await store.items.flagged()).toEqual([]);
    });

    it("lists items another model analysed, filtered by date and source, and keeps each model's version", async () => {
      const other = { platform: 'telegram', name: 'Other', externalId: '9', kind: null };
      const [a, b, c] = await store.items.ingestItems([
        makeItem({ externalId: '1', postedAt: '2024-01-01T00:00:00.000Z' }),
        makeItem({ externalId: '2', postedAt: '2024-06-01T00:00:00.000Z' }),
        makeItem({ externalId: '3', postedAt: '2024-06-01T00:00:00.000Z', source: other }),
      ]);
      const ids = [a?.itemId ?? 0, b?.itemId ?? 0, c?.itemId ?? 0];
      await store.analyses.saveAnalyses(
        ids.map((itemId) => ({ itemId, analysis: analysis('refer', [], 'old@1') })),
      );
      const listed = async (filter = {}) =>
        (await store.analyses.notAnalyzedBy('new@2', 0, 10, filter)).map((u) => u.id);
      expect(await listed()).toEqual(ids);
      expect(await store.analyses.countNotAnalyzedBy('new@2')).toBe(3);
      expect(await listed({ since: '2024-03-01T00:00:00.000Z' })).toEqual([ids[1], ids[2]]);
      expect(await listed({ source: 'Other' })).toEqual([ids[2]]);
      expect(await store.analyses.notAnalyzedBy('old@1', 0, 10)).toEqual([]);

      await store.analyses.saveAnalyses([
        { itemId: ids[0] as number, analysis: analysis('none', [], 'new@2') },
      ]);
      expect(await listed()).toEqual([ids[1], ids[2]]);
      expect((await store.analyses.getAnalysis(ids[0] as number))?.model).toBe('new@2');
      const versions = await store.analyses.analysisVersions(ids[0] as number);
      expect(versions.map((v) => [v.model, v.analysis.action]).sort()).toEqual([
        ['new@2', 'none'],
        ['old@1', 'refer'],
      ]);
      // The same model analysing again replaces its own version.
      await store.analyses.saveAnalyses([
        { itemId: ids[0] as number, analysis: analysis('refer', [], 'new@2') },
      ]);
      expect(await store.analyses.analysisVersions(ids[0] as number)).toHaveLength(2);
    });

    it('keeps cluster members, merges and signatures', async () => {
      const [a, b] = await store.items.ingestItems([
        makeItem({ externalId: '1' }),
        makeItem({
          externalId: '2',
          source: { platform: 'telegram', name: 'Other', externalId: '9', kind: null },
        }),
      ]);
      await store.analyses.saveAnalyses([
        { itemId: b?.itemId ?? 0, analysis: analysis('none', ['a quote']) },
      ]);
      const units = await store.clusters.unclustered(10);
      expect(units).toHaveLength(3);
      const sig = Uint32Array.from([1, 2, 3, 4294967295]);
      await store.clusters.saveMembers(
        [
          {
            clusterId: 1,
            itemId: a?.itemId ?? 0,
            quoteIndex: null,
            how: 'new',
            similarity: 0,
            exactKey: 'k1',
            signature: sig,
          },
          {
            clusterId: 2,
            itemId: b?.itemId ?? 0,
            quoteIndex: null,
            how: 'new',
            similarity: 0,
            exactKey: 'k2',
            signature: sig,
          },
          {
            clusterId: 2,
            itemId: b?.itemId ?? 0,
            quoteIndex: 0,
            how: 'near',
            similarity: 0.8,
            exactKey: 'k3',
            signature: sig,
          },
        ],
        [],
      );
      expect(await store.clusters.unclustered(10)).toEqual([]);
      expect(await store.clusters.maxClusterId()).toBe(2);
      const known = await store.clusters.knownMembers();
      expect(known[0]?.signature).toEqual(sig);
      await store.clusters.saveMembers([], [{ from: 2, into: 1 }]);
      const merged = await store.clusters.getCluster(2);
      expect(merged?.id).toBe(1);
      expect(merged?.size).toBe(3);
      expect(merged?.members.find((m) => m.quote_index === 0)?.text).toBe('a quote');
      expect((await store.clusters.listClusters({ minSources: 2 })).map((c) => c.id)).toEqual([1]);
    });

    it('adds signals idempotently and marks false positives', async () => {
      const sig = {
        signal_type: 'pdq',
        signal_value: 'a'.repeat(64),
        labels: ['x', 'y'],
        provenance: 'test',
      };
      expect(await store.banks.addSignals('peers', [sig])).toBe(1);
      expect(await store.banks.addSignals('peers', [sig])).toBe(0);
      const [s] = await store.banks.listSignals('peers');
      expect(s).toMatchObject({ bank: 'peers', labels: ['x', 'y'], false_positive: false });
      expect(await store.banks.setFalsePositive(s?.id ?? 0, true)).toBe(true);
      expect((await store.banks.listSignals())[0]?.false_positive).toBe(true);
      expect(await store.banks.setFalsePositive(999999, true)).toBe(false);
      expect(await store.banks.listBanks()).toEqual([{ name: 'peers', signals: 1 }]);
    });

    it("lists an item's media with the bank matches their alerts recorded, leaving out false positives", async () => {
      const file = (path: string | null, declared: string, kind: string) => ({
        kind,
        path,
        declared,
        missing: path === null,
        mime: null,
        width: null,
        height: null,
      });
      const [o] = await store.items.ingestItems([
        makeItem({
          externalId: 'with-media',
          media: [
            file('/data/media/a.jpg', 'photos/a.jpg', 'photo'),
            file(null, '(File not included)', 'video'),
          ],
        }),
      ]);
      const itemId = o?.itemId ?? 0;
      const [photo, video] = await store.browse.media(itemId);
      expect(photo).toMatchObject({
        itemId,
        kind: 'photo',
        path: '/data/media/a.jpg',
        pdq: null,
        matches: [],
      });
      expect(video).toMatchObject({ itemId, kind: 'video', path: null, declared: '(File not included)' });
      const photoId = photo?.id ?? 0;
      await store.media.saveHash(photoId, { sha256: 'b'.repeat(64), pdq: 'a'.repeat(64), quality: 90 });
      await store.banks.addSignals('peers', [
        { signal_type: 'pdq', signal_value: 'c'.repeat(64), labels: [], provenance: 'test' },
        { signal_type: 'sha256', signal_value: 'b'.repeat(64), labels: [], provenance: 'test' },
      ]);
      const signals = await store.banks.listSignals('peers');
      const pdq = signals.find((s) => s.signal_type === 'pdq');
      const sha = signals.find((s) => s.signal_type === 'sha256');
      // Raised as media hashing raises them (runMediaHash); a media id that only starts the same
      // (12 and 120) must not be taken for this one.
      for (const [signal, mediaId, distance] of [
        [pdq, photoId, 4],
        [sha, photoId, 0],
        [pdq, Number(`${photoId}0`), 2],
      ] as const) {
        await store.alerts.raise({
          rule: 'hash_list_match',
          summary: 'a match',
          evidence: [
            {
              item_id: itemId,
              media_id: mediaId,
              bank: 'peers',
              signal_id: signal?.id,
              signal_type: signal?.signal_type,
              distance,
              labels: [],
            },
          ],
          dedupeKey: `bank:${signal?.id}:media:${mediaId}`,
        });
      }
      await store.banks.setFalsePositive(sha?.id ?? 0, true);
      expect((await store.browse.media(itemId))[0]?.matches).toEqual([
        { bank: 'peers', signal_id: pdq?.id, signal_type: 'pdq', distance: 4 },
      ]);
      expect(await store.browse.mediaFile(photoId)).toEqual({
        id: photoId,
        itemId,
        kind: 'photo',
        path: '/data/media/a.jpg',
        declared: 'photos/a.jpg',
        mime: null,
        pdq: 'a'.repeat(64),
        quality: 90,
      });
      expect(await store.browse.mediaFile(999_999)).toBeNull();
    });

    it('tells workers which ids still need this model, which are unknown, and what the analyses ask for', async () => {
      const [a, b, c] = (
        await store.items.ingestItems(['a', 'b', 'c'].map((x) => makeItem({ externalId: x })))
      ).map((o) => o.itemId) as [number, number, number];
      await store.analyses.saveAnalyses([
        { itemId: a, analysis: analysis('refer', [], 'model@2') },
        { itemId: b, analysis: analysis('none', [], 'model@1') },
      ]);
      const { units, missing } = await store.analyses.toAnalyse([c, a, b, 999_999], 'model@2');
      expect(units.map((u) => u.id)).toEqual([b, c]);
      expect(missing).toEqual([999_999]);
      expect(await store.analyses.countActionsOf([a, b, c])).toEqual({
        analysed: 2,
        byAction: { refer: 1, none: 1 },
      });
    });

    it('offers workers only analysed items to cluster, and only analysed, clustered items to link', async () => {
      const [a, b] = (
        await store.items.ingestItems([
          makeItem({ externalId: 'a', text: 'first text to cluster here' }),
          makeItem({ externalId: 'b', text: 'second text, not analysed yet' }),
        ])
      ).map((o) => o.itemId) as [number, number];
      await store.analyses.saveAnalyses([{ itemId: a, analysis: analysis('none') }]);
      expect((await store.clusters.unclustered(10)).map((u) => u.itemId).sort()).toEqual([a, b].sort());
      expect((await store.clusters.unclustered(10, { analysedOnly: true })).map((u) => u.itemId)).toEqual([
        a,
      ]);
      expect(await store.events.unscanned(10, { readyOnly: true })).toEqual([]);
      const [unit] = await store.clusters.unclustered(10, { analysedOnly: true });
      await store.clusters.saveMembers(
        [
          {
            clusterId: 1,
            itemId: a,
            quoteIndex: null,
            how: 'new',
            similarity: 1,
            exactKey: unit?.text ?? '',
            signature: new Uint32Array(4),
          },
        ],
        [],
      );
      expect((await store.events.unscanned(10, { readyOnly: true })).map((u) => u.id)).toEqual([a]);
      expect((await store.events.unscanned(10)).map((u) => u.id).sort()).toEqual([a, b].sort());
    });

    it("keeps an analyst's split: items moved to another event are never linked back to the first", async () => {
      const [a, b] = (
        await store.items.ingestItems([
          makeItem({ externalId: 'split-a', text: 'first report of the market incident' }),
          makeItem({ externalId: 'split-b', text: 'a report of another incident the same week' }),
        ])
      ).map((o) => o.itemId) as [number, number];
      const event = (id: string, name: string) => ({
        id,
        name,
        aliases: [],
        date: '2026-03-01',
        dateUncertaintyDays: 0,
        place: 'Leeds',
        kind: 'attack' as const,
        method: null,
        casualties: { killed: null, injured: null },
        perpetratorIdeology: null,
        targetedGroup: null,
        origin: 'extracted' as const,
      });
      await store.events.saveEvent(event('evt_first', 'Leeds attack'));
      await store.events.saveEvent(event('evt_second', 'Leeds market attack'));
      const link = (eventId: string, itemId: number, quoteIndex: number | null = null) => ({
        eventId,
        itemId,
        quoteIndex,
        confidence: 0.95,
        evidence: [{ reason: 'reports the incident', text: '' }],
      });
      await store.events.saveLinks([link('evt_first', a), link('evt_first', b), link('evt_first', b, 0)]);
      expect(await store.events.splitEvent('evt_first', 'evt_second', [b])).toBe(1);
      const ids = async (e: string) =>
        (await store.events.linkedItems(e)).map((l) => `${l.item_id}:${l.quote_index}`).sort();
      expect(await ids('evt_first')).toEqual([`${a}:null`]);
      expect(await ids('evt_second')).toEqual([`${b}:0`, `${b}:null`].sort());
      // A later scan links the item again: the split stands, other links still land.
      await store.events.saveLinks([link('evt_first', b), link('evt_first', a)]);
      expect(await ids('evt_first')).toEqual([`${a}:null`]);
      expect(await store.events.splitEvent('evt_first', 'evt_second', [])).toBe(0);
    });

    it('grants a stage lease to one holder at a time, until it expires or is released', async () => {
      expect(await store.leases.tryAcquire('S:match', 'w1', 60_000)).toBe(true);
      expect(await store.leases.tryAcquire('S:match', 'w2', 60_000)).toBe(false);
      // The holder renews; another stage's lease is separate.
      expect(await store.leases.tryAcquire('S:match', 'w1', 60_000)).toBe(true);
      expect(await store.leases.tryAcquire('S:events', 'w2', 60_000)).toBe(true);
      await store.leases.release('S:match', 'w2');
      expect(await store.leases.tryAcquire('S:match', 'w2', 60_000)).toBe(false);
      await store.leases.release('S:match', 'w1');
      expect(await store.leases.tryAcquire('S:match', 'w2', 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 20));
      // Expired: a standby takes over.
      expect(await store.leases.tryAcquire('S:match', 'w3', 60_000)).toBe(true);
      expect(await store.leases.tryAcquire('S:match', 'w2', 60_000)).toBe(false);
    });

    it('raises an alert once per dedupe key', async () => {
      const alert = { rule: 'r', summary: 's', evidence: [{ a: 1 }], dedupeKey: 'k' };
      expect(await store.alerts.raise(alert)).toBe(true);
      expect(await store.alerts.raise(alert)).toBe(false);
      expect(await store.alerts.list()).toEqual([
        expect.objectContaining({ rule: 'r', evidence: [{ a: 1 }] }),
      ]);
    });
  });
}
