import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Detector } from './detector.js';
import { Lexicon, readLexiconDir } from './lexicon.js';
import { loadModel } from './model/linear-model.js';

/** The folder holding the shipped lexicons and models, whether run from source or from dist/. */
export function projectRoot(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'lexicons')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error('analyze: cannot find the lexicons folder');
}

export const DEFAULT_MODEL_PATH = () => join(projectRoot(), 'models', 'vigil-linear.json');

/** The detector with the shipped lexicons and, when present, the shipped model. */
export function loadDefaultDetector(options: { modelPath?: string | null } = {}): Detector {
  const lexicon = new Lexicon(readLexiconDir(join(projectRoot(), 'lexicons')));
  const path = options.modelPath === undefined ? DEFAULT_MODEL_PATH() : options.modelPath;
  const model = path && existsSync(path) ? loadModel(path) : undefined;
  return new Detector({ lexicon, model });
}
