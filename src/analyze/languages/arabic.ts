import type { LanguagePack } from '../languages.js';
import { normalizeText } from '../text/01-normalize.js';
import { foldScripts } from '../text/01-scripts.js';
import { ARABIC_GRAMMAR } from './arabic-grammar.js';
import { affixKey, tokeniserWith } from './stemming.js';

/**
 * The key of an Arabic word (already without diacritics, its letter variants folded): the article
 * and the conjunctions and prepositions fused with it (وال، فال، بال، كال، لل، ال) and the common
 * plural, dual and pronoun endings are stripped while three letters remain.
 */
const arabicKey = affixKey({
  prefixes: ['وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'و', 'ف'],
  suffixes: ['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا', 'ون', 'ين', 'ات', 'وا', 'ان', 'ه'],
  min: 3,
});

/** Arabic: the Arabic folds of `01-scripts.ts`, Arabic quotation marks and reporting verbs. */
export const ARABIC: LanguagePack = {
  code: 'ar',
  name: 'Arabic',
  script: 'arabic',
  lexiconDir: 'lexicons/ar',
  lexiconTopLevelOnly: false,
  modelPath: 'models/ar/vigil-linear.bin',
  quotes: [
    { open: '«', close: '»' },
    { open: '“', close: '”' },
    { open: '‹', close: '›' },
  ],
  // Past and present forms, masculine, feminine and plural; a fused و or ف is allowed by the quote step.
  reportingVerbs: [
    'قال',
    'قالت',
    'قالوا',
    'يقول',
    'تقول',
    'يقولون',
    'كتب',
    'كتبت',
    'كتبوا',
    'يكتب',
    'تكتب',
    'نشر',
    'نشرت',
    'نشروا',
    'ينشر',
    'تنشر',
    'دعا',
    'دعت',
    'دعوا',
    'يدعو',
    'تدعو',
    'اعلن',
    'اعلنت',
    'اكد',
    'اكدت',
    'اضاف',
    'اضافت',
    'صرح',
    'صرحت',
    'هدد',
    'هددت',
    'توعد',
    'توعدت',
    'غرد',
    'غردت',
    'ذكر',
    'ذكرت',
  ],
  thatWords: ['ان', 'إن', 'أن'],
  normalise: (original) =>
    foldScripts(normalizeText(original), { arabic: true, latinAccents: true, germanSpellings: false }),
  tokeniser: tokeniserWith(arabicKey),
  grammar: ARABIC_GRAMMAR,
};
