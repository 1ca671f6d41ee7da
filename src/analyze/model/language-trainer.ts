import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { languageDetector } from './language-detector.js';
import {
  labelSupport,
  labelsCarriedByRules,
  languageManifest,
  languageTestSets,
  languageTrainingSources,
  measureHeldOut,
} from './language-training.js';
import { fitModel } from './training-set.js';

export interface LanguageTrainingRun {
  root: string;
  language: string;
  /** The shared public data, or null to train on the corpus alone. */
  sharedRoot: string | null;
  /** Whether sets under a non-commercial licence may be used (never for a shipped model). */
  nonCommercial: boolean;
  /** Corpus files instead of data/corpus/<language>/*.csv. */
  corpus?: string[];
  epochs: number;
  /** The model file to write; its manifest goes beside it. */
  out: string;
  onProgress?: (done: number, total: number) => void;
  onEpoch?: (epoch: number, loss: number) => void;
}

/** What a run wrote: the manifest as saved beside the model. */
export type LanguageModelManifest = ReturnType<typeof languageManifest> & {
  language: string;
  label_support: ReturnType<typeof labelSupport>;
  carried_by_rules_and_synthetic: { labels: string[]; note: string };
  measurement_sets: { dataset: string; use: string }[];
  licence_note?: string;
};

/**
 * Trains one language pack's model with the same trainer as English, measures each public set's
 * held-out split through the whole detector with the new model, and writes the model and its
 * manifest beside it (`manifestPathFor`).
 */
export function trainLanguageModel(run: LanguageTrainingRun): LanguageModelManifest {
  const sources = languageTrainingSources(run.root, run.language, {
    corpus: run.corpus,
    sharedRoot: run.sharedRoot,
    nonCommercial: run.nonCommercial,
  });
  const manifest = languageManifest(run.language, sources);
  const rulesOnly = languageDetector(run.root, run.language, null);
  const { model } = fitModel(sources, rulesOnly, manifest, {
    epochs: run.epochs,
    onProgress: run.onProgress,
    onEpoch: run.onEpoch,
  });
  mkdirSync(dirname(run.out), { recursive: true });
  model.save(run.out);
  const tests = run.sharedRoot
    ? languageTestSets(run.sharedRoot, run.language, { nonCommercial: run.nonCommercial })
    : [];
  // Measured as users run it: the pack's rules, the new model, the detector's thresholds.
  const detector = languageDetector(run.root, run.language, run.out);
  manifest.metrics = {
    held_out_detector: Object.fromEntries(
      tests.map((t) => [
        t.name,
        { rows: t.examples.length, ...measureHeldOut(detector, t.examples, run.language) },
      ]),
    ),
  };
  model.save(run.out);
  const nonCommercial = sources.filter((s) => /non-commercial/i.test(s.licence)).map((s) => s.name);
  const full: LanguageModelManifest = {
    ...manifest,
    language: run.language,
    label_support: labelSupport(sources),
    carried_by_rules_and_synthetic: {
      labels: labelsCarriedByRules(sources),
      note: `no public ${run.language} set used here annotates these labels (weak labels at a row weight below 1 aside): the lexicons (lexicons/${run.language}/), the rules and the synthetic corpus (data/corpus/${run.language}/) carry them`,
    },
    measurement_sets: tests.map((t) => ({
      dataset: t.name,
      use: `measurement only, never trained on: ${t.split}`,
    })),
    ...(nonCommercial.length > 0
      ? {
          licence_note: `trained on ${nonCommercial.join(', ')} under a non-commercial licence: for its user's own non-commercial use only; do not redistribute or ship this model`,
        }
      : {}),
  };
  writeFileSync(manifestPathFor(run.out), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

/** A model's manifest path: beside it, named after it (`vigil-linear.bin` → `vigil-linear.manifest.json`). */
export function manifestPathFor(modelPath: string): string {
  return `${modelPath.replace(/\.bin$/, '')}.manifest.json`;
}
