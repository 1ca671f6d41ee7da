import { useState } from 'react';
import { ActionBadge, type ItemRow, short, useApi, when } from './common.js';

export function SearchPage() {
  const [q, setQ] = useState('');
  const [label, setLabel] = useState('');
  const [platform, setPlatform] = useState('');
  const [query, setQuery] = useState('/items?limit=100');
  const { data, error } = useApi<{ items: ItemRow[] }>(query);
  const run = () => {
    const p = new URLSearchParams({ limit: '100' });
    if (q) p.set('q', q);
    if (label) p.set('label', label);
    if (platform) p.set('platform', platform);
    setQuery(`/items?${p}`);
  };
  return (
    <>
      <h1>Search</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <input
          placeholder="Words (any script)"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-label="query"
        />
        <select value={label} onChange={(e) => setLabel(e.target.value)} aria-label="label">
          <option value="">any label</option>
          {['incitement', 'glorification', 'threat', 'recruitment', 'instruction', 'identity_attack'].map(
            (l) => (
              <option key={l}>{l}</option>
            ),
          )}
        </select>
        <input
          placeholder="platform"
          value={platform}
          onChange={(e) => setPlatform(e.target.value)}
          aria-label="platform"
        />
        <button type="submit">Search</button>
      </form>
      {error && <p className="error">{error}</p>}
      <table>
        <tbody>
          {(data?.items ?? []).map((i) => (
            <tr key={i.item_id}>
              <td>
                <a href={`#/items/${i.item_id}`}>#{i.item_id}</a> <ActionBadge action={i.action} />
              </td>
              <td className="muted">
                {i.platform}/{i.source}
                <br />
                {when(i.posted_at)}
              </td>
              <td dir="auto">{short(i.text, 200)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
