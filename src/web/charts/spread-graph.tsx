import type { Spread } from '../api-types.js';
import { layoutSpread } from './spread-layout.js';
import { type LinkKind, spreadLinks } from './spread-links.js';

const KINDS: { kind: LinkKind; name: string; meaning: string }[] = [
  { kind: 'forward', name: 'forward', meaning: 'a channel forwarded the post' },
  { kind: 'quote', name: 'quote', meaning: 'an outlet quoted the channel' },
  { kind: 'near_duplicate', name: 'near-duplicate', meaning: 'the same text, with no forward or quote' },
];

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : 'time unknown');

/**
 * How one message travelled between sources: a source per row in order of first sight, arrows
 * saying how each copy arrived (forward, quote, near-duplicate) and how long after, and a legend.
 * A large graph scrolls inside its panel rather than shrinking its text.
 */
export function SpreadGraph({ spread }: { spread: Spread }) {
  const { nodes, links } = spreadLinks(spread);
  if (nodes.length === 0) return <p className="muted">No sources to draw.</p>;
  const layout = layoutSpread(nodes, links);
  const r = layout.nodeRadius;
  return (
    <figure className="chart spread">
      <div className="chart-scroll spread-scroll">
        <svg
          width={layout.width}
          height={layout.height}
          role="img"
          aria-label={`How the message spread: ${layout.nodes.length} sources, ${layout.links.length} links`}
        >
          <defs>
            {KINDS.map(({ kind }) => (
              <marker
                key={kind}
                id={`arrow-${kind}`}
                className={`link-${kind}`}
                viewBox="0 0 8 8"
                refX={8}
                refY={4}
                markerWidth={4.5}
                markerHeight={4.5}
                orient="auto"
              >
                <path d="M0,0 L8,4 L0,8 z" />
              </marker>
            ))}
          </defs>
          {layout.links.map((l) => (
            <g key={`${l.kind}\u0000${l.from}\u0000${l.to}`} className={`spread-link link-${l.kind}`}>
              <title>{`${l.from} → ${l.to}: ${l.label.text}`}</title>
              <polyline
                points={l.points.map((p) => `${p.x},${p.y}`).join(' ')}
                markerEnd={`url(#arrow-${l.kind})`}
              />
              <text className="link-label" x={l.label.x + l.label.width} y={l.label.y + 10} textAnchor="end">
                {l.label.text}
              </text>
            </g>
          ))}
          {layout.nodes.map((n) => (
            <g key={n.source} className="spread-node">
              <title>
                {`${n.source}${n.platform ? ` (${n.platform})` : ', not collected'}: first copy ${when(n.firstSeen)}, ${n.copies} ${n.copies === 1 ? 'copy' : 'copies'}`}
              </title>
              <circle cx={n.x} cy={n.y} r={r} className={n.platform ? 'collected' : 'uncollected'} />
              <text className="node-label" x={n.label.x} y={n.label.y + 11}>
                {n.label.text}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <ul className="legend" aria-label="Legend">
        {KINDS.map(({ kind, name, meaning }) => (
          <li key={kind} data-series={kind}>
            <svg width={24} height={10} aria-hidden="true" className={`spread-link link-${kind}`}>
              <line x1={0} y1={5} x2={24} y2={5} />
            </svg>{' '}
            {name} <span className="muted">({meaning})</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
