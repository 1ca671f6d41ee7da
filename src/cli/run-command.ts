import { VigilError } from '../domain/index.js';

/**
 * Runs a command's action and turns failures into the CLI contract: one clear line on stderr and
 * exit code 1 for a user's mistake, 2 for an internal error (with the stack only under VIGIL_DEBUG).
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | undefined>) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      process.exitCode = code ?? 0;
    } catch (error) {
      process.exitCode = reportError(error);
    }
  };
}

export function reportError(error: unknown): 1 | 2 {
  if (error instanceof VigilError) {
    process.stderr.write(`vigil: ${error.message}\n`);
    return error.exitCode;
  }
  const e = error as Error;
  process.stderr.write(`vigil: internal error: ${e?.message ?? String(error)}\n`);
  if (process.env.VIGIL_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  else process.stderr.write('vigil: set VIGIL_DEBUG=1 for details\n');
  return 2;
}

/** Prints one JSON document on stdout, as every `--json` output is. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
