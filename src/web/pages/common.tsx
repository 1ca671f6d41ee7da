import { useEffect, useState } from 'react';
import { api } from '../api.js';

/** Loads an API path; re-loads when `key` changes. */
export function useApi<T>(
  path: string | null,
  key: unknown = path,
): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `n` decide when to reload
  useEffect(() => {
    if (!path) return;
    let live = true;
    api<T>(path)
      .then((d) => live && setData(d))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [key, n]);
  return { data, error, reload: () => setN((x) => x + 1) };
}

/** The detector's output, as the API returns it. */
export type { Analysis, LabelResult } from '../../domain/index.js';

export function ActionBadge({ action }: { action: string | null }) {
  if (!action || action === 'none') return null;
  return <span className={`badge ${action}`}>{action}</span>;
}

export function Labels({ labels }: { labels: { label: string; score?: number }[] }) {
  return (
    <>
      {labels.map((l) => (
        <span key={l.label} className="badge">
          {l.label}
          {l.score !== undefined ? ` ${l.score.toFixed(2)}` : ''}
        </span>
      ))}
    </>
  );
}

export const short = (t: string, n = 140) => (t.length > n ? `${t.slice(0, n)}…` : t);
export const when = (t: string | null) => (t ? t.replace('T', ' ').slice(0, 16) : '—');

/** An item row of `GET /api/v1/items`. */
export type { ItemRow } from '../api-types.js';
