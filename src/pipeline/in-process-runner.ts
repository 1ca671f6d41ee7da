import type { Detector } from '../analyze/detector.js';
import type { BankMatcher } from '../match/banks/bank-matcher.js';
import type { BankStore, Store } from '../store/store.js';
import { type AlertRule, applyAlertRules } from './alert-rules.js';
import { runAnalyze } from './analyze-run.js';
import { deliverAlerts, type WebhookConfig } from './deliver.js';
import { type EventData, runEvents } from './events-run.js';
import { runMatch } from './match-run.js';
import { runMediaHash } from './media-run.js';
import type { SettleOptions, StageRunner, StagesReport } from './stage-runner.js';

export interface StageDeps {
  detector: Detector;
  /** Builds the hash-list matcher from the banks as they are now. */
  loadMatcher(banks: BankStore): Promise<BankMatcher>;
  eventData: EventData;
  rules: readonly AlertRule[];
  webhooks: readonly WebhookConfig[];
}

/**
 * The embedded runner: every stage in this process, in order — analyse what is new, cluster texts
 * and quotes, hash media and match the banks, find events and link reactions, apply the alert
 * rules, deliver alerts. Each stage reads what it has not seen from the store, so `stored` needs
 * to remember nothing.
 */
export function inProcessRunner(store: Store, deps: StageDeps): StageRunner {
  let handedOver = 0;
  return {
    kind: 'in-process',
    async stored(itemIds) {
      handedOver += itemIds.length;
    },
    settle: (options = {}) => runStagesInProcess(store, deps, handedOver, options),
    async close() {},
  };
}

async function runStagesInProcess(
  store: Store,
  deps: StageDeps,
  expected: number,
  options: SettleOptions,
): Promise<StagesReport> {
  const analyze = await runAnalyze(store.analyses, deps.detector, {
    signal: options.signal,
    onProgress: (done) => options.onProgress?.(done, Math.max(done, expected)),
  });
  options.signal?.throwIfAborted();
  const banks = await deps.loadMatcher(store.banks);
  const match = await runMatch(store.clusters, store.alerts, { banks, signal: options.signal });
  const media = await runMediaHash(store.media, store.alerts, banks);
  options.signal?.throwIfAborted();
  const events = await runEvents(store.events, store.alerts, deps.eventData, { signal: options.signal });
  await applyAlertRules(deps.rules, store);
  const delivery =
    deps.webhooks.length > 0 ? await deliverAlerts([...deps.webhooks], store.deliveries) : null;
  return {
    analyze,
    match,
    media: { hashed: media.hashed, bank_matches: media.bankMatches, errors: media.errors },
    events,
    delivery,
    failed: [],
  };
}
