import { type Analysis, LABELS } from '../domain/index.js';
import type { Store } from '../store/store.js';
import type { ReviewRecord } from '../store/workspace-repositories.js';

/** One referral: what a platform needs to act, with the evidence and who decided. */
export interface Referral {
  item_id: number;
  platform: string;
  source: string;
  url: string | null;
  posted_at: string | null;
  labels: { label: string; score: number; legal_basis: string[] }[];
  evidence: { label: string; start: number; end: number; text: string; reason: string }[];
  content_sha256: string;
  reviewer: string;
  decision_time: string;
  note: string | null;
}

export async function referrals(store: Store): Promise<Referral[]> {
  const out: Referral[] = [];
  for (const r of (await store.reviews.all()).filter((x) => x.decision === 'referred')) {
    const item = await store.items.getItem(r.item_id);
    const analysis = await store.analyses.getAnalysis(r.item_id);
    if (!item) continue;
    const labels = (analysis?.labels ?? []).filter((l) => r.labels.includes(l.label));
    out.push({
      item_id: item.id,
      platform: item.platform,
      source: item.source.name,
      url: item.url,
      posted_at: item.postedAt,
      labels: labels.map((l) => ({ label: l.label, score: l.score, legal_basis: l.legal_basis })),
      evidence: labels.flatMap((l) => l.evidence.map((e) => ({ label: l.label, ...e }))),
      content_sha256: item.contentSha256,
      reviewer: r.reviewer,
      decision_time: r.created_at,
      note: r.note,
    });
  }
  return out;
}

const csvField = (v: unknown) => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // A leading =, +, - or @ would be run as a formula by spreadsheet software.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function referralsCsv(rows: readonly Referral[]): string {
  const header = [
    'item_id',
    'platform',
    'source',
    'url',
    'posted_at',
    'labels',
    'legal_basis',
    'evidence',
    'content_sha256',
    'reviewer',
    'decision_time',
    'note',
  ];
  const lines = rows.map((r) =>
    [
      r.item_id,
      r.platform,
      r.source,
      r.url,
      r.posted_at,
      r.labels.map((l) => l.label).join('|'),
      [...new Set(r.labels.flatMap((l) => l.legal_basis))].join('|'),
      r.evidence.map((e) => `${e.label}: ${e.text}`).join(' | '),
      r.content_sha256,
      r.reviewer,
      r.decision_time,
      r.note,
    ]
      .map(csvField)
      .join(','),
  );
  return `${header.join(',')}\n${lines.join('\n')}${lines.length ? '\n' : ''}`;
}

/** Reviews as labelled data in the evaluation format, for `vigil train --corpus`. */
export async function trainingCsv(store: Store): Promise<string> {
  const latest = new Map<number, ReviewRecord>();
  for (const r of await store.reviews.all())
    if (r.decision !== 'dismissed' || r.labels.length === 0) latest.set(r.item_id, r);
  const lines = ['id,functionality,text,labels,context,ideology,target'];
  for (const r of latest.values()) {
    const item = await store.items.getItem(r.item_id);
    if (!item) continue;
    lines.push(
      [`R${r.item_id}`, 'review', item.text, r.labels.join('|') || 'none', r.context, r.ideology, '']
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface TransparencyReport {
  period: { from: string; to: string };
  items_collected: number;
  flagged: { total: number; by_label: Record<string, number>; by_ideology: Record<string, number> };
  reviewed: number;
  confirmed: number;
  overturned: number;
  precision_by_review: number | null;
  referrals: number;
  median_hours_collection_to_decision: number | null;
}

/** Figures for a period: what was collected, flagged, reviewed, confirmed or overturned, referred. */
export async function transparencyReport(
  store: Store,
  from: string,
  to: string,
): Promise<TransparencyReport> {
  const items = await store.browse.collectedBetween(from, to);
  const byLabel: Record<string, number> = Object.fromEntries(LABELS.map((l) => [l, 0]));
  const byIdeology: Record<string, number> = {};
  let flagged = 0;
  const predicted = new Map<number, Analysis>();
  for (const it of items) {
    if (!it.analysis) continue;
    const a = JSON.parse(it.analysis) as Analysis;
    predicted.set(Number(it.id), a);
    if (a.labels.length === 0) continue;
    flagged++;
    for (const l of a.labels) byLabel[l.label] = (byLabel[l.label] ?? 0) + 1;
    byIdeology[a.ideology.label] = (byIdeology[a.ideology.label] ?? 0) + 1;
  }
  const collectedAt = new Map(items.map((i) => [Number(i.id), i.collected_at]));
  const reviews = (await store.reviews.all()).filter((r) => collectedAt.has(r.item_id));
  const firstDecision = new Map<number, ReviewRecord>();
  for (const r of reviews) if (!firstDecision.has(r.item_id)) firstDecision.set(r.item_id, r);
  let confirmed = 0;
  let overturned = 0;
  for (const r of firstDecision.values()) {
    const p = predicted.get(r.item_id);
    const same = p && [...p.labels.map((l) => l.label)].sort().join('|') === [...r.labels].sort().join('|');
    if (r.decision === 'dismissed' || !same) overturned++;
    else confirmed++;
  }
  const hours = [...firstDecision.values()]
    .map(
      (r) => (Date.parse(r.created_at) - Date.parse(collectedAt.get(r.item_id) ?? r.created_at)) / 3_600_000,
    )
    .sort((a, b) => a - b);
  const median =
    hours.length === 0
      ? null
      : ((hours[Math.floor((hours.length - 1) / 2)] as number) +
          (hours[Math.ceil((hours.length - 1) / 2)] as number)) /
        2;
  return {
    period: { from, to },
    items_collected: items.length,
    flagged: { total: flagged, by_label: byLabel, by_ideology: byIdeology },
    reviewed: firstDecision.size,
    confirmed,
    overturned,
    precision_by_review:
      confirmed + overturned > 0 ? Number((confirmed / (confirmed + overturned)).toFixed(3)) : null,
    referrals: new Set(reviews.filter((r) => r.decision === 'referred').map((r) => r.item_id)).size,
    median_hours_collection_to_decision: median === null ? null : Number(median.toFixed(2)),
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function transparencyHtml(r: TransparencyReport): string {
  const row = (k: string, v: unknown) => `<tr><th>${esc(k)}</th><td>${esc(String(v ?? '—'))}</td></tr>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vigil transparency report</title></head><body>
<h1>Transparency report</h1><p>${esc(r.period.from)} – ${esc(r.period.to)}</p>
<table>${row('Items collected', r.items_collected)}${row('Flagged', r.flagged.total)}${Object.entries(
    r.flagged.by_label,
  )
    .map(([k, v]) => row(`Flagged: ${k}`, v))
    .join('')}${Object.entries(r.flagged.by_ideology)
    .map(([k, v]) => row(`Flagged, ideology: ${k}`, v))
    .join(
      '',
    )}${row('Reviewed', r.reviewed)}${row('Confirmed', r.confirmed)}${row('Overturned', r.overturned)}${row('Precision measured by review', r.precision_by_review)}${row('Referrals', r.referrals)}${row('Median hours from collection to decision', r.median_hours_collection_to_decision)}</table>
</body></html>`;
}
