import type { Spread } from '../api-types.js';

/** How a copy reached a source: forwarded, quoted by an outlet, or posted again with no trace of either. */
export type LinkKind = 'forward' | 'quote' | 'near_duplicate';

/** A source the message reached (or came from), as the spread graph draws it. */
export interface SpreadNode {
  source: string;
  /** Null for a source known only from a forward or a quote's attribution, never collected itself. */
  platform: string | null;
  firstSeen: string | null;
  /** Copies of the message collected from this source. */
  copies: number;
}

/** One arrow of the spread graph: every copy of one kind that went from one source to another. */
export interface SpreadLink {
  from: string;
  to: string;
  kind: LinkKind;
  /** Copies that travelled this way (several forwards of the same post are one arrow). */
  copies: number;
  /** From the source's first copy to the earliest copy that travelled this way; null when a time is unknown. */
  lagMs: number | null;
}

const KIND_OF = { forward: 'forward', reported_by: 'quote' } as const;

const time = (iso: string | null) => (iso ? Date.parse(iso) : Number.NaN);

/**
 * The sources and arrows of a cluster's spread. Forwards and quotes come from the API's edges; a
 * source that holds a copy with neither is linked as a near-duplicate of the source that had the
 * message first, so every source the message reached hangs from where it was first seen.
 */
export function spreadLinks(spread: Spread): { nodes: SpreadNode[]; links: SpreadLink[] } {
  const nodes = new Map<string, SpreadNode>();
  for (const t of spread.timeline)
    nodes.set(t.source, {
      source: t.source,
      platform: t.platform,
      firstSeen: t.first_posted_at,
      copies: t.members,
    });
  for (const e of spread.edges)
    for (const source of [e.from, e.to])
      if (!nodes.has(source)) nodes.set(source, { source, platform: null, firstSeen: null, copies: 0 });

  const lag = (from: string, at: string | null) => {
    const ms = time(at) - time(nodes.get(from)?.firstSeen ?? null);
    // A copy dated before the source's own first one says more about the clocks than the spread.
    return Number.isFinite(ms) && ms >= 0 ? ms : null;
  };
  const links = new Map<string, SpreadLink>();
  for (const e of spread.edges) {
    if (e.from === e.to) continue;
    const kind = KIND_OF[e.kind];
    const key = `${kind}\u0000${e.from}\u0000${e.to}`;
    const l = lag(e.from, e.posted_at);
    const known = links.get(key);
    if (!known) links.set(key, { from: e.from, to: e.to, kind, copies: 1, lagMs: l });
    else {
      known.copies++;
      if (l !== null && (known.lagMs === null || l < known.lagMs)) known.lagMs = l;
    }
  }
  const reached = new Set([...links.values()].map((l) => l.to));
  const root = spread.first_seen?.source;
  if (root)
    for (const n of nodes.values())
      if (n.source !== root && n.copies > 0 && !reached.has(n.source))
        links.set(`near_duplicate\u0000${root}\u0000${n.source}`, {
          from: root,
          to: n.source,
          kind: 'near_duplicate',
          copies: n.copies,
          lagMs: lag(root, n.firstSeen),
        });
  return { nodes: [...nodes.values()], links: [...links.values()] };
}

const KIND_NAME: Record<LinkKind, string> = {
  forward: 'forward',
  quote: 'quote',
  near_duplicate: 'near-duplicate',
};

/** "45 min", "3 h 10 min", "2 d 4 h": the largest two units, dropping a zero second one. */
export function formatLag(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** What an arrow says beside it: its kind, how many copies, and how long after the source's first copy. */
export function linkLabel(link: SpreadLink): string {
  const copies = link.copies > 1 ? ` ×${link.copies}` : '';
  const lag = link.lagMs === null ? '' : `, ${formatLag(link.lagMs)} later`;
  return `${KIND_NAME[link.kind]}${copies}${lag}`;
}
