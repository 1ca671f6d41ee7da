/**
 * Arabic word keys and split-word repair: what lets a lexicon written in a few forms meet the
 * forms posts actually use.
 *
 * An Arabic word carries its conjunction, future marker, person, voice and object pronoun
 * ("فسنذبحهم", "هيتدبحو", "منحرقلك", "ونكسرولهم"), and the dialects spell the same consonant
 * differently (ذبح / دبح, ثأر / تار). A lexicon cannot list every form, so:
 *
 * - keys fold the consonants the dialects merge (ث→ت, ذ→د, ظ→ض) and the hamza seats (ئ→ي, ؤ→و);
 * - a verb of violence (a short table of roots) is keyed by its root whatever its affixes, so one
 *   lexicon entry ("اقتلوا") covers the imperative, the jussive, the present, the passive
 *   (ينقتل, يتحرق) and the dialect plural (نحرقو); a form with a future marker and the first person
 *   ("سنذبح", "هنحرق", "منحرق", "حنقتل", the oath "لأقتلنك") keeps that marker in its key, so a
 *   lexicon can say "we will kill" apart from "kill", and the speaker as object ("قتلتني") keeps
 *   "ني", so "it kills me" stays an idiom;
 * - any other word loses its article and fused conjunctions, then a pronoun and the plural ending
 *   before it, as long as three letters remain.
 */
import type { NormalizedText } from '../text/01-normalize.js';
import { squeeze } from '../text/02-tokens.js';

/** Letters the dialects (and hurried typing) write for one another; keys use the right-hand side. */
const CONSONANT_FOLDS: Readonly<Record<string, string>> = { ث: 'ت', ذ: 'د', ظ: 'ض', ئ: 'ي', ؤ: 'و' };
const FOLDABLE = /[ثذظئؤ]/;
const FOLDED = /[ثذظئؤ]/g;

/**
 * Roots of verbs that harm people, as keys write them (ذبح is دبح). A root marked `verbOnly` is an
 * everyday noun on its own or with the article (الفجر "dawn", ولع "passion"): only its verb forms
 * take the root's key.
 */
const VIOLENT_ROOTS: readonly { root: string; verbOnly?: boolean }[] = [
  { root: 'قتل' },
  { root: 'دبح' },
  { root: 'نحر' },
  { root: 'حرق' },
  { root: 'فجر', verbOnly: true },
  { root: 'طعن' },
  { root: 'دهس' },
  { root: 'دعس' },
  { root: 'ضرب' },
  { root: 'سحل' },
  { root: 'شنق' },
  { root: 'رجم' },
  { root: 'سحق' },
  { root: 'نسف' },
  { root: 'دمر' },
  { root: 'خنق' },
  { root: 'سلخ' },
  { root: 'هجم', verbOnly: true },
  { root: 'طرد' },
  { root: 'ولع', verbOnly: true },
  { root: 'جتت' },
  { root: 'صفي', verbOnly: true },
];
const ROOTS = VIOLENT_ROOTS.map((r) => r.root).join('|');
/** The roots as normalised text writes them, before the consonant folds of keys (دبح or ذبح). */
const TEXT_ROOTS = ROOTS.replace(/[تدض]/g, (c) => ({ ت: '[تث]', د: '[دذ]', ض: '[ضظ]' })[c] ?? c);
const VERB_ONLY = new Set(VIOLENT_ROOTS.filter((r) => r.verbOnly).map((r) => r.root));

/** Object pronouns, with the dialects' indirect object (ـلهم، ـلك: "منحرقلك") and Maghrebi ـهوم. */
const OBJECT = '(ل?(?:هما|هم|هن|هون|هوم|ها|ه|كم|كو|كن|ك|ني|نا|و))?';
/**
 * Subject endings: plural (وا، و، ون، ين), past (ت، تم، نا), the oath's emphatic ن ("لنذبحنكم");
 * not ي, which makes nouns (قتلى).
 */
const SUBJECT = '(?:وا|ون|و|ين|تم|تو|نا|ت|ن)?';
/**
 * A verb form of a violent root: conjunction (و، ف), jussive ل, a future or aspect marker (س، ح، ه,
 * Levantine ب and م before ن), the person (ا ي ت ن), the passive (ن، ت), the root, its endings.
 * Groups: 1 conjunction and jussive, 2 future marker, 3 person, 4 root, 5 object.
 */
const VERB = new RegExp(
  `^([وف]?ل?)(س|ح|ه|ب|م(?=ن))?([ايتن]?)(?:[نت](?=${ROOTS}))?(${ROOTS})${SUBJECT}${OBJECT}$`,
);
/** The root as a noun or bare form: article and prepositions, then the ending of a noun or verb. */
const NOUN = new RegExp(`^(?:[وف]?(?:ال|بال|لل|كال|ب|ل)?)(${ROOTS})(?:ه|ها|هم|هن|وا|و|ت|نا)?$`);

/** Marks a violent root's key; never in normalised text, which drops tatweel. */
const ROOT_MARK = 'ـ';

/** Every other word: the article and fused particles, then one common ending, while three letters remain. */
const PREFIXES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'و', 'ف'];
const SUFFIXES = ['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا', 'ون', 'ين', 'ات', 'وا', 'ان', 'ه'].sort(
  (a, b) => b.length - a.length,
);
/** A verb's plural ending left once its object pronoun is gone ("استهدفوهم" → "استهدفو" → "استهدف"). */
const PLURAL_AFTER_OBJECT = ['وا', 'و'];
const OBJECTS = new Set(['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا', 'ه']);
const MIN = 3;

/** Keys already computed: posts repeat their words, and a key costs a few expressions. */
const KEY_CACHE = new Map<string, string>();
const KEY_CACHE_SIZE = 50_000;

/** The article with a fused preposition or conjunction, longest first. */
const ARTICLES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال'];

/**
 * The word without its article when the article's ل meets another ل: "للمدرسة" (to the school),
 * "الليبي", "والليل". Squeezing would read the two as one drawn-out letter and leave neither the
 * article to strip nor the word ("للذئاب" → "لذئاب"). Three letters must remain, so "الله" and
 * "اللي" stay whole.
 */
function withoutArticleBeforeLam(word: string): string {
  for (const a of ARTICLES) {
    if (!word.startsWith(a)) continue;
    const rest = word.slice(a.length);
    const doubled = a === 'لل' || rest.startsWith('ل');
    return doubled && rest.length >= MIN ? rest : word;
  }
  return word;
}

/** The key of a normalised Arabic word (diacritics gone, letter variants folded). */
export function arabicKey(raw: string): string {
  let key = KEY_CACHE.get(raw);
  if (key === undefined) {
    // A full cache starts again: simpler than tracking use, and the common words come back at once.
    if (KEY_CACHE.size >= KEY_CACHE_SIZE) KEY_CACHE.clear();
    key = computeKey(raw);
    KEY_CACHE.set(raw, key);
  }
  return key;
}

function computeKey(raw: string): string {
  const arabizi = arabiziKey(raw);
  if (arabizi !== null) return arabizi;
  // The plural of a relative adjective keeps its "ي" (السوريين → سوري, المثليين → مثلي): it meets
  // its singular, and not the word squeezing and stripping would leave (سور "wall", مثل "like").
  const unsqueezed = raw.endsWith('يين') || raw.endsWith('يون') ? raw.slice(0, -2) : raw;
  let word = squeeze(withoutArticleBeforeLam(unsqueezed));
  if (FOLDABLE.test(word)) word = word.replace(FOLDED, (c) => CONSONANT_FOLDS[c] ?? c);
  const root = violentRootKey(word);
  if (root !== null) return root;
  for (const p of PREFIXES) {
    if (word.startsWith(p) && word.length - p.length >= MIN) {
      word = word.slice(p.length);
      break;
    }
  }
  for (const s of SUFFIXES) {
    if (!word.endsWith(s) || word.length - s.length < MIN) continue;
    const stem = word.slice(0, -s.length);
    if (!OBJECTS.has(s)) return stem;
    for (const p of PLURAL_AFTER_OBJECT) {
      if (stem.endsWith(p) && stem.length - p.length >= MIN) return stem.slice(0, -p.length);
    }
    return stem;
  }
  return word;
}

/**
 * The key of a verb of violence, or null for any other word: the root and a mark, after "س" when
 * the form says "we will" or "I will" (a future marker with the first person, or the Egyptian "ه"
 * straight before the root), after "ل" for the jussive ("فليقتل", "لنحرقهم": let him, let us), and
 * followed by "ني" when the speaker is the object ("قتلتني", "هيدبحني": an idiom of complaint, not a
 * call).
 */
function violentRootKey(word: string): string | null {
  if (word.length < 3) return null;
  const verb = VERB.exec(word);
  if (verb) {
    const [, particles = '', future, person = '', root = '', object = ''] = verb;
    const bare = particles === '' && future === undefined && person === '' && word.length === root.length;
    // "ب" or "ل" straight before the root is "with", "for": a noun (below).
    const preposition = person === '' && (future === 'ب' || particles.endsWith('ل'));
    if (!(bare && VERB_ONLY.has(root)) && !preposition) {
      const firstPerson = person === 'ن' || person === 'ا';
      // "ل" before the first person is an oath ("والله لأقتلنك"), before another person a jussive.
      const mood =
        particles.endsWith('ل') && !firstPerson
          ? 'ل'
          : particles.endsWith('ل') ||
              (future !== undefined && future !== 'ب' && (firstPerson || person === ''))
            ? 'س'
            : '';
      // The speaker as the object: "me", and "us" after a third person ("يقتلنا" it kills us).
      const speaker =
        object === 'ني' || word.endsWith('ني') || (word.endsWith('نا') && (person === 'ي' || person === 'ت'));
      return `${mood}${root}${ROOT_MARK}${speaker ? 'ني' : ''}`;
    }
    if (!preposition) return null;
  }
  const noun = NOUN.exec(word);
  if (noun && !VERB_ONLY.has(noun[1] as string)) return `${noun[1]}${ROOT_MARK}`;
  return null;
}

/**
 * Violent verb forms that cannot be an imperative: the bare root and the noun (past tense or
 * masdar: "حرق خيم اللاجئين جريمة"), the past with the endings no imperative takes ("ودمّرت",
 * "قتلتم", "حرقنا"), and the present or future with a person prefix ("يقتلون"). The plural past
 * ("ولّعوا") stays open: in the doubled forms it is spelt as the imperative.
 */
export const NOT_IMPERATIVE = new RegExp(
  `^(?:[وف]?(?:ال|بال|لل|ب)?(?:${TEXT_ROOTS})(?:ت|تم|تو|نا)?(?:ه|ها|هم|هن)?|[وف]?[سهحبم]?[يتن][نت]?(?:${TEXT_ROOTS})\\p{L}*)$`,
  'u',
);

/** Arabizi digits for letters, as posts mixing scripts put them inside Arabic words ("الذب7"). */
const DIGIT_LETTERS: Readonly<Record<string, string>> = {
  '2': 'ء',
  '3': 'ع',
  '5': 'خ',
  '6': 'ط',
  '7': 'ح',
  '9': 'ق',
};

/**
 * Reads a digit standing alone inside an Arabic word as the letter Arabizi writes with it; digits
 * beside other digits (dates, counts) stay numbers. Offsets are unchanged (one unit for one).
 */
export function arabiziDigitsInArabic(n: NormalizedText): NormalizedText {
  if (!/[\u0621-\u064a][2356790]|[2356790][\u0621-\u064a]/.test(n.text)) return n;
  const text = n.text.replace(
    /(?<=[\u0621-\u064a])[235679](?![0-9])|(?<![0-9])[235679](?=[\u0621-\u064a])/g,
    (d) => DIGIT_LETTERS[d] ?? d,
  );
  return { ...n, text };
}

/** Separators the obfuscated spellings put inside a word: spaces, dots, dashes, underscores. */
const SEPARATOR = /[ .\-_·•*]/;
const ARABIC_LETTER = /[\u0621-\u064a]/;
const TATWEEL = 'ـ';
const SPLIT_SIGN =
  /(?:^|[^\u0621-\u064a])[\u0621-\u064a] +[\u0621-\u064a]|[\u0621-\u064a][.\-_·•*]+[\u0621-\u064a]/;

/**
 * Joins an Arabic word split to escape filters ("ا.ق.ت.ـلـوا", "مـ ر تـ د ين", "ص ل ي ب ي ي ن"),
 * keeping every kept character's original span. A separator between Arabic letters is dropped when
 * a tatweel stands beside it in the original (a letter drawn to join the next one), when it is a dot
 * or dash between letters, or when it sits in a run of three or more single letters. A lone "و"
 * ("و الله") is a word of its own and never opens such a run.
 */
export function joinSplitArabic(n: NormalizedText): NormalizedText {
  const text = n.text;
  // Most Arabic posts hold none of the three signs of a split word: a tatweel, a letter standing
  // alone, a dot or dash between letters.
  if (!n.original.includes(TATWEEL) && !SPLIT_SIGN.test(text)) return n;
  const drop = new Uint8Array(text.length);
  let changed = false;
  let i = 0;
  while (i < text.length) {
    if (!SEPARATOR.test(text[i] as string) || i === 0 || !ARABIC_LETTER.test(text[i - 1] as string)) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && SEPARATOR.test(text[j] as string)) j++;
    const next = text[j] ?? '';
    const joins = ARABIC_LETTER.test(next)
      ? splitInside(n, i, j)
      : // A digit for a letter after a drawn-out letter ("الذبـ.ـ7").
        /[235679]/.test(next) &&
        n.original.slice(n.starts[i - 1] as number, n.starts[j] as number).includes(TATWEEL);
    if (joins) {
      drop.fill(1, i, j);
      changed = true;
    }
    i = j;
  }
  if (!changed) return n;
  const starts: number[] = [];
  const ends: number[] = [];
  let out = '';
  for (let k = 0; k < text.length; k++) {
    if (drop[k]) continue;
    out += text[k];
    starts.push(n.starts[k] as number);
    ends.push(n.ends[k] as number);
  }
  return { original: n.original, text: out, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** Whether the separators text[from, to) split one word (see `joinSplitArabic`). */
function splitInside(n: NormalizedText, from: number, to: number): boolean {
  const text = n.text;
  const seps = text.slice(from, to);
  const left = fragment(text, from - 1, -1);
  const right = fragment(text, to, 1);
  // A dropped tatweel's span is the one of the character it followed: the letter before the
  // separators, or the last separator. Drawn out on both sides of a space ("المجـ ـاهدين") or beside
  // a dot inside a word ("ت.ـلوا") is a split; a word ending drawn out before a space ("الموتـ
  // للكفار") is decoration.
  const drawnLeft = n.original
    .slice(n.starts[from - 1] as number, n.starts[from] as number)
    .includes(TATWEEL);
  const drawnRight = n.original.slice(n.starts[to - 1] as number, n.starts[to] as number).includes(TATWEEL);
  const dotted = /^[.\-_·•*]$/.test(seps);
  if ((drawnLeft && drawnRight) || (dotted && (drawnLeft || drawnRight))) return true;
  // A single letter or the article drawn out ("سـ نذ", "الـ ص").
  if (drawnLeft && ((left.length === 1 && left !== 'و') || left === 'ال')) return true;
  if (drawnRight && right.length === 1) return true;
  if (seps.length > 3) return false;
  if (dotted && (left.length === 1 || right.length === 1)) return true;
  // Spaces only, or spaces around a dropped mark ("ك س ّ ر"); a conjunction "و" never opens a run.
  if (!/^ +$/.test(seps) || (left === 'و' && !singleBefore(text, from - 1))) return false;
  // Three single letters in a row: this one, and two more on either side.
  return left.length === 1 && right.length === 1 && (singleBefore(text, from - 1) || singleAfter(text, to));
}

/** The run of Arabic letters at `at`, read in direction `step`. */
function fragment(text: string, at: number, step: 1 | -1): string {
  let k = at;
  while (k >= 0 && k < text.length && ARABIC_LETTER.test(text[k] as string)) k += step;
  return step === 1 ? text.slice(at, k) : text.slice(k + 1, at + 1);
}

/** Whether a single letter at `at` is preceded by a space and another single letter. */
function singleBefore(text: string, at: number): boolean {
  return text[at - 1] === ' ' && fragment(text, at - 2, -1).length === 1 && text[at - 2] !== 'و';
}

/** Whether a single letter at `at` is followed by a space and another single letter. */
function singleAfter(text: string, at: number): boolean {
  return text[at + 1] === ' ' && fragment(text, at + 2, 1).length === 1 && text[at + 2] !== 'و';
}

/**
 * Gives an Arabizi word its digits back. The shared normalisation reads digits inside Latin words
 * as leetspeak ("wa7ed" → "wated", "3lihom" → "elihom"); in Arabic text they are letters (ح، ع),
 * and the keys below read them so. The article's apostrophe ("l'afar9a") is read as a space, so the
 * word after it is a word of its own. Offsets are unchanged.
 */
export function arabiziDigitsBack(n: NormalizedText): NormalizedText {
  let text: string[] | null = null;
  for (let i = 0; i < n.text.length; i++) {
    const c = n.text.charCodeAt(i);
    const start = n.starts[i] as number;
    if (c >= 0x61 && c <= 0x7a && (n.ends[i] as number) - start === 1) {
      const o = n.original[start] as string;
      if (o >= '2' && o <= '9' && o !== '4') {
        text ??= n.text.split('');
        text[i] = o;
      }
    } else if (
      (c === 0x27 || c === 0x2019) &&
      /^(?:^|[^a-z])(?:e|a)?l$/.test(n.text.slice(Math.max(0, i - 3), i))
    ) {
      if (/[a-z0-9]/.test(n.text[i + 1] ?? '')) {
        text ??= n.text.split('');
        text[i] = ' ';
      }
    }
  }
  return text ? { ...n, text: text.join('') } : n;
}

/** Arabizi spellings of one consonant, as keys write them: digits and digraphs to one letter. */
const ARABIZI_CONSONANTS: readonly [RegExp, string][] = [
  [/kh|5/g, 'x'],
  [/gh|8/g, 'g'],
  [/sh|ch/g, 'c'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/[29k]/g, 'q'],
  [/7/g, 'h'],
  [/6/g, 't'],
];

/**
 * The key of a word in Arabic written in Latin letters (Arabizi): its consonant skeleton, the way
 * the Arabic script writes it, so "e9tlo", "2eteloo", "o2tolo" and "uqtuluhum" (kill!) meet, and
 * "yet7ar9o" and "n7arkou" meet "i7r2o" (burn). The article, pronoun endings (-hom, -kom, -na) and
 * person prefixes (y-, t-, n-) go while three consonants remain; a shorter skeleton says too little
 * and the word keeps its own spelling. Null for a word with no Latin letter.
 */
export function arabiziKey(word: string): string | null {
  if (!/[a-z]/.test(word)) return null;
  let w = word.replace(/^(?:el|al|il|l')(?=[a-z0-9']{3})/, '');
  for (const [from, to] of ARABIZI_CONSONANTS) w = w.replace(from, to);
  let skeleton = squeeze(w.replace(/[aeiou'’]/g, ''));
  for (const suffix of ['hm', 'qm', 'hn', 'qn', 'n']) {
    if (skeleton.endsWith(suffix) && skeleton.length - suffix.length >= 3) {
      skeleton = skeleton.slice(0, -suffix.length);
      break;
    }
  }
  for (let k = 0; k < 2 && /^[ytn]/.test(skeleton) && skeleton.length > 3; k++) skeleton = skeleton.slice(1);
  return skeleton.length >= 3 ? `~${skeleton}` : null;
}
