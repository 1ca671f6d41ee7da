import type { Command } from 'commander';
import { SEARCH_SORTS, type SearchSnippet, type SearchSort, VigilError } from '../../domain/index.js';
import { action, printJson } from '../run-command.js';
import { terminalSafe } from '../text.js';
import { withStore } from '../with-store.js';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('full-text search over stored items (any script)')
    .argument('<query...>', 'words to find')
    .option('--limit <n>', 'most results', '50')
    .option('--sort <order>', `${SEARCH_SORTS.join(' or ')}: newest post first, or best match first`, 'date')
    .option('--json', 'print results as JSON')
    .action(
      action(async (query: string[], opts: { limit: string; sort: string; json?: boolean }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1)
          throw new VigilError(
            'USAGE',
            `search: --limit must be a positive whole number, not "${opts.limit}"`,
          );
        const sort = SEARCH_SORTS.find((s) => s === opts.sort);
        if (!sort)
          throw new VigilError(
            'USAGE',
            `search: --sort must be ${SEARCH_SORTS.join(' or ')}, not "${terminalSafe(opts.sort, 40)}"`,
          );
        const text = query.join(' ');
        const { hits, count } = await withStore(async (s) => ({
          hits: await s.items.search(text, { limit, sort }),
          count: opts.json ? null : await s.items.countMatches(text),
        }));
        if (opts.json || !count) {
          printJson(hits);
          return 0;
        }
        if (hits.length === 0) {
          process.stdout.write('No items match.\n');
          return 0;
        }
        process.stdout.write(`${countLine(count.total, count.capped, hits.length, sort)}\n`);
        for (const h of hits) {
          process.stdout.write(
            `#${h.item_id} ${h.posted_at ?? '(no date)'} ${h.platform}/${terminalSafe(h.source, 100)}\n  ${passage(h.snippet)}\n`,
          );
        }
        return 0;
      }),
    );
}

function countLine(total: number, capped: boolean, shown: number, sort: SearchSort): string {
  const n = `${total.toLocaleString('en')}${capped ? '+' : ''}`;
  const order = sort === 'relevance' ? 'best match first' : 'newest first';
  return `${n} ${total === 1 && !capped ? 'item matches' : 'items match'}; ${shown} shown, ${order}.`;
}

/** The snippet on one line, with an ellipsis where the item's text goes on. */
function passage(s: SearchSnippet): string {
  return `${s.elided_before ? '…' : ''}${terminalSafe(s.text, 400)}${s.elided_after ? '…' : ''}`;
}
