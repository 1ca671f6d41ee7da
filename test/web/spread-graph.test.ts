import { describe, expect, it } from 'vitest';
import type { Spread, SpreadEdge } from '../../src/web/api-types.js';
import { type Box, layoutSpread, type Point } from '../../src/web/charts/spread-layout.js';
import { formatLag, linkLabel, spreadLinks } from '../../src/web/charts/spread-links.js';

const at = (hours: number) => new Date(Date.UTC(2026, 2, 14, 8) + hours * 3_600_000).toISOString();

const edge = (
  kind: SpreadEdge['kind'],
  from: string,
  to: string,
  hours: number,
  item_id = 1,
): SpreadEdge => ({
  kind,
  from,
  to,
  item_id,
  posted_at: at(hours),
});

/** A synthetic spread over 23 sources: forwards, quotes, copies with neither, a cycle and a report dated early. */
function bigSpread(): Spread {
  const channels = Array.from({ length: 12 }, (_, i) => `Channel ${String.fromCharCode(65 + i)}`);
  const outlets = Array.from({ length: 9 }, (_, i) => `Outlet with a rather long name number ${i + 1}`);
  const timeline = [
    ...channels.map((source, i) => ({
      source,
      platform: 'telegram',
      first_posted_at: at(i),
      members: 1 + (i % 3),
    })),
    ...outlets.map((source, i) => ({
      source,
      platform: 'news',
      first_posted_at: at(20 + i * 5),
      members: 1,
    })),
    { source: 'Undated Board', platform: 'web', first_posted_at: null, members: 1 },
  ];
  const edges: SpreadEdge[] = [
    ...channels.slice(1, 6).map((c, i) => edge('forward', 'Origin Channel', c, i + 1, 10 + i)),
    edge('forward', 'Channel B', 'Channel G', 6, 20),
    edge('forward', 'Channel B', 'Channel G', 7, 21),
    edge('forward', 'Channel G', 'Channel H', 7, 22),
    edge('forward', 'Channel H', 'Channel G', 8, 23),
    ...outlets.slice(0, 6).map((o, i) => edge('reported_by', 'Channel A', o, 20 + i * 5, 30 + i)),
    edge('reported_by', 'Channel K', 'Outlet with a rather long name number 2', 25, 40),
    edge('reported_by', 'Channel L', 'Channel C', 2, 41),
  ];
  return {
    first_seen: { item_id: 1, source: 'Channel A', platform: 'telegram', posted_at: at(0) },
    origin: { source: 'Origin Channel', platform: 'telegram', how: 'forwarded_from' },
    timeline,
    edges,
  };
}

/** The runs of a routed arrow, each horizontal or vertical. */
const runs = (points: Point[]) => points.slice(1).map((p, i) => [points[i] as Point, p] as const);

/** Whether an axis-aligned run touches a box (edges included). */
function crosses([a, b]: readonly [Point, Point], box: Box): boolean {
  const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y0, y1] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  return x0 <= box.x + box.width && x1 >= box.x && y0 <= box.y + box.height && y1 >= box.y;
}

const overlap = (p: Box, q: Box) =>
  p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;

describe('spread links', () => {
  it('names forwards and quotes, merges repeated copies, keeps the shortest lag, and hangs copies with neither from the first source', () => {
    const { nodes, links } = spreadLinks(bigSpread());
    expect(nodes.find((n) => n.source === 'Origin Channel')).toMatchObject({ platform: null, copies: 0 });
    const bg = links.filter((l) => l.from === 'Channel B' && l.to === 'Channel G');
    expect(bg).toEqual([
      { from: 'Channel B', to: 'Channel G', kind: 'forward', copies: 2, lagMs: 5 * 3_600_000 },
    ]);
    expect(links.find((l) => l.to === 'Outlet with a rather long name number 1')).toMatchObject({
      from: 'Channel A',
      kind: 'quote',
      lagMs: 20 * 3_600_000,
    });
    // Channel J has a copy but no forward or quote leads to it.
    expect(links.find((l) => l.to === 'Channel J')).toEqual({
      from: 'Channel A',
      to: 'Channel J',
      kind: 'near_duplicate',
      copies: 1,
      lagMs: 9 * 3_600_000,
    });
    // The origin was never collected, so how long its forwards took is not known.
    expect(links.find((l) => l.from === 'Origin Channel')?.lagMs).toBeNull();
    // A report dated before the reported channel's first copy gets no lag rather than a negative one.
    expect(links.find((l) => l.from === 'Channel L' && l.to === 'Channel C')?.lagMs).toBeNull();
    expect(links.some((l) => l.to === 'Channel A')).toBe(false);
  });

  it('says what an arrow is and how long it took', () => {
    expect(formatLag(30_000)).toBe('under 1 min');
    expect(formatLag(45 * 60_000)).toBe('45 min');
    expect(formatLag(110 * 60_000)).toBe('1 h 50 min');
    expect(formatLag(3 * 3_600_000)).toBe('3 h');
    expect(formatLag(52 * 3_600_000)).toBe('2 d 4 h');
    expect(linkLabel({ from: 'a', to: 'b', kind: 'quote', copies: 1, lagMs: 110 * 60_000 })).toBe(
      'quote, 1 h 50 min later',
    );
    expect(linkLabel({ from: 'a', to: 'b', kind: 'forward', copies: 3, lagMs: null })).toBe('forward ×3');
    expect(linkLabel({ from: 'a', to: 'b', kind: 'near_duplicate', copies: 1, lagMs: 0 })).toBe(
      'near-duplicate, under 1 min later',
    );
  });
});

describe('spread layout', () => {
  const { nodes, links } = spreadLinks(bigSpread());
  const layout = layoutSpread(nodes, links);

  it('places every source of a 23-source graph on a row of its own, in order of first sight', () => {
    expect(layout.nodes).toHaveLength(23);
    expect(new Set(layout.nodes.map((n) => n.y)).size).toBe(23);
    const byRow = [...layout.nodes].sort((a, b) => a.row - b.row);
    // Sources never collected come first: copies came from them.
    expect(byRow[0]?.source).toBe('Origin Channel');
    const dated = byRow.filter((n) => n.firstSeen !== null).map((n) => n.firstSeen ?? '');
    expect(dated).toEqual([...dated].sort());
    for (const n of layout.nodes) {
      expect(n.x).toBeLessThan(layout.width);
      expect(n.label.x + n.label.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + 20).toBeLessThanOrEqual(layout.height);
    }
  });

  it('draws every link pointing right, but for the one closing a cycle, which returns beneath every row', () => {
    expect(layout.links).toHaveLength(links.length);
    const node = new Map(layout.nodes.map((n) => [n.source, n]));
    const lowest = Math.max(...layout.nodes.map((n) => n.y));
    const returns = [];
    for (const l of layout.links) {
      const [from, to] = [node.get(l.from), node.get(l.to)];
      if (!from || !to) throw new Error('link to a source that was not placed');
      expect(l.points[0]).toEqual({ x: from.x + layout.nodeRadius, y: from.y });
      expect(l.points.at(-1)).toEqual({ x: to.x - layout.nodeRadius, y: to.y });
      if (to.column <= from.column) {
        returns.push(`${l.from} → ${l.to}`);
        expect(Math.max(...l.points.map((p) => p.y))).toBeGreaterThan(lowest + 20);
      }
    }
    // Channel G and Channel H forward each other; every other link leads right.
    expect(returns).toHaveLength(1);
    expect(['Channel G → Channel H', 'Channel H → Channel G']).toContain(returns[0]);
    // A report dated before the copy it quotes still points right: Channel C sits right of Channel L.
    expect(node.get('Channel C')?.column).toBeGreaterThan(node.get('Channel L')?.column ?? 99);
  });

  it('never runs an arrow leaving a source along an arrow arriving at it', () => {
    for (const n of layout.nodes) {
      const along = (l: (typeof layout.links)[number]) =>
        runs(l.points).filter(([a, b]) => a.y === n.y && b.y === n.y);
      const leaving = layout.links.filter((l) => l.from === n.source).flatMap(along);
      const arriving = layout.links.filter((l) => l.to === n.source).flatMap(along);
      for (const [a, b] of leaving)
        for (const [c, d] of arriving)
          expect(Math.max(a.x, b.x) <= Math.min(c.x, d.x) || Math.min(a.x, b.x) >= Math.max(c.x, d.x)).toBe(
            true,
          );
    }
  });

  it('never runs an arrow across a label or through another source', () => {
    const labels = [...layout.nodes.map((n) => n.label), ...layout.links.map((l) => l.label)];
    for (const l of layout.links)
      for (const run of runs(l.points)) {
        expect(run[0].x === run[1].x || run[0].y === run[1].y).toBe(true);
        for (const box of labels)
          expect(crosses(run, box), `${l.from} → ${l.to} crosses "${box.text}"`).toBe(false);
        for (const n of layout.nodes)
          if (n.source !== l.from && n.source !== l.to) {
            const r = layout.nodeRadius;
            expect(crosses(run, { x: n.x - r, y: n.y - r, width: 2 * r, height: 2 * r })).toBe(false);
          }
      }
  });

  it('keeps labels apart from each other', () => {
    const labels = [...layout.nodes.map((n) => n.label), ...layout.links.map((l) => l.label)];
    labels.forEach((p, i) => {
      for (const q of labels.slice(i + 1))
        expect(overlap(p, q), `"${p.text}" overlaps "${q.text}"`).toBe(false);
    });
  });

  it('shortens a long source name in the middle, keeping labels distinct, and names the source of each arrow into a shared target', () => {
    const outlet = layout.nodes.find((n) => n.source === 'Outlet with a rather long name number 2');
    expect(outlet?.label.text).toBe('Outlet with a rather…name number 2 · news');
    expect(new Set(layout.nodes.map((n) => n.label.text)).size).toBe(layout.nodes.length);
    const into = layout.links.filter((l) => l.to === 'Outlet with a rather long name number 2');
    expect(into.map((l) => l.label.text).sort()).toEqual([
      'quote, 1 d 1 h later from Channel A',
      'quote, 15 h later from Channel K',
    ]);
  });

  it('gives ideographs a full em, so a label in Japanese is not drawn wider than its box', () => {
    const named = (source: string) => ({ source, platform: 'telegram', firstSeen: at(0), copies: 1 });
    const [jp] = layoutSpread([named('東京の窓')], []).nodes;
    const [en] = layoutSpread([named('Oslo')], []).nodes;
    expect(jp?.label.width).toBeGreaterThanOrEqual(4 * 11 + 'telegram'.length * 6);
    expect(jp?.label.width).toBeGreaterThan(en?.label.width ?? 0);
  });

  it('would notice an arrow across a label', () => {
    expect(
      crosses(
        [
          { x: 0, y: 10 },
          { x: 100, y: 10 },
        ],
        { x: 40, y: 0, width: 20, height: 14 },
      ),
    ).toBe(true);
    expect(
      crosses(
        [
          { x: 0, y: 20 },
          { x: 100, y: 20 },
        ],
        { x: 40, y: 0, width: 20, height: 14 },
      ),
    ).toBe(false);
  });
});
