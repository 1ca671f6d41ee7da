import type { LanguagePack } from '../languages.js';
import { normalizeText } from '../text/01-normalize.js';
import { foldScripts } from '../text/01-scripts.js';
import { SPANISH_GRAMMAR } from './spanish-grammar.js';
import { affixKey, tokeniserWith } from './stemming.js';

/**
 * Object pronouns written onto the verb ("reventarlos", "atacadlos", "quémenlos", "hacérselo") are
 * read off it, so the verb keys as the lexicon writes it. Only after an infinitive, a gerund or an
 * imperative ending, with three letters before it, so that nouns ("hermanos", "presidente",
 * "Carlos") keep their own key.
 */
const ENCLITICS =
  /^(.{3,}?(?:ar|er|ir|ando|iendo|ad|ed|id))(?:me|te|se|nos|lo|la|los|las|le|les)(?:lo|la|los|las|le|les)?$|^(.{3,}?(?:en|an))(?:se|lo|la|los|las|le|les)$/;

/** The endings a pronoun leaves, tested first: most words end otherwise and skip the longer expression. */
const CLITIC_END = /(?:[mts]e|nos|l[aoe]s?)$/;

const spanishKey = affixKey({
  before: (w) => (CLITIC_END.test(w) ? w.replace(ENCLITICS, '$1$2') : w),
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
