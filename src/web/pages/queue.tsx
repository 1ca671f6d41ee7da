import { useEffect, useState } from 'react';
import type { QueueRow } from '../api-types.js';
import { ActionBadge, Labels, short, useApi, when } from './common.js';

/** Refer and review items, riskiest first. Keys: j/k move, Enter opens. */
export function Queue() {
  const { data, error } = useApi<QueueRow[]>('/review/queue');
  const [at, setAt] = useState(0);
  useEffect(() => {
    const rows = data ?? [];
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).tagName === 'INPUT' || (e.target as HTMLElement).tagName === 'TEXTAREA')
        return;
      if (e.key === 'j') setAt((x) => Math.min(rows.length - 1, x + 1));
      if (e.key === 'k') setAt((x) => Math.max(0, x - 1));
      if (e.key === 'Enter' && rows[at]) location.hash = `#/items/${rows[at].item_id}`;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [data, at]);
  if (error) return <p className="error">{error}</p>;
  return (
    <>
      <h1>Review queue</h1>
      <p className="muted">
        <span className="kbd">j</span>/<span className="kbd">k</span> move, <span className="kbd">Enter</span>{' '}
        opens the item.
      </p>
      <table>
        <thead>
          <tr>
            <th>Item</th>
            <th>Labels</th>
            <th>Source</th>
            <th>Posted</th>
            <th>Text</th>
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((r, i) => (
            <tr
              key={r.item_id}
              className={`clickable ${i === at ? 'selected' : ''}`}
              onClick={() => (location.hash = `#/items/${r.item_id}`)}
              data-item={r.item_id}
            >
              <td>
                <a href={`#/items/${r.item_id}`}>#{r.item_id}</a> <ActionBadge action={r.analysis.action} />
              </td>
              <td>
                <Labels labels={r.analysis.labels} />
              </td>
              <td className="muted">
                {r.platform}/{r.source}
              </td>
              <td className="muted">{when(r.posted_at)}</td>
              <td dir="auto">{short(r.text)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data?.length === 0 && <p className="muted">Nothing waits for review.</p>}
    </>
  );
}
