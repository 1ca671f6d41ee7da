import type { ReactNode } from 'react';
import type { SearchSnippet } from './api-types.js';

export interface Span {
  start: number;
  end: number;
  label: string;
  reason: string;
  /** For a part of a span cut where another span ends: the whole span. */
  whole?: Span;
}

/** A span in range and not empty: what can be marked. */
const markable =
  (text: string) =>
  (s: { start: number; end: number }): boolean =>
    s.end > s.start && s.start >= 0 && s.end <= text.length;

/**
 * Cuts `text` at the spans' UTF-16 offsets into text nodes and the marks `mark` makes of the spans,
 * in order; a span out of range, empty, or overlapping an earlier one is left out. Nothing here
 * reads the text as markup.
 */
function cutAt<S extends { start: number; end: number }>(
  text: string,
  spans: readonly S[],
  mark: (span: S, marked: string) => ReactNode,
): ReactNode[] {
  const sorted = spans.filter(markable(text)).sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(mark(s, text.slice(s.start, s.end)));
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts;
}

/**
 * The marks of `spans` over `text`[from, to), nested where spans overlap: a span that starts inside
 * another is marked inside it, and the part of it that runs past the other's end is marked after
 * it, as a second mark of the same span (both carry `data-span`, its offsets). So every span's
 * characters are marked, whichever label it belongs to, and each span's marks hold exactly its text.
 */
function nestedMarks(text: string, spans: readonly Span[], from: number, to: number): ReactNode[] {
  const parts: ReactNode[] = [];
  // Earliest first; of two that start together, the longer outside.
  let rest = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let at = from;
  while (rest.length > 0) {
    const [outer, ...others] = rest as [Span, ...Span[]];
    if (outer.start > at) parts.push(text.slice(at, outer.start));
    const inside: Span[] = [];
    const after: Span[] = [];
    for (const s of others) {
      if (s.start >= outer.end) after.push(s);
      else if (s.end <= outer.end) inside.push(s);
      else {
        inside.push({ ...s, end: outer.end, whole: s.whole ?? s });
        after.push({ ...s, start: outer.end, whole: s.whole ?? s });
      }
    }
    const whole = outer.whole ?? outer;
    parts.push(
      <mark
        key={`${outer.start}-${outer.end}-${outer.label}`}
        className={outer.label}
        title={`${outer.label}: ${outer.reason}`}
        data-label={outer.label}
        data-span={`${whole.start}-${whole.end}`}
      >
        {nestedMarks(text, inside, outer.start, outer.end)}
      </mark>,
    );
    at = outer.end;
    rest = after.sort((a, b) => a.start - b.start || b.end - a.end);
  }
  if (at < to) parts.push(text.slice(at, to));
  return parts;
}

/**
 * Text with evidence spans marked, overlapping ones nested (a call and the attack it carries are
 * both marked). Everything is rendered as React text nodes: content under analysis is hostile and
 * never becomes HTML. The block takes its direction from its own text (`dir="auto"`), so Arabic
 * reads right to left; spans are UTF-16 offsets, cut exactly there.
 */
export function Highlighted({ text, spans }: { text: string; spans: Span[] }): ReactNode {
  return (
    <div className="text" dir="auto">
      {nestedMarks(text, spans.filter(markable(text)), 0, text.length)}
    </div>
  );
}

/**
 * A search result's passage with every matched word in a <mark>. Offsets come from the server
 * (`SearchSnippet.matches`); the text is cut there into React text nodes, never parsed as markup.
 */
export function MatchedPassage({ snippet }: { snippet: SearchSnippet }): ReactNode {
  const parts = cutAt(snippet.text, snippet.matches, (m, marked) => (
    <mark key={m.start} className="match">
      {marked}
    </mark>
  ));
  return (
    <div className="text snippet" dir="auto">
      {snippet.elided_before && '… '}
      {parts}
      {snippet.elided_after && ' …'}
    </div>
  );
}
