import type { ClusterView } from '../store/store.js';

/** A cluster as the CLI contract prints it. */
export function clusterJson(c: ClusterView) {
  return {
    id: c.id,
    size: c.size,
    first_seen: c.first_seen,
    sources: c.sources,
    members: c.members.map((m) => ({
      item_id: m.item_id,
      quote_index: m.quote_index,
      source: m.source,
      platform: m.platform,
      posted_at: m.posted_at,
      text: m.text,
    })),
  };
}
