import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { pipelineStatus } from '../../pipeline/jetstream/status.js';
import { loadConfig } from '../../presets/config.js';
import { openStore, storeDataDir } from '../../presets/open-store.js';
import { isScaled, openSystem } from '../../presets/system.js';
import { ensureAdmin } from '../../presets/workspace.js';
import { buildApp, LOG_LEVELS, type LogLevel } from '../../server/app.js';
import { flushLog } from '../../server/request-logger.js';
import { superviseWorkers, untilStopSignal } from '../../server/supervise.js';
import { action } from '../run-command.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('the HTTP API and the analyst UI')
    .option('--port <port>', 'port to listen on', '7070')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--four-eyes', 'require a second analyst before a referral')
    .option(
      '--workers <n>',
      'processes serving requests (SQLite in WAL mode serves readers in parallel)',
      String(Math.min(2, availableParallelism())),
    )
    .option('--secure-cookies', 'mark the session cookie Secure (the workspace is served over HTTPS)')
    .option(
      '--trust-proxy',
      'behind a reverse proxy: take the client address and scheme from X-Forwarded-For/-Proto (cookies become Secure over https)',
    )
    .option(
      '--public-metrics',
      'serve /metrics without a token (default: a bearer VIGIL_METRICS_TOKEN, or a signed-in user)',
    )
    .option('--log-level <level>', 'JSON logs on stderr: info, warn, error or silent', 'info')
    .action(
      action(
        async (opts: {
          port: string;
          host: string;
          fourEyes?: boolean;
          workers: string;
          secureCookies?: boolean;
          trustProxy?: boolean;
          publicMetrics?: boolean;
          logLevel: string;
        }) => {
          const port = Number(opts.port);
          if (!Number.isInteger(port) || port < 1 || port > 65535)
            throw new VigilError('USAGE', `serve: --port must be 1–65535, not "${opts.port}"`);
          const workers = Number(opts.workers);
          if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
            throw new VigilError('USAGE', `serve: --workers must be 1–64, not "${opts.workers}"`);
          }
          if (!LOG_LEVELS.includes(opts.logLevel))
            throw new VigilError(
              'USAGE',
              `serve: --log-level must be one of ${LOG_LEVELS.join(', ')}, not "${opts.logLevel}"`,
            );
          const config = loadConfig();
          const where = `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${port}/`;
          if (cluster.isPrimary) {
            const first = await openStore();
            const admin = await ensureAdmin(first);
            await first.close();
            if (admin.generatedPassword) {
              process.stderr.write(
                `vigil: created user "admin" with password ${admin.generatedPassword}\n       (shown once; set VIGIL_ADMIN_PASSWORD to choose it)\n`,
              );
            }
            if (workers > 1) {
              // Workers share the port; each opens the store itself (SQLite WAL serves readers in parallel).
              process.stderr.write(`vigil: workspace at ${where} (${workers} workers)\n`);
              return superviseWorkers(workers);
            }
          }
          const store = await openStore();
          const system = await openSystem(config);
          // Under the scaled preset the pipeline's state is exported on /metrics.
          const queue = isScaled(system) ? await system.connect('vigil-serve') : null;
          const app = await buildApp({
            store,
            detector: system.detector(),
            ...(queue ? { pipelineStatus: () => pipelineStatus(queue) } : {}),
            fourEyes: opts.fourEyes ?? false,
            secureCookies: opts.secureCookies ?? false,
            trustProxy: opts.trustProxy ?? false,
            metrics: opts.publicMetrics ? 'public' : { token: process.env.VIGIL_METRICS_TOKEN ?? null },
            logLevel: opts.logLevel as LogLevel,
            mediaRoot: storeDataDir(),
          });
          await app.listen({ port, host: opts.host });
          if (cluster.isPrimary) process.stderr.write(`vigil: workspace at ${where}\n`);
          await untilStopSignal();
          // Drain: finish requests in flight, then close the store; never hang past the deadline.
          setTimeout(() => process.exit(0), 4_500).unref();
          await app.close();
          await queue?.close();
          await store.close();
          flushLog(app.log);
          // A worker's IPC channel to the primary would keep it alive.
          if (cluster.isWorker) process.exit(0);
          return 0;
        },
      ),
    );
}
