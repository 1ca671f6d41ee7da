import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { resolveThresholds } from '../analyze/config.js';
import { VigilError } from '../domain/index.js';

const Rule = z.discriminatedUnion('kind', [
  z.object({ name: z.string().min(1), kind: z.literal('surge') }),
  z.object({
    name: z.string().min(1),
    kind: z.literal('cluster_sources'),
    min_sources: z.number().int().min(2),
  }),
  z.object({ name: z.string().min(1), kind: z.literal('hash_list_match') }),
  z.object({
    name: z.string().min(1),
    kind: z.literal('refer_from_watched'),
    sources: z.array(z.string().min(1)).min(1),
  }),
  z.object({ name: z.string().min(1), kind: z.literal('escalated_threat') }),
]);

const Webhook = z.object({
  name: z.string().min(1),
  url: z.string().url(),
  /** The environment variable holding the HMAC secret; the secret itself never sits in the file. */
  secret_env: z.string().min(1),
  rules: z.array(z.string()).optional(),
  max_attempts: z.number().int().min(1).max(20).default(5),
  backoff_ms: z.number().int().min(1).default(500),
  timeout_ms: z.number().int().min(1).default(5000),
});

const ConfigSchema = z
  .object({
    thresholds: z.unknown().optional(),
    alerts: z
      .object({
        rules: z.array(Rule).default([]),
        webhooks: z.array(Webhook).default([]),
      })
      .strict()
      .optional(),
  })
  .strict();

export type AlertRule = z.infer<typeof Rule>;
export type WebhookConfig = z.infer<typeof Webhook>;

export interface VigilConfig {
  thresholds: ReturnType<typeof resolveThresholds>;
  rules: AlertRule[];
  webhooks: WebhookConfig[];
}

/** The rules in force without a config file: every kind of alert, clusters from three sources. */
export const DEFAULT_RULES: AlertRule[] = [
  { name: 'surge', kind: 'surge' },
  { name: 'hash_list_match', kind: 'hash_list_match' },
  { name: 'cluster_reach', kind: 'cluster_sources', min_sources: 3 },
  { name: 'escalated_threat', kind: 'escalated_threat' },
];

/**
 * Reads and validates vigil.config.yaml (or VIGIL_CONFIG). A missing file means the defaults; a bad
 * one stops Vigil with the path of the offending field, never a silent fallback.
 */
export function loadConfig(path: string = process.env.VIGIL_CONFIG ?? 'vigil.config.yaml'): VigilConfig {
  if (!existsSync(path))
    return { thresholds: resolveThresholds(undefined), rules: DEFAULT_RULES, webhooks: [] };
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8')) ?? {};
  } catch (error) {
    throw new VigilError(
      'BAD_CONFIG',
      `config ${path}: not valid YAML (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const r = ConfigSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new VigilError(
      'BAD_CONFIG',
      `config ${path}: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const rules = r.data.alerts?.rules.length ? r.data.alerts.rules : DEFAULT_RULES;
  const names = new Set<string>();
  for (const rule of rules) {
    if (names.has(rule.name))
      throw new VigilError('BAD_CONFIG', `config ${path}: alerts.rules: duplicate rule name "${rule.name}"`);
    names.add(rule.name);
  }
  for (const w of r.data.alerts?.webhooks ?? []) {
    for (const rule of w.rules ?? []) {
      if (!names.has(rule))
        throw new VigilError(
          'BAD_CONFIG',
          `config ${path}: webhook "${w.name}" names unknown rule "${rule}"`,
        );
    }
  }
  return { thresholds: resolveThresholds(r.data.thresholds), rules, webhooks: r.data.alerts?.webhooks ?? [] };
}
