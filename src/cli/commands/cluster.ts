import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { spreadOf } from '../../match/spread.js';
import { clusterJson } from '../cluster-json.js';
import { positiveInt } from '../options.js';
import { action, printJson } from '../run-command.js';
import { oneLine as clip } from '../text.js';
import { withStore } from '../with-store.js';

const oneLine = (t: string, n = 100) => clip(t, n);

export function registerCluster(program: Command): void {
  program
    .command('cluster')
    .description('one cluster: members, timeline and spread (forwards, reports)')
    .argument('<id>', 'cluster id')
    .option('--json', 'print as JSON')
    .action(
      action(async (id: string, opts: { json?: boolean }) => {
        const cluster = await withStore((s) => s.clusters.getCluster(positiveInt('cluster id', id)));
        if (!cluster) throw new VigilError('NOT_FOUND', `cluster: no cluster ${id}`);
        const spread = spreadOf(cluster.members);
        if (opts.json) {
          printJson({ ...clusterJson(cluster), ...spread });
          return 0;
        }
        const out = process.stdout;
        out.write(`cluster ${cluster.id}: ${cluster.size} members, ${cluster.sources.length} sources\n`);
        if (spread.origin)
          out.write(
            `origin: ${spread.origin.source}${spread.origin.platform ? ` (${spread.origin.platform})` : ''} — ${spread.origin.how.replaceAll('_', ' ')}\n`,
          );
        out.write('timeline:\n');
        for (const t of spread.timeline)
          out.write(`  ${t.first_posted_at ?? '?'}  ${t.platform}/${t.source} (${t.members})\n`);
        if (spread.edges.length) out.write('edges:\n');
        for (const e of spread.edges)
          out.write(`  ${e.from} → ${e.to} (${e.kind.replace('_', ' ')}, item ${e.item_id})\n`);
        out.write('members:\n');
        for (const m of cluster.members)
          out.write(
            `  #${m.item_id}${m.quote_index === null ? '' : ` quote ${m.quote_index}`} ${m.source}: ${oneLine(m.text)}\n`,
          );
        return 0;
      }),
    );
}
