import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_MODEL_PATH, projectRoot, WORD_VECTORS_FILE } from '../../analyze/load.js';
import { sharedTextRoot } from '../../analyze/model/datasets.js';
import { englishFeaturiser } from '../../analyze/model/english-detector.js';
import type { LinearModel } from '../../analyze/model/linear-model.js';
import type { TrainingRow } from '../../analyze/model/train.js';
import { fitModel, trainingManifest, trainingSources } from '../../analyze/model/training-set.js';
import { LABELS, type Label, VigilError } from '../../domain/index.js';
import { progressBar } from '../progress.js';
import { action } from '../run-command.js';
import { trainLanguage } from '../train-language.js';

interface TrainOptions {
  corpus?: string[];
  shared?: string | false;
  out?: string;
  epochs: string;
  vectors: boolean;
  lang?: string;
  nonCommercial?: boolean;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train the linear model from labelled CSVs (evaluation format) and the shared public data')
    .option(
      '--corpus <file...>',
      'labelled CSVs in the evaluation format, instead of data/corpus/*.csv (the written sets in data/written/ and the used blind sets are added either way)',
    )
    .option('--shared <dir>', 'folder of the public data sets (default: ../shared/data/text when present)')
    .option('--no-shared', 'train on the corpus only')
    .option(
      '--out <file>',
      `where to write the model (default: ${DEFAULT_MODEL_PATH()}; with --lang, models/<code>/vigil-linear.bin)`,
    )
    .option('--epochs <n>', 'passes over the data', '6')
    .option('--no-vectors', 'without pooled word vectors (models/word-vectors.bin)')
    .option(
      '--lang <code>',
      "train a language pack's model (lexicons/<code>/, data/corpus/<code>/, its public sets) into models/<code>/",
    )
    .option(
      '--non-commercial',
      'with --lang: also use public sets licensed for non-commercial use only (for your own use; never ship the model)',
    )
    .action(
      action(async (opts: TrainOptions) => {
        const root = projectRoot();
        const epochs = Number(opts.epochs);
        if (!Number.isInteger(epochs) || epochs < 1)
          throw new VigilError(
            'USAGE',
            `train: --epochs must be a positive whole number, not "${opts.epochs}"`,
          );
        const sharedRoot = opts.shared === false ? null : (opts.shared ?? sharedTextRoot(root));
        if (!sharedRoot && opts.shared !== false)
          process.stderr.write('train: ../shared/data/text not found; training on the corpus only\n');
        if (opts.lang && opts.lang !== 'en') {
          return trainLanguage({ ...opts, lang: opts.lang, epochs, sharedRoot });
        }
        const out = opts.out ?? DEFAULT_MODEL_PATH();
        // As for the other languages, a new directory is made: found missing only after minutes of
        // training, it would lose the model.
        mkdirSync(dirname(out), { recursive: true });
        const sources = trainingSources(root, { corpus: opts.corpus, sharedRoot });
        const manifest = trainingManifest('vigil-linear', sources);
        const english = englishFeaturiser(root, {
          vectorsFile: WORD_VECTORS_FILE,
          vectorsDir: dirname(out),
          useVectors: opts.vectors,
        });
        if (english.vectors) manifest.wordVectors = WORD_VECTORS_FILE;
        const rulesOnly = english.detector();
        const bar = progressBar('features', 'texts');
        const { model, held } = fitModel(sources, rulesOnly, manifest, {
          epochs,
          onProgress: (done, total) => bar.update(done, total, { count: done, rate: '', mb: '' }),
          onEpoch: (e, loss) => process.stderr.write(`train: epoch ${e}/${epochs} loss ${loss.toFixed(4)}\n`),
        });
        bar.stop();
        manifest.metrics = { held_out: heldOutMetrics(model, held) };
        model.save(out);
        const manifestPath = `${out.replace(/\.bin$/, '')}.manifest.json`;
        writeFileSync(
          manifestPath,
          `${JSON.stringify({ ...manifest, measurement_sets: MEASUREMENT_SETS }, null, 2)}\n`,
        );
        process.stdout.write(
          `wrote ${out} and ${manifestPath}\n${JSON.stringify(manifest.metrics, null, 2)}\n`,
        );
        return 0;
      }),
    );
}

function heldOutMetrics(model: LinearModel, rows: TrainingRow[]) {
  const out: Record<string, { precision: number; recall: number; f1: number; support: number }> = {};
  for (const l of LABELS as readonly Label[]) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    // Only rows whose source annotates the label count, as in training and calibration.
    for (const r of rows) {
      if (!r.covers.has(l)) continue;
      const p = model.predict(r.x)[l] >= 0.5;
      const y = r.labels.has(l);
      if (p && y) tp++;
      else if (p) fp++;
      else if (y) fn++;
    }
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    out[l] = {
      precision: r3(precision),
      recall: r3(recall),
      f1: r3(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
      support: tp + fn,
    };
  }
  return out;
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Sets used only to measure, never to train: named in the manifest so nobody trains on them. */
const MEASUREMENT_SETS = [
  { dataset: 'test/functional/*.csv', use: "the project's own functional suites" },
  { dataset: 'test/blind/*', use: 'blind sets written by people who had not read the detector' },
  {
    dataset: 'shared/data/text/hatexplain (validation split)',
    use: 'out-of-domain measurement: hatespeech → flagged',
    licence: 'MIT',
  },
  { dataset: 'shared/data/text/germeval2018 (test split)', use: 'German measurement (multilingual issue)' },
];
