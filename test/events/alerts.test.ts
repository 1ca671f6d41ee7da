import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SurgeDetector } from '../../src/events/surge.js';
import { deliverAlerts, signPayload } from '../../src/pipeline/deliver.js';
import type { WebhookConfig } from '../../src/presets/config.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

describe('surge detection', () => {
  it('raises exactly one alert within the first hour of a planted surge and none at baseline', () => {
    const detector = new SurgeDetector();
    const start = Date.parse('2026-03-01T00:00:00Z');
    const surges: { at: number; bucketStart: string }[] = [];
    let seed = 3;
    const rnd = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    // Two days of baseline (about 2 an hour), a 3-hour surge of 40 an hour, then baseline again.
    const times: number[] = [];
    for (let h = 0; h < 96; h++) {
      const surge = h >= 48 && h < 51;
      const n = surge ? 40 : Math.floor(rnd() * 5);
      for (let k = 0; k < n; k++) times.push(start + h * 3_600_000 + Math.floor(rnd() * 3_600_000));
    }
    times.sort((a, b) => a - b);
    for (const t of times) {
      const s = detector.observe(new Date(t).toISOString(), 'telegram');
      if (s) surges.push({ at: t, bucketStart: s.bucketStart });
    }
    expect(surges).toHaveLength(1);
    const surgeStart = start + 48 * 3_600_000;
    expect(surges[0]?.at).toBeGreaterThanOrEqual(surgeStart);
    expect(surges[0]?.at).toBeLessThan(surgeStart + 3_600_000);
  });
});

describe('webhook delivery', () => {
  let server: Server | undefined;
  afterEach(async () => {
    const s = server;
    server = undefined;
    if (s) await new Promise((r) => s.close(r));
  });
  const listen = (handler: (req: IncomingMessage, body: string) => number) =>
    new Promise<string>((resolve) => {
      const s = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => {
          body += c;
        });
        req.on('end', () => {
          res.statusCode = handler(req, body);
          res.end();
        });
      });
      server = s;
      s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}/hook`));
    });
  const webhook = (url: string, o: Partial<WebhookConfig> = {}): WebhookConfig => ({
    name: 'soc',
    url,
    secret_env: 'TEST_HOOK_SECRET',
    max_attempts: 3,
    backoff_ms: 5,
    timeout_ms: 2000,
    ...o,
  });

  it('posts signed alerts that the receiver verifies, once', async () => {
    const received: { valid: boolean; alert: { rule: string } }[] = [];
    const url = await listen((req, body) => {
      const ts = String(req.headers['x-vigil-timestamp']);
      received.push({
        valid: req.headers['x-vigil-signature'] === signPayload('s3cret', ts, body),
        alert: JSON.parse(body).alert,
      });
      return 200;
    });
    const store = await openSqliteStore(':memory:');
    await store.alerts.raise({ rule: 'surge', summary: 'x', evidence: [], dedupeKey: 'a' });
    const env = { TEST_HOOK_SECRET: 's3cret' };
    expect(await deliverAlerts([webhook(url)], store.deliveries, undefined, env)).toEqual({
      delivered: 1,
      failed: 0,
      deadLetters: 0,
    });
    expect(received).toEqual([{ valid: true, alert: expect.objectContaining({ rule: 'surge' }) }]);
    expect(await deliverAlerts([webhook(url)], store.deliveries, undefined, env)).toEqual({
      delivered: 0,
      failed: 0,
      deadLetters: 0,
    });
    await store.close();
  });

  it('retries a failing receiver with backoff, then records a dead letter', async () => {
    const attempts: number[] = [];
    const url = await listen(() => {
      attempts.push(Date.now());
      return 500;
    });
    const store = await openSqliteStore(':memory:');
    await store.alerts.raise({ rule: 'surge', summary: 'x', evidence: [], dedupeKey: 'a' });
    const summary = await deliverAlerts([webhook(url, { backoff_ms: 20 })], store.deliveries, undefined, {
      TEST_HOOK_SECRET: 's',
    });
    expect(summary.deadLetters).toBe(1);
    expect(attempts).toHaveLength(3);
    expect((attempts[2] as number) - (attempts[1] as number)).toBeGreaterThanOrEqual(
      (attempts[1] as number) - (attempts[0] as number),
    );
    expect(await store.deliveries.list({ status: 'dead_letter' })).toEqual([
      { alert_id: 1, webhook: 'soc', status: 'dead_letter', attempts: 3, last_error: 'HTTP 500' },
    ]);
    await store.close();
  });

  it('refuses to deliver without the secret in the environment', async () => {
    const store = await openSqliteStore(':memory:');
    await expect(
      deliverAlerts([webhook('http://127.0.0.1:9/x')], store.deliveries, undefined, {}),
    ).rejects.toThrow('TEST_HOOK_SECRET is not set');
    await store.close();
  });
});
