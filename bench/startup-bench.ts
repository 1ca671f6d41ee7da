/**
 * Start-up time of `vigil analyze --text` in a new process (built CLI): the median of seven runs,
 * after one warm-up run for the file cache. Aim: under 1.5 s.   npm run bench:startup
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const cli = join(ROOT, 'dist/src/cli/main.js');
const run = () => {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [cli, 'analyze', '--json', '--text', 'We must burn every mosque in this town'],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`vigil analyze exited ${r.status}: ${r.stderr}`);
  return performance.now() - started;
};
run();
const times = Array.from({ length: 7 }, run).sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bench: 'startup',
    command: 'vigil analyze --text',
    runs: times.length,
    median_ms: Math.round(times[3] as number),
    min_ms: Math.round(times[0] as number),
    max_ms: Math.round(times[times.length - 1] as number),
  }),
);
