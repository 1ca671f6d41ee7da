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
  /** ISO 639-1 from the optional `language` column: groups the figures, never given to the detector. */
  language?: string;
}

/** Figures for the cases of one language (the CSV's `language` column). */
export interface LanguageFigures {
  n: number;
  flag_accuracy: number;
  /** Null when the language has no case labelled none. */
  false_positive_rate_on_none: number | null;
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
  /** Present only when the CSV has a `language` column: figures per gold language. */
  per_language?: Record<string, LanguageFigures>;
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
      ...(r.language?.trim() ? { language: r.language.trim().toLowerCase() } : {}),
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
  const perLang: Record<string, { n: number; flag: number; none: number; noneFlagged: number }> = {};
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
    if (c.language) {
      const g = perLang[c.language] ?? { n: 0, flag: 0, none: 0, noneFlagged: 0 };
      perLang[c.language] = g;
      g.n++;
      if (isFlagOk) g.flag++;
      if (gold.size === 0) {
        g.none++;
        if (pred.size > 0) g.noneFlagged++;
      }
    }
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
    ...(Object.keys(perLang).length > 0
      ? {
          per_language: Object.fromEntries(
            Object.entries(perLang).map(([k, v]) => [
              k,
              {
                n: v.n,
                flag_accuracy: r3(v.flag / v.n),
                false_positive_rate_on_none: v.none > 0 ? r3(v.noneFlagged / v.none) : null,
              },
            ]),
          ),
        }
      : {}),
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

/** One article of an article set (JSONL): journalism that quotes extremist messages. */
export interface ArticleCase {
  id: string;
  text: string;
  context: string;
  /** The messages the article quotes: their text (or pieces) as it appears, and their labels. */
  quotes: { text: string; pieces?: string[]; labels: Label[] }[];
}

export interface ArticleReport {
  articles: number;
  context_accuracy: number;
  flagged: number;
  referred: number;
  quotes: number;
  harmful_quotes: number;
  harmful_found: number;
  harmful_flagged: number;
  harmful_right_label: number;
  harmless_flagged: number;
  split_quotes: number;
  split_joined: number;
}

/** Reads an article set; a bad line names its number. */
export function readArticleJsonl(file: string): ArticleCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      let r: {
        id?: string;
        text?: string;
        context?: string;
        quotes?: { text?: string; pieces?: string[]; labels?: string }[];
      };
      try {
        r = JSON.parse(line);
      } catch {
        throw new VigilError('BAD_INPUT', `eval: ${file} line ${i + 1} is not JSON`);
      }
      if (typeof r.text !== 'string')
        throw new VigilError('BAD_INPUT', `eval: ${file} line ${i + 1}: no "text"`);
      return [
        {
          id: r.id ?? String(i + 1),
          text: r.text,
          context: r.context ?? 'reporting',
          quotes: (r.quotes ?? []).map((q) => ({
            text: q.text ?? '',
            pieces: q.pieces,
            labels: (q.labels ?? 'none') === 'none' ? [] : ((q.labels ?? '').split('|') as Label[]),
          })),
        },
      ];
    });
}

/**
 * Scores analyses of articles: the article's own verdict (context, labels, action) and, per
 * quoted message, whether a quote the detector found covers it, is flagged, and with a right label.
 */
export function scoreArticles(cases: readonly ArticleCase[], analyses: readonly Analysis[]): ArticleReport {
  const r: ArticleReport = {
    articles: cases.length,
    context_accuracy: 0,
    flagged: 0,
    referred: 0,
    quotes: 0,
    harmful_quotes: 0,
    harmful_found: 0,
    harmful_flagged: 0,
    harmful_right_label: 0,
    harmless_flagged: 0,
    split_quotes: 0,
    split_joined: 0,
  };
  let contextOk = 0;
  cases.forEach((c, i) => {
    const a = analyses[i] as Analysis;
    if (a.context === c.context) contextOk++;
    if (a.labels.length > 0) r.flagged++;
    if (a.action === 'refer') r.referred++;
    for (const q of c.quotes) {
      r.quotes++;
      const parts = q.pieces && q.pieces.length > 1 ? q.pieces : [q.text];
      const spans = parts.map((p) => {
        const at = c.text.indexOf(p);
        return { start: at, end: at + p.length };
      });
      if (spans.some((s) => s.start < 0)) continue;
      const first = spans[0] as { start: number; end: number };
      const covering = a.quotes.filter((x) => x.start < first.end && x.end > first.start);
      const labels = new Set(covering.flatMap((x) => x.analysis.labels.map((l) => l.label)));
      if (parts.length > 1) {
        r.split_quotes++;
        if (covering.some((x) => spans.every((s) => x.start < s.end && x.end > s.start))) r.split_joined++;
      }
      if (q.labels.length === 0) {
        if (labels.size > 0) r.harmless_flagged++;
        continue;
      }
      r.harmful_quotes++;
      if (covering.length > 0) r.harmful_found++;
      if (labels.size > 0) r.harmful_flagged++;
      if (q.labels.some((l) => labels.has(l))) r.harmful_right_label++;
    }
  });
  r.context_accuracy = r3(contextOk / Math.max(1, cases.length));
  return r;
}
