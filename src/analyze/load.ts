import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../shared/paths.js';
import type { DetectorThresholds } from './config.js';
import { Detector } from './detector.js';
import { Lexicon, readLexiconDir } from './lexicon.js';
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
  const lexicon = new Lexicon(readLexiconDir(join(projectRoot(), 'lexicons')));
  const path = options.modelPath === undefined ? DEFAULT_MODEL_PATH() : options.modelPath;
  const model = path && existsSync(path) ? loadModel(path) : undefined;
  // A model trained on pooled word vectors is served the same vectors, from beside it.
  const vectorsFile = model?.manifest.wordVectors;
  const vectors = vectorsFile && path ? loadWordVectors(join(dirname(path), vectorsFile)) : undefined;
  return new Detector({ lexicon, model, vectors, thresholds: options.thresholds });
}
