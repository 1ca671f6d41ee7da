import cluster from 'node:cluster';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Resolves at the first SIGINT or SIGTERM. */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const s of SIGNALS) process.off(s, stop);
      resolve(signal);
    };
    for (const s of SIGNALS) process.on(s, stop);
  });
}

/**
 * The primary of a multi-process server: forks `count` workers, replaces one that dies after it
 * started listening, and on SIGINT/SIGTERM asks every worker to drain, killing any still running
 * after `graceMs`. Resolves with the exit code once no worker is left.
 */
export async function superviseWorkers(count: number, graceMs = 4_500): Promise<number> {
  let stopping = false;
  const listening = new WeakSet<object>();
  const alive = () => Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    resolveDone = resolve;
  });
  cluster.on('listening', (worker) => listening.add(worker));
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping && listening.has(worker)) {
      process.stderr.write(`vigil: a worker stopped (${signal ?? `exit ${code}`}); starting another\n`);
      cluster.fork();
      return;
    }
    if (alive().length === 0) resolveDone(stopping ? 0 : 2);
  });
  for (let i = 0; i < count; i++) cluster.fork();
  const stop = async () => {
    await untilStopSignal();
    stopping = true;
    const workers = alive();
    if (workers.length === 0) return resolveDone(0);
    for (const w of workers) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of alive()) w.process.kill('SIGKILL');
    }, graceMs).unref();
  };
  void stop();
  const code = await done;
  if (code !== 0) process.stderr.write('vigil: serve: the workers could not start (see above)\n');
  return code;
}
