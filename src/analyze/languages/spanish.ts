import type { LanguagePack } from '../languages.js';
import { normalizeText } from '../text/01-normalize.js';
import { foldScripts } from '../text/01-scripts.js';
import { SPANISH_GRAMMAR } from './spanish-grammar.js';
import { affixKey, tokeniserWith } from './stemming.js';

const spanishKey = affixKey({
  suffixes: [
    'amientos',
    'amiento',
    'aciones',
    'acion',
    'adores',
    'ador',
    'istas',
    'ista',
    'mente',
    'ando',
    'iendo',
    'ados',
    'adas',
    'idos',
    'idas',
    'ado',
    'ada',
    'ido',
    'ida',
    'ar',
    'er',
    'ir',
    'os',
    'as',
    'es',
    'o',
    'a',
    's',
  ],
  min: 3,
});

/** Spanish: accents folded, «comillas» and "double" quotes, Spanish reporting verbs. */
export const SPANISH: LanguagePack = {
  code: 'es',
  name: 'Spanish',
  script: 'latin',
  lexiconDir: 'lexicons/es',
  lexiconTopLevelOnly: false,
  modelPath: 'models/es/vigil-linear.bin',
  quotes: [
    { open: '«', close: '»' },
    { open: '“', close: '”' },
    { open: '‘', close: '’' },
  ],
  reportingVerbs: [
    'dijo',
    'dice',
    'dijeron',
    'escribió',
    'escribe',
    'declaró',
    'declara',
    'afirmó',
    'afirma',
    'publicó',
    'publica',
    'añadió',
    'anunció',
    'amenazó',
    'llamó',
    'tuiteó',
    'aseguró',
    'explicó',
    'señaló',
    'advirtió',
  ],
  thatWords: ['que'],
  normalise: (original) =>
    foldScripts(normalizeText(original), { arabic: true, latinAccents: true, germanSpellings: false }),
  tokeniser: tokeniserWith(spanishKey),
  grammar: SPANISH_GRAMMAR,
};
