import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { isStage, STAGES } from '../../pipeline/jetstream/topology.js';
import { DEFAULT_BATCH, newWorkerState } from '../../pipeline/jetstream/worker.js';
import { isScaled, openSystem } from '../../presets/system.js';
import { untilStopSignal } from '../../server/supervise.js';
import { serveWorkerHealth } from '../../server/worker-health.js';
import { action } from '../run-command.js';
import { withStore } from '../with-store.js';

/**
 * `vigil worker --stage S`: one stage of the scaled pipeline as a long-running process. SIGTERM or
 * SIGINT drains it: the batch in hand is finished and acknowledged, then it exits 0.
 */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run one pipeline stage as a JetStream worker (scaled preset, VIGIL_NATS_URL)')
    .requiredOption('--stage <stage>', `the stage to run: ${STAGES.join('|')}`)
    .option(
      '--batch <n>',
      'messages fetched at once, each up to 100 items (bounds the work in hand)',
      String(DEFAULT_BATCH),
    )
    .option('--health-port <port>', 'serve GET /healthz and /readyz on this port (loopback)')
    .option('--health-host <host>', 'address for the health endpoints', '127.0.0.1')
    .option('--quiet', 'log only dead letters and lease changes, not every batch')
    .action(
      action(
        async (opts: {
          stage: string;
          batch: string;
          healthPort?: string;
          healthHost: string;
          quiet?: boolean;
        }) => {
          if (!isStage(opts.stage))
            throw new VigilError(
              'USAGE',
              `worker: unknown --stage "${opts.stage}" (known: ${STAGES.join(', ')})`,
            );
          const batch = Number(opts.batch);
          if (!Number.isInteger(batch) || batch < 1 || batch > 10_000)
            throw new VigilError('USAGE', 'worker: --batch must be an integer from 1 to 10000');
          const healthPort = opts.healthPort === undefined ? null : Number(opts.healthPort);
          if (
            healthPort !== null &&
            !(Number.isInteger(healthPort) && healthPort >= 0 && healthPort < 65_536)
          )
            throw new VigilError('USAGE', 'worker: --health-port must be a port number');
          const system = await openSystem();
          if (!isScaled(system))
            throw new VigilError(
              'BAD_CONFIG',
              'worker: set VIGIL_NATS_URL to run pipeline workers (scaled preset)',
            );
          const stage = opts.stage;
          // Load the model before taking work, so the first batch is not held while it loads.
          if (stage === 'analyze') system.detector();
          return withStore(async (store) => {
            const conn = await system.connect(`vigil-worker-${stage}`);
            const stop = new AbortController();
            const state = newWorkerState(stage);
            const health =
              healthPort === null
                ? null
                : await serveWorkerHealth(
                    {
                      live: () => state.running,
                      ready: async () =>
                        state.running && !conn.nc.isClosed() && (await store.items.stats().then(() => true)),
                      details: () => ({ ...state }),
                    },
                    healthPort,
                    opts.healthHost,
                  );
            const log = (line: string) => process.stderr.write(`vigil worker ${stage}: ${line}\n`);
            void untilStopSignal().then((signal) => {
              log(`${signal}: finishing the batch in hand`);
              stop.abort();
            });
            log(`started (stream ${system.nats.stream}, batch ${batch})`);
            try {
              await system.runWorker(
                stage,
                store,
                conn,
                {
                  signal: stop.signal,
                  batch,
                  onEvent: (e) => {
                    if (e.type === 'dead_letter') log(`dead-lettered message ${e.seq}: ${e.error}`);
                    else if (e.type === 'unavailable')
                      log(`queue or store unavailable, retrying: ${e.error}`);
                    else if (e.type === 'lease')
                      log(e.held ? 'active (holds the stage lease)' : 'standing by');
                    else if (e.type === 'retry')
                      log(`message ${e.seq} failed (delivery ${e.deliveries}), will retry: ${e.error}`);
                    else if (!opts.quiet) log(`${e.ids} items from ${e.messages} messages in ${e.ms} ms`);
                  },
                },
                state,
              );
            } finally {
              await conn.close();
              await new Promise((r) => (health ? health.close(r) : r(null)));
            }
            log(`stopped after ${state.processed} items (${state.deadLettered} dead-lettered)`);
            return 0;
          });
        },
      ),
    );
}
