import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { deliverAlerts } from '../../pipeline/deliver.js';
import { loadConfig } from '../../presets/config.js';
import { positiveInt } from '../options.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

export function registerAlerts(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('alerts raised by matching, events and rules')
    .option('--limit <n>', 'most alerts', '100')
    .option('--json', 'print [{"id","rule","created_at","summary","evidence"}]')
    .action(
      action(async (opts: { limit: string; json?: boolean }) => {
        const list = await withStore((s) => s.alerts.list({ limit: positiveInt('--limit', opts.limit) }));
        if (opts.json) printJson(list);
        else if (list.length === 0) process.stdout.write('No alerts.\n');
        else
          for (const a of list) process.stdout.write(`#${a.id} ${a.created_at} [${a.rule}] ${a.summary}\n`);
        return 0;
      }),
    );
  alerts
    .command('deliver')
    .description('send pending alerts to the webhooks of vigil.config.yaml (signed, with retries)')
    .option('--json', 'print the summary as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const config = loadConfig();
        if (config.webhooks.length === 0)
          throw new VigilError('USAGE', 'alerts deliver: no webhooks in vigil.config.yaml (alerts.webhooks)');
        const summary = await withStore((s) => deliverAlerts(config.webhooks, s.deliveries));
        if (opts.json) printJson(summary);
        else process.stdout.write(`${summary.delivered} delivered, ${summary.deadLetters} dead letters\n`);
        return summary.deadLetters > 0 ? 1 : 0;
      }),
    );
  alerts
    .command('dead-letters')
    .description('alerts a webhook never accepted, with the last error')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const list = await withStore((s) => s.deliveries.list({ status: 'dead_letter' }));
        if (opts.json) printJson(list);
        else if (list.length === 0) process.stdout.write('No dead letters.\n');
        else
          for (const d of list)
            process.stdout.write(
              `alert #${d.alert_id} → ${d.webhook}: ${d.attempts} attempts, ${d.last_error}\n`,
            );
        return 0;
      }),
    );
}
