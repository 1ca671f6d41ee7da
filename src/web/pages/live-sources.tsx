import type { LiveSourceView } from '../api-types.js';
import { useApi, when } from './common.js';

/** Live sources and how their last runs went, as `vigil sources list` shows them. Strings are text only. */
export function LiveSources() {
  const { data, error } = useApi<LiveSourceView[]>('/live-sources');
  return (
    <section id="live-sources">
      <h2>Live sources</h2>
      {error && <p className="muted">Live sources could not be loaded.</p>}
      {data?.length === 0 && (
        <p className="muted">
          No live sources. Add one with <code>vigil sources add rss URL</code>, then run{' '}
          <code>vigil watch</code>.
        </p>
      )}
      {data && data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Schedule</th>
              <th>Last success</th>
              <th>Last error</th>
              <th>Items last run</th>
              <th>Total</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.name} data-live-source={s.name}>
                <td title={s.target}>{s.name}</td>
                <td>{s.kind}</td>
                <td>
                  every {s.schedule}
                  {s.paused && <span className="badge"> paused</span>}
                </td>
                <td data-field="last_success">{s.last_success ? when(s.last_success) : 'never'}</td>
                <td data-field="last_error">
                  {s.last_error ? `${when(s.last_error_at ?? '')} ${s.last_error}` : '—'}
                </td>
                <td data-field="items_last_run">{s.items_last_run}</td>
                <td data-field="items_total">{s.items_total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
