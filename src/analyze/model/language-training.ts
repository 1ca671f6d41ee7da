import { join } from 'node:path';
import { LABELS, type Label } from '../../domain/index.js';
import type { Detector } from '../detector.js';
import { type Example, loadCorpus } from './datasets.js';
import { languageDatasets, type Split } from './language-datasets.js';
import type { ModelManifest } from './linear-model.js';
import { csvFilesIn, isProjectData, usedSetSources, writtenSources } from './project-sets.js';
import { type TrainingSource, trainingManifest } from './training-set.js';

/**
 * Training a language pack's model: the same trainer, features and calibration as English
 * (`fitModel`), fed the language's public sets (train splits only) and its synthetic corpus.
 */

/**
 * The languages whose models Vigil ships. Spanish ships a model of the project's own data only
 * (synthetic corpus, written training sets, used blind sets): its only public set is licensed for
 * non-commercial use (see `LANGUAGE_DATASETS`), and no shipped model learns from it.
 */
export const SHIPPED_LANGUAGES: readonly string[] = ['ar', 'fr', 'de', 'es'];

/** The synthetic corpus weighs like English's: it alone teaches four of the six labels. */
const CORPUS_WEIGHT = 2;

/** The language's synthetic corpus files (evaluation-format CSVs in data/corpus/<code>/). */
export function languageCorpusFiles(root: string, language: string): string[] {
  return csvFilesIn(join(root, 'data', 'corpus', language));
}

/**
 * A language's training sources: its corpus files, the training sets written for it
 * (data/written/<code>/), its used evaluation sets and the train split of each public set in the
 * language. Sets under a non-commercial licence come only with `nonCommercial: true`, which
 * nothing that builds a shipped model passes.
 */
export function languageTrainingSources(
  root: string,
  language: string,
  options: {
    corpus?: string[];
    sharedRoot: string | null;
    nonCommercial: boolean;
    exclude?: readonly string[];
  },
): TrainingSource[] {
  const corpus = options.corpus ?? languageCorpusFiles(root, language);
  const out: TrainingSource[] = corpus.map((file) => ({
    name: file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file,
    licence: 'project (synthetic)',
    mapping: 'labels as written',
    examples: loadCorpus(file),
    weight: CORPUS_WEIGHT,
    covers: LABELS,
  }));
  out.push(...writtenSources(root, language), ...usedSetSources(root, language, options.exclude));
  if (options.sharedRoot) {
    for (const d of languageDatasets(language, { nonCommercial: options.nonCommercial })) {
      out.push({
        name: d.name,
        licence: d.licence,
        mapping: d.mapping,
        examples: d.load(options.sharedRoot, 'train'),
        weight: d.weight,
        covers: d.covers,
      });
    }
  }
  return out;
}

/** Each set's held-out split, for measuring a model that never saw it. */
export function languageTestSets(
  sharedRoot: string,
  language: string,
  options: { nonCommercial: boolean },
): { name: string; split: string; examples: Example[] }[] {
  return languageDatasets(language, options)
    .map((d) => ({ name: d.name, split: d.split, examples: d.load(sharedRoot, 'test' satisfies Split) }))
    .filter((s) => s.examples.length > 0);
}

/** Positive training rows per label, counted over the sources that annotate the label. */
export function labelSupport(sources: readonly TrainingSource[]): Record<Label, number> {
  const out = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  for (const s of sources)
    for (const e of s.examples) for (const l of e.labels) if ((e.covers ?? s.covers).includes(l)) out[l]++;
  return out;
}

/** Labels no public set in the language teaches: the lexicons, rules and synthetic corpus carry them. */
export function labelsCarriedByRules(sources: readonly TrainingSource[]): Label[] {
  const taught = new Set<Label>();
  for (const s of sources) {
    if (isProjectData(s.licence) || s.weight < 1) continue;
    for (const e of s.examples) for (const l of e.labels) taught.add(l);
  }
  return LABELS.filter((l) => !taught.has(l));
}

/** The manifest of a language model, before its metrics are measured. */
export function languageManifest(
  language: string,
  sources: readonly TrainingSource[],
  now: Date = new Date(),
): ModelManifest {
  return trainingManifest(`vigil-linear-${language}`, sources, now);
}

/** Precision, recall and F1 of a yes/no decision, with the positives' count. */
export interface BinaryScore {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  false_positive_rate: number;
  n: number;
}

/** Scores predictions against gold; `null` gold rows (unannotated) are skipped. */
export function binaryScore(pairs: readonly { gold: boolean | null; predicted: boolean }[]): BinaryScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const { gold, predicted } of pairs) {
    if (gold === null) continue;
    if (gold && predicted) tp++;
    else if (gold) fn++;
    else if (predicted) fp++;
    else tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    precision: r3(precision),
    recall: r3(recall),
    f1: r3(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    support: tp + fn,
    false_positive_rate: r3(fp + tn ? fp / (fp + tn) : 0),
    n: tp + fp + fn + tn,
  };
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * A held-out split measured through the whole detector (voices, rules, model, thresholds,
 * evidence), told the set's language as `--lang` does (identification is measured apart, by
 * `eval:germeval`): `identity_attack` against the rows that annotate it, and "any label" against
 * rows that are hateful (gold positive) or benign for every label (gold negative).
 */
export function measureHeldOut(
  detector: Pick<Detector, 'analyze'>,
  examples: readonly Example[],
  language: string,
): { identity_attack: BinaryScore; any_label: BinaryScore } {
  const rows = examples.map((e) => {
    const labels = new Set(detector.analyze({ text: e.text, language }).labels.map((l) => l.label));
    const covers = new Set(e.covers ?? LABELS);
    const gold = e.labels.length > 0;
    return {
      identity: {
        gold: covers.has('identity_attack') ? e.labels.includes('identity_attack') : null,
        predicted: labels.has('identity_attack'),
      },
      any: { gold: gold ? true : covers.size === LABELS.length ? false : null, predicted: labels.size > 0 },
    };
  });
  return {
    identity_attack: binaryScore(rows.map((r) => r.identity)),
    any_label: binaryScore(rows.map((r) => r.any)),
  };
}
