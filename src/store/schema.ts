import type { Generated } from 'kysely';

/** Row types of the tables, as Kysely sees them. Timestamps are ISO-8601 UTC text on every dialect. */
export interface Database {
  sources: SourcesTable;
  items: ItemsTable;
  item_versions: ItemVersionsTable;
  media: MediaTable;
  channel_events: ChannelEventsTable;
  analyses: AnalysesTable;
  analysis_versions: AnalysisVersionsTable;
  quotes: QuotesTable;
  clusters: ClustersTable;
  cluster_members: ClusterMembersTable;
  cluster_merges: ClusterMergesTable;
  banks: BanksTable;
  signals: SignalsTable;
  alerts: AlertsTable;
  events: EventsTable;
  event_links: EventLinksTable;
  event_link_exclusions: EventLinkExclusionsTable;
  event_scans: EventScansTable;
  stage_leases: StageLeasesTable;
  deliveries: DeliveriesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  reviews: ReviewsTable;
  audit_log: AuditLogTable;
  review_queue: ReviewQueueTable;
  sign_in_attempts: SignInAttemptsTable;
  item_labels: ItemLabelsTable;
  live_sources: LiveSourcesTable;
  source_suggestions: SourceSuggestionsTable;
}

/** One row per (label, item), ordered by posting time: label filters walk it newest first. */
export interface ItemLabelsTable {
  label: string;
  /** The item's posted_at, '' when unknown. */
  posted_at: string;
  item_id: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled: number;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself is only in the user's cookie. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  expires_at: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  revoked: number;
}

export interface ReviewsTable {
  id: Generated<number>;
  item_id: number;
  reviewer: string;
  labels: string;
  context: string;
  ideology: string;
  decision: string;
  policy: string;
  note: string | null;
  created_at: string;
  /** 1 when the decision settles the item: it leaves the review queue and re-analysis does not requeue it. */
  settles: Generated<number>;
}

/**
 * Append-only; each row carries the MAC of the one before (see store/audit), so edits, deletions
 * and forged rows show. `seq` numbers the chain without gaps; ids may have gaps.
 */
export interface AuditLogTable {
  id: Generated<number>;
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: string;
  prev_hash: string;
  /** The audit key's id; '' on rows written before the trail was keyed (unkeyed SHA-256 chain). */
  key_id: string;
  hash: string;
}

/**
 * Items awaiting a final decision, one row each, kept in step by analysis and review writes and
 * indexed in the queue's order, so any page of the queue is an index range.
 */
export interface ReviewQueueTable {
  item_id: number;
  /** 0 for refer, 1 for review. */
  priority: number;
  max_score: number;
  /** The item's posted_at, '' when unknown. */
  posted_at: string;
}

/** Sign-in attempts per client address in the current window, shared by every server process. */
export interface SignInAttemptsTable {
  client: string;
  window_start: string;
  attempts: number;
}

export interface EventsTable {
  id: string;
  name: string;
  /** JSON array of strings. */
  aliases: string;
  date: string | null;
  date_uncertainty_days: number;
  place: string | null;
  kind: string;
  method: string | null;
  killed: number | null;
  injured: number | null;
  perpetrator_ideology: string | null;
  targeted_group: string | null;
  merged_into: string | null;
  origin: string;
  created_at: string;
}

/** An item an analyst split away from an event, never linked to it again. */
export interface EventLinkExclusionsTable {
  event_id: string;
  item_id: number;
  created_at: string;
}

export interface EventLinksTable {
  event_id: string;
  item_id: number;
  /** -1 for the whole item. */
  quote_index: number;
  confidence: number;
  evidence: string;
  linked_at: string;
}

/** Items already read by event extraction and linking. */
export interface EventScansTable {
  item_id: number;
  scanned_at: string;
}

/** Webhook deliveries of alerts: attempts, outcome, and the dead letters. */
export interface DeliveriesTable {
  id: Generated<number>;
  alert_id: number;
  webhook: string;
  status: string;
  attempts: number;
  last_error: string | null;
  updated_at: string;
}

/** The detector's verdict per item; re-analysis with another model replaces it. */
/** Every model version's analysis of an item, kept when a newer model re-analyses it. */
export interface AnalysisVersionsTable {
  item_id: number;
  model: string;
  analysis: string;
  analyzed_at: string;
}

export interface AnalysesTable {
  item_id: number;
  model: string;
  context: string;
  action: string;
  ideology: string;
  /** Labels joined by '|', '' for none: cheap to filter on. */
  labels: string;
  max_score: number;
  analysis: string;
  analyzed_at: string;
}

export interface QuotesTable {
  item_id: number;
  quote_index: number;
  text: string;
  attribution: string | null;
  platform: string | null;
  labels: string;
}

export interface ClustersTable {
  /** Assigned by the clusterer, stable as the cluster grows. */
  id: number;
  created_at: string;
  /** Set when the cluster was merged into another; its members were moved there. */
  merged_into: number | null;
}

export interface ClusterMembersTable {
  cluster_id: number;
  item_id: number;
  /** -1 for the whole item, else the index of the quote in the item's analysis. */
  quote_index: number;
  how: string;
  similarity: number;
  exact_key: string;
  /** MinHash signature, base64 of little-endian uint32s. */
  signature: string;
  added_at: string;
}

export interface ClusterMergesTable {
  from_id: number;
  into_id: number;
  merged_at: string;
}

export interface BanksTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  created_at: string;
}

export interface SignalsTable {
  id: Generated<number>;
  bank_id: number;
  signal_type: string;
  signal_value: string;
  /** Labels joined by ','. */
  labels: string;
  provenance: string | null;
  false_positive: number;
  created_at: string;
}

export interface AlertsTable {
  id: Generated<number>;
  rule: string;
  created_at: string;
  summary: string;
  evidence: string;
  /** Same key, same alert: re-running a stage never raises it twice. */
  dedupe_key: string;
}

export interface SourcesTable {
  id: Generated<number>;
  platform: string;
  /** The platform id when known, else the name: the identity of a source within its platform. */
  source_key: string;
  name: string;
  external_id: string | null;
  kind: string | null;
  created_at: string;
}

export interface ItemsTable {
  id: Generated<number>;
  platform: string;
  source_id: number;
  external_id: string;
  author: string | null;
  author_id: string | null;
  posted_at: string | null;
  edited_at: string | null;
  collected_at: string;
  title: string | null;
  text: string;
  entities: string;
  url: string | null;
  forwarded_from: string | null;
  forwarded_from_id: string | null;
  reply_to: string | null;
  via_bot: string | null;
  raw: string;
  content_sha256: string;
  version: number;
}

/** Earlier versions of edited items; `items` holds the current one. */
export interface ItemVersionsTable {
  item_id: number;
  version: number;
  text: string;
  edited_at: string | null;
  raw: string;
  content_sha256: string;
  superseded_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  item_id: number;
  position: number;
  kind: string;
  path: string | null;
  declared: string;
  missing: number;
  mime: string | null;
  width: number | null;
  height: number | null;
  sha256: string | null;
  pdq: string | null;
  pdq_quality: number | null;
}

export interface ChannelEventsTable {
  id: Generated<number>;
  platform: string;
  source_id: number;
  external_id: string;
  kind: string;
  action: string | null;
  actor: string | null;
  posted_at: string | null;
  raw: string;
}

/** Which worker may run an order-dependent stage, until when (see LeaseStore). */
export interface StageLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** A live source the scheduler collects (see LiveSourceStore); `cursor` and `last_problems` are JSON. */
export interface LiveSourcesTable {
  id: Generated<number>;
  kind: string;
  name: string;
  target: string;
  schedule_seconds: number;
  paused: Generated<number>;
  secret_env: string | null;
  cursor: Generated<string>;
  created_at: string;
  last_run_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  last_problems: Generated<string>;
  items_last_run: Generated<number>;
  items_total: Generated<number>;
  failures: Generated<number>;
  next_due_at: string | null;
  backoff_until: string | null;
}

/** A channel seen as a forward origin, and how often: a crawl suggestion, never followed by itself. */
export interface SourceSuggestionsTable {
  channel: string;
  seen: number;
  first_seen_at: string;
  last_seen_at: string;
}
