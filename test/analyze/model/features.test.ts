import { describe, expect, it } from 'vitest';
import {
  type Category,
  LEXICON_CATEGORIES,
  Lexicon,
  type LexiconData,
} from '../../../src/analyze/lexicon.js';
import { forEachNgram, type SparseVector, voiceFeatures } from '../../../src/analyze/model/features.js';
import { LinearModel, sigmoid } from '../../../src/analyze/model/linear-model.js';
import { compactVectors } from '../../../src/analyze/model/word-vectors.js';
import { buildView } from '../../../src/analyze/text-view.js';
import { LABELS, type Label } from '../../../src/domain/index.js';

const data = Object.fromEntries(LEXICON_CATEGORIES.map((c) => [c, []])) as unknown as LexiconData;
const add = (c: Category, phrase: string) => data[c].push({ phrase, tag: null });
add('violence_verbs', 'smash');
add('directives', 'go');
const lexicon = new Lexicon(data);
const noRules = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;

/** The n-gram part as the features promise it: counts in first-seen order, scaled to unit length. */
function referenceNgrams(text: string): { index: number[]; value: number[] } {
  const counts = new Map<number, number>();
  forEachNgram(buildView(text, lexicon).norm.text, (i) => counts.set(i, (counts.get(i) ?? 0) + 1));
  let squares = 0;
  for (const c of counts.values()) squares += c * c;
  const scale = 1 / Math.sqrt(squares);
  return { index: [...counts.keys()], value: [...counts.values()].map((c) => Math.fround(c * scale)) };
}

const ngramPart = (x: SparseVector, n: number) => ({
  index: [...x.index.subarray(0, n)],
  value: [...x.value.subarray(0, n)],
});

describe('voice features', () => {
  const texts = [
    'Go and smash the old printer, it jammed again!',
    'aaaa aaaa aaaa aaaa aaaa',
    // Long enough that the n-gram counts outgrow their first table.
    Array.from({ length: 400 }, (_, i) => `word${i % 97} sample${i % 13}`).join(' '),
    // Words as the features' own scan finds them: astral letters, emoji, lone surrogates, marks,
    // Arabic with tashkeel, digits, apostrophes and a text cut inside a surrogate pair.
    'x𠀀y 𠀀 🔪knife\ud800a b\udc00c e\u0301t كَتَبَ ٣٤ 12ab it’s',
    `${'a'.repeat(4999)}𠀀 tail words`,
    `${'ab '.repeat(1666)}a𠀀b`,
    '',
    '!!! ??? ...',
  ];

  it('counts every n-gram in first-seen order, scaled to unit length', () => {
    for (const text of texts) {
      const want = referenceNgrams(text);
      const x = voiceFeatures(buildView(text, lexicon), noRules);
      expect(ngramPart(x, want.index.length)).toEqual(want);
      const norm = want.value.reduce((s, v) => s + v * v, 0);
      expect(norm).toBeCloseTo(want.index.length > 0 ? 1 : 0, 5);
    }
  });

  it('gives the same vector however many voices were read before', () => {
    const first = voiceFeatures(buildView(texts[0] as string, lexicon), noRules);
    for (const text of texts) voiceFeatures(buildView(text, lexicon), noRules);
    const again = voiceFeatures(buildView(texts[0] as string, lexicon), noRules);
    expect([...again.index]).toEqual([...first.index]);
    expect([...again.value]).toEqual([...first.value]);
  });

  it('adds the rule strengths and lexicon categories after the n-grams', () => {
    const text = 'Go and smash the old printer';
    const n = referenceNgrams(text).index.length;
    const x = voiceFeatures(buildView(text, lexicon), { ...noRules, incitement: 0.7 });
    const dense = [...x.index.subarray(n)];
    expect(dense.length).toBeGreaterThanOrEqual(3); // the rule, "directives", "violence_verbs"
    expect(Math.min(...dense)).toBeGreaterThan(Math.max(...x.index.subarray(0, n)));
  });
});

describe('pooled word vectors', () => {
  const vectors = compactVectors(
    [
      ['smash', [3, -1, 0.5]],
      ['printer', [-2, 2, 1]],
      ['the', [1, 1, 1]],
    ],
    3,
  );

  it('add the mean and the maximum of each dimension over the content words, read again and again', () => {
    const text = 'Go and smash the old printer, smash it';
    const n = referenceNgrams(text).index.length;
    const rows = ['smash', 'printer', 'smash'].map((w) =>
      [...vectors.data.subarray(vectors.row(w), (vectors.row(w) as number) + 3)].map((q) => q / 127),
    );
    for (let round = 0; round < 2; round++) {
      const x = voiceFeatures(buildView(text, lexicon), noRules, vectors);
      const mean = [0, 1, 2].map((d) =>
        Math.fround((2 * rows.reduce((s, r) => s + (r[d] as number), 0)) / 3),
      );
      const max = [0, 1, 2].map((d) => Math.fround(2 * Math.max(...rows.map((r) => r[d] as number))));
      // The last six: mean and maximum by dimension; dimensions past the vectors' three are not added.
      expect(x.index.length - n).toBe(2 + 2 + 6); // directives, violence verbs; short, third person
      expect([...x.value.subarray(-6)]).toEqual([mean[0], max[0], mean[1], max[1], mean[2], max[2]]);
    }
  });
});

describe('linear model', () => {
  // Deterministic pseudo-random weights: every label's scores differ, and sums round.
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  const size = 1 << 18;
  const weights = Object.fromEntries(
    LABELS.map((l) => [l, Float32Array.from({ length: size }, () => next())]),
  ) as Record<Label, Float32Array>;
  const bias = Object.fromEntries(LABELS.map((l) => [l, next()])) as Record<Label, number>;
  const calibration = Object.fromEntries(LABELS.map((l) => [l, { a: 1 + next(), b: next() }])) as Record<
    Label,
    { a: number; b: number }
  >;
  const manifest = { name: 'test', version: '1', created: '', training: [], metrics: {}, mapping: {} };
  const model = new LinearModel(manifest, weights, bias, calibration);

  it('scores every label exactly as one pass per label would', () => {
    const x = voiceFeatures(buildView('Go and smash the old printer, it jammed again!', lexicon), noRules);
    const scores = model.predict(x);
    for (const l of LABELS) {
      let sum = 0;
      for (let k = 0; k < x.index.length; k++)
        sum += (weights[l][x.index[k] as number] as number) * (x.value[k] as number);
      expect(scores[l]).toBe(sigmoid(calibration[l].a * (bias[l] + sum) + calibration[l].b));
    }
    expect(new Set(Object.values(scores)).size).toBe(LABELS.length);
  });

  it('digests what it learnt, so one weight changed on the same day gives another model id', () => {
    const copy = (w: Record<Label, Float32Array>) =>
      Object.fromEntries(LABELS.map((l) => [l, Float32Array.from(w[l])])) as Record<Label, Float32Array>;
    const same = new LinearModel(manifest, copy(weights), { ...bias }, calibration);
    expect(same.digest()).toBe(model.digest());
    expect(model.digest()).toMatch(/^[0-9a-f]{8}$/);
    const changed = copy(weights);
    changed.threat[12345] = (changed.threat[12345] as number) + 0.001;
    expect(new LinearModel(manifest, changed, bias, calibration).digest()).not.toBe(model.digest());
    const recalibrated = { ...calibration, recruitment: { a: 2, b: 0 } };
    expect(new LinearModel(manifest, weights, bias, recalibrated).digest()).not.toBe(model.digest());
  });
});
