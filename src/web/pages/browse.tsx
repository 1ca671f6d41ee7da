import type { ClusterView, LinkedItemView, Spread } from '../api-types.js';
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
            {short(m.text, 200)}
          </p>
        ))}
      </section>
    </>
  );
}

/** A linked item of `GET /api/v1/events/:id`. */
type Linked = LinkedItemView;

export function EventPage({ id }: { id: string }) {
  const { data, error } = useApi<{
    event: {
      name: string;
      date: string | null;
      place: string | null;
      method: string | null;
      perpetratorIdeology: string | null;
      aliases: string[];
    };
    linked: Linked[];
    reactions: Linked[];
    celebrations: Linked[];
  }>(`/events/${id}`);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const byDay = new Map<string, Record<string, number>>();
  for (const l of data.linked) {
    const d = l.posted_at?.slice(0, 10) ?? 'unknown';
    const counts = byDay.get(d) ?? {};
    const key =
      l.analysis?.ideology.label && l.analysis.labels.length ? l.analysis.ideology.label : 'unflagged';
    counts[key] = (counts[key] ?? 0) + 1;
    byDay.set(d, counts);
  }
  const days = [...byDay.keys()].sort();
  const max = Math.max(1, ...days.map((d) => Object.values(byDay.get(d) ?? {}).reduce((a, b) => a + b, 0)));
  const row = (l: Linked) => (
    <tr key={`${l.item_id}-${l.quote_index}`}>
      <td>
        <a href={`#/items/${l.item_id}`}>#{l.item_id}</a>
      </td>
      <td className="muted">
        {l.platform}/{l.source}
      </td>
      <td>
        <Labels labels={l.analysis?.labels ?? []} />{' '}
        <span className="muted">{l.analysis?.ideology.label}</span>
      </td>
      <td>{short(l.text)}</td>
    </tr>
  );
  return (
    <>
      <h1>{data.event.name}</h1>
      <p className="muted">
        {data.event.date ?? 'date unknown'} · {data.event.place ?? '?'} · {data.event.method ?? ''} ·
        perpetrator {data.event.perpetratorIdeology ?? 'unknown'} · {data.event.aliases.join('; ')}
      </p>
      <section className="panel">
        <h2>Reactions over time</h2>
        <svg
          width={Math.max(300, days.length * 60 + 20)}
          height={160}
          role="img"
          aria-label="Linked items per day by ideology"
        >
          {days.map((d, i) => {
            let y = 130;
            return (
              <g key={d}>
                {Object.entries(byDay.get(d) ?? {}).map(([k, n]) => {
                  const h = (n / max) * 110;
                  y -= h;
                  return (
                    <rect key={k} className={`bar ${k}`} x={10 + i * 60} y={y} width={44} height={h}>
                      <title>{`${d}: ${n} ${k}`}</title>
                    </rect>
                  );
                })}
                <text x={10 + i * 60} y={148} fontSize={10}>
                  {d.slice(5)}
                </text>
              </g>
            );
          })}
        </svg>
      </section>
      <section className="panel">
        <h2>Reactions from the other side</h2>
        <table>
          <tbody>{data.reactions.map(row)}</tbody>
        </table>
        {data.reactions.length === 0 && <p className="muted">None.</p>}
      </section>
      <section className="panel">
        <h2>All linked items</h2>
        <table>
          <tbody>{data.linked.map(row)}</tbody>
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
