import type { Event } from '../domain/index.js';
import type { EventDetailView, EventLinkedItem, EventPost, LinkedItemView } from '../domain/views.js';

const PROVOKING = new Set(['incitement', 'threat', 'glorification']);

const labelsOf = (l: LinkedItemView) => l.analysis?.labels.map((x) => x.label) ?? [];
const scoreOf = (l: LinkedItemView) => Math.max(0, ...(l.analysis?.labels.map((x) => x.score) ?? []));
/** A flagged view's ideology; an unflagged one's says nothing about its side. */
const ideologyOf = (l: LinkedItemView) => l.analysis?.ideology.label ?? null;

function post(l: LinkedItemView): EventPost {
  const quoted = l.quote_index !== null;
  return {
    item_id: l.item_id,
    quote_index: l.quote_index,
    text: l.text,
    labels: labelsOf(l),
    ideology: ideologyOf(l),
    score: scoreOf(l),
    posted_at: l.posted_at,
    posted_by: quoted
      ? { source: l.quote?.attribution ?? null, platform: l.quote?.platform ?? null }
      : { source: l.source, platform: l.platform },
    reported_by: quoted ? { source: l.source, platform: l.platform } : null,
  };
}

/**
 * The detail of an event from its links, one row per linked item and quote: items listed once with
 * all their reasons, and posts sorted into reactions (the other side's calls, threats and praise:
 * a jihadist attack answered by far-right calls to strike back, and the reverse) and celebrations
 * (praise of the attack from anyone not on the other side). A quote is judged by its own analysis
 * and shown as the quoted post, with the outlet that reported it, never as the outlet's reaction.
 */
export function eventDetail<E extends Pick<Event, 'perpetratorIdeology'>>(
  event: E,
  links: readonly LinkedItemView[],
): EventDetailView<E> {
  const items = new Map<number, EventLinkedItem>();
  const flaggedBy = new Map<number, Set<string>>();
  const posts: EventPost[] = [];
  for (const l of links) {
    let item = items.get(l.item_id);
    if (!item) {
      item = {
        item_id: l.item_id,
        source: l.source,
        platform: l.platform,
        posted_at: l.posted_at,
        text: '',
        labels: [],
        ideology: null,
        confidence: 0,
        reasons: [],
        quotes: [],
      };
      items.set(l.item_id, item);
    }
    item.confidence = Math.max(item.confidence, l.confidence);
    for (const r of l.evidence)
      if (!item.reasons.some((x) => x.reason === r.reason && x.text === r.text)) item.reasons.push(r);
    const labels = labelsOf(l);
    const flagged = flaggedBy.get(l.item_id) ?? new Set<string>();
    for (const label of labels) flagged.add(label);
    flaggedBy.set(l.item_id, flagged);
    if (l.quote_index === null) {
      item.text = l.text;
      item.labels = labels;
      item.ideology = labels.length > 0 ? ideologyOf(l) : null;
    } else {
      item.quotes.push({
        quote_index: l.quote_index,
        text: l.text,
        attribution: l.quote?.attribution ?? null,
        platform: l.quote?.platform ?? null,
        labels,
        ideology: labels.length > 0 ? ideologyOf(l) : null,
      });
    }
    // Only a post in its own voice reacts: a report's own words are journalism, its quotes posts.
    if (labels.length > 0 && (l.quote_index !== null || l.analysis?.context === 'primary'))
      posts.push(post(l));
  }
  for (const item of items.values()) {
    item.quotes.sort((a, b) => a.quote_index - b.quote_index);
    // A link made through a quote alone still shows what the item says.
    if (item.text === '' && item.quotes.length > 0) item.text = item.quotes.map((q) => q.text).join(' … ');
  }
  const linked = [...items.values()].sort(
    (a, b) => (a.posted_at ?? '9999').localeCompare(b.posted_at ?? '9999') || a.item_id - b.item_id,
  );
  const timeline: Record<string, Record<string, number>> = {};
  for (const item of linked) {
    const day = item.posted_at?.slice(0, 10) ?? 'unknown';
    const counts = timeline[day] ?? {};
    timeline[day] = counts;
    const labels = [...(flaggedBy.get(item.item_id) ?? [])];
    for (const label of labels.length > 0 ? labels : ['unflagged']) counts[label] = (counts[label] ?? 0) + 1;
  }
  const perp = event.perpetratorIdeology;
  const otherSide = (p: EventPost) =>
    perp !== null && perp !== 'none' && p.ideology !== null && p.ideology !== 'none' && p.ideology !== perp;
  return {
    event,
    linked_items: linked.length,
    linked,
    timeline,
    top: [...posts].sort((a, b) => b.score - a.score).slice(0, 10),
    reactions: posts.filter((p) => otherSide(p) && p.labels.some((x) => PROVOKING.has(x))),
    celebrations: posts.filter((p) => !otherSide(p) && p.labels.includes('glorification')),
  };
}
