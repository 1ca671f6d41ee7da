import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { SourceRunResult } from '../../pipeline/collect-run.js';
import { watchSources } from '../../pipeline/watch-run.js';
import { auditKeyFile } from '../../presets/open-store.js';
import { openSystem } from '../../presets/system.js';
import { positiveInt } from '../options.js';
import { action, printJson } from '../run-command.js';
import { terminalSafe } from '../text.js';
import { withStore } from '../with-store.js';

/** One line per run on stderr: counts and places, never content. */
function reportRun(r: SourceRunResult): void {
  const problems = r.problems.length ? `, ${r.problems.length} problems` : '';
  const line = r.error
    ? `vigil watch: ${r.source}: failed (${terminalSafe(r.error)}); ${r.new} new before it${problems}; next ${r.nextDueAt}`
    : `vigil watch: ${r.source}: ${r.new} new, ${r.edited} edited${problems}; next ${r.nextDueAt}`;
  process.stderr.write(`${line}\n`);
  for (const p of r.problems.slice(0, 5))
    process.stderr.write(`  ${terminalSafe(p.where, 120)}: ${terminalSafe(p.message)}\n`);
}

export function registerWatch(program: Command): void {
  program
    .command('watch')
    .description('collect live sources on their schedules (--once: each due source once, for cron)')
    .option('--once', 'run each due source once, then exit (for cron)')
    .option('--concurrency <n>', 'sources collected at once', '2')
    .option('--seed <n>', 'seed of the schedule jitter (for reproducible runs)')
    .option('--json', 'with --once: print each run’s result as JSON')
    .action(
      action(async (opts: { once?: boolean; concurrency: string; seed?: string; json?: boolean }) => {
        const concurrency = Math.max(1, positiveInt('--concurrency', opts.concurrency));
        const seed = opts.seed === undefined ? undefined : positiveInt('--seed', opts.seed);
        const keyFile = auditKeyFile();
        const dataDir = keyFile === null ? resolve('vigil-data') : dirname(keyFile);
        const system = await openSystem();
        const controller = new AbortController();
        // The first signal finishes the batch in hand and saves it; nothing is lost.
        const stop = () => controller.abort();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
        try {
          const results = await withStore(async (store) => {
            const runner = await system.runner(store);
            try {
              return await watchSources({
                items: store.items,
                liveSources: store.liveSources,
                runner,
                collectorOptions: { allowHosts: system.config.allowHosts, dataDir, env: process.env },
                signal: controller.signal,
                concurrency,
                ...(seed === undefined ? {} : { seed }),
                once: opts.once === true,
                onRun: reportRun,
              });
            } finally {
              await runner.close();
            }
          });
          if (opts.json && opts.once) printJson(results);
          else if (opts.once && results.length === 0) process.stderr.write('vigil watch: no source is due\n');
          return 0;
        } finally {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
        }
      }),
    );
}
