import type { LanguagePack } from '../languages.js';
import { normalizeText } from '../text/01-normalize.js';
import { foldScripts } from '../text/01-scripts.js';
import { ARABIC_GRAMMAR } from './arabic-grammar.js';
import { arabicKey, arabiziDigitsBack, arabiziDigitsInArabic, joinSplitArabic } from './arabic-morphology.js';
import { tokeniserWith } from './stemming.js';

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
    // Arabic keyboards make the straight apostrophe the easiest quotation mark to type.
    { open: "'", close: "'" },
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
  // Split and digit-spelt words are repaired after the folds, which drop the tatweel they lean on.
  normalise: (original) =>
    arabiziDigitsInArabic(
      joinSplitArabic(
        arabiziDigitsBack(
          foldScripts(normalizeText(original), { arabic: true, latinAccents: true, germanSpellings: false }),
        ),
      ),
    ),
  tokeniser: tokeniserWith(arabicKey),
  grammar: ARABIC_GRAMMAR,
};
