import { describe, expect, it } from 'vitest';
import { ENGLISH } from '../../src/analyze/languages.js';
import { type Category, LEXICON_CATEGORIES, Lexicon, type LexiconData } from '../../src/analyze/lexicon.js';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import { editDistance, MisspeltWords, soundSkeleton, swapsTwo } from '../../src/analyze/spelling.js';

const VOCABULARY = new Set(['crabs', 'hinds', 'muslim', 'muslims', 'refuges', 'hate', 'all', 'the']);
const known = (w: string) => VOCABULARY.has(w);

describe('edit distance', () => {
  it('counts insertions, deletions, replacements and swaps of neighbours as one edit each', () => {
    expect(editDistance('muslms', 'muslims')).toBe(1);
    expect(editDistance('muslmis', 'muslims')).toBe(1);
    expect(editDistance('mooslims', 'muslims')).toBe(2);
    expect(editDistance('reposts', 'rapists')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('reads a swap of neighbours', () => {
    expect(swapsTwo('muslmis', 'muslims')).toBe(true);
    expect(swapsTwo('muslims', 'muslims')).toBe(false);
    expect(swapsTwo('mulsmis', 'muslims')).toBe(false);
  });
});

describe('sound skeleton', () => {
  it('reads spellings that sound alike as one', () => {
    expect(new Set(['muslims', 'muzlims', 'mozlems', 'mooslims'].map(soundSkeleton))).toEqual(
      new Set(['mslms']),
    );
    expect(soundSkeleton('phoenix')).toBe(soundSkeleton('foenix'));
  });
});

describe('misspelt words', () => {
  const words = new MisspeltWords(
    ['muslims', 'hindus', 'refugees', 'immigrants', 'mormons', 'chinese'].map((word) => ({
      word,
      value: word,
    })),
    known,
  );

  it('reads a word outside the vocabulary as the listed word it misspells', () => {
    expect(words.find('muslms')?.value).toBe('muslims');
    expect(words.find('muzlims')?.value).toBe('muslims');
    expect(words.find('mulsims')?.value).toBe('muslims');
    expect(words.find('refugess')?.value).toBe('refugees');
    expect(words.find('imigrants')?.value).toBe('immigrants');
  });

  it('never reads a word of the vocabulary, a short word or a word with another first letter', () => {
    expect(words.find('hinds')).toBeUndefined();
    expect(words.find('nuslims')).toBeUndefined();
  });

  it('reads no consonant dropped or replaced, no ending added, no sound-alike spelt far apart', () => {
    expect(words.find('morons')).toBeUndefined();
    expect(words.find('musliks')).toBeUndefined();
    expect(words.find('muslim')).toBeUndefined();
    expect(words.find('cohens')).toBeUndefined();
  });
});

describe('lexicon with a vocabulary', () => {
  const data = Object.fromEntries(LEXICON_CATEGORIES.map((c) => [c, []])) as unknown as LexiconData;
  const add = (category: Category, phrase: string, tag: string | null = null) =>
    data[category].push({ phrase, tag });
  add('target_groups', 'muslims', 'muslims');
  add('violence_verbs', 'kill');
  const tokens = (text: string) => ENGLISH.tokeniser.tokenize(ENGLISH.normalise(text).text).tokens;

  it('matches a misspelt group name as the group, on the misspelt word', () => {
    const lexicon = new Lexicon(data, ENGLISH, { knownWord: known });
    expect(lexicon.match(tokens('kill all the muzlims')).map((m) => [m.category, m.tag, m.first])).toEqual([
      ['violence_verbs', null, 0],
      ['target_groups', 'muslims', 3],
    ]);
  });

  it('reads no misspelling without a vocabulary', () => {
    const lexicon = new Lexicon(data, ENGLISH);
    expect(lexicon.match(tokens('kill all the muzlims')).map((m) => m.category)).toEqual(['violence_verbs']);
  });
});

describe('detector on misspelt group names', () => {
  const detector = loadDefaultDetector();
  it('flags a dehumanising post whose group name is misspelt, with the misspelt word in the evidence', () => {
    const a = detector.analyze({ text: 'muslms are vermin' });
    const attack = a.labels.find((l) => l.label === 'identity_attack');
    expect(attack).toBeDefined();
    expect(attack?.evidence.some((e) => e.text.includes('muslms'))).toBe(true);
  });
});
