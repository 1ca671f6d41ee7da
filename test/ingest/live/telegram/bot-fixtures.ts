import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

/** A fake Bot API on loopback and channel posts as the Bot API sends them. */
export const TOKEN = '123456:TEST-TOKEN-not-real';
export const T0 = 1704103200;
export const CHANNEL = {
  id: -1001001,
  type: 'channel' as const,
  title: 'Example Channel',
  username: 'example_channel',
};
export const ORIGIN = {
  id: -1002002,
  type: 'channel' as const,
  title: 'Origin Channel',
  username: 'origin_channel',
};

export const post = (id: number, text: string, extra: Record<string, unknown> = {}) => ({
  message_id: id,
  chat: CHANNEL,
  sender_chat: CHANNEL,
  date: T0 + id * 60,
  text,
  ...extra,
});

/**
 * A Bot API server on loopback that keeps updates the way Telegram does: getUpdates returns those
 * at or after `offset` and forgets the earlier ones; `tooManyRequests` answers the next call with a 429.
 */
export class FakeBotApi {
  updates: Update[] = [];
  requests: { method: string; token: string; body: Record<string, unknown> }[] = [];
  tooManyRequests: number | null = null;
  /** Files getFile knows, by file_id: the path it answers and the bytes the file endpoint serves. */
  files = new Map<string, { path: string; bytes: Buffer }>();
  /** Paths asked of the file endpoint (/file/bot<token>/<path>). */
  downloads: string[] = [];
  private server: Server | null = null;
  private nextId = 500;

  push(kind: 'channel_post' | 'edited_channel_post', message: Record<string, unknown>): void {
    this.updates.push({ update_id: this.nextId++, [kind]: message } as unknown as Update);
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? '');
        if (download) {
          this.downloads.push(download[2] ?? '');
          const file = [...this.files.values()].find((f) => f.path === download[2]);
          if (download[1] !== TOKEN || !file) res.writeHead(404).end();
          else res.writeHead(200, { 'content-type': 'image/jpeg' }).end(file.bytes);
          return;
        }
        const [, token, method] = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '') ?? [];
        const params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        this.requests.push({ method: method ?? '', token: token ?? '', body: params });
        res.setHeader('content-type', 'application/json');
        if (this.tooManyRequests !== null) {
          const retryAfter = this.tooManyRequests;
          this.tooManyRequests = null;
          res.statusCode = 429;
          res.end(
            JSON.stringify({
              ok: false,
              error_code: 429,
              description: `Too Many Requests: retry after ${retryAfter}`,
              parameters: { retry_after: retryAfter },
            }),
          );
          return;
        }
        if (token !== TOKEN) {
          res.statusCode = 401;
          res.end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
          return;
        }
        if (method === 'getFile') {
          const file = this.files.get(String(params.file_id));
          res.end(
            JSON.stringify(
              file
                ? {
                    ok: true,
                    result: {
                      file_id: params.file_id,
                      file_unique_id: 'u',
                      file_size: file.bytes.length,
                      file_path: file.path,
                    },
                  }
                : { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' },
            ),
          );
          return;
        }
        const offset = Number(params.offset ?? 0);
        this.updates = this.updates.filter((u) => u.update_id >= offset);
        res.end(JSON.stringify({ ok: true, result: this.updates.slice(0, Number(params.limit ?? 100)) }));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
