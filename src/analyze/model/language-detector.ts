import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '../../domain/index.js';
import { Detector } from '../detector.js';
import { LANGUAGE_PACKS } from '../languages.js';
import { Lexicon, readLexiconDir } from '../lexicon.js';
import { loadModel } from './linear-model.js';

/**
 * A detector whose main language is one pack: the pack's lexicons and, when `modelPath` is given
 * and exists, its model. With `modelPath` null it is the rules-only featuriser a language model
 * is trained with, so training reads texts exactly as the pack does when Vigil serves them.
 */
export function languageDetector(root: string, language: string, modelPath: string | null): Detector {
  const pack = LANGUAGE_PACKS.get(language);
  if (!pack)
    throw new VigilError(
      'USAGE',
      `train: no language pack for "${language}" (known: ${[...LANGUAGE_PACKS.keys()].join(', ')})`,
    );
  const lexicon = new Lexicon(readLexiconDir(join(root, pack.lexiconDir)), pack);
  const model = modelPath && existsSync(modelPath) ? loadModel(modelPath) : undefined;
  return new Detector({ lexicon, model });
}
