import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../shared/paths.js';
import type { DetectorThresholds } from './config.js';
import { Detector } from './detector.js';
import { Lexicon, readLexiconDir } from './lexicon.js';
import { loadModel } from './model/linear-model.js';

export { projectRoot };

export const DEFAULT_MODEL_PATH = () => join(projectRoot(), 'models', 'vigil-linear.bin');

/** The detector with the shipped lexicons and, when present, the shipped model. */
export function loadDefaultDetector(
  options: { modelPath?: string | null; thresholds?: DetectorThresholds } = {},
): Detector {
  const lexicon = new Lexicon(readLexiconDir(join(projectRoot(), 'lexicons')));
  const path = options.modelPath === undefined ? DEFAULT_MODEL_PATH() : options.modelPath;
  const model = path && existsSync(path) ? loadModel(path) : undefined;
  return new Detector({ lexicon, model, thresholds: options.thresholds });
}
