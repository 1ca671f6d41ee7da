/** A batch in flight: the identities it writes, and a promise that settles when it is done. */
interface Running {
  keys: ReadonlySet<string>;
  done: Promise<void>;
}

/**
 * Decides when a batch may be written beside batches still in flight on other connections of the
 * same store. Overlapping is safe only where the order of the writes cannot matter, so a batch
 * waits for every batch in flight when
 * - it writes an identity one of them writes: the later record may be an edit of the earlier, and
 *   must be stored after it, as one connection would have stored it;
 * - it must create a source (`exclusive`): two transactions creating sources in different orders
 *   could each wait for the other's uncommitted source row, a deadlock PostgreSQL would end by
 *   failing one of them.
 * A batch that shares nothing with the batches in flight and uses only stored sources takes no lock
 * they take (their items are other rows; sources are only key-share locked) and starts at once.
 */
export class BatchGate {
  private readonly running = new Set<Running>();

  /** Resolves once the batch may start, with the function that says it is done. */
  async enter(keys: Iterable<string>, exclusive: boolean): Promise<() => void> {
    const mine = new Set(keys);
    for (;;) {
      const blocking = [...this.running].filter((r) => exclusive || overlaps(r.keys, mine));
      if (blocking.length === 0) break;
      // Batches that started meanwhile are looked at again: they may share identities too.
      await Promise.all(blocking.map((r) => r.done));
    }
    let leave = () => {};
    const running: Running = {
      keys: mine,
      done: new Promise<void>((resolve) => {
        leave = resolve;
      }),
    };
    this.running.add(running);
    return () => {
      this.running.delete(running);
      leave();
    };
  }

  /** How many batches are in flight (for tests). */
  get size(): number {
    return this.running.size;
  }
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}
