import type { LanguagePack } from '../languages.js';
import { normalizeText } from '../text/01-normalize.js';
import { foldScripts } from '../text/01-scripts.js';
import { FRENCH_GRAMMAR } from './french-grammar.js';
import { affixKey, tokeniserWith } from './stemming.js';

/**
 * Elided articles and pronouns belong to the next word's sentence, not to its key ("l'ennemi").
 * The elided "ne" stays: "n'est" keyed as "est" made every "c'est" and "il a" a negation.
 */
const ELISION = /^(?:l|d|j|m|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/;

const frenchKey = affixKey({
  before: (w) => w.replace(ELISION, ''),
  suffixes: [
    'ements',
    'ement',
    'ations',
    'ation',
    'euses',
    'euse',
    'eurs',
    'eur',
    'ismes',
    'isme',
    'istes',
    'iste',
    'ees',
    'es',
    'ee',
    'ent',
    'ez',
    'er',
    'e',
    's',
    'x',
  ],
  min: 3,
});

/** French: accents folded, « guillemets » with their inner spaces, French reporting verbs. */
export const FRENCH: LanguagePack = {
  code: 'fr',
  name: 'French',
  script: 'latin',
  lexiconDir: 'lexicons/fr',
  lexiconTopLevelOnly: false,
  modelPath: 'models/fr/vigil-linear.bin',
  quotes: [
    { open: '«', close: '»' },
    { open: '‹', close: '›' },
    { open: '“', close: '”' },
  ],
  reportingVerbs: [
    'a dit',
    'dit',
    'disait',
    'a déclaré',
    'déclare',
    'a écrit',
    'écrit',
    'écrivait',
    'a publié',
    'publie',
    'a posté',
    'poste',
    'a affirmé',
    'affirme',
    'a ajouté',
    'ajoute',
    'a annoncé',
    'annonce',
    'a appelé',
    'appelle',
    'a menacé',
    'menace',
    'a lancé',
    'lance',
    'a proclamé',
    'a tweeté',
    'a expliqué',
    'explique',
    'a prévenu',
  ],
  thatWords: ['que', 'qu'],
  normalise: (original) =>
    foldScripts(normalizeText(original), { arabic: true, latinAccents: true, germanSpellings: false }),
  tokeniser: tokeniserWith(frenchKey),
  grammar: FRENCH_GRAMMAR,
};
