import type { LiveSourceView } from '../domain/index.js';
import type { LiveSourceRecord } from '../store/store.js';

/** Seconds as `--every` writes them: "45s", "15m", "1h30m". */
export function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('');
  return parts === '' ? '0s' : parts;
}

/** A stored live source as the CLI and the API show it (the secret variable's name stays inside). */
export function toLiveSourceView(s: LiveSourceRecord): LiveSourceView {
  return {
    kind: s.kind,
    name: s.name,
    target: s.target,
    schedule: formatSeconds(s.scheduleSeconds),
    schedule_seconds: s.scheduleSeconds,
    paused: s.paused,
    last_run: s.lastRunAt,
    last_success: s.lastSuccessAt,
    last_error: s.lastError,
    last_error_at: s.lastErrorAt,
    items_last_run: s.itemsLastRun,
    items_total: s.itemsTotal,
    problems_last_run: s.lastProblems,
    next_due: s.nextDueAt,
    backoff_until: s.backoffUntil,
  };
}
