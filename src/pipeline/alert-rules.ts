import { z } from 'zod';
import type { AlertStore, ClusterStore, ItemStore } from '../store/store.js';
import { allPages } from './pages.js';

/** An alert rule as vigil.config.yaml declares it (validated when the config loads). */
export const AlertRuleSchema = z.discriminatedUnion('kind', [
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
export type AlertRule = z.infer<typeof AlertRuleSchema>;

/**
 * Raises the alerts that rules derive from stored state: a cluster reaching N sources, a `refer`
 * item from a watched source, an escalated threat. (Surges and hash-list matches are raised by
 * their stages.) Idempotent: each alert has a dedupe key.
 */
export async function applyAlertRules(
  rules: readonly AlertRule[],
  stores: { items: ItemStore; clusters: ClusterStore; alerts: AlertStore },
): Promise<number> {
  let raised = 0;
  const raise = async (a: { rule: string; summary: string; evidence: unknown[]; dedupeKey: string }) => {
    if (await stores.alerts.raise(a)) raised++;
  };
  const flagged = rules.some((r) => r.kind === 'refer_from_watched' || r.kind === 'escalated_threat')
    ? await allPages((limit, offset) => stores.items.flagged({ limit, offset }), 5_000)
    : [];
  for (const rule of rules) {
    if (rule.kind === 'cluster_sources') {
      const clusters = await allPages(
        (limit, offset) => stores.clusters.listClusters({ minSources: rule.min_sources, limit, offset }),
        1_000,
      );
      for (const c of clusters) {
        await raise({
          rule: rule.name,
          summary: `cluster ${c.id} reached ${c.sources.length} sources (${c.sources.join(', ')})`,
          evidence: [{ cluster_id: c.id, sources: c.sources, size: c.size, first_seen: c.first_seen }],
          dedupeKey: `${rule.name}:cluster:${c.id}:${rule.min_sources}`,
        });
      }
    } else if (rule.kind === 'refer_from_watched') {
      for (const f of flagged) {
        if (f.analysis.action !== 'refer' || !rule.sources.includes(f.source)) continue;
        await raise({
          rule: rule.name,
          summary: `item ${f.item_id} from watched source "${f.source}" is to be referred (${f.analysis.labels.map((l) => l.label).join(', ')})`,
          evidence: [
            {
              item_id: f.item_id,
              source: f.source,
              labels: f.analysis.labels.map((l) => ({
                label: l.label,
                score: l.score,
                legal_basis: l.legal_basis,
              })),
            },
          ],
          dedupeKey: `${rule.name}:item:${f.item_id}`,
        });
      }
    } else if (rule.kind === 'escalated_threat') {
      for (const f of flagged) {
        const threat = f.analysis.labels.find((l) => l.label === 'threat' && l.escalate);
        if (!threat) continue;
        await raise({
          rule: rule.name,
          summary: `escalated threat in item ${f.item_id} (${f.source}): ${threat.indicators?.join(', ')}`,
          evidence: [
            {
              item_id: f.item_id,
              source: f.source,
              indicators: threat.indicators,
              evidence: threat.evidence,
            },
          ],
          dedupeKey: `${rule.name}:item:${f.item_id}`,
        });
      }
    }
  }
  return raised;
}
