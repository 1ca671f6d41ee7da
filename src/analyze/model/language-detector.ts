import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Detector } from '../detector.js';
import { Lexicon, readLexiconDir } from '../lexicon.js';
import { loadModel } from './linear-model.js';

/**
 * A detector for one language's lexicons and, when `modelPath` is given and exists, its model:
 * the featuriser training uses (with `modelPath` null) and the detector held-out splits are
 * measured with.
 */
export function languageDetector(root: string, language: string, modelPath: string | null): Detector {
  const lexicon = new Lexicon(readLexiconDir(join(root, 'lexicons', language)));
  const model = modelPath && existsSync(modelPath) ? loadModel(modelPath) : undefined;
  return new Detector({ lexicon, model });
}
