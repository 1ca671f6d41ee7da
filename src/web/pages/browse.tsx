import type { ClusterView, EventDetailView, EventPost, Spread } from '../api-types.js';
import { monthDay } from '../charts/scale.js';
import { SpreadGraph } from '../charts/spread-graph.js';
import { StackedBarChart } from '../charts/stacked-bar-chart.js';
import { Labels, short, useApi, when } from './common.js';
import { LiveSources } from './live-sources.js';

export function ClusterPage({ id }: { id: number }) {
  const { data, error } = useApi<ClusterView & { spread: Spread }>(`/clusters/${id}`);
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
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
        <SpreadGraph spread={data.spread} />
        <table>
          <thead>
            <tr>
              <th scope="col">first copy (UTC)</th>
              <th scope="col">source</th>
              <th scope="col">copies</th>
            </tr>
          </thead>
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

/** Labels in the order the event chart stacks them; items with none ("unflagged") go on top. */
const SERIES_ORDER = [
  'incitement',
  'threat',
  'glorification',
  'recruitment',
  'instruction',
  'identity_attack',
  'unflagged',
];

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
        <StackedBarChart
          data={data.timeline}
          order={SERIES_ORDER}
          title="Linked items per day, by label"
          xLabel="day posted (UTC)"
          yLabel="linked items per day"
          categoryTick={monthDay}
        />
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
