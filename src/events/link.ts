import type { Analysis, Event } from '../domain/index.js';
import { escapeRegExp } from '../shared/regexp.js';

/** What linking reads of an item. */
export interface LinkableItem {
  text: string;
  platform: string;
  posted_at: string | null;
  analysis: Analysis | null;
  cluster_id: number | null;
}

export interface LinkCandidate {
  eventId: string;
  quoteIndex: number | null;
  confidence: number;
  evidence: { reason: string; text: string }[];
}

const VIOLENCE =
  /\b(attack\w*|stab\w*|shoot\w*|shot|bomb\w*|kill\w*|reveng\w*|aveng\w*|strike back|martyr|hero|massacre|blood|burn|victims?|dead|terror\w*)\b/i;
const mentions = (text: string, phrase: string) =>
  new RegExp(`(?<![\\p{L}])${escapeRegExp(phrase)}(?![\\p{L}])`, 'iu').exec(text);
const flagged = (a: Analysis | Omit<Analysis, 'quotes'> | null | undefined) => (a?.labels.length ?? 0) > 0;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * Links an item and each of its quotes to the events they refer to, with a confidence and the
 * evidence: the event's name or alias (0.95), its place with violent vocabulary in the weeks after
 * it (0.8; 0.6 without), a cluster already linked to it (0.7), or — for flagged content naming
 * nothing — being the only recent incident (0.45).
 */
export function linkItem(
  item: LinkableItem,
  events: readonly Event[],
  clusterEvents: ReadonlyMap<number, string[]>,
): LinkCandidate[] {
  const texts: { text: string; quoteIndex: number | null; flagged: boolean }[] = [
    { text: item.text, quoteIndex: null, flagged: flagged(item.analysis) },
    ...(item.analysis?.quotes ?? []).map((q, i) => ({
      text: q.text,
      quoteIndex: i,
      flagged: flagged(q.analysis),
    })),
  ];
  const out = new Map<string, LinkCandidate>();
  const add = (c: LinkCandidate) => {
    const key = `${c.eventId}:${c.quoteIndex ?? -1}`;
    const prev = out.get(key);
    if (!prev || prev.confidence < c.confidence)
      out.set(key, prev ? { ...c, evidence: [...c.evidence, ...prev.evidence] } : c);
  };
  for (const t of texts) {
    let named = false;
    for (const e of events) {
      const inWindow =
        !item.posted_at ||
        !e.date ||
        (daysBetween(e.date, item.posted_at) >= -e.dateUncertaintyDays - 1 &&
          daysBetween(e.date, item.posted_at) <= 60);
      const byName = [e.name, ...e.aliases].map((n) => mentions(t.text, n)).find((m) => m !== null);
      if (byName) {
        named = true;
        add({
          eventId: e.id,
          quoteIndex: t.quoteIndex,
          confidence: 0.95,
          evidence: [{ reason: 'names the event', text: byName[0] }],
        });
        continue;
      }
      const place = e.place ? mentions(t.text, e.place) : null;
      if (place && inWindow && item.posted_at && e.date) {
        named = true;
        // A place alone is no evidence about an incident (a weather report, a market notice):
        // it takes violent words or flagged content beside it.
        const violent = VIOLENCE.exec(t.text);
        if (!violent && !t.flagged) continue;
        add({
          eventId: e.id,
          quoteIndex: t.quoteIndex,
          confidence: 0.8,
          evidence: [
            {
              reason: violent
                ? 'names the place with violent words, in the weeks after'
                : 'names the place in flagged content, in the weeks after',
              text: place[0],
            },
          ],
        });
      }
    }
    if (!named && t.flagged && item.posted_at) {
      const recent = events.filter(
        (e) =>
          e.date &&
          daysBetween(e.date, item.posted_at as string) >= 0 &&
          daysBetween(e.date, item.posted_at as string) <= 3,
      );
      const only = recent.length === 1 ? recent[0] : undefined;
      if (only)
        add({
          eventId: only.id,
          quoteIndex: t.quoteIndex,
          confidence: 0.45,
          evidence: [{ reason: 'flagged content in the days after the only recent incident', text: '' }],
        });
    }
  }
  if (item.cluster_id !== null) {
    for (const id of clusterEvents.get(item.cluster_id) ?? []) {
      add({
        eventId: id,
        quoteIndex: null,
        confidence: 0.7,
        evidence: [{ reason: `in cluster ${item.cluster_id}, whose copies refer to the event`, text: '' }],
      });
    }
  }
  return [...out.values()];
}
