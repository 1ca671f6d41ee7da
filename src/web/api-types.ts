/**
 * The shapes the UI reads from the API, declared here so the UI depends on nothing but itself and
 * the domain. `test/web/api-types.test.ts` checks each against the server's and store's own types,
 * so a change on either side fails the type check (npm run lint) until both agree.
 */
import type { Analysis } from '../domain/index.js';

/** A row of `GET /api/v1/items`. */
export interface ItemRow {
  item_id: number;
  source: string;
  platform: string;
  posted_at: string | null;
  text: string;
  action: string | null;
  labels: string[];
  context: string | null;
  ideology: string | null;
  max_score: number | null;
}

/** A row of `GET /api/v1/review/queue`. */
export interface QueueRow {
  item_id: number;
  source: string;
  platform: string;
  posted_at: string | null;
  text: string;
  analysis: Analysis;
  reviews: number;
}

export interface ClusterMemberView {
  item_id: number;
  quote_index: number | null;
  source: string;
  platform: string;
  posted_at: string | null;
  text: string;
  forwarded_from: string | null;
  attribution: string | null;
  quote_platform: string | null;
}

/** `GET /api/v1/clusters/:id` (with the spread below). */
export interface ClusterView {
  id: number;
  size: number;
  first_seen: string | null;
  sources: string[];
  members: ClusterMemberView[];
}

export interface SpreadEdge {
  from: string;
  to: string;
  kind: 'forward' | 'reported_by';
  item_id: number;
  posted_at: string | null;
}

export interface Spread {
  first_seen: { item_id: number; source: string; platform: string; posted_at: string | null } | null;
  origin: {
    source: string;
    platform: string | null;
    how: 'earliest' | 'named_in_quote' | 'forwarded_from';
  } | null;
  timeline: { source: string; platform: string; first_posted_at: string | null; members: number }[];
  edges: SpreadEdge[];
}

/** An item linked to an event, as `GET /api/v1/events/:id` lists them. */
export interface LinkedItemView {
  item_id: number;
  quote_index: number | null;
  source: string;
  platform: string;
  posted_at: string | null;
  text: string;
  confidence: number;
  evidence: { reason: string; text: string }[];
  analysis: Analysis | null;
}
