import { existsSync, readFileSync } from 'node:fs';
import ipaddr from 'ipaddr.js';
import { parse } from 'yaml';
import { z } from 'zod';
import { resolveThresholds } from '../analyze/config.js';
import { VigilError } from '../domain/index.js';
import { type AlertRule, AlertRuleSchema } from '../pipeline/alert-rules.js';
import { type WebhookConfig, WebhookSchema } from '../pipeline/deliver.js';

const ConfigSchema = z
  .object({
    thresholds: z.unknown().optional(),
    alerts: z
      .object({
        rules: z.array(AlertRuleSchema).default([]),
        webhooks: z.array(WebhookSchema).default([]),
      })
      .strict()
      .optional(),
    /** Hosts and CIDR ranges live collectors may fetch although private or loopback. */
    allow_hosts: z.union([z.array(z.string()), z.string()]).optional(),
  })
  .strict();

export type { AlertRule } from '../pipeline/alert-rules.js';
export type { WebhookConfig } from '../pipeline/deliver.js';

export interface VigilConfig {
  thresholds: ReturnType<typeof resolveThresholds>;
  rules: AlertRule[];
  webhooks: WebhookConfig[];
  /** Hosts and CIDR ranges (`VIGIL_ALLOW_HOSTS` and `allow_hosts:`) collectors may fetch although private. */
  allowHosts: string[];
}

const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Checks a list of hosts and CIDR ranges (comma-separated when a string): each entry is a host
 * name, an IP address or a CIDR range, returned trimmed and lower-cased. `where` names the setting
 * in the error, which quotes the entry: it is configuration, never content.
 */
export function parseAllowHosts(value: string | readonly string[] | undefined, where: string): string[] {
  if (value === undefined) return [];
  const entries = (typeof value === 'string' ? value.split(',') : value.flatMap((v) => v.split(',')))
    .map((e) =>
      e
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1'),
    )
    .filter((e) => e !== '');
  for (const entry of entries) {
    const ok = entry.includes('/')
      ? ipaddr.isValidCIDR(entry)
      : ipaddr.isValid(entry) || (HOST_NAME.test(entry) && !/^[0-9.]+$/.test(entry));
    if (!ok)
      throw new VigilError(
        'BAD_CONFIG',
        `${where}: "${entry}" is not a host name, an IP address or a CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, intranet.example)`,
      );
  }
  return [...new Set(entries)];
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
export function loadConfig(
  path: string = process.env.VIGIL_CONFIG ?? 'vigil.config.yaml',
  env: NodeJS.ProcessEnv = process.env,
): VigilConfig {
  const fromEnv = parseAllowHosts(env.VIGIL_ALLOW_HOSTS, 'VIGIL_ALLOW_HOSTS');
  if (!existsSync(path))
    return {
      thresholds: resolveThresholds(undefined),
      rules: DEFAULT_RULES,
      webhooks: [],
      allowHosts: fromEnv,
    };
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
  // A webhook's secret is checked now, not when the first alert is delivered after a long scan.
  for (const w of r.data.alerts?.webhooks ?? []) {
    if (!env[w.secret_env])
      throw new VigilError(
        'BAD_CONFIG',
        `config ${path}: webhook "${w.name}": environment variable ${w.secret_env} (secret_env) is not set`,
      );
  }
  const fromFile = parseAllowHosts(r.data.allow_hosts, `config ${path}: allow_hosts`);
  return {
    thresholds: resolveThresholds(r.data.thresholds),
    rules,
    webhooks: r.data.alerts?.webhooks ?? [],
    allowHosts: [...new Set([...fromFile, ...fromEnv])],
  };
}
