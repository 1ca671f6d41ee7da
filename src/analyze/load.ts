import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../shared/paths.js';
import type { DetectorThresholds } from './config.js';
import { Detector, type LanguageRuntime, type LazyLanguage } from './detector.js';
import { ENGLISH, LANGUAGE_PACKS, type LanguagePack } from './languages.js';
import { Lexicon, readLexiconDir } from './lexicon.js';
import { englishLexicon } from './model/english-detector.js';
import { loadModel } from './model/linear-model.js';
import { loadWordVectors } from './model/word-vectors.js';

export { projectRoot };

export const DEFAULT_MODEL_PATH = () => join(projectRoot(), 'models', 'vigil-linear.bin');
/** The compacted word vectors (`scripts/build-vectors.ts`), beside the model. */
export const WORD_VECTORS_FILE = 'word-vectors.bin';

/** The detector with the shipped lexicons and, when present, the shipped model. */
export function loadDefaultDetector(
  options: { modelPath?: string | null; thresholds?: DetectorThresholds } = {},
): Detector {
  const path = options.modelPath === undefined ? DEFAULT_MODEL_PATH() : options.modelPath;
  const model = path && existsSync(path) ? loadModel(path) : undefined;
  // A model trained on pooled word vectors is served the same vectors, from beside it.
  const vectorsFile = model?.manifest.wordVectors;
  const vectors = vectorsFile && path ? loadWordVectors(join(dirname(path), vectorsFile)) : undefined;
  const lexicon = englishLexicon(projectRoot(), vectors);
  // Other languages load when a text in them first arrives: most commands meet one language.
  const root = projectRoot();
  const languages = [...LANGUAGE_PACKS.values()]
    .filter((p) => p !== ENGLISH && hasLexicon(root, p))
    .map((pack): LazyLanguage => ({ pack, load: () => loadLanguage(root, pack) as LanguageRuntime }));
  return new Detector({ lexicon, model, vectors, thresholds: options.thresholds, languages });
}

/** Whether a pack has lexicon files: without them its language is reported as not analysed. */
function hasLexicon(root: string, pack: LanguagePack): boolean {
  const dir = join(root, pack.lexiconDir);
  return existsSync(dir) && readdirSync(dir).some((f) => /\.ya?ml$/.test(f));
}

/**
 * A language pack's lexicon and model as the detector runs them, or null when the pack has no
 * lexicon yet (the language is then reported as not analysed). See `languages.ts` for the contract.
 */
export function loadLanguage(root: string, pack: LanguagePack): LanguageRuntime | null {
  if (!hasLexicon(root, pack)) return null;
  const dir = join(root, pack.lexiconDir);
  const lexicon = new Lexicon(readLexiconDir(dir), pack);
  const modelPath = pack.modelPath ? join(root, pack.modelPath) : null;
  const model = modelPath && existsSync(modelPath) ? loadModel(modelPath) : undefined;
  const vectorsFile = model?.manifest.wordVectors;
  const vectors =
    vectorsFile && modelPath ? loadWordVectors(join(dirname(modelPath), vectorsFile)) : undefined;
  return { pack, lexicon, model, vectors };
}
