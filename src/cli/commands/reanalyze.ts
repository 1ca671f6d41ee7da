import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { runReanalyze } from '../../pipeline/analyze-run.js';
import { openEmbedded } from '../../presets/embedded.js';
import type { ReanalysisFilter } from '../../store/store.js';
import { progressBar } from '../progress.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

interface ReanalyzeOptions {
  since?: string;
  source?: string;
  json?: boolean;
}

/** Re-runs the current detector over stored items another model analysed; their old analyses stay as versions. */
export function registerReanalyze(program: Command): void {
  program
    .command('reanalyze')
    .description("re-analyse stored items with the current model (each model's analysis is kept)")
    .option('--since <date>', 'only items posted on or after this date (YYYY-MM-DD or ISO time)')
    .option('--source <name>', 'only items from the source with this name')
    .option('--json', 'print the summary as JSON')
    .action(
      action(async (opts: ReanalyzeOptions) => {
        const filter: ReanalysisFilter = {};
        if (opts.since !== undefined) {
          const at = Date.parse(opts.since);
          if (Number.isNaN(at))
            throw new VigilError(
              'USAGE',
              `reanalyze: --since must be a date such as 2026-11-01, not "${opts.since}"`,
            );
          filter.since = new Date(at).toISOString();
        }
        if (opts.source !== undefined) filter.source = opts.source;
        const detector = openEmbedded().detector();
        const summary = await withStore(async (store) => {
          const total = await store.analyses.countNotAnalyzedBy(detector.modelId, filter);
          const bar = progressBar('reanalyze', 'items');
          const started = performance.now();
          return runReanalyze(store.analyses, detector, {
            filter,
            onProgress: (done) =>
              bar.update(done, total, {
                count: done,
                rate: Math.round(done / Math.max(1e-3, (performance.now() - started) / 1000)),
                mb: '',
              }),
          }).finally(() => bar.stop());
        });
        const report = { model: detector.modelId, ...summary };
        if (opts.json) printJson(report);
        else
          process.stdout.write(
            `re-analysed ${report.analyzed} items with ${report.model}: ${report.refer} to refer, ${report.review} to review\n`,
          );
        return 0;
      }),
    );
}
