import type { Detector } from '../analyze/detector.js';
import type { RecordError } from '../domain/index.js';
import { reactionsOf } from '../events/link.js';
import type { PlannedFile } from '../ingest/registry.js';
import type { Store } from '../store/store.js';
import { type AlertRule, applyAlertRules } from './alert-rules.js';
import { runAnalyze } from './analyze-run.js';
import { loadBankMatcher } from './banks.js';
import { deliverAlerts, type WebhookConfig } from './deliver.js';
import { type EventData, runEvents } from './events-run.js';
import { type IngestRunOptions, runIngest } from './ingest-run.js';
import { runMatch } from './match-run.js';
import { runMediaHash } from './media-run.js';

export interface ScanOptions {
  detector: Detector;
  eventData: EventData;
  rules: readonly AlertRule[];
  webhooks: readonly WebhookConfig[];
  source?: string;
  /** Column mapping for CSV and JSONL inputs (`--map`). */
  mapping?: Record<string, string>;
  timeZone?: string;
  planErrors?: readonly RecordError[];
  signal?: AbortSignal;
  onProgress?: IngestRunOptions['onProgress'];
  /** Analysis progress: items analysed so far, of about `expected` (what ingest stored or changed). */
  onAnalyzeProgress?: (done: number, expected: number) => void;
}

/**
 * The everyday job, in order: ingest the inputs, analyse what is new, cluster texts and quotes,
 * hash media and match the banks, find events and link reactions, apply the alert rules, deliver
 * alerts; then gather what needs an analyst's attention.
 */
export async function runScan(store: Store, files: readonly PlannedFile[], options: ScanOptions) {
  const ingest = await runIngest(store.items, files, {
    source: options.source,
    mapping: options.mapping,
    planErrors: options.planErrors,
    timeZone: options.timeZone,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  options.signal?.throwIfAborted();
  const expected = ingest.new + ingest.edited;
  const analyze = await runAnalyze(store.analyses, options.detector, {
    signal: options.signal,
    onProgress: (done) => options.onAnalyzeProgress?.(done, Math.max(done, expected)),
  });
  const banks = await loadBankMatcher(store.banks);
  const match = await runMatch(store.clusters, store.alerts, { banks });
  const media = await runMediaHash(store.media, store.alerts, banks);
  const events = await runEvents(store.events, store.alerts, options.eventData);
  await applyAlertRules(options.rules, store);
  const delivery =
    options.webhooks.length > 0 ? await deliverAlerts([...options.webhooks], store.deliveries) : null;
  return {
    ingest,
    analyze,
    match,
    media: { hashed: media.hashed, bank_matches: media.bankMatches, errors: media.errors },
    events,
    delivery,
    ...(await attention(store)),
  };
}

export type ScanReport = Awaited<ReturnType<typeof runScan>>;

/** What an analyst should look at: flagged items, clusters across sources, alerts. */
async function attention(store: Store) {
  const flagged = await store.items.flagged({ limit: 20 });
  const clusters = await store.clusters.listClusters({ minSources: 2, limit: 10 });
  const alerts = await store.alerts.list({ limit: 20 });
  const events = (await store.events.listEvents()).filter((e) => e.linked_items > 0).slice(0, 10);
  const reactions = [];
  for (const e of events) {
    const { reactions: r } = reactionsOf(e, await store.events.linkedItems(e.id));
    reactions.push(
      ...r.map((x) => ({
        event: e.name,
        item_id: x.item_id,
        source: x.source,
        platform: x.platform,
        ideology: x.analysis?.ideology.label ?? null,
        labels: x.analysis?.labels.map((l) => l.label) ?? [],
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
