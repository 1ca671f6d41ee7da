import { describe, expect, it } from 'vitest';
import { ENGLISH } from '../../src/analyze/languages.js';
import { type Category, LEXICON_CATEGORIES, Lexicon, type LexiconData } from '../../src/analyze/lexicon.js';

function lexiconOf(entries: [Category, string][]): Lexicon {
  const data = Object.fromEntries(LEXICON_CATEGORIES.map((c) => [c, []])) as unknown as LexiconData;
  for (const [category, phrase] of entries) data[category].push({ phrase, tag: null });
  return new Lexicon(data);
}

const matchesIn = (lexicon: Lexicon, text: string) =>
  lexicon
    .match(ENGLISH.tokeniser.tokenize(ENGLISH.normalise(text).text).tokens)
    .map((m) => `${m.first}-${m.last} ${m.category}: ${m.phrase}`);

describe('lexicon matching', () => {
  const lexicon = lexiconOf([
    ['violence_verbs', 'burn'],
    ['directives', 'burn it down'],
    ['violence_verbs', 'burn it'],
    ['harm_outcome', 'burned down'],
    ['news_cues', 'it'],
    ['reporting_verbs', 'posted'],
    ['reporting_verbs', 'posted it'],
    ['negations', 'not'],
    ['news_cues', 'post'],
  ]);

  it('finds every phrase at each position, longest first, stemmed phrases before exact ones', () => {
    expect(matchesIn(lexicon, 'Burn it down, they posted it.')).toEqual([
      '0-3 directives: burn it down',
      '0-2 violence_verbs: burn it',
      '0-1 violence_verbs: burn',
      '1-2 news_cues: it',
      '4-5 news_cues: post',
      '4-6 reporting_verbs: posted it',
      '4-5 reporting_verbs: posted',
      '5-6 news_cues: it',
    ]);
  });

  it('reads stemmed phrases in any form of their words, exact ones only as written', () => {
    expect(matchesIn(lexicon, 'burning it down; it was burned down; she posts')).toEqual([
      '0-3 directives: burn it down',
      '0-2 violence_verbs: burn it',
      '0-1 violence_verbs: burn',
      '1-2 news_cues: it',
      '3-4 news_cues: it',
      '5-7 harm_outcome: burned down',
      '5-6 violence_verbs: burn',
      '8-9 news_cues: post',
    ]);
  });

  it('stops a phrase at the end of the text', () => {
    expect(matchesIn(lexicon, 'we will not burn')).toEqual([
      '2-3 negations: not',
      '3-4 violence_verbs: burn',
    ]);
  });
});

describe('numbers in the lexicon', () => {
  const lexicon = lexiconOf([['far_right', '88']]);
  it('matches a number only as written: a clock time is not a hate code', () => {
    expect(matchesIn(lexicon, 'see you at 8:45')).toEqual([]);
    expect(matchesIn(lexicon, 'meet at 8')).toEqual([]);
    expect(matchesIn(lexicon, 'heil 88')).toEqual(['1-2 far_right: 88']);
  });
});
