import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { AlertRecord, DeliveryStore } from '../store/store.js';

/** A webhook as vigil.config.yaml declares it (validated, secret included, when the config loads). */
export const WebhookSchema = z.object({
  name: z.string().min(1),
  url: z.string().url(),
  /** The environment variable holding the HMAC secret; the secret itself never sits in the file. */
  secret_env: z.string().min(1),
  rules: z.array(z.string()).optional(),
  max_attempts: z.number().int().min(1).max(20).default(5),
  backoff_ms: z.number().int().min(1).default(500),
  timeout_ms: z.number().int().min(1).default(5000),
});
export type WebhookConfig = z.infer<typeof WebhookSchema>;

export interface DeliverySummary {
  delivered: number;
  failed: number;
  deadLetters: number;
}

/** The signature header value: HMAC-SHA256 of `timestamp.body` with the webhook's secret. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Posts each pending alert to each webhook as JSON with `X-Vigil-Timestamp` and
 * `X-Vigil-Signature` headers. A failure (network error or non-2xx) is retried with exponential
 * backoff; after the last attempt the alert is recorded as a dead letter for that webhook.
 * Secrets come from the environment and are never written to logs or records.
 */
export async function deliverAlerts(
  webhooks: readonly WebhookConfig[],
  deliveries: DeliveryStore,
  ruleOf: (alert: AlertRecord) => string = (a) => a.rule,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DeliverySummary> {
  const summary: DeliverySummary = { delivered: 0, failed: 0, deadLetters: 0 };
  for (const w of webhooks) {
    const secret = env[w.secret_env];
    if (!secret) throw new Error(`webhook "${w.name}": environment variable ${w.secret_env} is not set`);
    for (const alert of await deliveries.pending(w.name)) {
      if (w.rules && !w.rules.includes(ruleOf(alert))) continue;
      const body = JSON.stringify({ schema: 'vigil.alert/1', alert });
      let lastError: string | null = null;
      let delivered = false;
      let attempt = 0;
      for (; attempt < w.max_attempts && !delivered; attempt++) {
        if (attempt > 0) await sleep(w.backoff_ms * 2 ** (attempt - 1));
        const timestamp = new Date().toISOString();
        try {
          const res = await fetch(w.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-vigil-timestamp': timestamp,
              'x-vigil-signature': signPayload(secret, timestamp, body),
            },
            body,
            signal: AbortSignal.timeout(w.timeout_ms),
          });
          if (res.ok) delivered = true;
          else lastError = `HTTP ${res.status}`;
        } catch (error) {
          lastError = (error as Error).name === 'TimeoutError' ? 'timeout' : 'connection failed';
        }
      }
      if (delivered) summary.delivered++;
      else summary.deadLetters++;
      await deliveries.record({
        alertId: alert.id,
        webhook: w.name,
        status: delivered ? 'delivered' : 'dead_letter',
        attempts: attempt,
        lastError: delivered ? null : lastError,
      });
    }
  }
  return summary;
}
