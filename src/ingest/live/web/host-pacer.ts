/**
 * Politeness towards each site: at most one request at a time per host, and at least
 * `minDelayMs` between the end of one request and the start of the next.
 */
export class HostPacer {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly lastEnd = new Map<string, number>();

  constructor(
    private readonly minDelayMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = defaultSleep,
  ) {}

  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const key = host.toLowerCase();
    const before = this.queues.get(key) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    this.queues.set(key, tail);
    await before;
    try {
      const wait = (this.lastEnd.get(key) ?? Number.NEGATIVE_INFINITY) + this.minDelayMs - this.now();
      if (wait > 0) await this.sleep(wait, signal);
      return await task();
    } finally {
      this.lastEnd.set(key, this.now());
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
