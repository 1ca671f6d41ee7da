/**
 * Waiting for another writer. SQLite lets one process write at a time; `busy_timeout` makes a
 * statement wait for the lock, and this bounded retry covers what that wait does not (a lock held
 * longer than the timeout), so concurrent writers queue instead of failing.
 */

/** How long a writer keeps trying before it gives up with the database's own error. */
export const BUSY_DEADLINE_MS = 120_000;

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` again after a growing, jittered pause while the database is busy. */
export async function retryWhileBusy<T>(
  attempt: () => T | Promise<T>,
  deadlineMs: number = BUSY_DEADLINE_MS,
): Promise<T> {
  const start = Date.now();
  for (let pause = 20; ; pause = Math.min(pause * 2, 1_000)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() - start + pause > deadlineMs) throw error;
      await sleep(pause / 2 + Math.random() * pause);
    }
  }
}
