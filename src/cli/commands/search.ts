import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { action, printJson } from '../run-command.js';
import { oneLine } from '../text.js';
import { withStore } from '../with-store.js';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('full-text search over stored items (any script)')
    .argument('<query...>', 'words to find')
    .option('--limit <n>', 'most results', '50')
    .option('--json', 'print results as JSON')
    .action(
      action(async (query: string[], opts: { limit: string; json?: boolean }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new VigilError(
            'USAGE',
            `search: --limit must be a positive whole number, not "${opts.limit}"`,
          );
        const hits = await withStore((s) => s.items.search(query.join(' '), { limit }));
        if (opts.json) {
          printJson(hits);
          return 0;
        }
        if (hits.length === 0) process.stdout.write('No items match.\n');
        for (const h of hits) {
          process.stdout.write(
            `#${h.item_id} ${h.posted_at ?? '(no date)'} ${h.platform}/${h.source}\n  ${oneLine(h.text, 200)}\n`,
          );
        }
        return 0;
      }),
    );
}
