/**
 * Measures the German detector on the GermEval 2018 official test split (`npm run eval:germeval`),
 * which no model or lexicon was trained or tuned on (training reads only the train split).
 *
 * GermEval labels offensive language, a wider thing than Vigil's six labels, so two comparisons:
 *   - any Vigil label against OFFENSE (ABUSE, INSULT, PROFANITY) — recall here is bounded: insults
 *     at individuals and swearing are not Vigil's targets;
 *   - identity_attack against ABUSE (degrading or dehumanising, often aimed at groups), the closest
 *     GermEval class to an identity attack.
 * False-positive rates are on OTHER rows. How often INSULT and PROFANITY rows get a label is
 * reported apart: a low rate there is the intended behaviour, not a miss.
 *
 *   npm run eval:germeval [-- --lang] [-- --json]
 */
import { join } from 'node:path';
import { loadDefaultDetector } from '../src/analyze/load.js';
import { sharedTextRoot } from '../src/analyze/model/datasets.js';
import { germevalTestRows } from '../src/analyze/model/language-datasets.js';
import { binaryScore } from '../src/analyze/model/language-training.js';

const ROOT = join(import.meta.dirname, '..');
const shared = sharedTextRoot(ROOT);
if (!shared) {
  process.stderr.write('eval:germeval: ../shared/data/text not found\n');
  process.exit(1);
}
// The detector as users run it: every pack, the language identified per tweet; `--lang de` tells
// it the language instead, as `vigil analyze --lang de` does.
const detector = loadDefaultDetector();
const told = process.argv.includes('--lang') ? 'de' : null;
const rows = germevalTestRows(shared);
const identified: Record<string, number> = {};
const started = performance.now();
const results = rows.map((r) => {
  const analysis = detector.analyze({ text: r.text, language: told });
  const code = analysis.language?.code ?? 'und';
  identified[code] = (identified[code] ?? 0) + 1;
  const labels = new Set(analysis.labels.map((l) => l.label));
  return { fine: r.fine, any: labels.size > 0, identity: labels.has('identity_attack'), labels };
});
const seconds = (performance.now() - started) / 1000;

const flaggedShare = (fine: string, pick: (r: (typeof results)[number]) => boolean) => {
  const of = results.filter((r) => r.fine === fine);
  return {
    n: of.length,
    flagged: of.filter(pick).length,
    rate: r3(of.filter(pick).length / Math.max(1, of.length)),
  };
};
const perLabel: Record<string, number> = {};
for (const r of results) for (const l of r.labels) perLabel[l] = (perLabel[l] ?? 0) + 1;

const report = {
  dataset: 'germeval2018 test split (official gold)',
  language: told ? 'told (--lang de)' : 'identified per tweet',
  identified_as: identified,
  n: results.length,
  any_label_vs_offense: binaryScore(results.map((r) => ({ gold: r.fine !== 'OTHER', predicted: r.any }))),
  identity_attack_vs_abuse: binaryScore(
    results
      .filter((r) => r.fine === 'ABUSE' || r.fine === 'OTHER')
      .map((r) => ({ gold: r.fine === 'ABUSE', predicted: r.identity })),
  ),
  identity_attack_vs_abuse_all_rows: binaryScore(
    results.map((r) => ({ gold: r.fine === 'ABUSE', predicted: r.identity })),
  ),
  not_vigil_targets: {
    insult_any_label: flaggedShare('INSULT', (r) => r.any),
    insult_identity_attack: flaggedShare('INSULT', (r) => r.identity),
    profanity_any_label: flaggedShare('PROFANITY', (r) => r.any),
  },
  labels_given: perLabel,
  items_per_second: Math.round(results.length / seconds),
};

if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  const line = (name: string, s: ReturnType<typeof binaryScore>) =>
    `${name.padEnd(34)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  FPR ${s.false_positive_rate.toFixed(3)}  (positives ${s.support} of ${s.n})`;
  const share = (name: string, s: { n: number; flagged: number; rate: number }) =>
    `${name.padEnd(34)} ${s.flagged} of ${s.n} (${s.rate.toFixed(3)})`;
  process.stdout.write(
    [
      `GermEval 2018 test split, ${report.n} tweets, language ${report.language} ${JSON.stringify(identified)}, ${report.items_per_second} tweets/s`,
      line('any label vs OFFENSE', report.any_label_vs_offense),
      line('identity_attack vs ABUSE (vs OTHER)', report.identity_attack_vs_abuse),
      line('identity_attack vs ABUSE (all rows)', report.identity_attack_vs_abuse_all_rows),
      share('INSULT given any label', report.not_vigil_targets.insult_any_label),
      share('INSULT given identity_attack', report.not_vigil_targets.insult_identity_attack),
      share('PROFANITY given any label', report.not_vigil_targets.profanity_any_label),
      `labels given: ${JSON.stringify(report.labels_given)}`,
      '',
    ].join('\n'),
  );
}

function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
