import { useEffect, useState } from 'react';
import { api } from '../api.js';
import type { ItemMediaView } from '../api-types.js';
import { Highlighted } from '../highlight.js';
import { ActionBadge, type Analysis, Labels, useApi, when } from './common.js';
import { MediaPanel } from './item-media.js';

const LABELS = ['incitement', 'glorification', 'threat', 'recruitment', 'instruction', 'identity_attack'];

interface ItemDetail {
  item: {
    id: number;
    text: string;
    platform: string;
    source: { name: string };
    postedAt: string | null;
    url: string | null;
    author: string | null;
    forwardedFrom: string | null;
    contentSha256: string;
  };
  analysis: Analysis | null;
  reviews: {
    id: number;
    reviewer: string;
    decision: string;
    labels: string[];
    note: string | null;
    created_at: string;
    policy: string;
  }[];
  clusters: { cluster_id: number; quote_index: number | null }[];
  events: { id: string; name: string; confidence: number }[];
  media: ItemMediaView[];
}

/** "language ar (0.97)", or "language it, not analysed". */
function languageNote(language: NonNullable<Analysis['language']>): string {
  return language.supported
    ? `language ${language.code} (${language.score.toFixed(2)})`
    : `language ${language.code}, not analysed`;
}

/** One item: its text with evidence highlighted, quotes, links, and the review form. */
export function ItemPage({ id, role }: { id: number; role: string }) {
  const { data, error, reload } = useApi<ItemDetail>(`/items/${id}`);
  const [labels, setLabels] = useState<string[]>([]);
  const [context, setContext] = useState('primary');
  const [ideology, setIdeology] = useState('none');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!data?.analysis) return;
    setLabels(data.analysis.labels.map((l) => l.label));
    setContext(data.analysis.context);
    setIdeology(data.analysis.ideology.label);
  }, [data]);
  const submit = async (decision: string) => {
    setMessage(null);
    try {
      await api(`/items/${id}/reviews`, {
        method: 'POST',
        body: { labels, context, ideology, decision, note: note || undefined },
      });
      setMessage(`Recorded: ${decision}`);
      setNote('');
      reload();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).tagName === 'TEXTAREA' || (e.target as HTMLElement).tagName === 'INPUT')
        return;
      if (e.key === 'c' && role !== 'viewer') void submit('confirmed');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const { item, analysis } = data;
  const spans = (analysis?.labels ?? []).flatMap((l) =>
    l.evidence.map((e) => ({ start: e.start, end: e.end, label: l.label, reason: e.reason })),
  );
  return (
    <>
      <h1>
        Item #{item.id} <ActionBadge action={analysis?.action ?? null} />
      </h1>
      <p className="muted">
        {item.platform}/{item.source.name} · {when(item.postedAt)}
        {item.author ? ` · ${item.author}` : ''}
        {item.forwardedFrom ? ` · forwarded from ${item.forwardedFrom}` : ''} · sha256{' '}
        {item.contentSha256.slice(0, 12)}…
      </p>
      <section className="panel" id="item-text">
        <Highlighted text={item.text} spans={spans} />
      </section>
      <MediaPanel media={data.media} />
      {analysis && (
        <section className="panel">
          <h2>Analysis</h2>
          <p>
            Context <b>{analysis.context}</b> · ideology <b>{analysis.ideology.label}</b> · targets{' '}
            {analysis.targets.join(', ') || '—'} · model {analysis.model}
            {analysis.language ? ` · ${languageNote(analysis.language)}` : ''}
          </p>
          {analysis.language?.supported === false && (
            <p className="muted" id="not-analysed">
              Not analysed: Vigil has no language pack for “{analysis.language.code}”.
            </p>
          )}
          {analysis.labels.map((l) => (
            <div key={l.label}>
              <span className="badge">
                {l.label} {l.score.toFixed(2)}
              </span>{' '}
              <span className="muted">{l.legal_basis.join(', ')}</span>
              {l.escalate && <span className="badge refer">escalate: {l.indicators?.join(', ')}</span>}
              <ul>
                {l.evidence.map((e) => (
                  <li key={`${e.start}-${e.end}`}>
                    “<bdi>{e.text}</bdi>” <span className="muted">{e.reason}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {analysis.quotes.length > 0 && <h2>Quotes</h2>}
          {analysis.quotes.map((q) => (
            <div key={q.start} className="quote">
              <div className="text" dir="auto">
                “{q.text}”
              </div>
              <div className="muted">
                {q.attribution ?? 'unattributed'}
                {q.platform ? ` (${q.platform})` : ''}
                {q.analysis.language ? ` · ${languageNote(q.analysis.language)}` : ''} ·{' '}
                <Labels labels={q.analysis.labels} />
                {q.analysis.labels.length === 0 &&
                  (q.analysis.language?.supported === false ? 'not analysed' : 'no labels')}
              </div>
            </div>
          ))}
        </section>
      )}
      <section className="panel">
        <h2>Links</h2>
        {data.clusters.map((c) => (
          <p key={`${c.cluster_id}-${c.quote_index}`}>
            <a href={`#/clusters/${c.cluster_id}`}>cluster {c.cluster_id}</a>
            {c.quote_index !== null ? ` (quote ${c.quote_index})` : ''}
          </p>
        ))}
        {data.events.map((e) => (
          <p key={e.id}>
            <a href={`#/events/${e.id}`}>{e.name}</a> <span className="muted">confidence {e.confidence}</span>
          </p>
        ))}
        {data.clusters.length + data.events.length === 0 && <p className="muted">None.</p>}
      </section>
      {role !== 'viewer' && (
        <section className="panel" id="review">
          <h2>Review</h2>
          <div className="filters">
            {LABELS.map((l) => (
              <label key={l}>
                <input
                  type="checkbox"
                  name={`label-${l}`}
                  checked={labels.includes(l)}
                  onChange={(e) =>
                    setLabels((xs) => (e.target.checked ? [...xs, l] : xs.filter((x) => x !== l)))
                  }
                />{' '}
                {l}
              </label>
            ))}
          </div>
          <div className="filters">
            <select value={context} onChange={(e) => setContext(e.target.value)} aria-label="context">
              {['primary', 'reporting', 'counter_speech'].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
            <select value={ideology} onChange={(e) => setIdeology(e.target.value)} aria-label="ideology">
              {['jihadist', 'far_right', 'none'].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
            <textarea placeholder="Note" value={note} onChange={(e) => setNote(e.target.value)} rows={1} />
          </div>
          <div className="filters">
            <button type="button" onClick={() => submit('confirmed')} name="confirm">
              Confirm labels (<span className="kbd">c</span>)
            </button>
            <button type="button" className="secondary" onClick={() => submit('corrected')}>
              Save correction
            </button>
            <button type="button" className="secondary" onClick={() => submit('verified')}>
              Mark verified
            </button>
            <button type="button" className="secondary" onClick={() => submit('referred')}>
              Refer
            </button>
            <button type="button" className="secondary" onClick={() => submit('dismissed')}>
              Dismiss
            </button>
          </div>
          {message && <p id="review-message">{message}</p>}
          <h2>History</h2>
          <ul id="review-history">
            {data.reviews.map((r) => (
              <li key={r.id}>
                {when(r.created_at)} · {r.reviewer} · <b>{r.decision}</b> ·{' '}
                {r.labels.join(', ') || 'no labels'} <span className="muted">{r.policy}</span>
                {r.note ? ` — ${r.note}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
