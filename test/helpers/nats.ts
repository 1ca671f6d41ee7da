import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether nats-server is installed; under CI it must be, so its absence fails instead of skipping. */
export function natsServerAvailable(): boolean {
  const found = spawnSync('nats-server', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.CI === 'true')
    throw new Error('nats-server is required under CI but is not installed');
  return found;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface NatsNode {
  name: string;
  port: number;
  process: ChildProcess;
  kill(signal?: NodeJS.Signals): void;
}

export interface NatsCluster {
  nodes: NatsNode[];
  /** The client URL list for VIGIL_NATS_URL. */
  url: string;
  stop(): Promise<void>;
}

/** Waits until `port` accepts connections. */
async function untilListening(port: number, ms = 10_000): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts `size` nats-server processes with JetStream on free loopback ports, clustered when size
 * is above one, each with its own store directory; `stop` kills them and removes the directories.
 */
export async function startNats(size = 1): Promise<NatsCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-nats-'));
  const ports = await Promise.all(Array.from({ length: size }, () => freePort()));
  const clusterPorts = size > 1 ? await Promise.all(Array.from({ length: size }, () => freePort())) : [];
  const routes = clusterPorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
  const nodes: NatsNode[] = ports.map((port, i) => {
    const name = `n${i + 1}`;
    const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(dir, name), '-n', name];
    if (size > 1)
      args.push(
        '--cluster_name',
        'vigil-test',
        '--cluster',
        `nats://127.0.0.1:${clusterPorts[i]}`,
        '--routes',
        routes,
      );
    const child = spawn('nats-server', args, { stdio: 'ignore' });
    return { name, port, process: child, kill: (signal = 'SIGKILL') => child.kill(signal) };
  });
  await Promise.all(ports.map((p) => untilListening(p)));
  return {
    nodes,
    url: ports.map((p) => `nats://127.0.0.1:${p}`).join(','),
    async stop() {
      for (const n of nodes) n.process.kill('SIGKILL');
      await Promise.all(
        nodes.map((n) =>
          n.process.exitCode !== null || n.process.signalCode !== null
            ? null
            : new Promise((r) => n.process.once('exit', r)),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
