import type { Command } from 'commander';
import { clusterJson } from '../cluster-json.js';
import { positiveInt } from '../options.js';
import { action, printJson } from '../run-command.js';
import { oneLine as clip } from '../text.js';
import { withStore } from '../with-store.js';

const oneLine = (t: string, n = 100) => clip(t, n);

export function registerClusters(program: Command): void {
  program
    .command('clusters')
    .description('near-duplicate clusters: one message wherever it appeared')
    .option('--min-sources <n>', 'only clusters seen in at least N sources', '1')
    .option('--limit <n>', 'most clusters', '100')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { minSources: string; limit: string; json?: boolean }) => {
        const minSources = positiveInt('--min-sources', opts.minSources);
        const limit = positiveInt('--limit', opts.limit);
        const clusters = await withStore((s) => s.clusters.listClusters({ minSources, limit }));
        if (opts.json) {
          printJson(clusters.map(clusterJson));
          return 0;
        }
        if (clusters.length === 0) process.stdout.write('No clusters.\n');
        for (const c of clusters) {
          process.stdout.write(
            `cluster ${c.id}: ${c.size} members in ${c.sources.length} sources, first seen ${c.first_seen ?? '?'}\n  ${oneLine(c.members[0]?.text ?? '')}\n  sources: ${c.sources.join(', ')}\n`,
          );
        }
        return 0;
      }),
    );
}
