import type { ClusterView, EventDetailView, EventPost, Spread } from '../api-types.js';
import { Labels, short, useApi, when } from './common.js';
import { LiveSources } from './live-sources.js';

export function ClusterPage({ id }: { id: number }) {
  const { data, error } = useApi<ClusterView & { spread: Spread }>(`/clusters/${id}`);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const sources = data.spread.timeline.map((t) => t.source);
  const nodes = [...new Set([...sources, ...data.spread.edges.flatMap((e) => [e.from, e.to])])];
  const pos = new Map(nodes.map((n, i) => [n, { x: 90 + (i % 4) * 200, y: 40 + Math.floor(i / 4) * 90 }]));
  return (
    <>
      <h1>Cluster {data.id}</h1>
      <p className="muted">
        {data.size} copies in {data.sources.length} sources
        {data.spread.origin
          ? ` · origin ${data.spread.origin.source} (${data.spread.origin.how.replaceAll('_', ' ')})`
          : ''}
      </p>
      <section className="panel">
        <h2>Spread</h2>
        <svg
          width={860}
          height={60 + Math.ceil(nodes.length / 4) * 90}
          role="img"
          aria-label="Forward and report graph"
        >
          {data.spread.edges.map((e) => {
            const a = pos.get(e.from);
            const b = pos.get(e.to);
            return a && b ? (
              <line
                key={`${e.from}-${e.to}-${e.item_id}`}
                x1={a.x}
                y1={a.y}
                x2={b.x}
                y2={b.y}
                stroke={e.kind === 'forward' ? '#24527a' : '#b54708'}
                strokeWidth={2}
              >
                <title>{e.kind}</title>
              </line>
            ) : null;
          })}
          {nodes.map((n) => {
            const p = pos.get(n);
            return p ? (
              <g key={n}>
                <circle cx={p.x} cy={p.y} r={8} fill="#16202e" />
                <text x={p.x + 12} y={p.y + 4} fontSize={12}>
                  {n}
                </text>
              </g>
            ) : null;
          })}
        </svg>
        <table>
          <tbody>
            {data.spread.timeline.map((t) => (
              <tr key={t.source}>
                <td>{when(t.first_posted_at)}</td>
                <td>
                  {t.platform}/{t.source}
                </td>
                <td>{t.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Members</h2>
        {data.members.map((m) => (
          <p key={`${m.item_id}-${m.quote_index}`}>
            <a href={`#/items/${m.item_id}`}>#{m.item_id}</a>
            {m.quote_index !== null ? ` quote ${m.quote_index}` : ''}{' '}
            <span className="muted">
              {m.platform}/{m.source} · {when(m.posted_at)}
            </span>
            <br />
            <bdi>{short(m.text, 200)}</bdi>
          </p>
        ))}
      </section>
    </>
  );
}

/** `GET /api/v1/events/:id`: the event with its fields as the store keeps them. */
type EventDetail = EventDetailView<{
  name: string;
  date: string | null;
  place: string | null;
  method: string | null;
  perpetratorIdeology: string | null;
  aliases: string[];
  casualties: { killed: number | null; injured: number | null };
}>;

const SERIES_ORDER = [
  'incitement',
  'threat',
  'glorification',
  'recruitment',
  'instruction',
  'identity_attack',
];

/** Linked items per day, stacked by label, with axes and a legend naming each series. */
function TimelineChart({ timeline }: { timeline: EventDetail['timeline'] }) {
  const days = Object.keys(timeline).sort();
  const series = [...new Set(days.flatMap((d) => Object.keys(timeline[d] ?? {})))].sort(
    (a, b) => (SERIES_ORDER.indexOf(a) + 1 || 99) - (SERIES_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b),
  );
  const max = Math.max(1, ...days.map((d) => Object.values(timeline[d] ?? {}).reduce((a, b) => a + b, 0)));
  const left = 40;
  const top = 10;
  const height = 120;
  const step = 60;
  const width = Math.max(320, left + days.length * step + 20);
  const y = (n: number) => top + height - (n / max) * height;
  return (
    <figure className="chart">
      <svg width={width} height={top + height + 44} role="img" aria-label="Linked items per day, by label">
        <line x1={left} y1={top} x2={left} y2={top + height} className="axis" />
        <line x1={left} y1={top + height} x2={width - 10} y2={top + height} className="axis" />
        {[0, max].map((n) => (
          <text key={n} x={left - 6} y={y(n) + 4} textAnchor="end" fontSize={10}>
            {n}
          </text>
        ))}
        <text
          x={12}
          y={top + height / 2}
          fontSize={10}
          transform={`rotate(-90 12 ${top + height / 2})`}
          textAnchor="middle"
        >
          linked items
        </text>
        {days.map((d, i) => {
          let base = 0;
          return (
            <g key={d}>
              {series.map((k) => {
                const n = timeline[d]?.[k] ?? 0;
                if (n === 0) return null;
                const y0 = y(base);
                base += n;
                return (
                  <rect
                    key={k}
                    className={`bar series-${series.indexOf(k) % 8}`}
                    x={left + 8 + i * step}
                    y={y(base)}
                    width={40}
                    height={y0 - y(base)}
                  >
                    <title>{`${d}: ${n} ${k}`}</title>
                  </rect>
                );
              })}
              <text
                x={left + 28 + i * step}
                y={top + height - (base / max) * height - 3}
                textAnchor="middle"
                fontSize={10}
              >
                {base}
              </text>
              <text x={left + 28 + i * step} y={top + height + 14} textAnchor="middle" fontSize={10}>
                {d.slice(5)}
              </text>
            </g>
          );
        })}
        <text x={left + (width - left) / 2} y={top + height + 32} textAnchor="middle" fontSize={10}>
          day posted
        </text>
      </svg>
      <figcaption className="legend">
        {series.map((k, i) => (
          <span key={k}>
            <svg width={10} height={10} aria-hidden="true">
              <rect className={`bar series-${i % 8}`} width={10} height={10} />
            </svg>{' '}
            {k}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** A post that reacted: where it was posted and, for a quoted post, the outlet that reported it. */
function PostRow({ p }: { p: EventPost }) {
  return (
    <tr>
      <td>
        <a href={`#/items/${p.item_id}`}>#{p.item_id}</a>
      </td>
      <td className="muted">
        {p.posted_by.platform ?? '?'} · {p.posted_by.source ?? 'unnamed source'}
        {p.reported_by && (
          <>
            <br />
            quoted by {p.reported_by.platform} · {p.reported_by.source}
          </>
        )}
      </td>
      <td>
        <Labels labels={p.labels.map((label) => ({ label }))} /> <span className="muted">{p.ideology}</span>
      </td>
      <td dir="auto">{short(p.text)}</td>
    </tr>
  );
}

function Posts({ title, posts }: { title: string; posts: EventPost[] }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      <table>
        <tbody>
          {posts.map((p) => (
            <PostRow key={`${p.item_id}-${p.quote_index}`} p={p} />
          ))}
        </tbody>
      </table>
      {posts.length === 0 && <p className="muted">None.</p>}
    </section>
  );
}

export function EventPage({ id }: { id: string }) {
  const { data, error } = useApi<EventDetail>(`/events/${id}`);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const { event } = data;
  return (
    <>
      <h1>{event.name}</h1>
      <p className="muted">
        {event.date ?? 'date unknown'} · {event.place ?? '?'} · {event.method ?? ''} · perpetrator{' '}
        {event.perpetratorIdeology ?? 'unknown'} · {event.aliases.join('; ')}
      </p>
      <p>
        Casualties: {event.casualties.killed ?? 'unknown'} killed, {event.casualties.injured ?? 'unknown'}{' '}
        injured · {data.linked_items} linked items
      </p>
      <section className="panel">
        <h2>Linked items over time</h2>
        <TimelineChart timeline={data.timeline} />
      </section>
      <Posts title="Reactions from the other side" posts={data.reactions} />
      <Posts title="Celebrations" posts={data.celebrations} />
      <section className="panel">
        <h2>All linked items ({data.linked_items})</h2>
        <table>
          <tbody>
            {data.linked.map((l) => (
              <tr key={l.item_id}>
                <td>
                  <a href={`#/items/${l.item_id}`}>#{l.item_id}</a>
                </td>
                <td className="muted">
                  {l.platform} · {l.source}
                </td>
                <td>
                  <Labels labels={l.labels.map((label) => ({ label }))} />
                  {l.quotes.map((q) => (
                    <div key={q.quote_index} className="quote" dir="auto">
                      quote {q.quote_index}: <Labels labels={q.labels.map((label) => ({ label }))} />{' '}
                      {short(q.text)}
                    </div>
                  ))}
                </td>
                <td>
                  <span dir="auto">{short(l.text)}</span>
                  <ul className="reasons">
                    {l.reasons.map((r) => (
                      <li key={`${r.reason}|${r.text}`} className="muted">
                        {r.reason}
                        {r.text ? ` (“${r.text}”)` : ''}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

export function AlertsPage() {
  const { data } = useApi<{ id: number; rule: string; summary: string; created_at: string }[]>('/alerts');
  return (
    <>
      <h1>Alerts</h1>
      <table>
        <tbody>
          {(data ?? []).map((a) => (
            <tr key={a.id}>
              <td>{when(a.created_at)}</td>
              <td>
                <span className="badge">{a.rule}</span>
              </td>
              <td>{a.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data?.length === 0 && <p className="muted">No alerts.</p>}
    </>
  );
}

export function SourcesPage() {
  const { data } = useApi<{
    items: number;
    by_platform: Record<string, number>;
    by_source: Record<string, number>;
  }>('/sources');
  return (
    <>
      <h1>Sources</h1>
      <p className="muted">
        {data?.items ?? 0} items ·{' '}
        {Object.entries(data?.by_platform ?? {})
          .map(([p, n]) => `${p} ${n}`)
          .join(' · ')}
      </p>
      <table>
        <tbody>
          {Object.entries(data?.by_source ?? {})
            .sort((a, b) => b[1] - a[1])
            .map(([s, n]) => (
              <tr key={s}>
                <td>{s}</td>
                <td>{n}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <LiveSources />
    </>
  );
}
