import type { RecordError } from '../domain/index.js';
import { eventDetail } from '../events/event-detail.js';
import { isCandidate } from '../events/resolve.js';
import type { PlannedFile } from '../ingest/registry.js';
import type { Store } from '../store/store.js';
import { type IngestRunOptions, runIngest } from './ingest-run.js';
import type { StageRunner } from './stage-runner.js';

export interface ScanOptions {
  source?: string;
  /** Column mapping for CSV and JSONL inputs (`--map`). */
  mapping?: Record<string, string>;
  timeZone?: string;
  planErrors?: readonly RecordError[];
  signal?: AbortSignal;
  onProgress?: IngestRunOptions['onProgress'];
  /** Stage progress: items through the stages so far, of about `expected` (what ingest stored or changed). */
  onAnalyzeProgress?: (done: number, expected: number) => void;
}

/**
 * The everyday job: ingest the inputs, hand what is new or changed to the stages (run here or by
 * workers, as the preset's runner decides) and wait for them; then gather what needs an analyst's
 * attention.
 */
export async function runScan(
  store: Store,
  runner: StageRunner,
  files: readonly PlannedFile[],
  options: ScanOptions = {},
) {
  const ingest = await runIngest(store.items, files, {
    source: options.source,
    mapping: options.mapping,
    planErrors: options.planErrors,
    timeZone: options.timeZone,
    signal: options.signal,
    onProgress: options.onProgress,
    onStored: (changed) => runner.stored(changed.map((c) => c.outcome.itemId)),
  });
  options.signal?.throwIfAborted();
  const stages = await runner.settle({ signal: options.signal, onProgress: options.onAnalyzeProgress });
  return { ingest, ...stages, ...(await attention(store)) };
}

export type ScanReport = Awaited<ReturnType<typeof runScan>>;

/** What an analyst should look at: flagged items awaiting review, clusters across sources, alerts. */
async function attention(store: Store) {
  // What still awaits a decision: items an analyst has settled are not asked about again.
  const flagged = await store.reviews.queue(20);
  const clusters = await store.clusters.listClusters({ minSources: 2, limit: 10 });
  const alerts = await store.alerts.list({ limit: 20 });
  // Candidates (no place or date yet) are not incidents to report: `vigil events --candidates` lists them.
  const events = (await store.events.listEvents())
    .filter((e) => e.linked_items > 0 && !isCandidate(e))
    .slice(0, 10);
  const reactions = [];
  for (const e of events) {
    const { reactions: r } = eventDetail(e, await store.events.linkedItems(e.id));
    reactions.push(
      ...r.map((x) => ({
        event: e.name,
        item_id: x.item_id,
        quote_index: x.quote_index,
        source: x.posted_by.source,
        platform: x.posted_by.platform,
        reported_by: x.reported_by,
        ideology: x.ideology,
        labels: x.labels,
        text: x.text,
      })),
    );
  }
  return {
    incidents: events.map((e) => ({
      id: e.id,
      name: e.name,
      date: e.date,
      place: e.place,
      perpetrator_ideology: e.perpetratorIdeology,
      linked_items: e.linked_items,
    })),
    reactions,
    flagged,
    clusters: clusters.map((c) => ({
      id: c.id,
      size: c.size,
      sources: c.sources,
      first_seen: c.first_seen,
      text: c.members[0]?.text ?? '',
    })),
    alerts,
  };
}
