import { z } from 'zod';
import { VigilError } from '../../domain/index.js';

const UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "500ms", "30s", "15m", "7d" → milliseconds. */
const Duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 30s, 15m or 7d')
  .transform((v) => {
    const [, n, unit] = /^(\d+)(ms|s|m|h|d)$/.exec(v) as RegExpExecArray;
    return Number(n) * UNITS_MS[unit as keyof typeof UNITS_MS];
  });

/**
 * The JetStream runner's settings, from the environment. Validated when the scaled preset opens,
 * so a mistake stops a worker at start, naming the variable, rather than at the first message.
 */
export const NatsSettingsSchema = z.object({
  /** VIGIL_NATS_URL: one or more servers, comma-separated. */
  servers: z.array(z.string().min(1)).min(1),
  /** VIGIL_NATS_STREAM: the stream and subject prefix, so deployments can share one server. */
  stream: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only'),
  /** VIGIL_NATS_REPLICAS: copies of the stream in a cluster (3 survives losing a server). */
  replicas: z.coerce.number().int().min(1).max(5),
  /** VIGIL_NATS_MAX_AGE: how long work stays in the stream (retention by limits). */
  maxAgeMs: Duration,
  /** VIGIL_NATS_MAX_BYTES: the stream's size cap, -1 for none. */
  maxBytes: z.coerce.number().int().min(-1),
  /** VIGIL_NATS_MAX_DELIVER: deliveries of a message before it is dead-lettered. */
  maxDeliver: z.coerce.number().int().min(1).max(100),
  /** VIGIL_NATS_ACK_WAIT: how long a worker may hold a message before it is redelivered. */
  ackWaitMs: Duration,
  /** VIGIL_NATS_MAX_IN_FLIGHT: unacknowledged messages per stage, across its workers. */
  maxInFlight: z.coerce.number().int().min(1),
});
export type NatsSettings = z.infer<typeof NatsSettingsSchema>;

const ENV: Record<keyof Omit<NatsSettings, 'servers'>, [string, string]> = {
  stream: ['VIGIL_NATS_STREAM', 'VIGIL'],
  replicas: ['VIGIL_NATS_REPLICAS', '1'],
  maxAgeMs: ['VIGIL_NATS_MAX_AGE', '7d'],
  maxBytes: ['VIGIL_NATS_MAX_BYTES', '-1'],
  maxDeliver: ['VIGIL_NATS_MAX_DELIVER', '5'],
  ackWaitMs: ['VIGIL_NATS_ACK_WAIT', '30s'],
  maxInFlight: ['VIGIL_NATS_MAX_IN_FLIGHT', '2000'],
};

/** The settings VIGIL_NATS_* give, or null when VIGIL_NATS_URL is unset (the embedded preset). */
export function natsSettings(env: NodeJS.ProcessEnv = process.env): NatsSettings | null {
  const url = env.VIGIL_NATS_URL?.trim();
  if (!url) return null;
  const raw: Record<string, unknown> = {
    servers: url
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
  for (const [key, [name, fallback]] of Object.entries(ENV)) raw[key] = env[name] ?? fallback;
  const parsed = NatsSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const variable = key === 'servers' ? 'VIGIL_NATS_URL' : (ENV[key as keyof typeof ENV]?.[0] ?? key);
  throw new VigilError('BAD_CONFIG', `${variable}: ${issue?.message ?? 'invalid'}`);
}
