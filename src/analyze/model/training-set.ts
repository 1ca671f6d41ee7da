import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LABELS, type Label } from '../../domain/index.js';
import type { Detector } from '../detector.js';
import { type Example, loadCorpus, PUBLIC_DATASETS } from './datasets.js';
import type { LinearModel, ModelManifest } from './linear-model.js';
import { usedSetSources, writtenSources } from './project-sets.js';
import { type TrainingRow, trainLinearModel } from './train.js';

/** One body of training examples, with its licence and how its labels were mapped. */
export interface TrainingSource {
  name: string;
  licence: string;
  mapping: string;
  examples: Example[];
  weight: number;
  /** The labels the source annotates (all six for the project's corpus). */
  covers: readonly Label[];
}

/** A model's manifest before its metrics are measured: what it was trained on, under which licences. */
export function trainingManifest(
  name: string,
  sources: readonly TrainingSource[],
  now: Date = new Date(),
): ModelManifest {
  return {
    name,
    version: now.toISOString().slice(0, 10),
    created: now.toISOString(),
    training: sources.map((s) => ({
      dataset: s.name,
      rows: s.examples.length,
      licence: s.licence,
      use: `training (90%) and calibration (10%), row weight ${s.weight}`,
    })),
    metrics: {},
    mapping: Object.fromEntries(sources.map((s) => [s.name, s.mapping])),
  };
}

/** The synthetic corpus weighs more than one public row: it alone teaches four of the six labels. */
const CORPUS_WEIGHT = 2;

/**
 * Vigil's corpus files (evaluation-format CSVs in data/corpus/), the training sets written for it
 * (data/written/en/), its used evaluation sets and the public sets, minus the sources named in
 * `exclude`.
 */
export function trainingSources(
  root: string,
  options: { corpus?: string[]; sharedRoot: string | null; exclude?: readonly string[] },
): TrainingSource[] {
  const corpus =
    options.corpus ??
    readdirSync(join(root, 'data/corpus'))
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(root, 'data/corpus', f));
  const out: TrainingSource[] = corpus.map((file) => ({
    name: file.replace(`${root}/`, ''),
    licence: 'project (synthetic)',
    mapping: 'labels as written',
    examples: loadCorpus(file),
    weight: CORPUS_WEIGHT,
    covers: LABELS,
  }));
  out.push(...writtenSources(root, 'en'), ...usedSetSources(root, 'en', options.exclude));
  if (options.sharedRoot) {
    for (const d of PUBLIC_DATASETS) {
      if (options.exclude?.includes(d.name)) continue;
      out.push({
        name: d.name,
        licence: d.licence,
        mapping: d.mapping,
        examples: d.load(options.sharedRoot),
        weight: d.weight,
        covers: d.covers,
      });
    }
  }
  return out;
}

/**
 * Featurises every example through the detector's own voice path (rules only: the model's input
 * must not depend on a model) and trains; every tenth row is held out for calibration.
 */
export function fitModel(
  sources: readonly TrainingSource[],
  rulesOnly: Detector,
  manifest: ModelManifest,
  options: {
    epochs?: number;
    onProgress?: (done: number, total: number) => void;
    onEpoch?: (e: number, loss: number) => void;
  } = {},
): { model: LinearModel; held: TrainingRow[] } {
  const all = sources.flatMap((s) => {
    const covers = new Set(s.covers);
    return s.examples.map((e) => ({ ...e, weight: s.weight, covers: e.covers ? new Set(e.covers) : covers }));
  });
  const rows: TrainingRow[] = [];
  all.forEach((e, i) => {
    rows.push({
      x: rulesOnly.features(e.text),
      labels: new Set(e.labels),
      weight: e.weight,
      covers: e.covers,
    });
    if (i % 1000 === 0) options.onProgress?.(i, all.length);
  });
  options.onProgress?.(all.length, all.length);
  // Weak labels (row weight below 1) train but never calibrate: calibration needs labels it can trust.
  const held = rows.filter((r, i) => i % 10 === 0 && r.weight >= 1);
  const train = rows.filter((r, i) => i % 10 !== 0 || r.weight < 1);
  const model = trainLinearModel(train, held, manifest, { epochs: options.epochs, onEpoch: options.onEpoch });
  model.manifest.version = `${model.manifest.version}+${model.digest()}`;
  return { model, held };
}
