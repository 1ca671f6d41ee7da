#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { Command } from 'commander';
import { registerAnalyze } from './commands/analyze.js';
import { registerEval } from './commands/eval.js';
import { registerEvents } from './commands/events.js';
import { registerIngest } from './commands/ingest.js';
import { registerMatching } from './commands/matching.js';
import { registerReanalyze } from './commands/reanalyze.js';
import { registerScan } from './commands/scan.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerStats } from './commands/stats.js';
import { registerTrain } from './commands/train.js';
import { reportError } from './run-command.js';

// Ingest and analysis allocate many short-lived strings; a larger young generation lets them die
// there instead of being promoted and collected again (about 10% faster ingest, measured).
setFlagsFromString('--max-semi-space-size=32');

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

registerIngest(program);
registerAnalyze(program);
registerEval(program);
registerScan(program);
registerReanalyze(program);
registerMatching(program);
registerEvents(program);
registerServe(program);
registerSearch(program);
registerStats(program);
registerTrain(program);

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
