import type { Spread, SpreadEdge } from '../domain/views.js';

export type { Spread, SpreadEdge };
/** What the spread of a cluster is computed from: its members with their source and context. */
export interface SpreadMember {
  item_id: number;
  quote_index: number | null;
  source: string;
  platform: string;
  posted_at: string | null;
  forwarded_from: string | null;
  attribution: string | null;
  quote_platform: string | null;
}

/** The channel a quote's attribution names: `a Telegram channel called "X"`, `the group named X`. */
export function namedSource(attribution: string | null): string | null {
  if (!attribution) return null;
  const m =
    /\b(?:called|named|known as|titled)\s+["“']([^"”']{2,80})["”']/i.exec(attribution) ??
    /\b(?:called|named)\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,4})/.exec(attribution);
  return m ? (m[1] as string).trim() : null;
}

const byTime = (a: SpreadMember, b: SpreadMember) =>
  (a.posted_at ?? '9999').localeCompare(b.posted_at ?? '9999') || a.item_id - b.item_id;

/**
 * How one message travelled: where it was first seen, which channel it came from (a channel named
 * in the quotes that report it, or the author of forwarded copies), the sources it reached over
 * time, and edges for Telegram forwards (original author → reposting channel) and for news quotes
 * (quoted channel → reporting outlet).
 */
export function spreadOf(members: readonly SpreadMember[]): Spread {
  const sorted = [...members].sort(byTime);
  const first = sorted[0];
  const named = sorted.map((m) => namedSource(m.attribution)).find((n) => n !== null) ?? null;
  const forwardedFrom = sorted.find((m) => m.forwarded_from)?.forwarded_from ?? null;
  let origin: Spread['origin'] = null;
  if (named) {
    const own = sorted.find((m) => m.source === named);
    origin = {
      source: named,
      platform:
        own?.platform ?? sorted.find((m) => namedSource(m.attribution) === named)?.quote_platform ?? null,
      how: 'named_in_quote',
    };
  } else if (forwardedFrom) {
    origin = {
      source: forwardedFrom,
      platform: sorted.find((m) => m.forwarded_from)?.platform ?? null,
      how: 'forwarded_from',
    };
  } else {
    const own = sorted.find((m) => m.quote_index === null && m.forwarded_from === null) ?? first;
    if (own) origin = { source: own.source, platform: own.platform, how: 'earliest' };
  }
  const timeline = new Map<string, Spread['timeline'][number]>();
  for (const m of sorted) {
    const t = timeline.get(m.source);
    if (t) t.members++;
    else
      timeline.set(m.source, {
        source: m.source,
        platform: m.platform,
        first_posted_at: m.posted_at,
        members: 1,
      });
  }
  const edges: SpreadEdge[] = [];
  // One item quoting a message in several pieces reported it once: one edge per item, not per piece.
  const seen = new Set<string>();
  const edge = (e: SpreadEdge) => {
    const key = `${e.kind}\u0000${e.from}\u0000${e.to}\u0000${e.item_id}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push(e);
  };
  for (const m of sorted) {
    if (m.forwarded_from)
      edge({
        from: m.forwarded_from,
        to: m.source,
        kind: 'forward',
        item_id: m.item_id,
        posted_at: m.posted_at,
      });
    if (m.quote_index !== null) {
      const from = namedSource(m.attribution) ?? origin?.source ?? m.quote_platform ?? 'unknown';
      if (from !== m.source)
        edge({ from, to: m.source, kind: 'reported_by', item_id: m.item_id, posted_at: m.posted_at });
    }
  }
  return {
    first_seen: first
      ? { item_id: first.item_id, source: first.source, platform: first.platform, posted_at: first.posted_at }
      : null,
    origin,
    timeline: [...timeline.values()],
    edges,
  };
}
