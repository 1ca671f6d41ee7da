import { linkLabel, type SpreadLink, type SpreadNode } from './spread-links.js';

/** A rectangle in the graph's pixels: where a label's text is drawn. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A corner of an arrow's route, in the graph's pixels. */
export interface Point {
  x: number;
  y: number;
}

/** A source placed in the graph, with its label above it. */
export interface PlacedNode extends SpreadNode {
  x: number;
  y: number;
  column: number;
  row: number;
  /** The label as drawn (a long name cut in the middle) and where. */
  label: Box & { text: string };
}

/** An arrow routed through the graph, with its label beneath the last stretch. */
export interface RoutedLink extends SpreadLink {
  /** Horizontal and vertical runs, source to target, ending at the target's edge. */
  points: Point[];
  label: Box & { text: string };
}

/** A drawable spread graph. Promise: no run of any arrow crosses any node or arrow label. */
export interface SpreadLayout {
  width: number;
  height: number;
  nodeRadius: number;
  nodes: PlacedNode[];
  links: RoutedLink[];
}

/** Pixels per character at the graph's 11 px font, rounded up so estimates err wide. */
const CHAR = 6.6;
/** Ideographs and Hangul take a full em. */
const WIDE_CHAR = 11;
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const LABEL_HEIGHT = 14;
/** Characters of a source's name shown in its label; the full name is in the hover text. */
const MAX_NAME = 36;
/** Each source has a row of its own, so a horizontal run at a row's height meets only that source. */
const ROW = 40;
const TOP = 30;
const RADIUS = 6;
const LANE_GAP = 6;
const PAD = 10;

/** Estimated without a DOM, so the layout is a pure function; errs wide, never narrow. */
const textWidth = (text: string) =>
  Math.ceil([...text].reduce((w, ch) => w + (WIDE.test(ch) ? WIDE_CHAR : CHAR), 0));
/** Cuts a long name in the middle: names of one family ("… number 2", "… number 3") differ at the end. */
const middle = (text: string, max: number) => {
  const chars = [...text]; // by code point, so an emoji in a channel name is never cut in half
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  const first = chars.slice(0, head).join('').trimEnd();
  const last = chars
    .slice(chars.length - tail)
    .join('')
    .trimStart();
  return `${first}…${last}`;
};

/**
 * Which links close a cycle (a channel forwarding a channel that forwarded it): found by walking the
 * graph from the earliest source, these are the ones drawn as returns. The rest form layers.
 */
function cycleClosing(
  order: readonly string[],
  links: readonly SpreadLink[],
  row: ReadonlyMap<string, number>,
) {
  const out = new Map<string, SpreadLink[]>();
  for (const l of links) out.set(l.from, [...(out.get(l.from) ?? []), l]);
  for (const ls of out.values()) ls.sort((a, b) => (row.get(a.to) ?? 0) - (row.get(b.to) ?? 0));
  const state = new Map<string, 'open' | 'done'>();
  const closing = new Set<SpreadLink>();
  const topological: string[] = [];
  // Iterative depth-first walk: a graph of many sources must not exhaust the stack.
  for (const start of order) {
    if (state.has(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: string; next: number };
      const l = out.get(top.node)?.[top.next++];
      if (!l) {
        state.set(top.node, 'done');
        topological.push(top.node);
        stack.pop();
      } else if (state.get(l.to) === 'open') closing.add(l);
      else if (!state.has(l.to)) {
        state.set(l.to, 'open');
        stack.push({ node: l.to, next: 0 });
      }
    }
  }
  return { closing, topological: topological.reverse() };
}

/**
 * Lays a spread graph out left to right. Sources take one row each in order of first sight (sources
 * never collected themselves first: they are where copies came from), and the column one past the
 * furthest source with an arrow into them, so arrows point right. Arrows run along rows and turn only
 * in the gaps between columns, in a lane of their own source and kind; an arrow that closes a cycle
 * leaves rightwards and returns along a track beneath every row. Node labels sit above their row
 * inside their column, arrow labels below the target's row in the gap before it. Rows, columns and
 * gaps are sized so that text and arrows never meet, however many sources there are.
 */
export function layoutSpread(nodes: readonly SpreadNode[], links: readonly SpreadLink[]): SpreadLayout {
  const ordered = [...nodes].sort(
    (a, b) =>
      (a.firstSeen === null ? 0 : 1) - (b.firstSeen === null ? 0 : 1) ||
      (a.firstSeen ?? '').localeCompare(b.firstSeen ?? '') ||
      a.source.localeCompare(b.source),
  );
  const row = new Map(ordered.map((n, i) => [n.source, i]));
  const drawn = links.filter((l) => l.from !== l.to && row.has(l.from) && row.has(l.to));
  const { closing, topological } = cycleClosing(
    ordered.map((n) => n.source),
    drawn,
    row,
  );

  const column = new Map<string, number>();
  for (const source of topological) {
    const into = drawn.filter((l) => l.to === source && !closing.has(l));
    column.set(source, Math.max(0, ...into.map((l) => (column.get(l.from) ?? 0) + 1)));
  }
  const columns = Math.max(0, ...column.values()) + 1;
  const col = (source: string) => column.get(source) ?? 0;

  const incoming = new Map<string, SpreadLink[]>();
  for (const l of drawn) incoming.set(l.to, [...(incoming.get(l.to) ?? []), l]);
  // Several arrows into one source share its row's last stretch, so each label names where it came from.
  const labelOf = (l: SpreadLink) =>
    (incoming.get(l.to)?.length ?? 0) > 1 ? `${linkLabel(l)} from ${middle(l.from, 24)}` : linkLabel(l);

  // Gap c lies left of column c (gap `columns` closes the graph on the right) and carries the arrows
  // into column c and the returns leaving column c - 1: lanes first, then labels. A lane belongs to
  // one source, kind and direction, so a forward and a near-duplicate never share a line.
  const lanes = Array.from({ length: columns + 1 }, () => [] as string[]);
  const laneIn = (l: SpreadLink, gap: number, way: 'in' | 'return') => {
    const key = `${way}\u0000${l.from}\u0000${l.kind}`;
    const lane = lanes[gap] as string[];
    if (!lane.includes(key)) lane.push(key);
    return key;
  };
  const entry = new Map<SpreadLink, string>();
  const exit = new Map<SpreadLink, string>();
  for (const l of [...drawn].sort((a, b) => (row.get(a.from) ?? 0) - (row.get(b.from) ?? 0))) {
    if (closing.has(l)) exit.set(l, laneIn(l, col(l.from) + 1, 'return'));
    entry.set(l, laneIn(l, col(l.to), closing.has(l) ? 'return' : 'in'));
  }
  const labelRoom = Array.from({ length: columns + 1 }, () => 0);
  for (const [target, into] of incoming) {
    const c = col(target);
    const room = into.reduce((sum, l) => sum + textWidth(labelOf(l)) + PAD, PAD);
    labelRoom[c] = Math.max(labelRoom[c] ?? 0, room);
  }
  const laneRoom = (c: number) =>
    (lanes[c]?.length ?? 0) > 0 ? PAD + (lanes[c]?.length ?? 0) * LANE_GAP : 0;
  const columnWidth = Array.from({ length: columns }, () => 60);
  for (const n of ordered) {
    const c = col(n.source);
    columnWidth[c] = Math.max(columnWidth[c] ?? 0, textWidth(nodeText(n)) + PAD);
  }

  const gapLeft: number[] = [];
  const columnLeft: number[] = [];
  let x = PAD;
  for (let c = 0; c <= columns; c++) {
    gapLeft.push(x);
    x += laneRoom(c) + (labelRoom[c] ?? 0);
    columnLeft.push(x);
    x += columnWidth[c] ?? 0;
  }
  const width = x + PAD;
  const rowY = (r: number) => TOP + r * ROW;
  const laneX = (gap: number, key: string | undefined) =>
    (gapLeft[gap] ?? 0) + PAD + (lanes[gap]?.indexOf(key ?? '') ?? 0) * LANE_GAP;
  // Returns run beneath the last row's arrow labels, one track each.
  const trackY = (i: number) => rowY(ordered.length - 1) + ROW / 2 + 4 + i * LANE_GAP;

  const placed: PlacedNode[] = ordered.map((n) => {
    const r = row.get(n.source) ?? 0;
    const left = columnLeft[col(n.source)] ?? 0;
    const text = nodeText(n);
    return {
      ...n,
      row: r,
      column: col(n.source),
      x: left + RADIUS,
      y: rowY(r),
      label: {
        text,
        x: left,
        y: rowY(r) - RADIUS - LABEL_HEIGHT,
        width: textWidth(text),
        height: LABEL_HEIGHT,
      },
    };
  });
  const at = new Map(placed.map((p) => [p.source, p]));

  const routed: RoutedLink[] = [];
  let tracks = 0;
  for (const [target, into] of incoming) {
    const t = at.get(target);
    if (!t) continue;
    // Labels of arrows into one source line up leftwards from it, nearest first.
    let right = (columnLeft[t.column] ?? 0) - PAD / 2;
    for (const l of [...into].sort((a, b) => (row.get(a.from) ?? 0) - (row.get(b.from) ?? 0))) {
      const s = at.get(l.from);
      if (!s) continue;
      const inX = laneX(t.column, entry.get(l));
      const start = { x: s.x + RADIUS, y: s.y };
      const end = [
        { x: inX, y: t.y },
        { x: t.x - RADIUS, y: t.y },
      ];
      let points: Point[];
      if (closing.has(l)) {
        const outX = laneX(s.column + 1, exit.get(l));
        const y = trackY(tracks++);
        points = [start, { x: outX, y: s.y }, { x: outX, y }, { x: inX, y }, ...end];
      } else points = [start, { x: inX, y: s.y }, ...end];
      const text = labelOf(l);
      const w = textWidth(text);
      routed.push({
        ...l,
        points,
        label: { text, x: right - w, y: t.y + 4, width: w, height: LABEL_HEIGHT - 1 },
      });
      right -= w + PAD;
    }
  }
  const bottom = tracks > 0 ? trackY(tracks - 1) : rowY(ordered.length - 1) + ROW / 2;
  return { width, height: bottom + PAD, nodeRadius: RADIUS, nodes: placed, links: routed };
}

/** A source as its label names it: the name (cut in the middle when long), and the platform when it was collected. */
export function nodeText(n: SpreadNode): string {
  const name = middle(n.source, MAX_NAME);
  return n.platform ? `${name} · ${n.platform}` : `${name} (not collected)`;
}
