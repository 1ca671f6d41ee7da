/**
 * Leave-one-writer-out figures for the used evaluation sets (`npm run eval:used-sets`): for each
 * used set of a language, a model trained on everything else (the other used sets included) is
 * measured on the set left out, beside a model trained without any used set. Each set was written
 * by a different hand, so the left-out figure is how the model meets a writer it never read, which
 * is what first contact measures; the first-contact figures in the README stay the honest ones.
 *
 *   npm run eval:used-sets [-- --lang fr] [-- blind-17.csv threats-12.csv]
 *
 * English trainings take about 40 s each on two cores; the other languages a few seconds.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Detector } from '../src/analyze/detector.js';
import { evaluate, readEvalCsv } from '../src/analyze/evaluation.js';
import { WORD_VECTORS_FILE } from '../src/analyze/load.js';
import { sharedTextRoot } from '../src/analyze/model/datasets.js';
import { englishFeaturiser } from '../src/analyze/model/english-detector.js';
import { languageDetector } from '../src/analyze/model/language-detector.js';
import { languageTrainingSources } from '../src/analyze/model/language-training.js';
import type { LinearModel } from '../src/analyze/model/linear-model.js';
import { USED_SETS, usedSetPath } from '../src/analyze/model/project-sets.js';
import { fitModel, type TrainingSource, trainingSources } from '../src/analyze/model/training-set.js';

const ROOT = join(import.meta.dirname, '..');
const shared = sharedTextRoot(ROOT);
const args = process.argv.slice(2);
const langAt = args.indexOf('--lang');
const language = langAt >= 0 ? (args[langAt + 1] ?? 'en') : 'en';
const named = args.filter((a, i) => a !== '--lang' && i !== langAt + 1);
const all = (USED_SETS[language] ?? []).map(usedSetPath).filter((p) => existsSync(join(ROOT, p)));
const held = named.length > 0 ? all.filter((p) => named.some((n) => p.endsWith(n))) : all;
if (held.length === 0) {
  process.stderr.write(`eval:used-sets: no used set of "${language}" matches ${named.join(', ')}\n`);
  process.exit(1);
}
if (!shared) process.stderr.write('eval:used-sets: ../shared/data/text not found; public sets left out\n');

const manifest = (name: string) => ({
  name,
  version: 'eval',
  created: new Date().toISOString(),
  training: [],
  metrics: {},
  mapping: {},
});
const scratch = mkdtempSync(join(tmpdir(), 'vigil-used-sets-'));

/** The sources of `language` without the used sets named in `exclude`, and the detector to measure with. */
function setup(exclude: readonly string[]): {
  sources: TrainingSource[];
  detect: (m?: LinearModel) => Detector;
} {
  if (language === 'en') {
    const english = englishFeaturiser(ROOT, { vectorsFile: WORD_VECTORS_FILE });
    return {
      sources: trainingSources(ROOT, { sharedRoot: shared, exclude }),
      detect: (model) => english.detector(model),
    };
  }
  return {
    sources: languageTrainingSources(ROOT, language, { sharedRoot: shared, nonCommercial: false, exclude }),
    detect: (model) => {
      if (!model) return languageDetector(ROOT, language, null);
      const path = join(scratch, `${language}.bin`);
      model.save(path);
      return languageDetector(ROOT, language, path);
    },
  };
}

function train(exclude: readonly string[], name: string): Detector {
  const { sources, detect } = setup(exclude);
  const rulesOnly = detect();
  return detect(fitModel(sources, rulesOnly, manifest(name)).model);
}

const f3 = (x: number) => x.toFixed(3);
function line(tag: string, path: string, detector: Detector): string {
  const { report } = evaluate(detector, readEvalCsv(join(ROOT, path)));
  const recall = Object.entries(report.per_label)
    .filter(([, m]) => m.support > 0)
    .map(([l, m]) => `${l} ${m.recall}`)
    .join(', ');
  return `| ${path} | ${tag} | ${report.n} | ${f3(report.flag_accuracy)} | ${f3(report.false_positive_rate_on_none)} | ${recall} |`;
}

console.log('| set left out | model | n | flag acc | FP on benign | recall |');
console.log('|---|---|---|---|---|---|');
const without = train(all, 'without-used-sets');
for (const path of held) {
  process.stderr.write(`eval:used-sets: leave out ${path}: training…\n`);
  console.log(line('without any used set', path, without));
  console.log(line('with the others', path, train([path], `leave-out-${path}`)));
}
rmSync(scratch, { recursive: true, force: true });
