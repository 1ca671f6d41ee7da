import type {
  Analysis,
  ChannelEvent,
  Event as DomainEvent,
  NormalizedItem,
  SearchSnippet,
  SearchSort,
  StoredItem,
} from '../domain/index.js';
import type {
  ClusterMemberView,
  ClusterView,
  FlaggedItem,
  ItemRow,
  LinkedItemView,
  MediaMatchView,
  QueueRow,
} from '../domain/views.js';
import type { AuditVerdict } from './audit/audit-chain.js';
import type { AuditEntry, AuditEntryInput } from './audit/audit-store.js';

/** What happened to one item offered to the store. */
export type IngestStatus = 'new' | 'duplicate' | 'edited';

export interface IngestOutcome {
  status: IngestStatus;
  itemId: number;
}

/** A full-text search hit, shaped as `vigil search --json` prints it. */
export interface SearchHit {
  item_id: number;
  source: string;
  platform: string;
  posted_at: string | null;
  text: string;
  /** The passage around the matched words, with their offsets in it. */
  snippet: SearchSnippet;
}

/** How many items a text query matches; `capped`: counting stopped at `total`, and more match. */
export interface SearchCount {
  total: number;
  capped: boolean;
}

export interface StoreStats {
  items: number;
  by_platform: Record<string, number>;
  by_source: Record<string, number>;
}

/** A superseded version of an edited item. */
export interface ItemVersion {
  version: number;
  text: string;
  editedAt: string | null;
  contentSha256: string;
  raw: string;
}

export interface IngestOptions {
  /** Commit without waiting for the disk; durable once `settle()` has resolved. */
  settleLater?: boolean;
}

/**
 * Writes and reads items. Promises: an item is stored once per (platform, source, external id);
 * offering it again is a no-op (`duplicate`); offering it with changed content keeps the old
 * content as a version and makes the new one current (`edited`). Raw records are never altered
 * except by an edit, which preserves the previous raw record in the version history.
 */
export interface ItemStore {
  /**
   * Stores a batch atomically: either every item of the batch is recorded or none is. With
   * `settleLater`, the batch may be committed without waiting for it to reach disk: the caller
   * calls `settle()` before it reports the batch stored.
   */
  ingestItems(items: readonly NormalizedItem[], options?: IngestOptions): Promise<IngestOutcome[]>;
  /**
   * How many ingestItems (and recordChannelEvents) calls a writer may keep in flight at once; 1
   * where absent. A store that says more accepts overlapping calls and orders them itself: a
   * batch that shares an identity with an earlier one still in flight is stored after it, as if
   * the calls had been made one at a time.
   */
  readonly ingestConcurrency?: number;
  /**
   * Makes every batch this store committed before durable, those stored with `settleLater` too:
   * after a crash of the database they are there. Resolves at once where commits always wait.
   */
  settle(): Promise<void>;
  /**
   * Stores channel events (service and unsupported messages); returns how many were new. With
   * `settleLater`, as for ingestItems: durable once `settle()` has resolved.
   */
  recordChannelEvents(events: readonly ChannelEvent[], options?: IngestOptions): Promise<number>;
  getItem(id: number): Promise<StoredItem | null>;
  itemVersions(id: number): Promise<ItemVersion[]>;
  /**
   * Items matching every word of a free-text query (folded as `searchFold` folds them), each with
   * its snippet. The newest SEARCH_POOL matches are ordered by `sort` (default `date`: newest post
   * first; `relevance`: best match first), ties by the item stored last; the same on every database.
   */
  search(query: string, options?: { limit?: number; sort?: SearchSort }): Promise<SearchHit[]>;
  /** How many items match a free-text query, counted up to SEARCH_COUNT_LIMIT. */
  countMatches(query: string): Promise<SearchCount>;
  stats(): Promise<StoreStats>;
  countChannelEvents(): Promise<number>;
  /** Items whose analysis asks for action (refer first, then review), highest score and newest first. */
  flagged(options?: { limit?: number; offset?: number }): Promise<FlaggedItem[]>;
}

export interface ItemFilters {
  q?: string;
  label?: string;
  context?: string;
  ideology?: string;
  action?: string;
  source?: string;
  platform?: string;
  from?: string;
  to?: string;
  event?: string;
  cluster?: number;
  /** With `q`: the order of the results (default `date`). Without `q` items come newest first. */
  sort?: SearchSort;
  page: number;
  limit: number;
}

export interface ItemPage {
  items: ItemRow[];
  page: number;
  limit: number;
  /**
   * With `q`: how many items match the query and the filters (null without `q`). Alone, a text
   * query counts every match up to SEARCH_COUNT_LIMIT; with other filters it counts within the
   * newest SEARCH_POOL text matches, the only ones the list can show. (In relevance order the list
   * itself ends after the SEARCH_POOL newest matches.)
   */
  total: number | null;
  /** Whether more items match than `total` says (it was counted within a bound). */
  total_capped: boolean;
}

/** The clusters and events an item belongs to (quote_index null for the whole item). */
export interface ItemLinks {
  clusters: { cluster_id: number; quote_index: number | null }[];
  events: { id: string; name: string; date: string | null; confidence: number; quote_index: number | null }[];
}

/** A media file of an item as stored: where it was kept, its PDQ hash, and the bank signals it matched. */
export interface StoredMedia {
  id: number;
  itemId: number;
  kind: string;
  /** Absolute path when the file was kept; null when the source did not include it. */
  path: string | null;
  declared: string;
  mime: string | null;
  pdq: string | null;
  quality: number | null;
  /** Matches recorded as hash-list alerts, without signals since marked as false positives. */
  matches: MediaMatchView[];
}

/** The analyst's views over items, for the API. */
export interface ItemBrowser {
  /**
   * Items with their verdicts, filtered across items, analyses, events and clusters, newest first;
   * with a text query (`q`), in the order `sort` asks, each with its snippet, and counted (`total`).
   */
  query(filters: ItemFilters): Promise<ItemPage>;
  links(itemId: number): Promise<ItemLinks>;
  /** An item's media in their order in the message. */
  media(itemId: number): Promise<StoredMedia[]>;
  /** One media file by its id (without matches), or null when there is none. */
  mediaFile(mediaId: number): Promise<Omit<StoredMedia, 'matches'> | null>;
  /** Items collected in [from, to) with their current analysis (JSON), for transparency reports. */
  collectedBetween(
    from: string,
    to: string,
  ): Promise<{ id: number; collected_at: string; analysis: string | null }[]>;
}

/** The whole store, as only presets and the CLI's wiring see it. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly items: ItemStore;
  readonly analyses: AnalysisStore;
  readonly clusters: ClusterStore;
  readonly banks: BankStore;
  readonly alerts: AlertStore;
  readonly media: MediaStore;
  readonly events: EventStore;
  readonly deliveries: DeliveryStore;
  readonly leases: LeaseStore;
  readonly users: UserStore;
  readonly reviews: ReviewStore;
  readonly audit: AuditStore;
  readonly browse: ItemBrowser;
  readonly liveSources: LiveSourceStore;
  close(): Promise<void>;
}

/**
 * A store as its opener returns it: the Store, plus the Kysely instance for the store's own
 * maintenance, tests and benchmarks. Presets hand the rest of the system the narrow `Store`.
 */
export interface OpenedStore extends Store {
  readonly db: import('kysely').Kysely<import('./schema.js').Database>;
}

export type { ClusterMemberView, ClusterView, FlaggedItem, ItemRow, LinkedItemView, QueueRow };

/** An item waiting for (re-)analysis. */
export interface TextUnit {
  id: number;
  text: string;
  platform: string;
}

/** Which stored items a re-analysis covers. */
export interface ReanalysisFilter {
  /** ISO date or time: items posted on or after it. */
  since?: string;
  /** A source's name. */
  source?: string;
}

/** Stored detector verdicts, and the quotes they found. */
export interface AnalysisStore {
  /** Items with no analysis yet, in id order after `afterId`. */
  unanalyzed(afterId: number, limit: number): Promise<TextUnit[]>;
  /**
   * Items whose current analysis is not by `model` (or that have none), in id order after
   * `afterId`, optionally only those posted on or after `since` or from the source named `source`.
   */
  notAnalyzedBy(
    model: string,
    afterId: number,
    limit: number,
    filter?: ReanalysisFilter,
  ): Promise<TextUnit[]>;
  /**
   * Of the items `itemIds` names, those whose current analysis is not by `model` (to analyse), and
   * the ids the store does not hold (`missing`). Workers use it to make redelivered work a no-op.
   */
  toAnalyse(itemIds: readonly number[], model: string): Promise<{ units: TextUnit[]; missing: number[] }>;
  /** How many items `notAnalyzedBy` would list from the start. */
  countNotAnalyzedBy(model: string, filter?: ReanalysisFilter): Promise<number>;
  /**
   * Stores the analyses of a batch of items with their quotes, atomically: each becomes the item's
   * current analysis, and is kept as its model's version beside earlier models' versions.
   */
  saveAnalyses(rows: readonly { itemId: number; analysis: Analysis }[]): Promise<void>;
  /** Every model version's analysis of an item, oldest first. */
  analysisVersions(itemId: number): Promise<{ model: string; analyzedAt: string; analysis: Analysis }[]>;
  getAnalysis(itemId: number): Promise<Analysis | null>;
  countByAction(): Promise<Record<string, number>>;
  /** Of the items named, how many have an analysis, and how many of those ask for each action. */
  countActionsOf(itemIds: readonly number[]): Promise<{ analysed: number; byAction: Record<string, number> }>;
}

/** A text to cluster: a whole item (quoteIndex null) or one of its quotes. */
export interface ClusterUnit {
  itemId: number;
  quoteIndex: number | null;
  text: string;
  /** A whole item that quotes others (matched by resemblance only, never by containment). */
  holdsQuotes?: boolean;
}

export interface StoredMember {
  clusterId: number;
  signature: Uint32Array;
  exactKey: string;
  /** The member's text and whether it quotes others: the containment index is rebuilt from them. */
  text: string;
  holdsQuotes: boolean;
}

export interface NewMember {
  clusterId: number;
  itemId: number;
  quoteIndex: number | null;
  how: string;
  similarity: number;
  exactKey: string;
  signature: Uint32Array;
}

/** Near-duplicate clusters and their members. Ids are stable; merges are recorded, not erased. */
export interface ClusterStore {
  /** Every member's signature, to rebuild the matcher's index on start. */
  knownMembers(): Promise<StoredMember[]>;
  maxClusterId(): Promise<number>;
  /**
   * Items and quotes not yet in any cluster; with `analysedOnly`, only items the detector has read
   * (so their quotes are known), as stage workers need when items arrive while others are analysed.
   */
  unclustered(limit: number, options?: { analysedOnly?: boolean }): Promise<ClusterUnit[]>;
  saveMembers(
    members: readonly NewMember[],
    merges: readonly { from: number; into: number }[],
  ): Promise<void>;
  listClusters(options?: { minSources?: number; limit?: number; offset?: number }): Promise<ClusterView[]>;
  getCluster(id: number): Promise<ClusterView | null>;
}

export interface SignalRecord {
  id: number;
  bank: string;
  signal_type: string;
  signal_value: string;
  labels: string[];
  provenance: string | null;
  false_positive: boolean;
}

/** Hash lists ("banks") of signals shared with peers. */
export interface BankStore {
  ensureBank(name: string, description?: string | null): Promise<number>;
  /** Adds signals; an existing (bank, type, value) is kept as it is. Returns how many were new. */
  addSignals(
    bank: string,
    signals: readonly {
      signal_type: string;
      signal_value: string;
      labels: string[];
      provenance: string | null;
    }[],
  ): Promise<number>;
  listSignals(bank?: string): Promise<SignalRecord[]>;
  listBanks(): Promise<{ name: string; signals: number }[]>;
  /** Marks a signal as a false positive (it stops matching) or clears the mark; false if unknown. */
  setFalsePositive(signalId: number, value: boolean): Promise<boolean>;
}

export interface AlertRecord {
  id: number;
  rule: string;
  created_at: string;
  summary: string;
  evidence: unknown[];
}

/** Alerts raised by stages; the dedupe key makes raising idempotent. */
export interface AlertStore {
  raise(alert: { rule: string; summary: string; evidence: unknown[]; dedupeKey: string }): Promise<boolean>;
  list(options?: { limit?: number }): Promise<AlertRecord[]>;
}

export interface MediaToHash {
  id: number;
  itemId: number;
  path: string;
}

/** A media file already hashed, as banks imported later are matched against it. */
export interface HashedMedia extends MediaToHash {
  sha256: string;
  pdq: string | null;
  quality: number | null;
}

export interface MediaStore {
  unhashed(limit: number): Promise<MediaToHash[]>;
  /** Hashed media in id order after `afterId`, a page at a time. */
  hashed(afterId: number, limit: number): Promise<HashedMedia[]>;
  saveHash(id: number, hash: { sha256: string; pdq: string | null; quality: number | null }): Promise<void>;
}

/** A stored event (see the domain Event), with its origin: seed data, extraction, or an analyst. */
export interface EventRecord extends DomainEvent {
  origin: 'seed' | 'extracted' | 'analyst';
}

export interface EventLink {
  eventId: string;
  itemId: number;
  quoteIndex: number | null;
  confidence: number;
  evidence: { reason: string; text: string }[];
}

/** Items to read for events: news to extract from and everything to link. */
export interface EventScanUnit {
  id: number;
  text: string;
  platform: string;
  posted_at: string | null;
  title: string | null;
  analysis: Analysis | null;
  cluster_id: number | null;
}

/** Real-world incidents, their links to items and quotes, and analysts' edits. */
export interface EventStore {
  listEvents(options?: { includeMerged?: boolean }): Promise<(EventRecord & { linked_items: number })[]>;
  getEvent(id: string): Promise<EventRecord | null>;
  /** Inserts or replaces an event by id. */
  saveEvent(event: EventRecord): Promise<void>;
  /** Moves links and aliases of `from` into `into`; `from` answers as `into` afterwards. */
  mergeEvents(from: string, into: string): Promise<boolean>;
  /**
   * Moves the links of `itemIds` (with their quotes) from `from` to `into`, and keeps those items
   * from being linked to `from` again by any later scan. Returns how many items moved.
   */
  splitEvent(from: string, into: string, itemIds: readonly number[]): Promise<number>;
  /**
   * Items not yet read for events; with `readyOnly`, only those already analysed and clustered
   * (linking reads both), as stage workers need when stages run side by side.
   */
  unscanned(limit: number, options?: { readyOnly?: boolean }): Promise<EventScanUnit[]>;
  /** Already-read items posted in [from, to), for linking them to an event found later. */
  postedBetween(from: string, to: string, limit: number, offset?: number): Promise<EventScanUnit[]>;
  markScanned(itemIds: readonly number[]): Promise<void>;
  /** Stores links; an existing link keeps the higher confidence. */
  saveLinks(links: readonly EventLink[]): Promise<void>;
  linkedItems(eventId: string): Promise<LinkedItemView[]>;
  /** Cluster ids with a member linked to each event, for linking by cluster membership. */
  linkedClusters(): Promise<Map<number, string[]>>;
}

/**
 * Time-limited leases naming the one worker that may run an order-dependent stage (clustering,
 * event resolution). A holder renews its lease well before it expires; a worker that dies loses it
 * when it expires, and a standby takes over.
 */
export interface LeaseStore {
  /** Takes or renews `name` for `holder` until `ttlMs` from now; false while another holds it. */
  tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/** Webhook delivery records (for retries and the dead-letter list). */
export interface DeliveryStore {
  record(d: {
    alertId: number;
    webhook: string;
    status: 'delivered' | 'failed' | 'dead_letter';
    attempts: number;
    lastError: string | null;
  }): Promise<void>;
  list(options?: {
    status?: string;
  }): Promise<
    { alert_id: number; webhook: string; status: string; attempts: number; last_error: string | null }[]
  >;
  /** Alerts not yet delivered (or failed) to a webhook. */
  pending(webhook: string): Promise<AlertRecord[]>;
}

export type Role = 'viewer' | 'analyst' | 'admin';

export interface UserRecord {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
}

/** Users, their sessions and API tokens (tokens and sessions are kept only as hashes). */
export interface UserStore {
  count(): Promise<number>;
  /** Creates a user and its audit row in one transaction; `by` says who and how. */
  create(
    username: string,
    role: Role,
    passwordHash: string,
    by: { actor: string; details?: Record<string, unknown> },
  ): Promise<number>;
  /** Counts a sign-in attempt from `client` in the current window, shared by every process. */
  countSignInAttempt(client: string, windowMs: number, at?: number): Promise<number>;
  byName(username: string): Promise<UserRecord | null>;
  list(): Promise<{ id: number; username: string; role: Role; disabled: boolean }[]>;
  createSession(userId: number, tokenHash: string, csrf: string, expiresAt: string): Promise<void>;
  session(tokenHash: string): Promise<{ user: UserRecord; csrf: string } | null>;
  deleteSession(tokenHash: string): Promise<void>;
  createToken(userId: number, name: string, tokenHash: string): Promise<number>;
  tokenUser(tokenHash: string): Promise<UserRecord | null>;
}

export interface ReviewRecord {
  id: number;
  item_id: number;
  reviewer: string;
  labels: string[];
  context: string;
  ideology: string;
  decision: string;
  policy: string;
  note: string | null;
  created_at: string;
  /**
   * Whether the decision settles the item: it leaves the review queue and a re-analysis does not
   * put it back. Final decisions always do; a confirmation or correction does unless a second
   * analyst must still confirm (four-eyes).
   */
  settles: boolean;
}

/** Analysts' decisions, and the queue of items awaiting one. */
export interface ReviewStore {
  /** Stores a decision and its audit row in one transaction: both or neither. */
  add(
    review: Omit<ReviewRecord, 'id' | 'created_at'>,
    audit: (review: ReviewRecord) => AuditEntryInput,
  ): Promise<ReviewRecord>;
  forItem(itemId: number): Promise<ReviewRecord[]>;
  all(from?: string, to?: string): Promise<ReviewRecord[]>;
  /** Referrals first, then riskiest and newest; any page costs what the first does. */
  queue(limit: number, offset?: number): Promise<QueueRow[]>;
}

/** The tamper-evident audit trail (see store/audit). */
export interface AuditStore {
  append(actor: string, action: string, target: string, details?: unknown): Promise<void>;
  /** The newest entries first. */
  list(limit?: number): Promise<AuditEntry[]>;
  verify(): Promise<AuditVerdict>;
}

/** A live source as stored: what to collect, how often, and how its last runs went. */
export interface LiveSourceRecord {
  id: number;
  kind: 'rss' | 'telegram' | 'telegram-bot';
  name: string;
  target: string;
  scheduleSeconds: number;
  paused: boolean;
  /** The name of the environment variable holding this source's secret; never the secret. */
  secretEnv: string | null;
  cursor: Record<string, unknown>;
  createdAt: string;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  /** Problems the last run reported (bad records, refused links): where and what, never content. */
  lastProblems: { where: string; message: string }[];
  /** Items newly stored by the last run. */
  itemsLastRun: number;
  itemsTotal: number;
  /** Runs failed in a row, for the scheduler's backoff; 0 after a success. */
  failures: number;
  nextDueAt: string | null;
  backoffUntil: string | null;
}

/** How one run of a live source ended, as the scheduler records it. */
export interface LiveSourceRun {
  at: string;
  /** Items newly stored by the run (already added to the total batch by batch). */
  items: number;
  /** Why the run failed, or null when it succeeded. Names the place, never content. */
  error: string | null;
  problems: readonly { where: string; message: string }[];
  nextDueAt: string;
  /** Set when the remote side asked this source to wait (a FloodWait, an HTTP 429). */
  backoffUntil: string | null;
}

/** A channel seen as a forward origin at least as often as asked, and not yet a live source. */
export interface SourceSuggestion {
  channel: string;
  seen: number;
  first_seen_at: string;
  last_seen_at: string;
}

/**
 * Live sources as data, and crawl suggestions. Promises: names are unique; a batch's cursor and the
 * count of items it stored are saved together; suggestions are counted, never turned into sources.
 */
export interface LiveSourceStore {
  /** Adds a source; null when a source of that name already exists. */
  add(source: {
    kind: LiveSourceRecord['kind'];
    name: string;
    target: string;
    scheduleSeconds: number;
    secretEnv: string | null;
    at: string;
  }): Promise<LiveSourceRecord | null>;
  list(): Promise<LiveSourceRecord[]>;
  byName(name: string): Promise<LiveSourceRecord | null>;
  /** False when no source has that name. */
  setPaused(name: string, paused: boolean): Promise<boolean>;
  /** Forgets the source (its items stay); false when no source has that name. */
  remove(name: string): Promise<boolean>;
  /** Unpaused sources due at `at` (never run, or due) and not backing off, in id order. */
  due(at: string): Promise<LiveSourceRecord[]>;
  /** Saves a batch's cursor (when it has one) and adds the items it stored to the total. */
  saveProgress(id: number, progress: { cursor?: Record<string, unknown>; newItems: number }): Promise<void>;
  recordRun(id: number, run: LiveSourceRun): Promise<void>;
  /**
   * Counts channels seen as forward origins (names without `@`, compared case-insensitively). An
   * origin named by username with its `peer` id takes over what was counted under that id, so one
   * channel is one suggestion.
   */
  noteForwardOrigins(
    origins: readonly { channel: string; peer?: string; count: number }[],
    at: string,
  ): Promise<void>;
  /** Channels seen at least `minSeen` times that no telegram source follows, most seen first. */
  suggestions(minSeen: number): Promise<SourceSuggestion[]>;
}
