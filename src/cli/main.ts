#!/usr/bin/env node
import { Command } from 'commander';
import { COMMANDS } from './command-table.js';
import { reportError } from './run-command.js';

// A reader that stops early (`vigil eval … | head`) closes the pipe: that ends the output, not in error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command('vigil')
  .description('Vigil: find, explain and act on violent-extremist content in channels, social media and news')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

// Only the command being run is loaded (`vigil help CMD` loads CMD); the others are listed by
// name and summary for `vigil --help` and for commander's "unknown command" suggestions.
const args = process.argv.slice(2);
const named = args[0] === 'help' ? args[1] : args.find((a) => !a.startsWith('-'));
const chosen = COMMANDS.find((c) => c.name === named);
for (const c of COMMANDS) {
  if (c === chosen) (await c.load())(program);
  else program.command(c.name).description(c.summary);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const e = error as { code?: string; exitCode?: number };
  if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
    // Help and version are successes; usage mistakes are user errors.
    process.exitCode = e.exitCode === 0 ? 0 : 1;
  } else {
    process.exitCode = reportError(error);
  }
}
