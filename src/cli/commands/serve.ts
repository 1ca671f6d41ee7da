import type { Command } from 'commander';
import { loadDefaultDetector } from '../../analyze/load.js';
import { VigilError } from '../../domain/index.js';
import { loadConfig } from '../../presets/config.js';
import { openStore } from '../../presets/open-store.js';
import { ensureAdmin } from '../../presets/workspace.js';
import { buildApp } from '../../server/app.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('the HTTP API and the analyst UI')
    .option('--port <port>', 'port to listen on', '7070')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--four-eyes', 'require a second analyst before a referral')
    .action(
      action(async (opts: { port: string; host: string; fourEyes?: boolean }) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 1 || port > 65535)
          throw new VigilError('USAGE', `serve: --port must be 1–65535, not "${opts.port}"`);
        const config = loadConfig();
        const store = await openStore();
        const admin = await ensureAdmin(store);
        if (admin.generatedPassword) {
          process.stderr.write(
            `vigil: created user "admin" with password ${admin.generatedPassword}\n       (shown once; set VIGIL_ADMIN_PASSWORD to choose it)\n`,
          );
        }
        const app = await buildApp({
          store,
          detector: loadDefaultDetector({ thresholds: config.thresholds }),
          fourEyes: opts.fourEyes ?? false,
        });
        await app.listen({ port, host: opts.host });
        process.stderr.write(
          `vigil: workspace at http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${port}/\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await app.close();
        await store.close();
        return 0;
      }),
    );

  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('recompute the hash chain; names the first edited, deleted or out-of-order row')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const result = await withStore((s) => s.audit.verify());
        if (opts.json) printJson(result);
        else if (result.ok) process.stdout.write(`audit trail intact: ${result.rows} rows\n`);
        else process.stdout.write(`audit trail broken at row ${result.firstBrokenId}: ${result.reason}\n`);
        return result.ok ? 0 : 1;
      }),
    );
}
