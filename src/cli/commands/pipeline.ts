import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { pipelineStatus } from '../../pipeline/jetstream/status.js';
import { isScaled, openSystem } from '../../presets/system.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

/** `vigil pipeline status`: how far behind each stage of the scaled pipeline is. */
export function registerPipeline(program: Command): void {
  const pipeline = program
    .command('pipeline')
    .description('the scaled pipeline: per-stage pending, in flight, dead-lettered, lag');
  pipeline
    .command('status')
    .description('per stage: pending, in flight, redelivered, dead-lettered, lag')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const system = await openSystem();
        if (!isScaled(system))
          throw new VigilError('BAD_CONFIG', 'pipeline status: set VIGIL_NATS_URL (the scaled preset)');
        const conn = await system.connect('vigil-status');
        try {
          const status = await pipelineStatus(conn);
          if (opts.json) {
            printJson(status);
            return 0;
          }
          const out = process.stdout;
          out.write(
            `stream ${status.stream}: ${status.messages} messages, ${(status.bytes / 1e6).toFixed(1)} MB\n`,
          );
          out.write('stage     pending  in flight  redelivered  dead-lettered  lag (s)  waiting workers\n');
          for (const s of status.stages)
            out.write(
              `${s.stage.padEnd(8)} ${String(s.pending).padStart(8)} ${String(s.in_flight).padStart(10)} ${String(s.redelivered).padStart(12)} ${String(s.dead_lettered).padStart(14)} ${s.lag_seconds.toFixed(1).padStart(8)} ${String(s.waiting_workers).padStart(16)}\n`,
            );
          return 0;
        } finally {
          await conn.close();
        }
      }),
    );
  pipeline
    .command('requeue')
    .description(
      'publish every stored item that has no analysis yet (after a crash between store and publish)',
    )
    .option('--json', 'print the count as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const system = await openSystem();
        if (!isScaled(system))
          throw new VigilError('BAD_CONFIG', 'pipeline requeue: set VIGIL_NATS_URL (the scaled preset)');
        const requeued = await withStore(async (store) => {
          const runner = await system.runner(store);
          try {
            let count = 0;
            let after = 0;
            for (;;) {
              const batch = await store.analyses.unanalyzed(after, 5_000);
              if (batch.length === 0) return count;
              await runner.stored(batch.map((u) => u.id));
              count += batch.length;
              after = batch[batch.length - 1]?.id ?? after;
            }
          } finally {
            await runner.close();
          }
        });
        if (opts.json) printJson({ requeued });
        else process.stdout.write(`Published ${requeued} unanalysed items to the analyse stage.\n`);
        return 0;
      }),
    );
}
