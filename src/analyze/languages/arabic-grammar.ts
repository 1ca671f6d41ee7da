import type { GrammarSource } from '../grammar.js';
import { NOT_IMPERATIVE } from './arabic-morphology.js';

/** Verbs of killing people, not things (stems or forms as the lexicon writes them). */
const KILLING = [
  'قتل',
  'اقتل',
  'ذبح',
  'اذبح',
  'نحر',
  'أعدم',
  'إعدام',
  'اطعن',
  'طعن',
  'أبيد',
  'إبادة',
  'اغتال',
  'اغتيال',
];
/** Also lethal whatever their object: burning, blowing up, running over. */
const HARMING = ['فجر', 'تفجير', 'احرق', 'حرق', 'دهس', 'صف'];

/**
 * Arabic: words carry their conjunctions and pronouns ("فيجب", "اقتلوهم", "سنقتلكم"), so lists also
 * match by word key, and the reader and a person as object are read from endings (-كم, -هم).
 */
export const ARABIC_GRAMMAR: GrammarSource = {
  matchKeys: true,
  words: {
    modals: ['يجب', 'وجب', 'لازم', 'يستحقون', 'يستحق', 'ينبغي', 'لابد', 'بد', 'عليكم', 'علينا', 'فرض'],
    vocatives: [
      'يا',
      'أيها',
      'أيتها',
      'إخوة',
      'إخوتي',
      'أخي',
      'إخواني',
      'الإخوة',
      'المسلمين',
      'المجاهدين',
      'أبطال',
      'أسود',
      'شباب',
      'الآن',
      'هيا',
    ],
    // Besides the pronouns: the dialects' "like" (كيف، متل، زي) and "became" (صاروا، بقوا).
    copulas: [
      'هم',
      'هن',
      'هو',
      'هي',
      'مثل',
      'مجرد',
      'سوى',
      'إلا',
      'كانوا',
      'كلهم',
      'جميعهم',
      'ليسوا',
      'كيف',
      'متل',
      'زي',
      'زاي',
      'كأنهم',
      'صاروا',
      'صارو',
      'أصبحوا',
      'بقوا',
      'هدول',
      'هذول',
      'هذوما',
      'دول',
      'هوما',
      // Arabizi
      'zay',
      'zai',
      'kima',
      'kif',
      'dol',
      'homa',
      'houma',
      'hadhom',
    ],
    secondPerson: ['أنت', 'أنتم', 'أنتن', 'لكم', 'عليكم', 'منكم', 'إليكم', 'لك', 'عليك'],
    personObjects: ['الناس', 'الجميع', 'الأطفال', 'كل', 'كلهم', 'جميعهم'],
    intentOpeners: [],
    objectLeads: ['في', 'على', 'إلى', 'من'],
    determiners: ['كل', 'هؤلاء', 'جميع', 'أولئك', 'هذه', 'هذا'],
    objectWords: ['كل', 'جميع', 'هؤلاء', 'كلهم', 'جميعهم', 'أولئك'],
    // The dialects' "but" (بس) and "as for" (أما) turn a disclaimer into the call that follows it.
    clauseBreaks: ['لكن', 'ولكن', 'بل', 'لكنه', 'لكنهم', 'رغم', 'بس', 'أما', 'اما'],
    capitalisedNonNames: [],
  },
  phrases: {
    selfViolentDirective: {
      at: 'anywhere',
      words: [
        'ثأر',
        'انتقم',
        'اضربوا',
        'اقتلوا',
        'السلاح',
        'لا رحمة',
        'الدماء',
        'قاتلوا',
        'الدم',
        'يدفعون الثمن',
        // Taking one's "due" or revenge by one's own hand, paying back double: dialect calls.
        'يدفعوا الثمن',
        'يدفعوا التمن',
        'حقنا',
        'حقه',
        'حقكم',
        'حقكن',
        'الصاع',
        'التار',
        'بالثار',
        'بثار',
        'ينفع معهم',
        'ينفع معاهم',
        'يفهمو',
        'خلصونا',
        'نخلص منهم',
      ],
    },
    lethal: { at: 'anywhere', words: [...KILLING, ...HARMING] },
    killing: { at: 'anywhere', words: KILLING },
    revenge: { at: 'anywhere', words: ['ثأر', 'انتقام', 'انتقم', 'الثأر', 'ثأرا', 'تار', 'بثار'] },
    comingFor: { at: 'anywhere', words: ['قادمون', 'جئناكم', 'أتيناكم', 'قادمون إليكم'] },
    martyrdom: { at: 'anywhere', words: ['شهيد', 'استشهد', 'شهداء', 'تقبله الله', 'تقبل الله', 'نحسبه'] },
    weakCelebration: { at: 'whole', words: ['ههه', 'هههه', 'ههههه', 'أخيرا', 'lol'] },
  },
  shapes: {
    peopleNoun: null,
    notImperative: NOT_IMPERATIVE,
    // "سنقتلكم" (we will kill you), "أنتم": the reader by the -كم ending on a word of four letters or more.
    secondPerson: /^\p{L}{2,}كم$/u,
    // "اقتلوهم" (kill them): a third-person plural object joined to a verb.
    personObject: /^\p{L}{3,}هم$/u,
  },
};
