import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Detector } from '../detector.js';
import { ENGLISH } from '../languages.js';
import { Lexicon, readLexiconDir } from '../lexicon.js';
import type { LinearModel } from './linear-model.js';
import { loadWordVectors, type WordVectors } from './word-vectors.js';

/** The English rules as the model is trained and measured with them, and the model's detector. */
export interface EnglishFeaturiser {
  /** The compacted word vectors found in `vectorsDir`, or undefined when absent or not wanted. */
  readonly vectors: WordVectors | undefined;
  /** The English detector with `model`; without one it is the rules-only featuriser training reads texts with. */
  detector(model?: LinearModel): Detector;
}

/**
 * One place that builds the English detector for training and for measuring a model fresh from
 * training (`vigil train`, `eval:all`'s leave-one-dataset-out, `eval:used-sets`), so all three
 * read texts with the same lexicons and vectors the shipped model is served with.
 */
export function englishFeaturiser(
  root: string,
  options: { vectorsFile: string; vectorsDir?: string; useVectors?: boolean },
): EnglishFeaturiser {
  const path = join(options.vectorsDir ?? join(root, 'models'), options.vectorsFile);
  const vectors = options.useVectors !== false && existsSync(path) ? loadWordVectors(path) : undefined;
  const lexicon = englishLexicon(root, vectors);
  return { vectors, detector: (model) => new Detector({ lexicon, model, vectors }) };
}

/**
 * The English lexicons, served and trained alike. With word vectors, their vocabulary tells a
 * misspelt group name ("muzlims") from a word of its own ("crabs"), so misspellings are read.
 */
export function englishLexicon(root: string, vectors: WordVectors | undefined): Lexicon {
  const knownWord = vectors && ((word: string) => vectors.row(word) !== undefined);
  return new Lexicon(readLexiconDir(join(root, ENGLISH.lexiconDir)), ENGLISH, { knownWord });
}
