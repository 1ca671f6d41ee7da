/**
 * Start-up time of the built CLI in a new process: `vigil --help` (nothing but the command table)
 * and `vigil analyze --text` (the detector and its model loaded). The median of seven runs each,
 * after one warm-up run for the file cache. Aim: analyze under 1.5 s.   npm run bench:startup
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const cli = join(ROOT, 'dist/src/cli/main.js');

function measure(name: string, args: string[]) {
  const run = () => {
    const started = performance.now();
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`vigil ${name} exited ${r.status}: ${r.stderr}`);
    return performance.now() - started;
  };
  run();
  const times = Array.from({ length: 7 }, run).sort((a, b) => a - b);
  return {
    command: `vigil ${name}`,
    runs: times.length,
    median_ms: Math.round(times[3] as number),
    min_ms: Math.round(times[0] as number),
    max_ms: Math.round(times[times.length - 1] as number),
  };
}

console.log(
  JSON.stringify({
    bench: 'startup',
    results: [
      measure('--help', ['--help']),
      measure('analyze --text', ['analyze', '--json', '--text', 'We must burn every mosque in this town']),
    ],
  }),
);
