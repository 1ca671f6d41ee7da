import { ActionBadge, type ItemRow, short, useApi, when } from './common.js';

/** Flagged volume per day and ideology, as SVG bars. */
function VolumeChart({ items }: { items: ItemRow[] }) {
  const byDay = new Map<string, Record<string, number>>();
  for (const i of items) {
    if (i.labels.length === 0) continue;
    const day = i.posted_at?.slice(0, 10) ?? 'unknown';
    const d = byDay.get(day) ?? {};
    const key = i.ideology ?? 'none';
    d[key] = (d[key] ?? 0) + 1;
    byDay.set(day, d);
  }
  const days = [...byDay.keys()].sort().slice(-14);
  const max = Math.max(1, ...days.map((d) => Object.values(byDay.get(d) ?? {}).reduce((a, b) => a + b, 0)));
  const w = 44;
  return (
    <svg
      width={Math.max(200, days.length * w + 20)}
      height={170}
      role="img"
      aria-label="Flagged items per day by ideology"
    >
      {days.map((d, i) => {
        let y = 140;
        return (
          <g key={d}>
            {Object.entries(byDay.get(d) ?? {}).map(([ideology, n]) => {
              const h = (n / max) * 120;
              y -= h;
              return (
                <rect
                  key={ideology}
                  className={`bar ${ideology}`}
                  x={10 + i * w}
                  y={y}
                  width={w - 10}
                  height={h}
                >
                  <title>{`${d}: ${n} ${ideology}`}</title>
                </rect>
              );
            })}
            <text x={10 + i * w} y={158} fontSize={10}>
              {d.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function Dashboard() {
  const flagged = useApi<{ items: ItemRow[] }>('/items?limit=200');
  const clusters =
    useApi<{ id: number; size: number; sources: string[]; members: { text: string }[] }[]>(
      '/clusters?min_sources=2',
    );
  const events =
    useApi<
      {
        id: string;
        name: string;
        date: string | null;
        linked_items: number;
        perpetratorIdeology: string | null;
      }[]
    >('/events');
  const alerts = useApi<{ id: number; rule: string; summary: string; created_at: string }[]>('/alerts');
  const items = flagged.data?.items ?? [];
  const byLabel: Record<string, number> = {};
  for (const i of items) for (const l of i.labels) byLabel[l] = (byLabel[l] ?? 0) + 1;
  return (
    <>
      <h1>Dashboard</h1>
      <div className="grid">
        <section className="panel">
          <h2>Flagged volume by day and ideology</h2>
          <VolumeChart items={items} />
          <p className="muted">
            {Object.entries(byLabel)
              .map(([l, n]) => `${l} ${n}`)
              .join(' · ') || 'Nothing flagged yet.'}
          </p>
        </section>
        <section className="panel">
          <h2>Active events</h2>
          {(events.data ?? []).map((e) => (
            <p key={e.id}>
              <a href={`#/events/${e.id}`}>{e.name}</a>{' '}
              <span className="muted">
                {e.date ?? ''} · {e.linked_items} linked
                {e.perpetratorIdeology ? ` · perpetrator ${e.perpetratorIdeology}` : ''}
              </span>
            </p>
          ))}
          {events.data?.length === 0 && <p className="muted">No events.</p>}
        </section>
      </div>
      <div className="grid">
        <section className="panel">
          <h2>Top clusters</h2>
          {(clusters.data ?? []).slice(0, 8).map((c) => (
            <p key={c.id}>
              <a href={`#/clusters/${c.id}`}>cluster {c.id}</a>{' '}
              <span className="muted">
                {c.size} copies · {c.sources.length} sources
              </span>
              <br />
              <bdi>{short(c.members[0]?.text ?? '', 100)}</bdi>
            </p>
          ))}
          {clusters.data?.length === 0 && <p className="muted">No message seen in several sources.</p>}
        </section>
        <section className="panel">
          <h2>Open alerts</h2>
          {(alerts.data ?? []).slice(0, 8).map((a) => (
            <p key={a.id}>
              <span className="badge">{a.rule}</span> {a.summary}{' '}
              <span className="muted">{when(a.created_at)}</span>
            </p>
          ))}
          {alerts.data?.length === 0 && <p className="muted">No alerts.</p>}
        </section>
      </div>
      <section className="panel">
        <h2>Latest flagged items</h2>
        <table>
          <tbody>
            {items
              .filter((i) => i.labels.length > 0)
              .slice(0, 10)
              .map((i) => (
                <tr key={i.item_id}>
                  <td>
                    <a href={`#/items/${i.item_id}`}>#{i.item_id}</a> <ActionBadge action={i.action} />
                  </td>
                  <td className="muted">
                    {i.platform}/{i.source}
                  </td>
                  <td dir="auto">{short(i.text)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
