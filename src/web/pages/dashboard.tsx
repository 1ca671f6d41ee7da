import { IDEOLOGIES } from '../../domain/analysis.js';
import { monthDay } from '../charts/scale.js';
import { StackedBarChart } from '../charts/stacked-bar-chart.js';
import { ActionBadge, type ItemRow, short, useApi, when } from './common.js';

/** The days the dashboard charts: the most recent fortnight with something flagged. */
const DAYS = 14;

/** Flagged items per day and ideology, the last fortnight with anything flagged. */
function flaggedByDay(items: readonly ItemRow[]): Record<string, Record<string, number>> {
  const byDay: Record<string, Record<string, number>> = {};
  for (const i of items) {
    if (i.labels.length === 0) continue;
    const day = i.posted_at?.slice(0, 10) ?? 'unknown';
    const counts = byDay[day] ?? {};
    const key = i.ideology ?? 'none';
    counts[key] = (counts[key] ?? 0) + 1;
    byDay[day] = counts;
  }
  const recent = Object.keys(byDay).sort().slice(-DAYS);
  return Object.fromEntries(recent.map((d) => [d, byDay[d] ?? {}]));
}

const ideologyName = (key: string) => (key === 'none' ? 'no ideology' : key.replaceAll('_', ' '));

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
          <StackedBarChart
            data={flaggedByDay(items)}
            order={IDEOLOGIES}
            title="Flagged items per day, by ideology"
            xLabel="day posted (UTC)"
            yLabel="flagged items per day"
            categoryTick={monthDay}
            seriesName={ideologyName}
          />
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
