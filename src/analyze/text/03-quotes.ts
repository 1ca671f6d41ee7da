/**
 * Step 3: quoted passages and who they are attributed to. Works on the original text, so quote
 * offsets are the analysed text's own. Finds paired quotes (straight, curly, guillemets; single and
 * double), quotes running over several paragraphs, Markdown/e-mail block quotes, unquoted speech
 * introduced by a colon ("One post read: …") and reported speech ("… wrote that …"). The quotation
 * marks and reporting verbs are the language pack's (`QuoteGrammar`); English is the table below.
 */

import { escapeRegExp } from '../../shared/regexp.js';
import type { LanguagePack } from '../languages.js';

export interface QuoteSpan {
  start: number;
  end: number;
  text: string;
  attribution: string | null;
  platform: string | null;
  kind: 'quoted' | 'block' | 'colon' | 'reported';
}

const OPENERS: Record<string, string> = {
  '"': '"',
  '“': '”',
  '„': '“',
  '«': '»',
  '‘': '’',
  "'": "'",
  '‹': '›',
};
const QUOTE_MARKS = new Set([...Object.keys(OPENERS), ...Object.values(OPENERS), '’', '‚', '‘']);

/** Whether `ch` is a quotation mark this module pairs (straight, curly, guillemets, low-9). */
export function isQuoteMark(ch: string): boolean {
  return QUOTE_MARKS.has(ch);
}

const PLATFORMS: [RegExp, string][] = [
  [/\btelegram\b/i, 'telegram'],
  [/\bfacebook\b/i, 'facebook'],
  [/\b(twitter|tweet(ed)?|x\.com)\b/i, 'twitter'],
  [/\btiktok\b/i, 'tiktok'],
  [/\byoutube\b/i, 'youtube'],
  [/\binstagram\b/i, 'instagram'],
  [/\b(gab)\b/i, 'gab'],
  [/\b(4chan|8kun|8chan)\b/i, 'imageboard'],
  [/\bdiscord\b/i, 'discord'],
  [/\bwhatsapp\b/i, 'whatsapp'],
  [/\breddit\b/i, 'reddit'],
  [/\bvk\b|\bvkontakte\b/i, 'vk'],
  [/\brumble\b/i, 'rumble'],
];
const SPEECH_VERBS =
  'teaches|taught|preached|preaches|said|says|wrote|writes|posted|posts|read|reads|stated|states|claimed|claims|told|added|declared|announced|urged|warned|threatened|boasted|tweeted|shared|published|saying|reading|stating|declaring|writing|posting|urging|insisted|argued|replied|responded|commented|continued|explained';
const ATTRIBUTION_AFTER = new RegExp(
  `^\\s*[,—–-]?\\s*(?:(${SPEECH_VERBS})\\s+([^.,;!?"“”]{2,80})|([^.,;!?"“”]{2,80}?)\\s+(${SPEECH_VERBS}))\\b`,
  'i',
);
const COLON_INTRO = new RegExp(
  `((?:\\b(?:${SPEECH_VERBS})\\b|\\bwith one saying\\b|\\bas follows\\b|\\bthe message\\b|\\bthe post\\b|\\bthe caption\\b)[^:\\n]{0,40}):(?:[ \\t]+|[ \\t]*\\n+[ \\t]*)(?![“"'‘«>])([^\\n]+?)(?=\\n|$)`,
  'gi',
);
const REPORTED = new RegExp(
  `\\b(${SPEECH_VERBS}|called for|called on)\\s+that\\s+([^.!?\\n]{8,300}[.!?]?)`,
  'gi',
);

/** What the quote step reads for one language: its quotation marks and its speech verbs. */
export interface QuoteGrammar {
  /** The pack's reporting verbs as one pattern (alternatives, no group), for the voice step. */
  speechVerbs: string;
  openers: Readonly<Record<string, string>>;
  /** Any one-unit opening mark of `openers` (global): finds the next quote without testing every character. */
  anyOpener: RegExp;
  /** A speech verb ending the words before a quote (stripped from its attribution). */
  verbAtEnd: RegExp;
  /** Any speech verb as a word: a sentence holding one after colon speech is the reporter's again. */
  speechVerb: RegExp;
  attributionAfter: RegExp;
  colonIntro: RegExp;
  reported: RegExp;
  /**
   * The language's "that" after a space, under `reported`'s flags: every reported clause holds it
   * (the word starts with a letter, so the space before it cannot be empty), and a text without it
   * skips `reported`, a far costlier scan.
   */
  reportedCue: RegExp;
  /** Closing marks left at the start of the words after a quote. */
  leadingClose: RegExp;
  /** A closing mark then a clause break, right after a quote. */
  closeThenBreak: RegExp;
  /** An opening mark left at the end of the words before a quote. */
  trailingOpen: RegExp;
}

/** A global expression matching any opening mark of `openers` that is one UTF-16 unit (the only kind `findQuotes` pairs). */
function anyOpenerOf(openers: Readonly<Record<string, string>>): RegExp {
  const units = Object.keys(openers)
    .filter((o) => o.length === 1)
    .map((o) => `\\u${o.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new RegExp(`[${units.join('')}]`, 'g');
}

const ENGLISH_GRAMMAR: QuoteGrammar = {
  speechVerbs: SPEECH_VERBS,
  openers: OPENERS,
  anyOpener: anyOpenerOf(OPENERS),
  verbAtEnd: new RegExp(`\\s*\\b(${SPEECH_VERBS}|called for|called on)\\b(\\s+that)?\\s*$`, 'i'),
  speechVerb: new RegExp(`\\b(?:${SPEECH_VERBS})\\b`, 'i'),
  attributionAfter: ATTRIBUTION_AFTER,
  colonIntro: COLON_INTRO,
  reported: REPORTED,
  reportedCue: /\sthat\s/i,
  leadingClose: /^[”"’'»]+/,
  closeThenBreak: /^\s*[”"’'»]?\s*[,—–-]/,
  trailingOpen: /[“"‘'«]\s*$/,
};

const MARKS_CLASS = '[\\u064b-\\u065f\\u0670\\u0640]*';
const ARABIC_VARIANTS: Record<string, string> = { ا: '[اأإآٱ]', ي: '[يى]', ه: '[هة]' };
const LATIN_BASE = (ch: string) => ch.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * A word as written in running text: Arabic with any tashkeel or tatweel and any alef, ya or ta
 * marbuta variant, and a fused و or ف before it; Latin with or without its accents.
 */
function writtenForms(word: string, pack: LanguagePack): string {
  if (pack.script === 'arabic') {
    const letters = [...word]
      .map((ch) => `${ARABIC_VARIANTS[ch] ?? escapeRegExp(ch)}${MARKS_CLASS}`)
      .join('');
    return `(?:[وف]${MARKS_CLASS})?${letters}`;
  }
  return [...word]
    .map((ch) => {
      if (/\s/.test(ch)) return '\\s+';
      const base = LATIN_BASE(ch);
      return base !== ch ? `[${ch}${base}]` : escapeRegExp(ch);
    })
    .join('');
}

const grammars = new WeakMap<LanguagePack, QuoteGrammar>();

/** The quote grammar of a language pack; English keeps the table this module always had. */
export function quoteGrammar(pack?: LanguagePack): QuoteGrammar {
  if (!pack || pack.code === 'en') return ENGLISH_GRAMMAR;
  const cached = grammars.get(pack);
  if (cached) return cached;
  // \b knows only ASCII letters: word edges are Unicode letters and marks.
  const B = '(?<![\\p{L}\\p{M}])';
  const E = '(?![\\p{L}\\p{M}])';
  const verbs = pack.reportingVerbs
    .map((v) => writtenForms(v, pack))
    .sort((a, b) => b.length - a.length)
    .join('|');
  // `reportedCue` relies on it: a "that" starting with a letter cannot follow a verb without a space.
  if (!pack.thatWords.every((w) => /^\p{L}/u.test(w)))
    throw new Error(`quotes: a "that" word of ${pack.code} does not start with a letter`);
  const that = pack.thatWords.map((w) => (w === 'qu' ? "qu['’]" : `${writtenForms(w, pack)}${E}`)).join('|');
  const openers: Record<string, string> = { '"': '"', '“': '”' };
  for (const q of pack.quotes) openers[q.open] = q.close;
  const stop = '.,;!?"“”«»„‚،؛؟';
  const grammar: QuoteGrammar = {
    speechVerbs: verbs,
    openers,
    anyOpener: anyOpenerOf(openers),
    verbAtEnd: new RegExp(`\\s*${B}(${verbs})${E}(\\s*(?:${that}))?\\s*$`, 'iu'),
    speechVerb: new RegExp(`${B}(?:${verbs})${E}`, 'iu'),
    attributionAfter: new RegExp(
      `^\\s*[,—–-]?\\s*(?:${B}(${verbs})${E}\\s+([^${stop}]{2,80})|([^${stop}]{2,80}?)\\s+(${verbs})${E})`,
      'iu',
    ),
    colonIntro: new RegExp(
      `((?:${B}(?:${verbs})${E})[^:\\n]{0,40}):(?:[ \\t\\u00a0\\u202f]+|[ \\t\\u00a0\\u202f]*\\n+[ \\t\\u00a0\\u202f]*)(?![“"'‘«„‚»>])([^\\n]+?)(?=\\n|$)`,
      'giu',
    ),
    reported: new RegExp(`${B}(${verbs})${E}\\s*(?:${that})\\s*([^.!?؟\\n]{8,300}[.!?؟]?)`, 'giu'),
    reportedCue: new RegExp(`\\s(?:${that})`, 'iu'),
    leadingClose: /^[”"’'»«“‘]+/,
    closeThenBreak: /^\s*[”"’'»«“‘]?\s*[,—–-]/,
    trailingOpen: /[“"‘'«„‚»]\s*$/,
  };
  grammars.set(pack, grammar);
  return grammar;
}

/** Finds every quotation in `text`. Quotes never overlap; the outermost wins. */
export function findQuotes(text: string, pack?: LanguagePack): QuoteSpan[] {
  const grammar = quoteGrammar(pack);
  const spans: QuoteSpan[] = [];

  // Each kind below is looked for only when the text holds the one character or word it cannot do
  // without (">", ":", "that"): most texts hold some of them, and a plain search costs far less.
  // Block quotes: consecutive lines starting with ">".
  if (text.includes('>'))
    for (const m of text.matchAll(/(^|\n)((?:[ \t]*>[^\n]*(?:\n|$))+)/g)) {
      const start = m.index + (m[1] ?? '').length;
      const raw = (m[2] ?? '').replace(/\n$/, '');
      const innerStart = start + (raw.length - raw.replace(/^[ \t]*>[ \t]?/, '').length);
      addQuote(text, spans, innerStart, start + raw.length, 'block', grammar);
    }

  // Paired quotation marks, from one opening mark to the next: the expression skips the text
  // between them natively, where a test of every character cost more than the rest of this step.
  const anyOpener = grammar.anyOpener;
  anyOpener.lastIndex = 0;
  for (let m = anyOpener.exec(text); m !== null; m = anyOpener.exec(text)) {
    const i = m.index;
    const open = m[0];
    const close = grammar.openers[open] as string;
    if ((open === "'" || open === '‘') && !opensSingleQuote(text, i)) continue;
    if (open === '"' && !/(^|[\s([:—–-])$/.test(text.slice(Math.max(0, i - 1), i))) continue;
    const end = findClose(text, i + 1, open, close);
    if (end === -1) continue;
    // A title ("propaganda titled \"…\"") is mentioned, not used: it is a quote like any other.
    addQuote(text, spans, i + 1, end, 'quoted', grammar);
    anyOpener.lastIndex = end + 1;
  }

  // "One post read: Now we …" — speech after a colon without quotation marks, on the colon's line
  // or, when the line ends with the colon, as the paragraph after it ("The post read:\n\n…").
  if (text.includes(':'))
    // `exec` from index 0 rather than `matchAll`, which copies the expression on every call;
    // neither this nor `reported` matches an empty string.
    for (let m = fromStart(grammar.colonIntro).exec(text); m !== null; m = grammar.colonIntro.exec(text)) {
      const speech = m[2] ?? '';
      const start = m.index + m[0].length - speech.length;
      // Speech after a colon runs to the line's end, or to the last sentence end before a quote
      // that follows it on the same line ("… caption: Lying press. You know what to do. Another
      // user wrote that the attack was “…”").
      let end = start + speech.length;
      const next = spans.filter((q) => q.start > start && q.start < end).sort((a, b) => a.start - b.start)[0];
      if (next) {
        const head = text.slice(start, next.start);
        const stop = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
        end = stop === -1 ? start : start + stop + 1;
      }
      end = start + firstSentencesBeforeReporter(text.slice(start, end), grammar.speechVerb);
      if (end > start) addQuote(text, spans, start, end, 'colon', grammar);
    }

  // Reported speech: "… wrote that muslims should be …".
  if (grammar.reportedCue.test(text))
    for (let m = fromStart(grammar.reported).exec(text); m !== null; m = grammar.reported.exec(text)) {
      const clause = m[2] ?? '';
      const start = m.index + m[0].length - clause.length;
      addQuote(text, spans, start, start + clause.length, 'reported', grammar);
    }
  return spans.sort((a, b) => a.start - b.start);
}

/** A sentence's end inside colon speech: its marks, a closing quote, then space. */
const SENTENCE_END = /[.!?؟]+["”’']?\s+/;
const SENTENCE_ENDS = new RegExp(SENTENCE_END.source, 'g');

/**
 * How much of unquoted speech after a colon is the speech: its sentences up to the first later one
 * that holds a speech verb, where the reporter speaks again ("… he wrote: Burn every mosque. He
 * also shared a manual, prosecutors said."). A post quoted over several sentences keeps them all.
 */
function firstSentencesBeforeReporter(speech: string, speechVerb: RegExp): number {
  const ends = fromStart(SENTENCE_ENDS);
  for (let m = ends.exec(speech); m !== null; m = ends.exec(speech)) {
    const next = m.index + m[0].length;
    const following = speech.slice(next).split(SENTENCE_END, 1)[0] ?? '';
    if (speechVerb.test(following)) return m.index + m[0].trimEnd().length;
  }
  return speech.length;
}

/**
 * Adds the quote `text`[start, end) to `spans`, trimmed, unless it is a word or two or overlaps one
 * already found: judged before its attribution is read, which needs a search for who said it.
 * A function of the module rather than a closure in `findQuotes`: under tsx every named closure is
 * also named with `Object.defineProperty`, half a microsecond, on each call of the function making it.
 */
function addQuote(
  text: string,
  spans: QuoteSpan[],
  start: number,
  end: number,
  kind: QuoteSpan['kind'],
  grammar: QuoteGrammar,
): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  if (e - s < 2 || spans.some((q) => s < q.end && e > q.start)) return;
  const quoted = text.slice(s, e);
  if (quoted.trim().split(/\s+/).length < 3) return; // a word or two in quotes is emphasis or a name
  spans.push(describe(text, s, e, quoted, kind, grammar));
}

/** A global expression, set to search from the text's start. */
function fromStart(re: RegExp): RegExp {
  re.lastIndex = 0;
  return re;
}

function opensSingleQuote(text: string, i: number): boolean {
  // An apostrophe inside a word ("don't") is not a quote.
  const prev = text[i - 1] ?? ' ';
  const next = text[i + 1] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(prev) && /[\p{L}\p{N}]/u.test(next);
}

/**
 * The matching close. A quote that reaches a paragraph break without closing continues if the next
 * paragraph opens with the same mark (the convention for quotes over several paragraphs).
 */
function findClose(text: string, from: number, open: string, close: string): number {
  let i = from;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === close && (close !== "'" && close !== '’' ? true : !/[\p{L}]/u.test(text[i + 1] ?? ' ')))
      return i;
    if (c === '\n' && text[i + 1] === '\n') {
      let j = i;
      while (j < text.length && /\s/.test(text[j] as string)) j++;
      if (text[j] === open) {
        i = j + 1;
        continue;
      }
      return -1;
    }
    if (i - from > 5000) return -1;
    i++;
  }
  return -1;
}

/** A quote of the trimmed span `start`…`end` (whose text is `quoted`), with its attribution and platform. */
function describe(
  text: string,
  start: number,
  end: number,
  quoted: string,
  kind: QuoteSpan['kind'],
  grammar: QuoteGrammar,
): QuoteSpan {
  const { attribution, context } = attributionFor(text, start, end, kind, grammar);
  const platform = detectPlatform(context);
  return { start, end, text: quoted, attribution, platform, kind };
}

/**
 * How a sentence ends before the words that may name who is quoted: its stop, then a closing mark,
 * then a space ('. ', '." ', '!” ', '?’ ', '.» ').
 */
const STOP_BEFORE_ATTRIBUTION = /[.!?]["”’]? |\.» /g;

/**
 * Where the sentence holding a quote that opens at `start` begins: the last character before the
 * space that ends the sentence before it (a stop starting by `start` - 2), or the last line break.
 * Only stops in the 200 characters an attribution is read from can matter, so only those are read.
 */
function sentenceStartBefore(text: string, start: number): number {
  let found = text.lastIndexOf('\n', start - 1);
  // A stop may start at most two characters before the quote (at the text's start, at 0).
  const last = Math.max(0, start - 2);
  const from = Math.max(0, start - 202);
  const window = text.slice(from, last + 3);
  STOP_BEFORE_ATTRIBUTION.lastIndex = 0;
  for (let m = STOP_BEFORE_ATTRIBUTION.exec(window); m; m = STOP_BEFORE_ATTRIBUTION.exec(window)) {
    if (from + m.index > last) break;
    found = Math.max(found, from + m.index + m[0].length - 2);
  }
  return found;
}

/** Who a quote is attributed to, from the words just before or just after it in its sentence. */
function attributionFor(
  text: string,
  start: number,
  end: number,
  kind: QuoteSpan['kind'],
  grammar: QuoteGrammar,
): { attribution: string | null; context: string } {
  // A sentence also ends inside a quotation mark ('"Ascended." Another: "…"'): the words after
  // it, not the quote before, say who is quoted next.
  const sentenceStart = sentenceStartBefore(text, start);
  const beforeRaw = text.slice(Math.max(0, sentenceStart + 1, start - 200), start);
  const after = text.slice(end, Math.min(text.length, end + 160));
  const sentenceAfterEnd = after.search(/[.!?](\s|$)|\n/);
  const afterSentence = after.slice(0, sentenceAfterEnd === -1 ? after.length : sentenceAfterEnd + 1);
  const context = `${beforeRaw} ${afterSentence}`;
  const afterMatch = grammar.attributionAfter.exec(after.replace(grammar.leadingClose, ''));
  const quoteEndsClause = /[,—–-]\s*$/.test(text.slice(Math.max(0, end - 2), end));
  if (afterMatch && (quoteEndsClause || grammar.closeThenBreak.test(after))) {
    const who = (afterMatch[2] ?? afterMatch[3] ?? '').trim();
    if (who) return { attribution: who, context };
  }
  let before = beforeRaw
    .replace(grammar.trailingOpen, '')
    .replace(/\s*[:,—–-]?\s*$/, '')
    .trim();
  before = before.replace(grammar.verbAtEnd, '').trim();
  before = before.replace(/,?\s*with (one|another|a post|a message)$/i, '');
  before = before.replace(
    /^(within hours|later|then|but|and|meanwhile|however|earlier|in one post|online),?\s+/i,
    '',
  );
  if (kind !== 'block' && before.length >= 2 && before.split(/\s+/).length <= 20)
    return { attribution: before, context };
  return { attribution: null, context };
}

export function detectPlatform(context: string): string | null {
  for (const [re, name] of PLATFORMS) if (re.test(context)) return name;
  return null;
}
