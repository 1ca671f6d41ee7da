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
    pino.destination(2),
  ) as unknown as FastifyBaseLogger;
}
