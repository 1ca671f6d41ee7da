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
  options: MatchOptions & { config?: ClusterConfig } = {},
): Promise<MatchSummary> {
  return (await MatchSession.open(clusters, options.config)).run(alerts, options);
}

export interface MatchOptions {
  banks?: BankMatcher;
  batchSize?: number;
  /** Only items already analysed (their quotes known): for workers running beside the analysers. */
  analysedOnly?: boolean;
  /** Stops between batches; what was saved stays saved. */
  signal?: AbortSignal;
}

/**
 * A matcher whose index stays in memory between runs. Clustering depends on what was clustered
 * before, so a session is only valid while it is the store's one writer of clusters (the embedded
 * runner, or the match worker holding the stage's lease).
 */
export class MatchSession {
  private constructor(
    private readonly clusters: ClusterStore,
    private readonly clusterer: Clusterer,
  ) {}

  static async open(clusters: ClusterStore, config: ClusterConfig = DEFAULT_CLUSTER_CONFIG) {
    const clusterer = new Clusterer(
      config,
      await clusters.knownMembers(),
      (await clusters.maxClusterId()) + 1,
    );
    return new MatchSession(clusters, clusterer);
  }

  async run(alerts: AlertStore, options: MatchOptions = {}): Promise<MatchSummary> {
    const summary: MatchSummary = { clustered: 0, newClusters: 0, merges: 0, bankMatches: 0 };
    for (;;) {
      options.signal?.throwIfAborted();
      const units = await this.clusters.unclustered(options.batchSize ?? 2000, {
        analysedOnly: options.analysedOnly ?? false,
      });
      if (units.length === 0) return summary;
      const members: NewMember[] = [];
      const merges: { from: number; into: number }[] = [];
      for (const unit of units) {
        const { assignment, merges: m } = this.clusterer.add(unit);
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
      await this.clusters.saveMembers(members, merges);
      summary.clustered += members.length;
      summary.merges += merges.length;
    }
  }
}
