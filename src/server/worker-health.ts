import { createServer, type Server } from 'node:http';

export interface HealthProbe {
  /** Liveness: the process is running its loop. */
  live(): boolean;
  /** Readiness: connected to the queue and the store, able to take work. */
  ready(): Promise<boolean>;
  /** What the probe reports beside the verdict (counts, never content). */
  details(): Record<string, unknown>;
}

/**
 * A worker's health endpoints for an orchestrator: GET /healthz (alive) and GET /readyz (able to
 * take work), each 200 or 503 with a small JSON body. Nothing else is served.
 */
export async function serveWorkerHealth(
  probe: HealthProbe,
  port: number,
  host = '127.0.0.1',
): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (ok: boolean) => {
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...probe.details() }));
    };
    if (req.method !== 'GET') {
      res.writeHead(405).end();
    } else if (req.url === '/healthz') {
      send(probe.live());
    } else if (req.url === '/readyz') {
      probe.ready().then(send, () => send(false));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
