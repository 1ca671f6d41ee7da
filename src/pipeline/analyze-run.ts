import type { Detector } from '../analyze/detector.js';
import type { AnalysisStore, ReanalysisFilter, TextUnit } from '../store/store.js';

export interface AnalyzeSummary {
  analyzed: number;
  refer: number;
  review: number;
}

interface RunOptions {
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
}

/** Analyses every stored item that has no analysis yet, in batches. */
export function runAnalyze(
  store: AnalysisStore,
  detector: Detector,
  options: RunOptions = {},
): Promise<AnalyzeSummary> {
  return analyzeBatches(store, detector, (after, limit) => store.unanalyzed(after, limit), options);
}

/**
 * Re-analyses stored items whose current analysis is by another model than `detector`'s (or that
 * have none), so a better detector reaches what was already collected; earlier models' analyses
 * are kept as versions.
 */
export function runReanalyze(
  store: AnalysisStore,
  detector: Detector,
  options: RunOptions & { filter?: ReanalysisFilter } = {},
): Promise<AnalyzeSummary> {
  return analyzeBatches(
    store,
    detector,
    (after, limit) => store.notAnalyzedBy(detector.modelId, after, limit, options.filter),
    options,
  );
}

async function analyzeBatches(
  store: AnalysisStore,
  detector: Detector,
  next: (afterId: number, limit: number) => Promise<TextUnit[]>,
  options: RunOptions,
): Promise<AnalyzeSummary> {
  const summary: AnalyzeSummary = { analyzed: 0, refer: 0, review: 0 };
  let after = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const batch = await next(after, options.batchSize ?? 500);
    if (batch.length === 0) return summary;
    const rows = batch.map((u) => ({
      itemId: u.id,
      analysis: detector.analyze({ text: u.text, platform: u.platform }),
    }));
    await store.saveAnalyses(rows);
    for (const r of rows) {
      if (r.analysis.action === 'refer') summary.refer++;
      else if (r.analysis.action === 'review') summary.review++;
    }
    summary.analyzed += rows.length;
    after = batch[batch.length - 1]?.id ?? after;
    options.onProgress?.(summary.analyzed);
  }
}
