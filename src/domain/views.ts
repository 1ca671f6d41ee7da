import type { Analysis } from './analysis.js';

/**
 * The shapes the store returns for analysts' views, and the API and UI show: declared once, here,
 * so the UI (which may import only the domain) and the store share them.
 */

export interface FlaggedItem {
  item_id: number;
  source: string;
  platform: string;
  posted_at: string | null;
  text: string;
  analysis: Analysis;
}

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
  /** Where a text query matched the item; null when the list was not a text search. */
  snippet: SearchSnippet | null;
}

/** A searched word found in a text: UTF-16 offsets, end exclusive. */
export interface MatchSpan {
  start: number;
  end: number;
}

/**
 * A passage of an item's text around the words a search matched. `matches` are offsets into
 * `text` (the passage, not the whole item), so a UI marks them by cutting the string there and
 * never by building markup from the text. `elided_before` / `elided_after` say whether the item's
 * text goes on beyond the passage.
 */
export interface SearchSnippet {
  text: string;
  matches: MatchSpan[];
  elided_before: boolean;
  elided_after: boolean;
}

/**
 * How many of a text query's matches, the most recently stored, a search orders by relevance or
 * combines with other filters: it bounds the cost of a word found in most posts.
 */
export const SEARCH_POOL = 1000;

/** Items matching a text query are counted up to this many; beyond it a count reads "10,000+". */
export const SEARCH_COUNT_LIMIT = 10_000;

/** How a text search orders its results: best match first, or newest post first. */
export const SEARCH_SORTS = ['date', 'relevance'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** A whole item (quote_index null) or one of its quotes, where it was posted. */
export interface ItemOrQuoteRef {
  item_id: number;
  quote_index: number | null;
  source: string;
  platform: string;
  posted_at: string | null;
  text: string;
}

/** A member of a cluster as `vigil clusters` prints it. */
export interface ClusterMemberView extends ItemOrQuoteRef {
  forwarded_from: string | null;
  attribution: string | null;
  quote_platform: string | null;
}

export interface ClusterView {
  id: number;
  size: number;
  first_seen: string | null;
  sources: string[];
  members: ClusterMemberView[];
}

/** An item or quote linked to an event, with the link's confidence and evidence. */
export interface LinkedItemView extends ItemOrQuoteRef {
  confidence: number;
  evidence: { reason: string; text: string }[];
  analysis: Analysis | null;
  /** For a quote: whom the reporting item attributes it to, and the platform it names. */
  quote: { attribution: string | null; platform: string | null } | null;
}

/** A quote inside an item linked to an event, as the event's detail lists it. */
export interface EventQuoteView {
  quote_index: number;
  text: string;
  attribution: string | null;
  platform: string | null;
  labels: string[];
  ideology: string | null;
}

/** One item linked to an event, listed once with every reason it was linked and its linked quotes. */
export interface EventLinkedItem {
  item_id: number;
  source: string;
  platform: string;
  posted_at: string | null;
  text: string;
  /** The author's own voice: a news report's are empty whatever it quotes. */
  labels: string[];
  ideology: string | null;
  confidence: number;
  reasons: { reason: string; text: string }[];
  quotes: EventQuoteView[];
}

/**
 * A post reacting to an event: an item in its author's voice, or a post a report quotes, shown with
 * where it was posted and, for a quote, the outlet that reported it (the outlet did not react).
 */
export interface EventPost {
  item_id: number;
  quote_index: number | null;
  text: string;
  labels: string[];
  ideology: string | null;
  score: number;
  posted_at: string | null;
  posted_by: { source: string | null; platform: string | null };
  reported_by: { source: string; platform: string } | null;
}

/** `vigil event ID --json` and `GET /api/v1/events/:id`: one shape, one count of linked items. */
export interface EventDetailView<E> {
  event: E;
  /** Distinct items linked, the figure `vigil events` and the events list show. */
  linked_items: number;
  linked: EventLinkedItem[];
  /** Per day: linked items by label ("unflagged" when neither the item nor its linked quotes carry one). */
  timeline: Record<string, Record<string, number>>;
  top: EventPost[];
  /** Calls, threats and praise from the other side of the perpetrator's ideology. */
  reactions: EventPost[];
  /** Praise of the attack or attacker from anyone not on the other side. */
  celebrations: EventPost[];
}

/** A flagged item awaiting a final decision, as the review queue lists it. */
export interface QueueRow extends FlaggedItem {
  reviews: number;
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

/** A live source's settings and status, as `vigil sources list --json` and the API show them. */
export interface LiveSourceView {
  kind: 'rss' | 'telegram' | 'telegram-bot';
  name: string;
  /** The feed URL, the `@channel`, or '' for a bot (every channel it administers). */
  target: string;
  /** How often it runs, as `--every` takes it ("15m"). */
  schedule: string;
  schedule_seconds: number;
  paused: boolean;
  last_run: string | null;
  last_success: string | null;
  last_error: string | null;
  last_error_at: string | null;
  /** Items newly stored by the last run. */
  items_last_run: number;
  items_total: number;
  /** Records or requests the last run could not use, each where and what (never content). */
  problems_last_run: { where: string; message: string }[];
  next_due: string | null;
  /** Set while the remote side has asked this source to wait. */
  backoff_until: string | null;
}

/** A bank signal a media file matched, as recorded when the file was hashed or re-checked. */
export interface MediaMatchView {
  bank: string;
  signal_id: number;
  signal_type: string;
  /** Hamming distance for PDQ, 0 for an exact file hash. */
  distance: number;
}

/**
 * How an item's page shows a medium: `image` from `GET /api/v1/media/:id/image`; otherwise why not —
 * the file is not on disk (`absent`), is not a picture (`not_a_picture`: a video, a document), or
 * is kept outside the data folder images are shown from (`outside_data_folder`).
 */
export type MediaDisplay = 'image' | 'absent' | 'not_a_picture' | 'outside_data_folder';

/**
 * A photo, video or file of an item, as the item's page lists it. Never the file's location on the
 * server: an image is fetched by its id (`GET /api/v1/media/:id/image`), re-encoded for display.
 */
export interface ItemMediaView {
  id: number;
  kind: string;
  /** The file's name as the source declared it, without its folders (or the source's placeholder). */
  name: string;
  mime: string | null;
  /** Bytes on disk, when the file is present. */
  size: number | null;
  /** Whether the file is on disk now (an export may leave it out; retention deletes old downloads). */
  present: boolean;
  /** How the workspace shows it: as an image, or why not. */
  display: MediaDisplay;
  /** The PDQ hash and its quality (0–100), once the image is hashed. */
  pdq: { hash: string; quality: number } | null;
  /** Bank signals it matched; signals since marked as false positives are left out. */
  matches: MediaMatchView[];
}
