import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { ROLES } from '../../server/auth.js';
import { hashPassword } from '../../shared/credentials.js';
import type { Role } from '../../store/workspace-repositories.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

export function registerUsers(program: Command): void {
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
}
