import type { Detector } from '../analyze/detector.js';
import type { AnalysisStore } from '../store/store.js';

export interface AnalyzeSummary {
  analyzed: number;
  refer: number;
  review: number;
}

/** Analyses every stored item that has no analysis yet, in batches. */
export async function runAnalyze(
  store: AnalysisStore,
  detector: Detector,
  options: { batchSize?: number; signal?: AbortSignal; onProgress?: (done: number) => void } = {},
): Promise<AnalyzeSummary> {
  const summary: AnalyzeSummary = { analyzed: 0, refer: 0, review: 0 };
  let after = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const batch = await store.unanalyzed(after, options.batchSize ?? 500);
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
