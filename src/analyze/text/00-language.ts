/**
 * Step 0: which language a text is written in (ISO 639-1), before anything else reads it.
 *
 * eld (an n-gram detector over 60 languages; `npm run bench:langid` compares it with franc) is
 * the main signal, with rules where n-grams fail on what Vigil reads:
 * - the dominant script decides first, over letters outside hashtags, mentions and links, so
 *   Arabic with English hashtags is Arabic; a short Arabic-script text is Arabic by script unless
 *   it uses letters only Persian has;
 * - Arabizi (Arabic in Latin letters, digits for letters) is recognised by its word forms — a small
 *   table of frequent words, at least one of them Arabizi-only — never by digits alone, which
 *   English leetspeak also uses;
 * - a Latin-script text is read after the shared normalisation (leetspeak and look-alikes undone),
 *   and the prior language (English for a post, the surrounding text's for a quote) is kept unless
 *   another language scores clearly higher: obfuscated English otherwise passes for Yoruba or
 *   Polish (measured on the project's English suites: every such misreading scored English at
 *   0.88 or more of the winner, every real French, German, Spanish or other text at 0.84 or less);
 * - under 20 letters there is too little to read: the prior language is kept unless eld names
 *   another packed language reliably.
 */
import { detectLanguage } from './00-language-ngrams.js';
import { normalizeText } from './01-normalize.js';

/**
 * `String.prototype.charCodeAt`, called as `unitAt.call(text, i)` in the loops below that read
 * every unit of a text. Texts come as strings of many internal kinds (read from a file, sliced,
 * joined, lower-cased), and a `text.charCodeAt(i)` call site that has met more than four of them
 * looks the method up generically on every call: measured at 12 to 17 ns a unit, against 2.5 ns
 * for this call of a constant. The module's own binding: an imported one is no constant to the
 * optimiser (6.7 ns).
 */
const unitAt = String.prototype.charCodeAt;

export interface IdentifiedLanguage {
  /** ISO 639-1. */
  code: string;
  /** Confidence from 0 to 1. */
  score: number;
}

export interface IdentifyOptions {
  /** The language to keep unless another is clearly more likely (a quote's surrounding text). */
  prior?: string;
  /** Languages Vigil has packs for: a short text may be taken for one of these only. */
  packed?: ReadonlySet<string>;
  /** A short Latin-script text keeps the prior without being read (a short quote keeps its surroundings). */
  shortKeepsPrior?: boolean;
}

/** Below this many letters a text is too short to identify on its own. */
export const SHORT_TEXT_LETTERS = 20;
/** The prior language is kept while it scores at least this share of the best language's score. */
const PRIOR_SHARE = 0.86;
/** The least eld score at which a text is taken to be in a language Vigil has no pack for. */
const UNPACKED_MIN_SCORE = 0.5;
const DEFAULT_PACKED: ReadonlySet<string> = new Set(['en', 'ar', 'fr', 'de', 'es']);

/**
 * English function words: a text where they are a good share of the words is English without
 * asking the n-gram model, which is most of what Vigil reads and the costliest part of this step.
 */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'the and to of is are was were you your they them their we our that this with for not have has will be it its in on at from but what who all just'.split(
    ' ',
  ),
);

/** Arabizi words that English or another packed language also writes: they count, never alone. */
const SHARED_ARABIZI = [
  'w',
  'wa',
  'men',
  'min',
  'ma',
  'law',
  'fi',
  'bel',
  'bil',
  'lil',
  'kol',
  'kul',
  'ila',
  'al',
  'di',
  'hada',
  'bas',
  'hena',
];

/** Words written only in Arabizi (digits for ع ح ء خ ق, romanised Arabic function words). */
export const ARABIZI_WORDS: ReadonlySet<string> = new Set([
  '3ala',
  '3la',
  '3alaik',
  '3alek',
  '3alayk',
  '3am',
  '3ayez',
  '3ayz',
  '3ashan',
  '3shan',
  '3arab',
  '3ammi',
  '3amo',
  '3ando',
  '3andi',
  '3ndi',
  '3enha',
  '3an',
  '3adi',
  '3ady',
  '3omri',
  '3aleikum',
  'ma3',
  'ma3ak',
  'ma3ik',
  'ma3na',
  'ma3lesh',
  'ma3lish',
  'ya3ni',
  'ya3ny',
  'ta3mel',
  'ta3ml',
  'ta3al',
  'ta3ala',
  'sa3a',
  'sa7',
  'sa7i',
  'la2',
  'la2an',
  'hala2',
  'hal2',
  '2alb',
  '2a5er',
  '2awi',
  '2ahl',
  '2ana',
  '7abibi',
  '7abibti',
  '7abib',
  '7ayati',
  '7elw',
  '7ilw',
  '7elwa',
  '7a2',
  '7aram',
  '7amdulillah',
  '7amdella',
  '7ad',
  '7aga',
  '7aja',
  '7atta',
  '7ob',
  '7arb',
  '7ayawan',
  'ro7',
  'aroo7',
  'aro7',
  'rou7',
  'ra7',
  'mab7',
  'sba7',
  'sa7ebi',
  '5alas',
  '5ales',
  '5ayi',
  '5oya',
  '5ara',
  '5air',
  '5ali',
  '5ob',
  'a5i',
  'a5oya',
  'ba3d',
  'ba3den',
  'b3d',
  'wa7ed',
  'wa7da',
  'shu',
  'shou',
  'shoo',
  'shloonak',
  'kifak',
  'kifik',
  'keefak',
  'izzayak',
  'ezzayak',
  'ezayak',
  'enta',
  'inta',
  'enti',
  'inti',
  'ana',
  'e7na',
  'i7na',
  'ahna',
  'homma',
  'mesh',
  'msh',
  'mish',
  'mosh',
  'kida',
  'keda',
  'kda',
  'leh',
  'leish',
  'lesh',
  'bokra',
  'bukra',
  'kolo',
  'kollo',
  'kullo',
  'aywa',
  'aiwa',
  'tab3an',
  'tab3n',
  'yalla',
  'nshoofak',
  'nshoufak',
  'nshufak',
  'shoghl',
  'shughl',
  'fein',
  'feen',
  'wein',
  'ween',
  'ahlan',
  'habibi',
  'habibti',
  'akhi',
  'ukhti',
  'inshallah',
  'insha2allah',
  'wallah',
  'wallahi',
  'walla',
  'mashallah',
  'masha2allah',
  'alhamdulillah',
  'hamdulillah',
  'subhanallah',
  'yarab',
  'tamam',
  'ya',
  'el',
  // The dialects' closed classes, which every Arabizi post leans on whatever it is about:
  // demonstratives and relatives (Maghrebi, Egyptian, Levantine, Gulf).
  'elli',
  'illi',
  'elly',
  'lli',
  'hadhom',
  'hadhoum',
  'hedhom',
  'hedha',
  'hedhi',
  'hadou',
  'hadouk',
  'hadchi',
  'hadha',
  'hadhi',
  'hayda',
  'hayde',
  'dol',
  'dool',
  'deh',
  // Negation, "all", "very", "now", "want", "how", "what" in the dialects.
  'mech',
  'mich',
  'mouch',
  'mafi',
  'mafish',
  'mafesh',
  'kolchi',
  'kolshi',
  'barcha',
  'barsha',
  'bzaf',
  'bezzaf',
  'yesser',
  'ktir',
  'kteer',
  'awi',
  'daba',
  'tawa',
  'halla',
  'bghit',
  'bghiti',
  'bghina',
  'baddi',
  'bidna',
  'badna',
  'achno',
  'chno',
  'chnou',
  'shno',
  'wach',
  'wech',
  'kifech',
  'kifach',
  'kifash',
  'ezay',
  'ezzay',
  'shlon',
  'shloon',
  // Prepositions fused with the article, pronouns, particles.
  'fel',
  'lel',
  'mn',
  'nta',
  'nti',
  'ntoma',
  'howa',
  'heya',
  'hiya',
  'ehna',
  'dyal',
  'dial',
  'diyal',
  'bach',
  'bech',
  'ghadi',
  'ghadin',
  'khasso',
  'khassna',
  'lazem',
  'lazim',
  'lazm',
  'lakin',
  'walakin',
  'kayn',
  'kayna',
  'kaman',
  'kman',
  'bardo',
  'lessa',
  'lissa',
  'hek',
  'heik',
  'inno',
  'enno',
  'm3a',
  'ma3a',
  'kel',
  'kell',
  'koll',
  'menhom',
  'minhom',
  'fihom',
  'bihom',
  'rabbi',
  // Words the lines above share with English or another packed language: they count, not alone.
  ...SHARED_ARABIZI,
]);
/** Those of the words above that English posts use as they are (loanwords, "ya", "el"). */
export const LOANWORDS: ReadonlySet<string> = new Set([
  'ana',
  'yalla',
  'ahlan',
  'habibi',
  'habibti',
  'akhi',
  'ukhti',
  'inshallah',
  'wallah',
  'wallahi',
  'walla',
  'mashallah',
  'alhamdulillah',
  'hamdulillah',
  'subhanallah',
  'yarab',
  'ya',
  'el',
  'leh',
  'mesh',
  'shoo',
  ...SHARED_ARABIZI,
  'dial',
  'bach',
  'deh',
  'dol',
]);

/** Arabic-script letters (not marks, digits or punctuation), presentation forms included. */
const isArabicLetter = (u: number) =>
  (u >= 0x620 && u <= 0x64a) ||
  (u >= 0x66e && u <= 0x6d3) ||
  u === 0x6d5 ||
  (u >= 0x6ee && u <= 0x6ff) ||
  (u >= 0x750 && u <= 0x77f) ||
  (u >= 0xfb50 && u <= 0xfdff) ||
  (u >= 0xfe70 && u <= 0xfefc);
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/gu;
const PERSIAN_ONLY = /[پچژگ]/u;
const ANY_LETTER_ONE = /^\p{L}$/u;
/** Hashtags, mentions and links: they are often in another language than the post. */
const ASIDES = /(?:^|\s)[#@][\p{L}\p{N}_]+|https?:\/\/\S+|www\.\S+/gu;

/**
 * Whether a text may hold a hashtag, a mention or a link: most posts hold none, and then `ASIDES`,
 * a Unicode expression run over the whole text, has nothing to replace.
 */
const mayHaveAsides = (text: string) =>
  text.includes('#') || text.includes('@') || text.includes('://') || text.includes('www.');

/**
 * Letters in all, in Arabic script and in Latin script, in one pass without allocating: this runs
 * on every text and quote, so it is kept cheaper than a global regular-expression match.
 */
function scriptCounts(text: string): { letters: number; arabic: number; latin: number; ascii: boolean } {
  let letters = 0;
  let arabic = 0;
  let latin = 0;
  let ascii = true;
  // The length read once: on a text of any kind it too is a generic lookup (see `unitAt`).
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const u = unitAt.call(text, i);
    if (u >= 0x80) ascii = false;
    if (u < 0x80) {
      if ((u >= 0x61 && u <= 0x7a) || (u >= 0x41 && u <= 0x5a)) {
        letters++;
        latin++;
      }
    } else if (u >= 0xc0 && u <= 0x24f && u !== 0xd7 && u !== 0xf7) {
      letters++;
      latin++;
    } else if (isArabicLetter(u)) {
      letters++;
      arabic++;
    } else if (u >= 0xd800 && u <= 0xdbff) {
      if (ANY_LETTER_ONE.test(text.slice(i, i + 2))) letters++;
      i++;
    } else if (ANY_LETTER_ONE.test(text[i] as string)) letters++;
  }
  return { letters, arabic, latin, ascii };
}
const round = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;

/** The language of `text`, for the detector to pick a language pack by. */
export function identifyLanguage(text: string, options: IdentifyOptions = {}): IdentifiedLanguage {
  const prior = options.prior ?? 'en';
  const packed = options.packed ?? DEFAULT_PACKED;
  const body = mayHaveAsides(text) ? text.replace(ASIDES, ' ') : text;
  const bodyCounts = scriptCounts(body);
  const counted = bodyCounts.letters > 0 ? body : text;
  const { letters, arabic, latin, ascii } = bodyCounts.letters > 0 ? bodyCounts : scriptCounts(text);
  if (letters === 0) return { code: prior, score: 0 };

  if (arabic * 2 >= letters) {
    if (arabic < SHORT_TEXT_LETTERS) return { code: PERSIAN_ONLY.test(counted) ? 'fa' : 'ar', score: 0.8 };
    const found = detectLanguage(counted);
    // eld tells Arabic from Persian, Urdu and the rest of the script; anything else it says of
    // Arabic letters is noise.
    const code = ['fa', 'ur', 'ku'].includes(found.language) ? found.language : 'ar';
    return { code, score: round(found.score(code) ?? 0.8) };
  }

  // An ASCII text is read as it is, lower-cased unit by unit; any other is lower-cased first, as
  // some characters lower-case to ASCII letters (the Kelvin sign to "k").
  const words = latinWords(ascii ? counted : counted.toLowerCase());
  if (latin * 2 >= letters && words.arabizi !== null)
    return { code: 'ar', score: round(0.5 + words.arabizi / 2) };

  if (letters < SHORT_TEXT_LETTERS && options.shortKeepsPrior) return { code: prior, score: 0.5 };
  // Most texts are plain English: their function words settle it before any normalisation.
  if (words.english) return { code: 'en', score: 0.9 };
  // Leetspeak and look-alikes undone, as the detector will read the text; a stray Arabic-script
  // sign in a Latin text ("the Prophet ﷺ") would otherwise decide eld's answer by its script alone.
  const readable = normalizeText(arabic > 0 ? counted.replace(ARABIC_SCRIPT, ' ') : counted).text;
  if (mostlyEnglish(readable.match(/\p{L}+/gu) ?? [])) return { code: 'en', score: 0.9 };
  const found = detectLanguage(readable);
  const best = found.language;
  if (!best) return { code: prior, score: 0.5 };
  const top = found.score(best) ?? 0;
  const priorScore = found.score(prior) ?? 0;
  if (letters < SHORT_TEXT_LETTERS) {
    // Too little text to overrule the prior with anything but a packed language read reliably.
    if (best !== prior && packed.has(best) && found.isReliable() && priorScore < top * PRIOR_SHARE)
      return { code: best, score: round(top) };
    return { code: prior, score: round(Math.max(priorScore, 0.5)) };
  }
  if (best !== prior && priorScore >= top * PRIOR_SHARE) return { code: prior, score: round(priorScore) };
  // A language without a pack means "not analysed": it takes a confident reading, not a weak guess
  // on a short post (measured: a 25-character English post read as Danish at 0.41).
  if (best !== prior && !packed.has(best) && top < UNPACKED_MIN_SCORE)
    return { code: prior, score: round(Math.max(priorScore, 0.5)) };
  return { code: best, score: round(top) };
}

/**
 * FNV-1a over `text`'s units from `start` to `end`, ASCII capitals lower-cased, as a signed 32-bit
 * integer (the bits FNV gives, kept out of doubles).
 */
function wordHash(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    const u = unitAt.call(text, i);
    h = Math.imul(h ^ (u >= 0x41 && u <= 0x5a ? u + 32 : u), 0x01000193);
  }
  return h;
}

/**
 * A set of lower-case ASCII words, asked about a span of a text by hash, with no string cut out:
 * an open-addressing table of the words' hashes, probed with typed-array reads. A map keyed by the
 * hash (even kept to a small integer) cost a hash-table lookup in V8's map for every word of every
 * text and quote, twice (English function words and Arabizi), a third of `latinWords`.
 */
class SpanSet {
  /** Per slot: the word's `wordHash`, and its index in `words` plus one (0: empty). */
  private readonly hashes: Int32Array;
  private readonly ids: Int32Array;
  private readonly shift: number;
  private readonly words: string[];

  constructor(words: Iterable<string>) {
    this.words = [...new Set(words)];
    let bits = 4;
    while (1 << bits < this.words.length * 2) bits++;
    this.shift = 32 - bits;
    this.hashes = new Int32Array(1 << bits);
    this.ids = new Int32Array(1 << bits);
    const mask = (1 << bits) - 1;
    this.words.forEach((w, i) => {
      const h = wordHash(w, 0, w.length);
      let slot = Math.imul(h, 0x9e3779b1) >>> this.shift;
      while (this.ids[slot] !== 0) slot = (slot + 1) & mask;
      this.hashes[slot] = h;
      this.ids[slot] = i + 1;
    });
  }

  /** Whether `text`[start, end), ASCII capitals lower-cased, is one of the words (`hash`: `wordHash`'s). */
  has(text: string, start: number, end: number, hash: number): boolean {
    const mask = this.ids.length - 1;
    for (let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const id = this.ids[slot] as number;
      if (id === 0) return false;
      if (this.hashes[slot] !== hash) continue;
      const w = this.words[id - 1] as string;
      if (w.length !== end - start) continue;
      let same = true;
      for (let k = 0; k < w.length && same; k++) {
        const u = unitAt.call(text, start + k);
        same = (u >= 0x41 && u <= 0x5a ? u + 32 : u) === w.charCodeAt(k);
      }
      if (same) return true;
    }
  }
}

const ENGLISH_FUNCTION_SPANS = new SpanSet(ENGLISH_FUNCTION_WORDS);
const ARABIZI_SPANS = new SpanSet(ARABIZI_WORDS);
const LOANWORD_SPANS = new SpanSet(LOANWORDS);

const isLower = (u: number) => u >= 0x61 && u <= 0x7a;
const isVowel = (u: number) => u === 0x61 || u === 0x65 || u === 0x69 || u === 0x6f || u === 0x75;
/**
 * Digits leetspeak writes for vowels and syllables (0 o, 1 i, 4 a, 8 "ate"), which Arabizi does not
 * write for a letter; Arabizi's are 2 ء, 3 ع, 5 خ, 6 ط, 7 ح, 9 ق.
 */
const LEET_DIGITS: ReadonlySet<number> = new Set([0x30, 0x31, 0x34, 0x38]);
/** ASCII capitals read as small letters: `latinWords` reads an ASCII text without lower-casing it. */
const asLower = (u: number) => (u >= 0x41 && u <= 0x5a ? u + 32 : u);

/**
 * Two readings of a lower-cased text (or an ASCII one, read as lower-cased) in one pass, without
 * cutting out a string per word, as every text and quote is read so:
 * - `arabizi`: the share of Arabizi words when the text is Arabizi, else null: at least two of its
 *   words (runs of `[a-z0-9']`) are Arabizi, at least one of them a word of the table that is not a
 *   loanword English posts use, and they are a quarter of its words. Besides the table's words, a
 *   word is Arabizi by its form when a digit stands for a letter as Arabizi writes them (after a
 *   letter, "sh3a", "wa7ed", or opening a syllable, "3omla") and no leetspeak digit is in it (0, 1,
 *   4, 8); such words count, but never make a text Arabizi alone (nor do "3rd", "5pm", "2day");
 * - `english`: whether English function words are at least three and a quarter of its words (runs of
 *   `[a-z]`), as `mostlyEnglish` counts them.
 * Exported for its test.
 */
export function latinWords(lower: string): { arabizi: number | null; english: boolean } {
  let arabiziWords = 0;
  let hits = 0;
  let distinctive = 0;
  let latinRuns = 0;
  let english = 0;
  let a = -1; // start of the current [a-z0-9']+ word, or -1
  let b = -1; // start of the current [a-z]+ word, or -1
  let ha = 0;
  let hb = 0;
  // The current word's digits: one written for a letter as Arabizi writes it, and one of leetspeak's.
  let letterDigit = false;
  let leetDigit = false;
  let afterLetter = false;
  let openingDigit = false;
  const n = lower.length;
  for (let i = 0; i <= n; i++) {
    const u = i < n ? asLower(unitAt.call(lower, i)) : -1;
    const letter = isLower(u);
    if (letter) {
      if (openingDigit && isVowel(u)) letterDigit = true;
      openingDigit = false;
    } else if (u >= 0x30 && u <= 0x39) {
      if (LEET_DIGITS.has(u)) leetDigit = true;
      else if (afterLetter) letterDigit = true;
      else openingDigit = a === -1;
    } else openingDigit = false;
    if (letter) {
      if (b === -1) {
        b = i;
        hb = 0x811c9dc5 | 0;
      }
      hb = Math.imul(hb ^ u, 0x01000193);
    } else if (b !== -1) {
      latinRuns++;
      if (ENGLISH_FUNCTION_SPANS.has(lower, b, i, hb)) english++;
      b = -1;
    }
    if (letter || (u >= 0x30 && u <= 0x39) || u === 0x27) {
      if (a === -1) {
        a = i;
        ha = 0x811c9dc5 | 0;
      }
      ha = Math.imul(ha ^ u, 0x01000193);
    } else if (a !== -1) {
      arabiziWords++;
      if (ARABIZI_SPANS.has(lower, a, i, ha)) {
        hits++;
        if (!LOANWORD_SPANS.has(lower, a, i, ha)) distinctive++;
      } else if (letterDigit && !leetDigit) hits++;
      a = -1;
      letterDigit = false;
      leetDigit = false;
      openingDigit = false;
    }
    afterLetter = letter;
  }
  const share = arabiziWords === 0 ? 0 : hits / arabiziWords;
  return {
    arabizi: arabiziWords > 0 && hits >= 2 && distinctive >= 1 && share >= 0.25 ? share : null,
    english: english >= 3 && english * 4 >= latinRuns,
  };
}

/** Whether English function words are at least three and a quarter of the words. */
function mostlyEnglish(words: readonly string[]): boolean {
  let english = 0;
  for (const w of words) if (ENGLISH_FUNCTION_WORDS.has(w)) english++;
  return english >= 3 && english * 4 >= words.length;
}
