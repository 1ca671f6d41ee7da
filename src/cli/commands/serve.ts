import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { loadDefaultDetector } from '../../analyze/load.js';
import { VigilError } from '../../domain/index.js';
import { loadConfig } from '../../presets/config.js';
import { auditKeyFile, openStore } from '../../presets/open-store.js';
import { ensureAdmin } from '../../presets/workspace.js';
import { buildApp, LOG_LEVELS, type LogLevel } from '../../server/app.js';
import { hashPassword, ROLES } from '../../server/auth.js';
import { flushLog } from '../../server/request-logger.js';
import { superviseWorkers, untilStopSignal } from '../../server/supervise.js';
import type { AuditVerdict } from '../../store/audit/audit-chain.js';
import { rotateKeyFile } from '../../store/audit/audit-key.js';
import type { Role } from '../../store/workspace-repositories.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

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
          const app = await buildApp({
            store,
            detector: loadDefaultDetector({ thresholds: config.thresholds }),
            fourEyes: opts.fourEyes ?? false,
            secureCookies: opts.secureCookies ?? false,
            trustProxy: opts.trustProxy ?? false,
            metrics: opts.publicMetrics ? 'public' : { token: process.env.VIGIL_METRICS_TOKEN ?? null },
            logLevel: opts.logLevel as LogLevel,
          });
          await app.listen({ port, host: opts.host });
          if (cluster.isPrimary) process.stderr.write(`vigil: workspace at ${where}\n`);
          await untilStopSignal();
          // Drain: finish requests in flight, then close the store; never hang past the deadline.
          setTimeout(() => process.exit(0), 4_500).unref();
          await app.close();
          await store.close();
          flushLog(app.log);
          // A worker's IPC channel to the primary would keep it alive.
          if (cluster.isWorker) process.exit(0);
          return 0;
        },
      ),
    );

  const users = program.command('users').description('workspace users (roles: viewer, analyst, admin)');
  users
    .command('add')
    .argument('<username>', 'user name')
    .option('--role <role>', 'viewer | analyst | admin', 'analyst')
    .option(
      '--password-env <name>',
      'take the password from this environment variable (else one is generated and printed once)',
    )
    .action(
      action(async (username: string, opts: { role: string; passwordEnv?: string }) => {
        if (!(ROLES as readonly string[]).includes(opts.role))
          throw new VigilError(
            'USAGE',
            `users add: --role must be one of ${ROLES.join(', ')}, not "${opts.role}"`,
          );
        if (!/^[\w.@-]{1,100}$/.test(username))
          throw new VigilError('USAGE', `users add: "${username}" is not a valid user name`);
        const given = opts.passwordEnv ? process.env[opts.passwordEnv] : undefined;
        if (opts.passwordEnv && !given)
          throw new VigilError('USAGE', `users add: environment variable ${opts.passwordEnv} is not set`);
        if (given !== undefined && given.length < 10)
          throw new VigilError('USAGE', 'users add: the password needs at least 10 characters');
        const password = given ?? randomBytes(12).toString('base64url');
        await withStore(async (s) => {
          if (await s.users.byName(username))
            throw new VigilError('USAGE', `users add: user "${username}" exists`);
          await s.users.create(username, opts.role as Role, await hashPassword(password), { actor: 'cli' });
        });
        process.stdout.write(
          given
            ? `created ${username} (${opts.role})\n`
            : `created ${username} (${opts.role}) with password ${password} (shown once)\n`,
        );
        return 0;
      }),
    );
  users
    .command('list')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const list = await withStore((s) => s.users.list());
        if (opts.json) printJson(list);
        else
          for (const u of list)
            process.stdout.write(`${u.username} (${u.role})${u.disabled ? ' disabled' : ''}\n`);
        return 0;
      }),
    );

  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description(
      "check every row's MAC and the checkpoints kept outside the database; names the first edited, deleted or forged row, a deleted tail, or a wrong key",
    )
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const result = await withStore((s) => s.audit.verify());
        if (opts.json) printJson(result);
        else process.stdout.write(`${describeVerdict(result)}\n`);
        return result.ok ? 0 : 1;
      }),
    );
  audit
    .command('rotate-key')
    .description('start signing with a new audit key; earlier rows keep verifying with the old one')
    .action(
      action(async () => {
        if (process.env.VIGIL_AUDIT_KEY)
          throw new VigilError(
            'USAGE',
            'audit rotate-key: the key comes from VIGIL_AUDIT_KEY; set a new one there and add the old one to VIGIL_AUDIT_OLD_KEYS',
          );
        const file = auditKeyFile();
        if (file === null)
          throw new VigilError(
            'USAGE',
            'audit rotate-key: this store keeps no key file (set VIGIL_AUDIT_KEY)',
          );
        const key = rotateKeyFile(file);
        process.stdout.write(`audit key ${key.id} is now current (key file ${file})\n`);
        return 0;
      }),
    );
}

function describeVerdict(v: AuditVerdict): string {
  if (v.ok)
    return `audit trail intact: ${v.rows} rows, key ${v.key_id}; ${
      v.checkpoint
        ? `last checkpoint ${v.checkpoint.rows} rows at ${v.checkpoint.at}`
        : 'no checkpoint outside the database yet'
    }`;
  if (v.problem === 'wrong_key') return `audit trail not checked: wrong key: ${v.reason}`;
  return v.row === null
    ? `audit trail broken: ${v.reason}`
    : `audit trail broken at row ${v.row}: ${v.reason}`;
}
