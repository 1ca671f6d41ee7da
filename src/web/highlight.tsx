import type { ReactNode } from 'react';
import type { SearchSnippet } from './api-types.js';

export interface Span {
  start: number;
  end: number;
  label: string;
  reason: string;
}

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
  const sorted = spans
    .filter((s) => s.end > s.start && s.start >= 0 && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
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
 * Text with evidence spans marked. Everything is rendered as React text nodes: content under
 * analysis is hostile and never becomes HTML. The block takes its direction from its own text
 * (`dir="auto"`), so Arabic reads right to left; spans are UTF-16 offsets, cut exactly there.
 */
export function Highlighted({ text, spans }: { text: string; spans: Span[] }): ReactNode {
  const parts = cutAt(text, spans, (s, marked) => (
    <mark
      key={`${s.start}-${s.end}-${s.label}`}
      className={s.label}
      title={`${s.label}: ${s.reason}`}
      data-label={s.label}
    >
      {marked}
    </mark>
  ));
  return (
    <div className="text" dir="auto">
      {parts}
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
