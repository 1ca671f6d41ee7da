/**
 * One table of every measurement of the detector (`npm run eval:all`):
 *   - the functional suites: the project's own (test/functional) and the blind sets (test/blind),
 *     written from the functionality definitions by people who had not read the detector;
 *   - the blind news articles: the article's verdict and each quoted extremist message's;
 *   - HateXplain validation (hatespeech → flagged) and the counter-speech replies (gold val);
 *   - leave-one-dataset-out: a model trained on every public set but one, measured on the one
 *     left out (at most 3,000 rows each, drawn evenly), so no figure comes from a set it saw.
 * `--no-lodo` skips the six trainings (about five minutes on two cores). `--no-fresh` leaves out
 * the blind sets not yet in `USED_SETS`, so a tuning run cannot measure a fresh set by accident;
 * the used sets are training data, and their rows say so. Public benchmark suites
 * (HateCheck, ETHOS, the HateXplain and Gab test splits, Stormfront's test sample) are not here on
 * purpose: they are the outside yardstick, measured by others.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, readArticleJsonl, readEvalCsv, scoreArticles } from '../src/analyze/evaluation.js';
import { loadDefaultDetector, WORD_VECTORS_FILE } from '../src/analyze/load.js';
import { PUBLIC_DATASETS, sharedTextRoot } from '../src/analyze/model/datasets.js';
import { englishFeaturiser } from '../src/analyze/model/english-detector.js';
import { USED_ARTICLE_SETS, USED_SETS, usedSetPath } from '../src/analyze/model/project-sets.js';
import { fitModel, trainingSources } from '../src/analyze/model/training-set.js';

const ROOT = join(import.meta.dirname, '..');
const shared = sharedTextRoot(ROOT);
const lodo = !process.argv.includes('--no-lodo');
const fresh = !process.argv.includes('--no-fresh');
const used = new Set(
  [...(USED_SETS.en ?? []), ...(USED_ARTICLE_SETS.en ?? [])].map((f) => join(ROOT, usedSetPath(f))),
);
const detector = loadDefaultDetector();
const rows: string[][] = [['set', 'n', 'flag acc', 'FP on benign', 'exact', 'context acc', 'notes']];
const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));

const suites = [
  ...['cases.csv', 'holdout.csv'].map((f) => join(ROOT, 'test/functional', f)),
  ...listBlind('.csv').filter((file) => fresh || used.has(file)),
];
for (const file of suites) {
  const { report } = evaluate(detector, readEvalCsv(file));
  const recall = Object.entries(report.per_label)
    .filter(([, m]) => m.support > 0)
    .map(([l, m]) => `${l} R${m.recall}`)
    .join(', ');
  const weakest = Object.entries(report.per_functionality)
    .sort((a, b) => a[1].flag_accuracy - b[1].flag_accuracy)
    .slice(0, 3)
    .map(([f, m]) => `${f} ${m.flag_accuracy}`)
    .join(', ');
  rows.push([
    file.replace(`${ROOT}/`, ''),
    String(report.n),
    f3(report.flag_accuracy),
    f3(report.false_positive_rate_on_none),
    f3(report.exact_match),
    f3(report.context_accuracy),
    `${used.has(file) ? 'used (trained on); ' : ''}${recall}; weakest: ${weakest}`,
  ]);
}

for (const file of listBlind('.jsonl').filter((f) => fresh || used.has(f))) {
  const cases = readArticleJsonl(file);
  const r = scoreArticles(
    cases,
    cases.map((c) => detector.analyze({ text: c.text, platform: 'news' })),
  );
  rows.push([
    file.replace(`${ROOT}/`, ''),
    String(r.articles),
    '—',
    f3(r.flagged / r.articles),
    '—',
    f3(r.context_accuracy),
    `${used.has(file) ? 'used (measured before); ' : ''}referred ${r.referred}; quoted extremist messages found ${r.harmful_found}/${r.harmful_quotes}, flagged ${r.harmful_flagged}, right label ${r.harmful_right_label}; harmless quotes flagged ${r.harmless_flagged}; split quotes joined ${r.split_joined}/${r.split_quotes}`,
  ]);
}

if (shared) {
  const hx = join(shared, 'hatexplain/hatexplain_val.csv');
  const { report } = evaluate(detector, readEvalCsv(hx));
  rows.push([
    'HateXplain validation',
    String(report.n),
    f3(report.flag_accuracy),
    f3(report.false_positive_rate_on_none),
    '—',
    '—',
    `hate P${report.per_label.identity_attack.precision} R${report.per_label.identity_attack.recall}`,
  ]);
  const replies = readFileSync(join(shared, 'counter_context/gold/val.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { label: string; target: string });
  const flaggedShare = (label: string) => {
    const set = replies.filter((r) => r.label === label);
    const flagged = set.filter((r) => detector.analyze({ text: r.target }).labels.length > 0).length;
    return { n: set.length, share: flagged / Math.max(1, set.length) };
  };
  const counter = flaggedShare('2');
  const neutral = flaggedShare('1');
  const hate = flaggedShare('0');
  rows.push([
    'counter-speech replies (gold val)',
    String(counter.n + neutral.n + hate.n),
    '—',
    f3((counter.share * counter.n + neutral.share * neutral.n) / (counter.n + neutral.n)),
    '—',
    '—',
    `flagged: counter-hate ${f3(counter.share)}, neutral ${f3(neutral.share)}, hate ${f3(hate.share)}`,
  ]);

  if (lodo) {
    const english = englishFeaturiser(ROOT, { vectorsFile: WORD_VECTORS_FILE });
    const rulesOnly = english.detector();
    for (const left of PUBLIC_DATASETS) {
      process.stderr.write(`eval: leave out ${left.name}: training…\n`);
      const sources = trainingSources(ROOT, { sharedRoot: shared, exclude: [left.name] });
      const { model } = fitModel(sources, rulesOnly, {
        name: `lodo-${left.name}`,
        version: 'eval',
        created: new Date().toISOString(),
        training: [],
        metrics: {},
        mapping: {},
      });
      const withModel = english.detector(model);
      const all = left.load(shared);
      const step = Math.max(1, Math.floor(all.length / 3000));
      const sample = all.filter((_, i) => i % step === 0).slice(0, 3000);
      let ok = 0;
      let benign = 0;
      let benignFlagged = 0;
      let harmful = 0;
      let caught = 0;
      for (const e of sample) {
        const flagged = withModel.analyze({ text: e.text }).labels.length > 0;
        const gold = e.labels.length > 0;
        if (flagged === gold) ok++;
        if (gold) {
          harmful++;
          if (flagged) caught++;
        } else {
          benign++;
          if (flagged) benignFlagged++;
        }
      }
      rows.push([
        `leave out ${left.name}`,
        String(sample.length),
        f3(ok / Math.max(1, sample.length)),
        benign > 0 ? f3(benignFlagged / benign) : '—',
        '—',
        '—',
        harmful > 0 ? `recall ${f3(caught / harmful)} (${harmful} harmful)` : 'no harmful rows',
      ]);
    }
  }
} else {
  process.stderr.write('eval: ../shared/data/text not found: public sets and leave-one-out skipped\n');
}

const widths = rows[0]?.map((_, c) => Math.min(60, Math.max(...rows.map((r) => (r[c] ?? '').length)))) ?? [];
for (const r of rows) {
  const cells = r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)));
  console.log(`| ${cells.join(' | ')} |`);
}

function listBlind(ext: string): string[] {
  const dir = join(ROOT, 'test/blind');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}
