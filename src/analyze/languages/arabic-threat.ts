/**
 * Threats to life in Arabic, read from the forms of Arabic words rather than from word order.
 *
 * The threat-to-life reading (`threat-to-life.ts`) looks for harm, a victim and a when in separate
 * English words: "we", "will", "kill", "you". Arabic writes the four as one word: "سنقتلكم" is
 * س (will) + ن (we) + قتل (kill) + كم (you, plural); the dialects do the same with their own
 * markers ("هنقتلك", "حنذبحكم", "منحرقلك", "غنقتلك", the oath "والله لأقتلنك"). This reading takes
 * such a word apart and asks the same three questions of its pieces and of the words around it.
 *
 * The grammar read here (normalised text: hamza seats, ta marbuta and alef maqsura already folded):
 *
 * - **The author's harm to come** (`ownHarm`): a verb of a lethal root (`LETHAL_ROOTS`) in the first
 *   person (أ/ا "I", ن "we", the Maghrebi ن…و "we") with a future or oath marker, either fused
 *   (MSA س, Levantine ح, Egyptian ه, Moroccan غ, the Levantine present م before ن, an oath's ل) or
 *   one or two words before it (سوف، رح، راح، ح، حا، غادي، باش, and intent: ناوي، بدي، بدنا، نبي).
 *   Its victim is its object pronoun (ـك، ـكم، ـكن، ـكو، ـكي "you"; ـه، ـها، ـهم، ـهن، ـو "him, her,
 *   them", with the dialects' ل of the indirect object: "منحرقلك"), a preposition with the reader
 *   ("فيكم"، "عليك"), or a person, group or place named around it.
 * - **Harm to come on others** (`harmToCome`): a future-marked verb of a lethal root in the passive
 *   (ن or ت before the root: "هيتدبحو", "رح ينقتلوا") or in the third person, said with a victim.
 * - **Death to come** (`deathToCome`): the root موت in the second or third person with a future
 *   marker ("ستموت", "هتموتوا", "رح تموتو"); and a future denied of the reader with a time
 *   ("ما رح تشوف الجمعة", "لن ترى الفجر": you will not live to see it).
 * - **The reader's body, blood or grave** (`readerBody`): such a noun with a second-person ending
 *   ("رأسك", "دمكم", "قبوركم") beside a future-marked verb ("رأسك سيكسر").
 * - **Making people or a place into blood or ruins** (`ownResult`): the causative خلّى or جعل in the
 *   author's future or intent with a result noun after it ("نخليها دم", "لنخليه رماد", "سنجعلها
 *   مقبرة", "نخلي … ع الأرض").
 * - **Weapons brought to a victim** (`arms`): a weapon (a word of the lexicon or a weapon emoji)
 *   in a sentence with a group, place or the reader, a time, and either the author's own voice or the
 *   sign-off that announces the author's coming ("انتظرونا", "استنونا": wait for us).
 *
 * Not threats: harm that has happened (past markers, "أمس"), the author as its object ("هيدبحني":
 * a complaint), a harm denied (ما، لا، لن، مش، مو before it, except in the "not live to see" form),
 * and a joke (laughter, 😂).
 */
import type { LexiconMatch } from '../lexicon.js';
import type { Token } from '../text/02-tokens.js';
import type { SentenceView, TextView } from '../text-view.js';
import type { ThreatToLifeReading } from '../threat-to-life.js';

/**
 * Roots of harm to life, with the dialects' spellings of one consonant (ذبح / دبح). Not ضرب
 * (hitting), طرد (expelling) or كسر (breaking), which everyday speech threatens without meaning death.
 */
const LETHAL_ROOTS = [
  'قتل',
  '[ذد]بح',
  'نحر',
  'حرق',
  'فجر',
  'طعن',
  '[دذ]هس',
  '[دذ]عس',
  'سحل',
  'شنق',
  'رجم',
  'خنق',
  'سلخ',
  'ولع',
  'صفي',
  'نسف',
  'سحق',
  'دمر',
  'صفي',
  'ابيد',
  'بيد',
].join('|');

/**
 * What every form starts from, unanchored: a lethal root, dying, making, seeing, a body noun with
 * "you", knowing, a weapon emoji. A sentence without any is no threat to life in this reading.
 */
const HINT = new RegExp(
  `${LETHAL_ROOTS}|[تي]موت|[ان](?:خل|جعل)|ت(?:شوف|ر[يو])|(?:راس|روس|رووس|رقب|دم|قبر|جث|عنق)\\p{L}{0,2}(?:كم|كن|كو|ك)|عرف|علم|knife|bomb|gun|explosive|swords`,
  'u',
);

/** Future and oath markers fused to a verb: س، ح، ه، غ, the oath's or jussive's ل, م before ن. */
const FUSED = '(س|ح|ه|غ|م(?=ن))?';
/** Object pronouns, after the dialects' indirect-object ل: you, me and us, him, her, them. */
const OBJECT = '(ل)?(كم|كن|كو|كي|ك|ني|نا|هما|هم|هن|هوم|ها|ه)?';
/** Subject endings: plural و، وا، ون، ين; the oath's emphatic ن; past ت، تم، نا. */
const SUBJECT = '(وا|ون|و|ين|ن|تم|تو|ت)?';

/**
 * A verb of a lethal root. Groups: 1 conjunction, 2 oath or jussive ل, 3 fused marker, 4 person,
 * 5 passive ن or ت, 6 root, 7 subject ending, 8 indirect ل, 9 object pronoun.
 */
const LETHAL_VERB = new RegExp(`^([وف]?)(ل?)${FUSED}([اينت]?)([نت]?)(${LETHAL_ROOTS})${SUBJECT}${OBJECT}$`);
/** The root موت (die) as a verb with a person prefix: the victim is its subject. */
const DYING = new RegExp(`^([وف]?)${FUSED}([تي])(موت)(وا|و|ون|ين|ي)?$`);
/** The causative "make" (خلّى, جعل) in the first person with an optional fused marker. */
const MAKING = new RegExp(`^([وف]?)(ل?)${FUSED}([ان])(خلي|خل|جعل)(و|وا)?(ها|ه|هم|هن|كم|ك)?$`);
/** Seeing (شاف, رأى): the verb of "you will not live to see". */
const SEEING = /^[وف]?(?:س|ح|ه|غ)?ت(?:شوف|ري|رو|شوفو|شوفوا)$/;

/** Word lists, written as normalised Arabic text writes them. */
const WORDS = {
  /** Future markers standing before the verb (Levantine رح، راح، ح; Moroccan غادي; Tunisian باش). */
  future: ['سوف', 'رح', 'راح', 'ح', 'حا', 'غادي', 'غاديين', 'غادين', 'باش', 'بش'],
  /** Intent standing before a first-person verb ("بدي اقتلك", "ناوي اذبحهم"). */
  intent: ['ناوي', 'ناويين', 'نويت', 'بدي', 'بدنا', 'نبي', 'ابي', 'نبغي', 'ابغي', 'عايز', 'عايزين'],
  /** Negations before a verb. */
  negations: ['ما', 'لا', 'لن', 'لم', 'مش', 'مو', 'موش', 'مب', 'ماني', 'مانيش', 'مانا', 'ماراح'],
  /** Words of a time: days, parts of the day, "soon", "tomorrow" in the dialects. */
  times: [
    'بكره',
    'بكرا',
    'غدا',
    'غدوه',
    'باكر',
    'الليله',
    'الليلة',
    'الصبح',
    'الفجر',
    'قريب',
    'قريبا',
    'الدوام',
    'السبت',
    'الاحد',
    'الاثنين',
    'الاتنين',
    'التلات',
    'الثلاثاء',
    'الاربعاء',
    'الاربع',
    'الخميس',
    'الجمعه',
    'العيد',
    'الساعه',
    'توا',
  ],
  /** The sign-off that announces the author's coming: wait for us, wait for what comes. */
  waiting: ['انتظرونا', 'انتظروا', 'انتظر', 'انتظري', 'استنونا', 'استنوا', 'استني', 'ترقبوا', 'تستنا'],
  /** The reader's body, blood and grave ("رأسك", "دمكم"), read with a second-person ending. */
  body: ['راس', 'روس', 'رووس', 'رقب', 'دم', 'دما', 'دماء', 'قبر', 'قبور', 'جث', 'جثت', 'جثه', 'عنق', 'رقاب'],
  /** What a place or people are made into. */
  results: ['دم', 'رماد', 'خراب', 'مقبره', 'مقابر', 'حطام', 'ركام', 'جهنم', 'نار', 'بحر', 'الارض', 'بالارض'],
  /** Places of people: a threat to a place falls on the people in it. */
  places: [
    'مدرسه',
    'مدارس',
    'ليسي',
    'معهد',
    'جامعه',
    'كليه',
    'كنيسه',
    'كنايس',
    'كنائس',
    'جامع',
    'مسجد',
    'حسينيه',
    'مكتب',
    'شركه',
    'مصنع',
    'شقه',
    'بيت',
    'دار',
    'سوق',
    'مخيم',
    'محل',
    'مستشفي',
    'عماره',
    'كافيه',
    'مطعم',
    'حي',
    'حومه',
  ],
  /** The reader after a preposition: "فيكم", "عليك", "لكم". */
  readerWords: [
    'فيكم',
    'فيك',
    'عليكم',
    'عليك',
    'لكم',
    'لك',
    'بيكم',
    'بيك',
    'انت',
    'انتم',
    'انتو',
    'انتوا',
    'انتي',
  ],
  /** Harm that has happened. */
  past: ['امس', 'امبارح', 'البارحه', 'مبارح', 'الماضي', 'الماضيه'],
  /** Laughter. */
  jokes: ['هههه', 'ههههه', 'هههههه', 'ههه', 'هاها', 'lol', 'لول', 'مزح', 'بمزح', 'امزح', 'نمزح'],
  /** The author's knowing ("we know where you live"): Levantine, Egyptian, Gulf and Maghrebi forms. */
  knowing: [
    'نعرف',
    'اعرف',
    'عارف',
    'عارفين',
    'عرفنا',
    'منعرف',
    'بنعرف',
    'بعرف',
    'نعرفو',
    'نعرفوا',
    'نعلم',
    'اعلم',
  ],
  /** What is known of a victim: where, when, the way, the times. */
  whereabouts: [
    'وين',
    'فين',
    'اين',
    'متي',
    'امتي',
    'امته',
    'مكان',
    'عنوان',
    'مواعيد',
    'طريق',
    'بيت',
    'ساكن',
    'تسكن',
    'تسكنون',
  ],
  /** A reckoning said to come ("الحساب قريب", "دوركم جاي"). */
  reckoning: [
    'حساب',
    'الحساب',
    'حسابك',
    'حسابكم',
    'حسابه',
    'حسابهم',
    'دور',
    'الدور',
    'دورك',
    'دوركم',
    'دوره',
    'دورهم',
    'العقاب',
    'عقابك',
    'عقابكم',
    'يومك',
    'يومكم',
    'يومه',
    'يومهم',
  ],
  /** What the reckoning is said to do: come, be near. */
  coming: [
    'قريب',
    'قريبا',
    'جاي',
    'جايه',
    'قادم',
    'قادمون',
    'ات',
    'اتي',
    'يقترب',
    'اقترب',
    'جاييك',
    'جايينك',
    'جايينكم',
    'جايين',
  ],
  /**
   * Weapons that kill, in MSA and the dialects (بارودة, طبنجة); not the lexicon's vehicles, sticks
   * or petrol, which a post mentions for many reasons ("رايحين بالسيارات").
   */
  arms: [
    'سلاح',
    'اسلحه',
    'بندقيه',
    'كلاشنكوف',
    'كلاشن',
    'رشاش',
    'مسدس',
    'سكين',
    'سكاكين',
    'ساطور',
    'سيف',
    'سيوف',
    'قنبله',
    'قنابل',
    'عبوه',
    'عبوات',
    'متفجرات',
    'ناسف',
    'مولوتوف',
    'رصاص',
    'رصاصه',
    'ذخيره',
    'بارود',
    'بارودة',
    'طبنجه',
  ],
  /** Weapons drawn as emoji, as the shared normalisation names them. */
  emojiArms: ['knife', 'bomb', 'gun', 'explosive', 'swords'],
} as const;
type WordList = keyof typeof WORDS;

/** Laughter drawn as emoji, which the tokeniser does not keep. */
const LAUGHTER = /[😂🤣😆😹😜😝]/u;
/** A clock time ("8:45", "٨:٤٥" after the digit folds). */
const CLOCK = /^\d{1,2}[:.]\d{2}$/;

/** The lists as sets of words (for `is`) and of keys (so "للمدرسة" meets "مدرسه"). */
interface Lists {
  text: Map<WordList, Set<string>>;
  key: Map<WordList, Set<string>>;
}
const compiled = new WeakMap<TextView['grammar']['pack'], Lists>();

function listsFor(view: TextView): Lists {
  const pack = view.grammar.pack;
  let lists = compiled.get(pack);
  if (!lists) {
    const text = new Map<WordList, Set<string>>();
    const key = new Map<WordList, Set<string>>();
    for (const [name, words] of Object.entries(WORDS) as [WordList, readonly string[]][]) {
      const folded = words.map((w) => pack.normalise(w).text.trim());
      text.set(name, new Set(folded));
      key.set(name, new Set(folded.map((w) => pack.tokeniser.wordKey(w))));
    }
    lists = { text, key };
    compiled.set(pack, lists);
  }
  return lists;
}

const match = (at: number, category: LexiconMatch['category'], phrase: string): LexiconMatch => ({
  category,
  tag: null,
  phrase,
  first: at,
  last: at + 1,
});

/** One sentence's tokens and the questions the forms ask of them. */
class Reader {
  readonly tokens: readonly Token[];
  private readonly lists: Lists;
  constructor(
    readonly view: TextView,
    readonly s: SentenceView,
  ) {
    this.tokens = view.tokens;
    this.lists = listsFor(view);
  }

  /** Whether token `k` is a word of the list, as written or by its key. */
  is(list: WordList, k: number): boolean {
    const t = this.tokens[k];
    if (!t) return false;
    return (this.lists.text.get(list) as Set<string>).has(t.text);
  }
  /** Like `is`, also by key: for nouns that take the article and prepositions. */
  isKey(list: WordList, k: number): boolean {
    const t = this.tokens[k];
    if (!t) return false;
    return (
      (this.lists.text.get(list) as Set<string>).has(t.text) ||
      (this.lists.key.get(list) as Set<string>).has(t.key)
    );
  }
  /** Whether a word (not a token: a stem cut from one) is in the list. */
  has(list: WordList, word: string): boolean {
    return (this.lists.text.get(list) as Set<string>).has(word);
  }
  text(k: number): string {
    return this.tokens[k]?.text ?? '';
  }

  /** A separate future or intent word among the two words before `k`, within the sentence. */
  futureBefore(k: number): number | null {
    for (let j = k - 1; j >= Math.max(this.s.sentence.first, k - 2); j--)
      if (this.is('future', j) || this.is('intent', j)) return j;
    return null;
  }
  /** A negation among the two words before `k` (or before its future word). */
  negatedAt(k: number): boolean {
    for (let j = k - 1; j >= Math.max(this.s.sentence.first, k - 3); j--)
      if (this.is('negations', j)) return true;
    return false;
  }
}

/**
 * The reading of sentence `s` as a threat to life in Arabic, or null. `intent` holds the author's
 * intent phrases the other threat rules found; they count as a when.
 */
export function readArabicThreat(
  view: TextView,
  s: SentenceView,
  intent: readonly LexiconMatch[],
): ThreatToLifeReading | null {
  // Most sentences hold no word any form starts from: they are left after one look at their text.
  if (!HINT.test(view.norm.text.slice(s.sentence.start, s.sentence.end)) && !s.has('weapons')) return null;
  const r = new Reader(view, s);
  const { first, last } = s.sentence;
  const harm: LexiconMatch[] = [];
  const victims: LexiconMatch[] = [];
  const when: LexiconMatch[] = [...intent];
  for (let k = first; k < last; k++) {
    // Each word is parsed once, and only by the forms whose stem it holds.
    const text = r.text(k);
    const verb = LETHAL_VERB.exec(text);
    if (verb) {
      ownHarm(r, k, verb, harm, victims, when);
      harmToCome(r, k, verb, harm, victims, when);
    } else if (text.includes('موت') || text.includes('ت')) {
      deathToCome(r, k, harm, victims, when);
    }
    if (text.includes('خل') || text.includes('جعل')) ownResult(r, k, harm, when);
  }
  readerBody(r, harm, victims, when);
  arms(r, harm);
  watched(r, harm, when);
  if (harm.length === 0 || toldOrJoked(r)) return null;

  // The victims and times around the harm: this sentence and its neighbours, as English reads them.
  const window = [view.sentences[s.index - 1], s, view.sentences[s.index + 1]].filter(
    (x): x is SentenceView => x !== undefined && !x.question,
  );
  for (const x of window) {
    const rx = x === s ? r : new Reader(view, x);
    for (let k = x.sentence.first; k < x.sentence.last; k++) {
      if (rx.is('readerWords', k) || view.grammar.is('secondPerson', view.tokens[k]))
        victims.push(match(k, 'other_targets', rx.text(k)));
      else if (rx.isKey('places', k)) victims.push(match(k, 'group_places', rx.text(k)));
      // "يا سامر", "يا مدير": the one addressed.
      else if (rx.text(k - 1) === 'يا' && /\p{L}/u.test(rx.text(k)))
        victims.push(match(k, 'other_targets', rx.text(k)));
      if (rx.is('times', k) || CLOCK.test(rx.text(k)) || rx.is('waiting', k))
        when.push(match(k, 'timeframes', rx.text(k)));
    }
    for (const m of x.matches) {
      if (['target_groups', 'group_places', 'other_targets', 'slurs'].includes(m.category)) victims.push(m);
      if (m.category === 'timeframes') when.push(m);
    }
  }
  if (victims.length === 0 || when.length === 0) return null;
  return { harm, victims, when };
}

/** Whether the sentence tells of harm that has happened, or laughs. */
function toldOrJoked(r: Reader): boolean {
  const { first, last, start, end } = r.s.sentence;
  for (let k = first; k < last; k++)
    if (r.is('past', k) || r.is('jokes', k) || /^ه{3,}$/.test(r.text(k))) return true;
  const norm = r.view.norm;
  const original = norm.original.slice(
    norm.starts[start] ?? 0,
    (norm.ends[end - 1] ?? norm.original.length) + 4,
  );
  return LAUGHTER.test(original);
}

/** The future marker of a verb at `k`: fused (its letter) or a word before it; null when none. */
function futureOf(r: Reader, k: number, fused: string | undefined, oath: boolean): LexiconMatch | null {
  if ((fused !== undefined && fused !== '') || oath) return match(k, 'timeframes', r.text(k));
  const before = r.futureBefore(k);
  return before === null ? null : match(before, 'timeframes', r.text(before));
}

const READER_OBJECTS = new Set(['ك', 'كم', 'كن', 'كو', 'كي']);
const PEOPLE_OBJECTS = new Set(['هم', 'هن', 'هوم', 'هما']);

/** The author's harm to come: "سنقتلكم", "رح نذبحك", "والله لأقتلنك", "منحرقلك". */
function ownHarm(
  r: Reader,
  k: number,
  m: RegExpExecArray,
  harm: LexiconMatch[],
  victims: LexiconMatch[],
  when: LexiconMatch[],
) {
  const [, , oath = '', fused, person = '', passive = '', , subject = '', , object = ''] = m;
  // "نقتلو" is "we kill" in the Maghreb; ن with another ending is "we"; ا is "I".
  const firstPerson = person === 'ن' || person === 'ا';
  if (!firstPerson || passive !== '' || object === 'ني' || object === 'نا') return;
  // A past ending ("قتلنا", "قتلت") is narration.
  if (subject === 'تم' || subject === 'ت' || subject === 'تو') return;
  const future = futureOf(r, k, fused, oath === 'ل');
  if (!future || r.negatedAt(future.first)) return;
  harm.push(match(k, 'violence_verbs', r.text(k)));
  when.push(future);
  if (READER_OBJECTS.has(object) || PEOPLE_OBJECTS.has(object))
    victims.push(match(k, 'other_targets', r.text(k)));
}

/** Harm to come on others: "هيتدبحو واحد واحد", "رح ينقتلوا", "سيذبح كل …". */
function harmToCome(
  r: Reader,
  k: number,
  m: RegExpExecArray,
  harm: LexiconMatch[],
  victims: LexiconMatch[],
  when: LexiconMatch[],
) {
  const [, , , fused, person = '', passive = '', , subject = '', , object = ''] = m;
  if (person !== 'ي' && person !== 'ت') return;
  // An active third person is someone else's act ("the army will kill"): only the passive, said of
  // the victims, is harm to come from the author's side.
  if (passive === '' || object === 'ني' || object === 'نا') return;
  const future = futureOf(r, k, fused === 'م' ? undefined : fused, false);
  if (!future || r.negatedAt(future.first)) return;
  harm.push(match(k, 'violence_verbs', r.text(k)));
  when.push(future);
  // A plural passive falls on people: "they will be burned".
  if (subject.startsWith('و')) victims.push(match(k, 'other_targets', r.text(k)));
}

/** Death to come for the reader or others: "ستموت", "هتموتوا"; "ما رح تشوف الجمعة". */
function deathToCome(
  r: Reader,
  k: number,
  harm: LexiconMatch[],
  victims: LexiconMatch[],
  when: LexiconMatch[],
) {
  const text = r.text(k);
  const dying = DYING.exec(text);
  if (dying) {
    // Dying "of" something is hyperbole: "هتموت من الضحك" (you'll die laughing).
    if (r.text(k + 1) === 'من') return;
    const future = futureOf(r, k, dying[2], false);
    if (!future || r.negatedAt(future.first)) return;
    harm.push(match(k, 'harm_outcome', text));
    when.push(future);
    if (dying[3] === 'ت') victims.push(match(k, 'other_targets', text));
    return;
  }
  // "You will not see Friday": a future denied the reader, with a time after it.
  if (!SEEING.test(text)) return;
  const future = r.futureBefore(k) ?? (/^[وف]?[سحهغ]ت/.test(text) ? k : null);
  const denied = r.negatedAt(future ?? k);
  const time = r.is('times', k + 1) || r.s.get('timeframes').some((t) => t.first === k + 1);
  if ((future !== null || r.text(k - 1) === 'لن') && denied && time) {
    harm.push(match(k, 'harm_outcome', text));
    victims.push(match(k, 'other_targets', text));
    when.push(match(k + 1, 'timeframes', r.text(k + 1)));
  }
}

/**
 * The reader's body, blood or grave beside a verb to come: "رأسك سيكسر", "دمكم سيسيل". A time
 * alone is not enough: "تبرع بدمك غدا" (give your blood tomorrow).
 */
function readerBody(r: Reader, harm: LexiconMatch[], victims: LexiconMatch[], when: LexiconMatch[]) {
  const { first, last } = r.s.sentence;
  const futureVerb = (k: number) => /^[وف]?[سح][يت]\p{L}{2,}$/u.test(r.text(k));
  for (let k = first; k < last; k++) {
    const ending = /(كم|كن|كو|ك)$/.exec(r.text(k));
    if (!ending) continue;
    const stem = r
      .text(k)
      .slice(0, -ending[0].length)
      .replace(/^[وف]?(?:ال|ب|ل)?/, '');
    if (!(r.has('body', stem) || r.has('body', stem.replace(/[اه]$/, '')))) continue;
    let soon = false;
    for (let j = Math.max(first, k - 3); j < Math.min(last, k + 4); j++)
      if (j !== k && futureVerb(j)) soon = true;
    if (!soon) continue;
    harm.push(match(k, 'harm_outcome', r.text(k)));
    victims.push(match(k, 'other_targets', r.text(k)));
    for (let j = Math.max(first, k - 3); j < Math.min(last, k + 4); j++)
      if (j !== k && futureVerb(j)) when.push(match(j, 'timeframes', r.text(j)));
  }
}

/** Making a place or people into blood or ruins: "نخليها دم", "لنخليه رماد", "سنجعلها مقبرة". */
function ownResult(r: Reader, k: number, harm: LexiconMatch[], when: LexiconMatch[]) {
  const m = MAKING.exec(r.text(k));
  if (!m) return;
  const [, , oath = '', fused] = m;
  // The result within three words: the made thing may stand between ("نخلي المدرسة ع الأرض").
  let result = -1;
  for (let j = k + 1; j < Math.min(r.s.sentence.last, k + 5); j++)
    if (r.is('results', j)) {
      result = j;
      break;
    }
  if (result < 0) return;
  const future = futureOf(r, k, fused, oath === 'ل');
  if (r.negatedAt(k)) return;
  harm.push(match(k, 'violence_verbs', r.text(k)), match(result, 'harm_outcome', r.text(result)));
  // Without a marker, the bare first person in Arabic states intent when a time or a coming is near.
  if (future) when.push(future);
}

/** Weapons brought to a victim, with the author's voice or the sign-off "wait for us". */
function arms(r: Reader, harm: LexiconMatch[]) {
  const { first, last } = r.s.sentence;
  const weapons: LexiconMatch[] = [];
  for (let k = first; k < last; k++)
    if (r.isKey('arms', k) || r.is('emojiArms', k)) weapons.push(match(k, 'weapons', r.text(k)));
  if (weapons.length === 0) return;
  let announced = r.s.has('first_person_intent');
  for (let k = first; k < last; k++) if (r.is('waiting', k) || r.is('future', k)) announced = true;
  if (announced) harm.push(...weapons);
}

/** The author's own coming to a victim: "سنأتيكم", "جايينكم", "نجيك", "سنصل إليكم". */
const COMING_TO =
  /^[وف]?(?:[سحهغ]?[ان](?:اتي|جي|وصل)(?:ك|كم|كن|كو|لك|لكم|ه|هم)?|جاي(?:ين|ينك|ينكم|ينكو|يك|ينلك|ينلكم))$/;

/**
 * The victim watched ("we know where he lives and when he leaves", "نعرف كنائسكم") together with a
 * reckoning, a coming or a deadline: what the threat-assessment literature calls surveillance with
 * intent. Knowledge alone ("نعرف وين ساكن" of a friend) is not a threat.
 */
function watched(r: Reader, harm: LexiconMatch[], when: LexiconMatch[]) {
  const { first, last } = r.s.sentence;
  let known = -1;
  for (let k = first; k < last && known < 0; k++) {
    if (!r.is('knowing', k)) continue;
    for (let j = k + 1; j < Math.min(last, k + 4); j++) {
      // A whereabout, or a place or thing of the victim's by its ending ("كنائسكم", "سيارتك").
      if (r.isKey('whereabouts', j) || /\p{L}{3,}(?:كم|كن|ك|ه|هم)$/u.test(r.text(j))) {
        known = k;
        break;
      }
    }
  }
  if (known < 0) return;
  for (let k = first; k < last; k++) {
    const reckoning = r.isKey('reckoning', k) && r.is('coming', k + 1);
    const coming = COMING_TO.test(r.text(k));
    if (!reckoning && !coming) continue;
    if (r.negatedAt(k)) continue;
    harm.push(match(known, 'planning', r.text(known)), match(k, 'harm_outcome', r.text(k)));
    when.push(match(reckoning ? k + 1 : k, 'timeframes', r.text(reckoning ? k + 1 : k)));
    return;
  }
}
