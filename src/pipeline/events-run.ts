import type { Event } from '../domain/index.js';
import { type EventMention, extractEvents } from '../events/extract.js';
import type { Gazetteer } from '../events/gazetteer.js';
import { linkItem } from '../events/link.js';
import { eventFromMention, findEvent, isCandidate, mergeMention, methodsAgree } from '../events/resolve.js';
import { DEFAULT_SURGE_CONFIG, type SurgeConfig, SurgeDetector } from '../events/surge.js';
import type { AlertStore, EventLink, EventRecord, EventScanUnit, EventStore } from '../store/store.js';
import { allPages } from './pages.js';

export interface EventsSummary {
  scanned: number;
  /** Events made or completed (a candidate given its place or date) in this run. */
  newEvents: number;
  /** Incidents still without place or date made in this run, stored and listed apart. */
  candidates: number;
  links: number;
  surges: number;
}

/** What event extraction reads: the gazetteer and the seed events (chosen by the preset). */
export interface EventData {
  gazetteer: Gazetteer;
  seed: readonly Event[];
}

/**
 * Reads new items for events: news reports create or update incidents (reports of one incident
 * from several outlets merge), then every item and quote is linked to the incidents it refers to.
 * Finally reactions per event are checked for surges, each raising one alert.
 */
export async function runEvents(
  store: EventStore,
  alerts: AlertStore,
  data: EventData,
  options: {
    surge?: SurgeConfig;
    /** Only items already analysed and clustered: for workers running beside the other stages. */
    readyOnly?: boolean;
    /** Stops between batches; what was saved stays saved. */
    signal?: AbortSignal;
  } = {},
): Promise<EventsSummary> {
  const summary: EventsSummary = { scanned: 0, newEvents: 0, candidates: 0, links: 0, surges: 0 };
  const all = await store.listEvents({ includeMerged: true });
  const standing = new Set((await store.listEvents()).map((e) => e.id));
  // An analyst's merge stands: what extraction finds of a merged-away event goes to the one it
  // was merged into.
  const mergedInto = new Map<string, string>();
  for (const e of all)
    if (!standing.has(e.id)) {
      const target = await store.getEvent(e.id);
      if (target) mergedInto.set(e.id, target.id);
    }
  const known = new Map(all.filter((e) => standing.has(e.id)).map((e) => [e.id, e as EventRecord]));
  for (const s of data.seed) {
    if (!known.has(s.id) && !mergedInto.has(s.id)) {
      const record: EventRecord = { ...s, origin: 'seed' };
      await store.saveEvent(record);
      known.set(s.id, record);
    }
  }
  const active = () => [...known.values()];
  /** Events that news reports in each cluster were resolved to in this run. */
  const reportsInCluster = new Map<number, Set<string>>();
  const created: EventRecord[] = [];
  const save = async (e: EventRecord) => {
    await store.saveEvent(e);
    known.set(e.id, e);
  };
  for (;;) {
    options.signal?.throwIfAborted();
    const batch = await store.unscanned(500, { readyOnly: options.readyOnly ?? false });
    if (batch.length === 0) break;
    const clusterEvents = await store.linkedClusters();
    const links: EventLink[] = [];
    for (const item of batch) {
      /** Events this item reports as its own incident (not in passing). */
      const reported = new Set<string>();
      const found: EventLink[] = [];
      if (item.platform === 'news') {
        for (const mention of extractEvents(item.text, item.posted_at, data.gazetteer)) {
          const event = await resolveMention(mention, item.posted_at, item.cluster_id, clusterEvents);
          if (!event) continue;
          if (mention.mode === 'report') reported.add(event.id);
          found.push({
            eventId: event.id,
            itemId: item.id,
            quoteIndex: null,
            confidence: mention.mode === 'report' ? 0.95 : 0.9,
            evidence: [
              {
                reason: mention.mode === 'report' ? 'reports the incident' : 'names the incident',
                text: mention.evidence,
              },
            ],
          });
        }
      }
      for (const c of linkItem(item, active(), clusterEvents)) found.push({ ...c, itemId: item.id });
      // A report of its own incident is about that incident: the others it names in passing ("25
      // days after the stabbing at Warwick Junction"), or that share its city, are context, not
      // what it reports. Its quotes keep their own links.
      for (const l of found)
        if (reported.size === 0 || l.quoteIndex !== null || reported.has(l.eventId)) links.push(l);
    }
    await store.saveLinks(links);
    await store.markScanned(batch.map((b) => b.id));
    summary.scanned += batch.length;
    summary.links += links.length;
  }

  /**
   * The event a mention belongs to, found or made: a report with place and date that finds a
   * candidate of its incident completes it, or merges it into the event it finds.
   */
  async function resolveMention(
    mention: EventMention,
    published: string | null,
    cluster: number | null,
    clusterEvents: ReadonlyMap<number, string[]>,
  ): Promise<EventRecord | null> {
    if (mention.mode === 'reference' && !mention.place && mention.landmarks.length === 0 && !mention.name)
      return null;
    // Copies of one report (a wire story in several outlets) are one incident's: a copy that lost
    // its place in editing goes where the others went.
    const ofCopies = (want: (e: EventRecord) => boolean) =>
      cluster === null
        ? []
        : [...new Set([...(clusterEvents.get(cluster) ?? []), ...(reportsInCluster.get(cluster) ?? [])])]
            .map((id) => known.get(mergedInto.get(id) ?? id))
            .filter((e): e is EventRecord => e !== undefined && want(e));
    const placeless = mention.mode === 'report' && !mention.place && mention.landmarks.length === 0;
    const sibling = placeless
      ? ofCopies((e) => !isCandidate(e) && methodsAgree(e.method, mention.method))
      : [];
    const existing =
      sibling.length === 1 ? (sibling[0] as EventRecord) : findEvent(mention, active(), published);
    if (existing) {
      const merged = mergeMention(existing, mention, existing.origin !== 'extracted');
      if (JSON.stringify(merged) !== JSON.stringify(existing)) await save(merged);
      if (isCandidate(existing) && !isCandidate(merged)) summary.newEvents++;
      await absorbCandidates(merged, mention, published, ofCopies(isCandidate));
      noteCluster(cluster, merged.id);
      return known.get(merged.id) ?? merged;
    }
    // A name that is no known place or landmark makes no event of its own.
    if (mention.mode === 'reference' && !mention.place && mention.landmarks.length === 0) return null;
    const fresh = eventFromMention(mention, published);
    const redirected = mergedInto.get(fresh.id);
    if (redirected) return known.get(redirected) ?? null;
    const record: EventRecord = { ...fresh, origin: 'extracted' };
    await save(record);
    created.push(record);
    if (!isCandidate(record)) summary.newEvents++;
    await absorbCandidates(record, mention, published, ofCopies(isCandidate));
    noteCluster(cluster, record.id);
    return record;
  }

  function noteCluster(cluster: number | null, eventId: string) {
    if (cluster !== null)
      reportsInCluster.set(cluster, (reportsInCluster.get(cluster) ?? new Set()).add(eventId));
  }

  /**
   * Merges into `event` the candidates of the same incident that a fuller mention now places: by
   * landmark or place, or a copy of this report in the same cluster.
   */
  async function absorbCandidates(
    event: EventRecord,
    mention: EventMention,
    published: string | null,
    copies: readonly EventRecord[],
  ) {
    if (isCandidate(event) || mention.mode !== 'report') return;
    const others = active().filter((e) => e.id !== event.id && isCandidate(e) && e.origin === 'extracted');
    for (const candidate of others) {
      const copy = copies.some((c) => c.id === candidate.id) && methodsAgree(candidate.method, event.method);
      if (!copy && findEvent(mention, [candidate], published) === null) continue;
      if (!(await store.mergeEvents(candidate.id, event.id))) continue;
      known.delete(candidate.id);
      mergedInto.set(candidate.id, event.id);
      const updated = await store.getEvent(event.id);
      if (updated) known.set(updated.id, updated);
    }
  }

  const standingCreated = created.flatMap((e) => known.get(e.id) ?? []);
  summary.candidates = standingCreated.filter(isCandidate).length;
  // Items read in earlier runs may react to an incident first reported now.
  summary.links += await linkEarlierItems(store, standingCreated, data.gazetteer);
  summary.surges = await detectSurges(store, alerts, active(), options.surge ?? DEFAULT_SURGE_CONFIG);
  return summary;
}

/** Replays each event's flagged reactions in time order through the surge detector, per platform. */
async function detectSurges(
  store: EventStore,
  alerts: AlertStore,
  events: readonly EventRecord[],
  config: SurgeConfig,
): Promise<number> {
  let raised = 0;
  for (const e of events) {
    const linked = (await store.linkedItems(e.id)).filter(
      (l) => l.posted_at && (l.analysis?.labels.length ?? 0) > 0,
    );
    if (linked.length < config.minCount) continue;
    const detector = new SurgeDetector(config);
    for (const l of linked) {
      const surge = detector.observe(l.posted_at as string, l.platform);
      if (!surge) continue;
      const isNew = await alerts.raise({
        rule: 'surge',
        summary: `surge of reactions to "${e.name}" on ${surge.group}: ${surge.count} flagged items in the hour from ${surge.bucketStart} (baseline ${surge.baseline})`,
        evidence: [
          {
            event_id: e.id,
            group: surge.group,
            bucket_start: surge.bucketStart,
            count: surge.count,
            baseline: surge.baseline,
            threshold: surge.threshold,
            first_item_id: l.item_id,
          },
        ],
        dedupeKey: `surge:${e.id}:${surge.group}:${surge.bucketStart}`,
      });
      if (isNew) raised++;
    }
  }
  return raised;
}

/** Links items read before an event was known: those posted from a day before it to 60 days after. */
async function linkEarlierItems(
  store: EventStore,
  events: readonly EventRecord[],
  gazetteer: Gazetteer,
): Promise<number> {
  let count = 0;
  const ownIncidents = new Map<number, EventMention[]>();
  const ownOf = (item: EventScanUnit) => {
    let own = ownIncidents.get(item.id);
    if (!own) {
      own = item.platform === 'news' ? ownIncidentMentions(item, gazetteer) : [];
      ownIncidents.set(item.id, own);
    }
    return own;
  };
  const clusterEvents = events.length > 0 ? await store.linkedClusters() : new Map<number, string[]>();
  for (const e of events) {
    if (!e.date) continue;
    const from = new Date(Date.parse(e.date) - (e.dateUncertaintyDays + 1) * 86_400_000).toISOString();
    const to = new Date(Date.parse(e.date) + 60 * 86_400_000).toISOString();
    const links: EventLink[] = [];
    const posted = await allPages((limit, offset) => store.postedBetween(from, to, limit, offset), 10_000);
    for (const item of posted) {
      const own = ownOf(item);
      // As in the scan: a report of another incident is not linked here.
      const another = own.length > 0 && own.every((m) => findEvent(m, [e], item.posted_at) === null);
      for (const c of linkItem(item, [e], clusterEvents)) {
        if (another && c.quoteIndex === null) continue;
        links.push({ ...c, itemId: item.id });
      }
    }
    await store.saveLinks(links);
    count += links.length;
  }
  return count;
}

/** The incidents a news item reports as its own (with a place or landmark), not in passing. */
function ownIncidentMentions(item: EventScanUnit, gazetteer: Gazetteer): EventMention[] {
  return extractEvents(item.text, item.posted_at, gazetteer).filter(
    (m) => m.mode === 'report' && (m.place !== null || m.landmarks.length > 0),
  );
}
