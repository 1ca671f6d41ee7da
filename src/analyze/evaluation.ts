import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { type Analysis, LABELS, type Label, VigilError } from '../domain/index.js';
import type { Detector } from './detector.js';

/** One row of the evaluation format (`id,functionality,text,labels,context,ideology,target`). */
export interface EvalCase {
  id: string;
  functionality: string;
  text: string;
  labels: Label[];
  context: string;
  ideology: string;
  target: string;
}

export interface EvalReport {
  n: number;
  exact_match: number;
  flag_accuracy: number;
  macro_f1: number;
  per_label: Record<Label, { precision: number; recall: number; f1: number; support: number }>;
  false_positive_rate_on_none: number;
  context_accuracy: number | null;
  ideology_accuracy: number | null;
  per_functionality: Record<string, { n: number; exact_match: number; flag_accuracy: number }>;
  items_per_second: number;
}

/** Reads an evaluation CSV; a bad label names the row. */
export function readEvalCsv(file: string): EvalCase[] {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    throw new VigilError('BAD_INPUT', `eval: ${file} is not a readable CSV (${(error as Error).message})`);
  }
  const first = records[0];
  // HateXplain's layout is read as a measurement set: hatespeech → flagged, the rest → none.
  if (first && 'label_majority' in first && 'post_id' in first) {
    return records.map((r) => ({
      id: r.post_id ?? '',
      functionality: `hatexplain_${r.label_majority}`,
      text: r.text ?? '',
      labels: r.label_majority === 'hatespeech' ? (['identity_attack'] as Label[]) : [],
      context: '',
      ideology: '',
      target: '',
    }));
  }
  const needed = ['id', 'text', 'labels'];
  if (first)
    for (const c of needed)
      if (!(c in first)) throw new VigilError('BAD_INPUT', `eval: ${file} has no "${c}" column`);
  return records.map((r, i) => {
    const raw = (r.labels ?? '').trim();
    const labels = raw === '' || raw === 'none' ? [] : raw.split('|').map((l) => l.trim());
    for (const l of labels) {
      if (!(LABELS as readonly string[]).includes(l)) {
        throw new VigilError('BAD_INPUT', `eval: ${file} row ${i + 2} (id ${r.id}): unknown label "${l}"`);
      }
    }
    return {
      id: r.id ?? String(i + 1),
      functionality: r.functionality ?? '',
      text: r.text ?? '',
      labels: labels as Label[],
      context: r.context ?? '',
      ideology: r.ideology ?? '',
      target: r.target ?? '',
    };
  });
}

export interface Prediction {
  labels: Label[];
  context: string;
  ideology: string;
}

export function predictionOf(a: Analysis): Prediction {
  return { labels: a.labels.map((l) => l.label), context: a.context, ideology: a.ideology.label };
}

/** Scores predictions against gold cases, as `vigil eval --json` reports them. */
export function scoreEvaluation(
  cases: readonly EvalCase[],
  predictions: readonly Prediction[],
  seconds: number,
): EvalReport {
  const n = cases.length;
  let exact = 0;
  let flagOk = 0;
  let noneTotal = 0;
  let noneFlagged = 0;
  let ctxTotal = 0;
  let ctxOk = 0;
  let ideTotal = 0;
  let ideOk = 0;
  const perLabel = Object.fromEntries(LABELS.map((l) => [l, { tp: 0, fp: 0, fn: 0 }])) as Record<
    Label,
    { tp: number; fp: number; fn: number }
  >;
  const perFunc: Record<string, { n: number; exact: number; flag: number }> = {};
  cases.forEach((c, i) => {
    const p = predictions[i] as Prediction;
    const gold = new Set(c.labels);
    const pred = new Set(p.labels);
    const isExact = gold.size === pred.size && [...gold].every((l) => pred.has(l));
    const isFlagOk = gold.size > 0 === pred.size > 0;
    if (isExact) exact++;
    if (isFlagOk) flagOk++;
    if (gold.size === 0) {
      noneTotal++;
      if (pred.size > 0) noneFlagged++;
    }
    for (const l of LABELS) {
      const g = gold.has(l);
      const q = pred.has(l);
      if (g && q) perLabel[l].tp++;
      else if (q) perLabel[l].fp++;
      else if (g) perLabel[l].fn++;
    }
    if (c.context) {
      ctxTotal++;
      if (c.context === p.context) ctxOk++;
    }
    if (c.ideology) {
      ideTotal++;
      if (c.ideology === p.ideology) ideOk++;
    }
    const key = c.functionality || '(none)';
    const f = perFunc[key] ?? { n: 0, exact: 0, flag: 0 };
    perFunc[key] = f;
    f.n++;
    if (isExact) f.exact++;
    if (isFlagOk) f.flag++;
  });
  const per_label = Object.fromEntries(
    LABELS.map((l) => {
      const { tp, fp, fn } = perLabel[l];
      const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
      const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
      const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      return [l, { precision: r3(precision), recall: r3(recall), f1: r3(f1), support: tp + fn }];
    }),
  ) as EvalReport['per_label'];
  const supported = LABELS.filter((l) => per_label[l].support > 0);
  return {
    n,
    exact_match: r3(exact / Math.max(1, n)),
    flag_accuracy: r3(flagOk / Math.max(1, n)),
    macro_f1: r3(supported.reduce((s, l) => s + per_label[l].f1, 0) / Math.max(1, supported.length)),
    per_label,
    false_positive_rate_on_none: r3(noneFlagged / Math.max(1, noneTotal)),
    context_accuracy: ctxTotal > 0 ? r3(ctxOk / ctxTotal) : null,
    ideology_accuracy: ideTotal > 0 ? r3(ideOk / ideTotal) : null,
    per_functionality: Object.fromEntries(
      Object.entries(perFunc).map(([k, v]) => [
        k,
        { n: v.n, exact_match: r3(v.exact / v.n), flag_accuracy: r3(v.flag / v.n) },
      ]),
    ),
    items_per_second: Math.round(n / Math.max(seconds, 1e-9)),
  };
}

/** Runs the detector over the cases and scores it. */
export function evaluate(
  detector: Detector,
  cases: readonly EvalCase[],
): { report: EvalReport; predictions: Prediction[] } {
  const started = performance.now();
  const predictions = cases.map((c) => predictionOf(detector.analyze({ text: c.text })));
  const seconds = (performance.now() - started) / 1000;
  return { report: scoreEvaluation(cases, predictions, seconds), predictions };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
