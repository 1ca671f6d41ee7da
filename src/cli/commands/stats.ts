import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('count stored items by platform and source')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const stats = await withStore((s) => s.items.stats());
        if (opts.json) {
          printJson(stats);
          return 0;
        }
        process.stdout.write(`${stats.items} items\n`);
        for (const [platform, n] of Object.entries(stats.by_platform))
          process.stdout.write(`  ${platform}: ${n}\n`);
        process.stdout.write('By source:\n');
        for (const [source, n] of Object.entries(stats.by_source).sort((a, b) => b[1] - a[1])) {
          process.stdout.write(`  ${source}: ${n}\n`);
        }
        return 0;
      }),
    );
}
