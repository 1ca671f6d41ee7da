import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

/**
 * The server's JSON log on stderr. A request is logged by id, method, route pattern and status:
 * never its path or query (a search is content), body, cookies or headers.
 */
export function requestLogger(level: string): FastifyBaseLogger {
  return pino(
    {
      level,
      serializers: {
        req: (req: { id?: string; method?: string; routeOptions?: { url?: string } }) => ({
          id: req.id,
          method: req.method,
          route: req.routeOptions?.url ?? 'unmatched',
        }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      },
    },
    // Buffered: a write per request would cost the server a system call each. The caller flushes
    // on shutdown (flushLog).
    pino.destination({ fd: 2, sync: false, minLength: 4096 }),
  ) as unknown as FastifyBaseLogger;
}

/** Writes out buffered log lines (before the process exits). */
export function flushLog(logger: FastifyBaseLogger): void {
  (logger as unknown as { flush?: (cb?: () => void) => void }).flush?.();
}
