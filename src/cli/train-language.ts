import { join } from 'node:path';
import { projectRoot } from '../analyze/load.js';
import { LANGUAGE_DATASETS } from '../analyze/model/language-datasets.js';
import { manifestPathFor, trainLanguageModel } from '../analyze/model/language-trainer.js';
import { isProjectData } from '../analyze/model/project-sets.js';
import { VigilError } from '../domain/index.js';
import { progressBar } from './progress.js';

/** The options `vigil train --lang` reads. */
export interface LanguageTrainOptions {
  lang: string;
  nonCommercial?: boolean;
  corpus?: string[];
  sharedRoot: string | null;
  out?: string;
  epochs: number;
}

/**
 * `vigil train --lang <code>`: a language pack's model from lexicons/<code>/, its synthetic
 * corpus (data/corpus/<code>/) and its public sets. A set under a non-commercial licence (HatEval
 * for Spanish) is used only with `--non-commercial`, and the manifest then says the model is for
 * its user's own non-commercial use.
 */
export function trainLanguage(opts: LanguageTrainOptions): number {
  const root = projectRoot();
  const language = opts.lang.toLowerCase();
  if (!/^[a-z]{2}$/.test(language))
    throw new VigilError('USAGE', `train: --lang must be an ISO 639-1 code such as "fr", not "${opts.lang}"`);
  const out = opts.out ?? join(root, 'models', language, 'vigil-linear.bin');
  const held = LANGUAGE_DATASETS.filter((d) => d.language === language && d.nonCommercial);
  if (held.length > 0 && !opts.nonCommercial)
    process.stderr.write(
      `train: ${held.map((d) => `${d.name} (${d.licence})`).join(', ')} left out; pass --non-commercial to train on it for your own non-commercial use\n`,
    );
  const bar = progressBar('features', 'texts');
  const manifest = trainLanguageModel({
    root,
    language,
    sharedRoot: opts.sharedRoot,
    nonCommercial: opts.nonCommercial === true,
    corpus: opts.corpus,
    epochs: opts.epochs,
    out,
    onProgress: (done, total) => bar.update(done, total, { count: done, rate: '', mb: '' }),
    onEpoch: (e, loss) => process.stderr.write(`train: epoch ${e}/${opts.epochs} loss ${loss.toFixed(4)}\n`),
  });
  bar.stop();
  if (manifest.training.every((t) => isProjectData(t.licence)))
    process.stderr.write(
      `train: no public ${language} data was used; the model knows only the project's own data (synthetic corpus, written and used sets)\n`,
    );
  process.stdout.write(
    `wrote ${out} and ${manifestPathFor(out)}\n${JSON.stringify(manifest.metrics, null, 2)}\n`,
  );
  return 0;
}
