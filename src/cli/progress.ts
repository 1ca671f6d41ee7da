import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';

/**
 * cli-progress is loaded only when a bar is drawn (a terminal): piped or under CI, loading it cost
 * every command about 10 ms of start-up for nothing.
 */
const cliProgress = (): typeof cliProgressModule =>
  createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;

export interface ProgressReporter {
  update(done: number, total: number, payload: Record<string, string | number>): void;
  stop(): void;
}

const silent: ProgressReporter = { update() {}, stop() {} };

/**
 * A progress bar on stderr when it is a terminal, and nothing when piped or under CI,
 * so `--json` output and logs stay clean.
 */
export function progressBar(
  label: string,
  unit: string,
  options: { bytes?: boolean } = {},
): ProgressReporter {
  if (!process.stderr.isTTY || process.env.CI === 'true') return silent;
  const { SingleBar, Presets } = cliProgress();
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {percentage}% | {count} ${unit} | {rate} ${unit}/s${options.bytes === false ? '' : ' | {mb} MB'} | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, payload) {
      if (!started) {
        bar.start(total, 0, payload);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, payload);
    },
    stop() {
      // Idempotent: a stage's bar is stopped when the next stage starts and again at the end.
      if (started) bar.stop();
      started = false;
    },
  };
}
