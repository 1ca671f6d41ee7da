import type { BankMatcher } from '../match/banks/bank-matcher.js';
import { type ClusterConfig, Clusterer, DEFAULT_CLUSTER_CONFIG } from '../match/minhash/clusterer.js';
import type { AlertStore, ClusterStore, NewMember } from '../store/store.js';

export interface MatchSummary {
  clustered: number;
  newClusters: number;
  merges: number;
  bankMatches: number;
}

/**
 * Clusters every item and quote not yet clustered, incrementally: the matcher's index is rebuilt
 * from the stored signatures, new texts are added, and only their memberships are written.
 * Texts matching a text signal in a bank raise an alert.
 */
export async function runMatch(
  clusters: ClusterStore,
  alerts: AlertStore,
  options: { config?: ClusterConfig; banks?: BankMatcher; batchSize?: number } = {},
): Promise<MatchSummary> {
  const clusterer = new Clusterer(
    options.config ?? DEFAULT_CLUSTER_CONFIG,
    await clusters.knownMembers(),
    (await clusters.maxClusterId()) + 1,
  );
  const summary: MatchSummary = { clustered: 0, newClusters: 0, merges: 0, bankMatches: 0 };
  for (;;) {
    const units = await clusters.unclustered(options.batchSize ?? 2000);
    if (units.length === 0) return summary;
    const members: NewMember[] = [];
    const merges: { from: number; into: number }[] = [];
    for (const unit of units) {
      const { assignment, merges: m } = clusterer.add(unit);
      members.push({
        clusterId: assignment.clusterId,
        itemId: unit.itemId,
        quoteIndex: unit.quoteIndex,
        how: assignment.how,
        similarity: assignment.similarity,
        exactKey: assignment.exactKey,
        signature: assignment.signature,
      });
      merges.push(...m);
      if (assignment.how === 'new') summary.newClusters++;
      for (const match of options.banks?.matchText(assignment.signature) ?? []) {
        summary.bankMatches++;
        await alerts.raise({
          rule: 'hash_list_match',
          summary: `text of item ${unit.itemId}${unit.quoteIndex === null ? '' : ` (quote ${unit.quoteIndex})`} matches ${match.signal.signal_type} signal ${match.signal.id} in bank "${match.signal.bank}"`,
          evidence: [
            {
              item_id: unit.itemId,
              quote_index: unit.quoteIndex,
              bank: match.signal.bank,
              signal_id: match.signal.id,
              signal_type: match.signal.signal_type,
              distance: match.distance,
              labels: match.signal.labels,
            },
          ],
          dedupeKey: `bank:${match.signal.id}:item:${unit.itemId}:${unit.quoteIndex ?? -1}`,
        });
      }
    }
    await clusters.saveMembers(members, merges);
    summary.clustered += members.length;
    summary.merges += merges.length;
  }
}
