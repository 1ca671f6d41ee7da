import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Store } from '../../store/store.js';
import { applyAlertRules } from '../alert-rules.js';
import { deliverAlerts } from '../deliver.js';
import { runEvents } from '../events-run.js';
import type { StageDeps } from '../in-process-runner.js';
import { MatchSession } from '../match-run.js';
import { runMediaHash } from '../media-run.js';
import type { Stage } from './topology.js';
import type { StageHandler } from './worker.js';

/** How long analysis runs before it lets timers (the batch's heartbeats) run. */
const YIELD_EVERY_MS = 100;

/**
 * Each stage as a worker runs it. Analysis is per item and keyed by (item, model), so any number
 * of workers share it. Clustering, event resolution and alert delivery depend on what came before
 * (cluster ids and merges, which report created an incident, what was already delivered), so each
 * runs on one worker at a time under a lease; the work they read is what the store says is ready,
 * which makes a redelivered message a no-op.
 */
export function stageHandler(stage: Stage, store: Store, deps: StageDeps): StageHandler {
  switch (stage) {
    case 'analyze':
      return {
        stage,
        exclusive: false,
        async handle(ids) {
          const { units, missing } = await store.analyses.toAnalyse(ids, deps.detector.modelId);
          const rows = [];
          let since = performance.now();
          for (const u of units) {
            rows.push({
              itemId: u.id,
              analysis: deps.detector.analyze({ text: u.text, platform: u.platform }),
            });
            // Analysis is synchronous: without a turn of the event loop now and then, the worker's
            // "still working" heartbeats wait behind the whole batch, and on a loaded machine the
            // server redelivers the batch as if the worker had died.
            if (performance.now() - since > YIELD_EVERY_MS) {
              await yieldToLoop();
              since = performance.now();
            }
          }
          await store.analyses.saveAnalyses(rows);
          return { missing };
        },
      };
    case 'match': {
      // The matcher's index stays in memory while this worker holds the lease.
      let session: MatchSession | null = null;
      return {
        stage,
        exclusive: true,
        async handle() {
          session ??= await MatchSession.open(store.clusters);
          const banks = await deps.loadMatcher(store.banks);
          await session.run(store.alerts, { banks, analysedOnly: true });
          await runMediaHash(store.media, store.alerts, banks);
          return { missing: [] };
        },
        reset() {
          session = null;
        },
      };
    }
    case 'events':
      return {
        stage,
        exclusive: true,
        async handle() {
          await runEvents(store.events, store.alerts, deps.eventData, { readyOnly: true });
          return { missing: [] };
        },
      };
    case 'alerts':
      return {
        stage,
        exclusive: true,
        async handle() {
          await applyAlertRules(deps.rules, store);
          if (deps.webhooks.length > 0) await deliverAlerts([...deps.webhooks], store.deliveries);
          return { missing: [] };
        },
      };
  }
}
