import type { Event } from '../domain/index.js';
import { extractEvents } from '../events/extract.js';
import type { Gazetteer } from '../events/gazetteer.js';
import { linkItem } from '../events/link.js';
import { eventFromMention, findEvent, mergeMention } from '../events/resolve.js';
import { DEFAULT_SURGE_CONFIG, type SurgeConfig, SurgeDetector } from '../events/surge.js';
import type { AlertStore, EventLink, EventRecord, EventStore } from '../store/store.js';
import { allPages } from './pages.js';

export interface EventsSummary {
  scanned: number;
  newEvents: number;
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
  const summary: EventsSummary = { scanned: 0, newEvents: 0, links: 0, surges: 0 };
  const known = new Map(
    (await store.listEvents({ includeMerged: true })).map((e) => [e.id, e as EventRecord]),
  );
  for (const s of data.seed) {
    if (!known.has(s.id)) {
      const record: EventRecord = { ...s, origin: 'seed' };
      await store.saveEvent(record);
      known.set(s.id, record);
    }
  }
  const active = () => [...known.values()];
  const created: EventRecord[] = [];
  for (;;) {
    options.signal?.throwIfAborted();
    const batch = await store.unscanned(500, { readyOnly: options.readyOnly ?? false });
    if (batch.length === 0) break;
    const clusterEvents = await store.linkedClusters();
    const links: EventLink[] = [];
    for (const item of batch) {
      if (item.platform === 'news') {
        for (const mention of extractEvents(item.text, item.posted_at, data.gazetteer)) {
          const existing = findEvent(mention, active(), item.posted_at);
          if (existing) {
            const merged = mergeMention(existing, mention);
            if (JSON.stringify(merged) !== JSON.stringify(existing)) {
              await store.saveEvent(merged);
              known.set(merged.id, merged);
            }
          } else {
            const newEvent: EventRecord = {
              ...eventFromMention(mention, item.posted_at),
              origin: 'extracted',
            };
            if (mention.mode === 'reference' && !data.gazetteer.lookup(newEvent.place ?? '')) continue;
            await store.saveEvent(newEvent);
            known.set(newEvent.id, newEvent);
            created.push(newEvent);
            summary.newEvents++;
          }
        }
      }
      for (const c of linkItem(item, active(), clusterEvents)) links.push({ ...c, itemId: item.id });
    }
    await store.saveLinks(links);
    await store.markScanned(batch.map((b) => b.id));
    summary.scanned += batch.length;
    summary.links += links.length;
  }
  // Items read in earlier runs may react to an incident first reported now.
  summary.links += await linkEarlierItems(store, created);
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
async function linkEarlierItems(store: EventStore, events: readonly EventRecord[]): Promise<number> {
  let count = 0;
  const clusterEvents = events.length > 0 ? await store.linkedClusters() : new Map<number, string[]>();
  for (const e of events) {
    if (!e.date) continue;
    const from = new Date(Date.parse(e.date) - (e.dateUncertaintyDays + 1) * 86_400_000).toISOString();
    const to = new Date(Date.parse(e.date) + 60 * 86_400_000).toISOString();
    const links: EventLink[] = [];
    const posted = await allPages((limit, offset) => store.postedBetween(from, to, limit, offset), 10_000);
    for (const item of posted) {
      for (const c of linkItem(item, [e], clusterEvents)) links.push({ ...c, itemId: item.id });
    }
    await store.saveLinks(links);
    count += links.length;
  }
  return count;
}
