/**
 * Trains the shipped model of each non-English language pack (`npm run train:languages`):
 * models/<code>/vigil-linear.bin and its manifest, with the same trainer, features and
 * calibration as the English model. Each model learns from its language's synthetic corpus
 * (data/corpus/<code>/, built by scripts/build-language-corpus.ts), the training sets written for
 * it (data/written/<code>/), its used blind sets and the train split of its public sets; each set's held-out split is then measured through the whole detector and written
 * into the manifest.
 *
 * Shipped languages: Arabic, French, German and Spanish. Spanish's only public set (HatEval 2019)
 * is licensed for non-commercial use, so the shipped Spanish model learns from the project's own data
 * only; a user trains one with HatEval for their own use with `vigil train --lang es --non-commercial`
 * (README).
 *
 *   npm run train:languages [-- ar fr]
 */
import { join } from 'node:path';
import { sharedTextRoot } from '../src/analyze/model/datasets.js';
import { trainLanguageModel } from '../src/analyze/model/language-trainer.js';
import { SHIPPED_LANGUAGES } from '../src/analyze/model/language-training.js';

const ROOT = join(import.meta.dirname, '..');
const shared = sharedTextRoot(ROOT);
if (!shared) {
  process.stderr.write('train:languages: ../shared/data/text not found; the public sets are needed\n');
  process.exit(1);
}
const asked = process.argv.slice(2);
const languages = asked.length > 0 ? SHIPPED_LANGUAGES.filter((l) => asked.includes(l)) : SHIPPED_LANGUAGES;

for (const language of languages) {
  const out = join(ROOT, 'models', language, 'vigil-linear.bin');
  // A shipped model never learns from a non-commercial set.
  const manifest = trainLanguageModel({
    root: ROOT,
    language,
    sharedRoot: shared,
    nonCommercial: false,
    epochs: 6,
    out,
  });
  process.stdout.write(
    `${language}: wrote ${out.replace(`${ROOT}/`, '')} from ${manifest.training.map((t) => `${t.dataset} (${t.rows})`).join(', ')}\n${JSON.stringify(manifest.metrics, null, 2)}\n`,
  );
}
