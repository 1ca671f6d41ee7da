import { describe, expect, it } from 'vitest';
import { LEXICON_CATEGORIES, Lexicon, type LexiconData } from '../../../src/analyze/lexicon.js';
import { voiceFeatures } from '../../../src/analyze/model/features.js';
import { compactVectors } from '../../../src/analyze/model/word-vectors.js';
import { buildView } from '../../../src/analyze/text-view.js';
import { LABELS, type Label } from '../../../src/domain/index.js';

const lexicon = new Lexicon(
  Object.fromEntries(LEXICON_CATEGORIES.map((c) => [c, []])) as unknown as LexiconData,
);
const noRules = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;

describe('pooled word vectors, four dimensions at a time', () => {
  // Six dimensions: one block of four and two read one by one; every word negative in the first.
  const vectors = compactVectors(
    [
      ['alpha', [-1, 0.2, -0.3, 0.4, -0.5, 0.6]],
      ['beta', [-0.9, -0.8, 0.7, 0.6, 0.1, -0.2]],
      ['gamma', [-0.1, 0.3, 0.3, -0.9, 0.5, 0.05]],
    ],
    6,
  );

  it('gives each dimension the mean (summed in word order) and the maximum of the reference', () => {
    const words = ['alpha', 'beta', 'gamma', 'alpha'];
    const rows = words.map((w) => {
      const at = vectors.row(w) as number;
      return [...vectors.data.subarray(at, at + 6)].map((q) => q / 127);
    });
    const want: number[] = [];
    for (let d = 0; d < 6; d++) {
      let sum = 0;
      let max = -1;
      for (const r of rows) {
        sum += r[d] as number;
        if ((r[d] as number) > max) max = r[d] as number;
      }
      want.push(Math.fround((2 * sum) / rows.length), Math.fround(2 * max));
    }
    const x = voiceFeatures(buildView('alpha beta, gamma and alpha; delta', lexicon), noRules, vectors);
    expect([...x.value.subarray(-12)]).toEqual(want);
  });
});
