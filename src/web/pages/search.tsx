import { useState } from 'react';
import { SEARCH_POOL, type SearchSort } from '../../domain/views.js';
import { MatchedPassage } from '../highlight.js';
import { ActionBadge, type ItemRow, short, useApi, when } from './common.js';

interface ItemsAnswer {
  items: ItemRow[];
  total: number | null;
  total_capped: boolean;
}

export function SearchPage() {
  const [q, setQ] = useState('');
  const [label, setLabel] = useState('');
  const [platform, setPlatform] = useState('');
  const [sort, setSort] = useState<SearchSort>('date');
  const [query, setQuery] = useState('/items?limit=100');
  const { data, error } = useApi<ItemsAnswer>(query);
  const run = (order = sort) => {
    const p = new URLSearchParams({ limit: '100' });
    if (q) p.set('q', q);
    if (q) p.set('sort', order);
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
        <select
          value={sort}
          onChange={(e) => {
            const order = e.target.value === 'relevance' ? 'relevance' : 'date';
            setSort(order);
            // A new order for the words already searched applies at once.
            if (q) run(order);
          }}
          aria-label="sort"
        >
          <option value="date">newest first</option>
          <option value="relevance">best match first</option>
        </select>
        <button type="submit">Search</button>
      </form>
      {error && <p className="error">{error}</p>}
      {data && data.total !== null && (
        <p className="muted" id="search-count">
          <ResultCount total={data.total} capped={data.total_capped} />
          {sort === 'relevance' && data.total > SEARCH_POOL && (
            <> · ranked among the newest {SEARCH_POOL.toLocaleString('en')}</>
          )}
        </p>
      )}
      <table>
        <tbody>
          {(data?.items ?? []).map((i) => (
            <tr key={i.item_id} className="result">
              <td>
                <a href={`#/items/${i.item_id}`}>#{i.item_id}</a> <ActionBadge action={i.action} />
              </td>
              <td className="muted">
                {i.platform}/{i.source}
                <br />
                {when(i.posted_at)}
              </td>
              <td>
                {i.snippet ? (
                  <MatchedPassage snippet={i.snippet} />
                ) : (
                  <span dir="auto">{short(i.text, 200)}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** "N results", or "N+ results" where counting stopped before the end. */
function ResultCount({ total, capped }: { total: number; capped: boolean }) {
  const n = `${total.toLocaleString('en')}${capped ? '+' : ''}`;
  return <>{`${n} ${total === 1 && !capped ? 'result' : 'results'}`}</>;
}
