import type { LanguagePack } from '../languages.js';
import { normalizeText } from '../text/01-normalize.js';
import { foldScripts } from '../text/01-scripts.js';
import { GERMAN_GRAMMAR } from './german-grammar.js';
import { affixKey, tokeniserWith } from './stemming.js';

const germanKey = affixKey({
  suffixes: [
    'ungen',
    'ung',
    'innen',
    'heiten',
    'heit',
    'keiten',
    'keit',
    'ern',
    'en',
    'em',
    'er',
    'es',
    'e',
    'n',
    's',
  ],
  min: 3,
});

/** German: ä ö ü ß written ae oe ue ss, „German“ and ‚single‘ quotes and »chevrons«, German reporting verbs. */
export const GERMAN: LanguagePack = {
  code: 'de',
  name: 'German',
  script: 'latin',
  lexiconDir: 'lexicons/de',
  lexiconTopLevelOnly: false,
  modelPath: 'models/de/vigil-linear.bin',
  quotes: [
    { open: '„', close: '“' },
    { open: '‚', close: '‘' },
    { open: '»', close: '«' },
    { open: '“', close: '”' },
  ],
  reportingVerbs: [
    'sagte',
    'sagt',
    'sagten',
    'schrieb',
    'schreibt',
    'schrieben',
    'erklärte',
    'erklärt',
    'postete',
    'postet',
    'veröffentlichte',
    'teilte',
    'behauptete',
    'drohte',
    'rief',
    'forderte',
    'verkündete',
    'twitterte',
    'meinte',
    'betonte',
    'warnte',
  ],
  thatWords: ['dass', 'daß'],
  normalise: (original) =>
    foldScripts(normalizeText(original), { arabic: true, latinAccents: true, germanSpellings: true }),
  tokeniser: tokeniserWith(germanKey),
  grammar: GERMAN_GRAMMAR,
};
