import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/cli/main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `vigil` CLI from source in a child process with its own store. Asynchronous on purpose:
 * a synchronous spawn blocks the test worker, which then misses vitest's 60 s RPC deadline on a
 * slow run and fails the whole suite although every test passed; it would also starve loopback
 * servers that the test itself serves to the CLI.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(TSX, [MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

/** A fresh, empty SQLite store path. */
export function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'vigil-test-')), 'vigil.db');
}

export const SAMPLES = join(ROOT, 'samples');
export const FIXTURES = join(ROOT, 'test/fixtures');

/** Starts the `vigil` CLI from source as a long-running child (workers, servers); stderr is kept. */
export function spawnCli(
  args: string[],
  env: Record<string, string> = {},
): import('node:child_process').ChildProcess & { log: () => string } {
  // Node itself with tsx's loader, not the tsx command: that command runs the program in a child
  // process of its own, so a SIGKILL sent to it (a worker killed mid-stream) left the program running.
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d) => {
    log += d;
  });
  return Object.assign(child, { log: () => log });
}

/** Resolves once `child` has exited (at once if it already has). */
export function exited(child: import('node:child_process').ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
