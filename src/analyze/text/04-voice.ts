/**
 * Step 4: whose voice each span is. Quotes come from step 3; this step joins a message quoted in
 * pieces around its attribution, finds reported (indirect) speech — "urged followers to …",
 * "posts praising the attacker as …" — and a news headline. Whatever is left is the author's voice.
 * Works on the original text, so every span is the analysed text's own.
 */
import type { LanguagePack } from '../languages.js';
import { detectPlatform, findQuotes, type QuoteSpan, quoteGrammar } from './03-quotes.js';

export type Voice = 'quote' | 'reported' | 'headline';

export interface VoiceSpan {
  /** From the first piece's start to the last piece's end. */
  start: number;
  end: number;
  /** The words in this voice: the pieces joined by a space. */
  text: string;
  /** Each piece's exact span; one piece unless a message was quoted around its attribution. */
  pieces: { start: number; end: number }[];
  voice: Voice;
  attribution: string | null;
  platform: string | null;
}

const SPEECH =
  'said|says|wrote|writes|posted|read|reads|stated|added|continued|declared|went on|told|tells|explained|warned|insisted|argued|recalled|replied|the message read|the post read|it read|one read|another read';
/** A word of an attribution: inner dots ("U.S") but none at its end, where a sentence would end. */
const WORD = String.raw`[\p{L}\p{N}'’-]+(?:\.[\p{L}\p{N}'’-]+)*`;
/**
 * The words between two pieces of one quoted message: only an attribution, with words before the
 * verb, after it, or both, and commas between them ("…," said Ines Marek, an analyst at the centre. "…").
 */
const BETWEEN_PIECES = new RegExp(
  String.raw`^\s*[,—–-]?\s*[”"’»]?\s*[,—–-]?\s*(?:${WORD}\s+){0,8}?(?:${SPEECH})(?:,?\s+${WORD}){0,12}\s*[,.:;—–-]\s*[“"‘«]?\s*$`,
  'iu',
);
/**
 * A quote followed by its own attribution ("…," read another.): a message of its own, so a whole
 * sentence quoted before it is not its first piece.
 */
const OWN_ATTRIBUTION = new RegExp(
  String.raw`^[”"’»]?\s*[,—–-]?\s*(?:${WORD}\s+){0,4}?(?:${SPEECH})\b`,
  'iu',
);

/** An attribution that goes on with the quoted sentence: it opens in lower case and does not introduce ("…:"). */
const CONTINUES_SENTENCE = /^[\s”"’»]*\p{Ll}[^:]*$/u;

const betweenPieces = new WeakMap<LanguagePack, RegExp>();
/** The words between two pieces of one quoted message, in a language pack's speech verbs. */
function betweenPiecesOf(pack: LanguagePack | undefined): RegExp {
  if (!pack || pack.code === 'en') return BETWEEN_PIECES;
  let re = betweenPieces.get(pack);
  if (!re) {
    const speech = quoteGrammar(pack).speechVerbs;
    re = new RegExp(
      String.raw`^\s*[,—–-]?\s*[”"’»«“]?\s*[,—–-]?\s*(?:(?:[\p{L}\p{M}\p{N}'’.-]+\s+){0,8}?(?:${speech})|(?:${speech})\s+(?:[\p{L}\p{M}\p{N}'’.-]+\s*){1,8})\s*[,.:;،—–-]\s*[“"‘«„»]?\s*$`,
      'iu',
    );
    betweenPieces.set(pack, re);
  }
  return re;
}

/** Quotes joined where one message was quoted in pieces around its attribution. */
export function joinQuotePieces(
  text: string,
  quotes: readonly QuoteSpan[],
  pack?: LanguagePack,
): VoiceSpan[] {
  const attributionOnly = betweenPiecesOf(pack);
  const out: VoiceSpan[] = [];
  for (const q of quotes) {
    const prev = out[out.length - 1];
    const between = prev ? text.slice(prev.end, q.start) : '';
    if (
      prev &&
      prev.voice === 'quote' &&
      q.kind === 'quoted' &&
      prev.pieces.length < 4 &&
      between.length <= 120 &&
      // A paragraph or line break between two quotes ends the first message.
      !between.includes('\n') &&
      attributionOnly.test(between) &&
      // A piece cut at a comma continues. One that ends a sentence continues only inside its own
      // sentence ("…?" another read. "Stop talking …"): not when the attribution opens a sentence
      // of its own ("…" Another replied: "…"), nor when the next quote has its own attribution
      // ("Kill them all." one post read. "Burn it down," read another.).
      (!/[.!?]\s*$/.test(text.slice(prev.end - 3, prev.end)) ||
        (CONTINUES_SENTENCE.test(between) && !OWN_ATTRIBUTION.test(text.slice(q.end, q.end + 80))))
    ) {
      prev.pieces.push({ start: q.start, end: q.end });
      prev.end = q.end;
      prev.text = `${prev.text} ${q.text}`;
      prev.attribution ??= q.attribution;
      continue;
    }
    out.push({
      start: q.start,
      end: q.end,
      text: q.text,
      pieces: [{ start: q.start, end: q.end }],
      voice: q.kind === 'reported' ? 'reported' : 'quote',
      attribution: q.attribution,
      platform: q.platform,
    });
  }
  return out;
}

/**
 * Reporting verbs that put someone else's call, praise or threat into the writer's words. The
 * speech they introduce is reported, not said: "Supporters are calling for people to rise up".
 */
const REPORTING = String.raw`urg(?:ed|es|ing)|call(?:ed|s|ing)\s+(?:for|on|upon)|prais(?:ed|es|ing)|hail(?:ed|s|ing)|celebrat(?:ed|es|ing)|glorif(?:ied|ies|ying)|threaten(?:ed|s|ing)|vow(?:ed|s|ing)|encourag(?:ed|es|ing)|incit(?:ed|es|ing)|demand(?:ed|s|ing)|exhort(?:ed|s|ing)|appeal(?:ed|s|ing)\s+(?:for|to)|told\s+(?:his|her|their|its)?\s*(?:followers|supporters|readers|members|subscribers|viewers)|tell(?:s|ing)\s+(?:his|her|their|its)?\s*(?:followers|supporters|readers|members|subscribers|viewers)|describ(?:ed|es|ing)|brand(?:ed|s|ing)|label(?:l?ed|s|l?ing)|referr(?:ed|ing)\s+to|refers\s+to|wish(?:ed|es|ing)|promis(?:ed|es|ing)|pledg(?:ed|es|ing)|boast(?:ed|s|ing)|cheer(?:ed|s|ing)|mock(?:ed|s|ing)|justif(?:ied|ies|ying)|advocat(?:ed|es|ing)|promot(?:ed|es|ing)|instruct(?:ed|s|ing)|direct(?:ed|s|ing)|dehumani[sz](?:ed|es|ing)|portray(?:ed|s|ing)|depict(?:ed|s|ing)|demoni[sz](?:ed|es|ing)`;
/** Nouns for messages, so "posts praising the attacker" reports what the posts said. */
const MESSAGES =
  'posts?|messages?|comments?|videos?|threats?|content|material|propaganda|slogans?|chants?|memes?|tweets?|statements?|channels?|accounts?|users?|supporters|followers|groups?|speeches|sermons?|manifestos?|songs?|lyrics|images?|stickers?|leaflets?|banners?|graffiti';
/** A reporting verb and the clause after it; its subject is read backwards from the verb. */
const REPORTED_CLAUSE = new RegExp(String.raw`\b(?<verb>${REPORTING})\b(?<rest>[^.!?\n]{6,400})`, 'giu');
/** How far back from the verb a subject may start, within its sentence. */
const SUBJECT_WINDOW = 160;
const MESSAGE_CLAUSE = new RegExp(
  String.raw`\b(?:${MESSAGES})\s+(?:(?:that|which|who)\s+)?(?<verb>${REPORTING}|saying|reading)\b(?<rest>[^.!?\n]{6,400})`,
  'giu',
);
/**
 * Outside news, a third-person subject is not enough ("Muslims are threatening our way of life, …"
 * is the author's own claim): the subject must be someone who speaks or posts.
 */
const SPEAKER = new RegExp(
  String.raw`\b(?:${MESSAGES}|he|she|they|it|who|which|one|another|someone|somebody|admins?|administrators?|poster|authors?|writers?|preachers?|clerics?|imams?|leaders?|spokesm[ae]n|organi[sz]ations?|networks?|outlets?|pages?|forums?|suspects?|defendants?|man|woman|men|women|teenagers?|attackers?|gunm[ae]n|shooters?|bombers?|extremists?|jihadists?|militants?|neo-?nazis?|far-right|propagandists?|influencers?|magazines?|isis|isil|daesh|al-?qaeda|taliban|hamas|police|officials?|prosecutors?|researchers?|analysts?)\b`,
  'iu',
);
/**
 * Outside news, people named by what they did to the author ("everyone who mocked me", "whoever
 * threatens us") are described, not quoted: the verb opens a relative clause, not their speech.
 */
const DESCRIBED_PEOPLE =
  /\b(?:every(?:one|body)|any(?:one|body)|those|people|ppl|all|the ones|whoever)(?:\s+(?:who|that))?\s*$/iu;
/** Subjects in the first or second person speak for themselves ("We call on all brothers …"). */
const OWN_VOICE =
  /(^|[\s,;:])(i|we|you|u|let's|lets|let us|i'm|we're|i've|we've|i'll|we'll)\s+(?:\S+\s+){0,3}$/iu;

/**
 * The letters each alternative of a pattern starts with, up to its first group, class, escape or
 * quantifier ("urg(?:ed|es|ing)" → "urg"). Throws on an alternative that starts with none.
 */
function leadingLetters(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if ((c === '|' && depth === 0) || c === undefined) {
      const letters = /^[a-z-]+/.exec(pattern.slice(start, i))?.[0] ?? '';
      // A letter before "?" is optional, so it cannot be required.
      const required = pattern[start + letters.length] === '?' ? letters.slice(0, -1) : letters;
      if (required === '') throw new Error(`voice: "${pattern.slice(start, i)}" starts with no letters`);
      out.push(required);
      start = i + 1;
    }
  }
  return out;
}
/**
 * A word every reported clause must contain: the first letters of a reporting verb, or "saying" or
 * "reading". Most texts have none, and one scan for them costs a third of the two full expressions,
 * which are then not run. Built from the same patterns, under the same flags, so it can never skip
 * a text they would match.
 */
const MAY_REPORT = new RegExp([...leadingLetters(REPORTING), 'saying', 'reading'].join('|'), 'iu');

/** Reported speech: the clause a reporting verb introduces, when its subject is a third party. */
export function findReportedSpeech(
  text: string,
  taken: readonly { start: number; end: number }[],
  news: boolean,
): VoiceSpan[] {
  const out: VoiceSpan[] = [];
  if (!MAY_REPORT.test(text)) return out;
  // `exec` from index 0 rather than `matchAll`, which copies these long expressions on every call;
  // neither matches an empty string.
  MESSAGE_CLAUSE.lastIndex = 0;
  for (let m = MESSAGE_CLAUSE.exec(text); m !== null; m = MESSAGE_CLAUSE.exec(text)) {
    const rest = m.groups?.rest ?? '';
    const end = (m.index ?? 0) + m[0].length;
    addReported(text, taken, out, m[0].slice(0, m[0].length - rest.length), end - rest.length, end);
  }
  REPORTED_CLAUSE.lastIndex = 0;
  for (let m = REPORTED_CLAUSE.exec(text); m !== null; m = REPORTED_CLAUSE.exec(text)) {
    const verbAt = m.index ?? 0;
    const window = text.slice(Math.max(0, verbAt - SUBJECT_WINDOW), verbAt);
    const boundary = Math.max(
      window.lastIndexOf('.'),
      window.lastIndexOf('!'),
      window.lastIndexOf('?'),
      window.lastIndexOf('\n'),
    );
    const subject = window.slice(boundary + 1);
    if (OWN_VOICE.test(subject) || /^\s*$/.test(subject)) continue;
    if (!news && (!SPEAKER.test(subject) || DESCRIBED_PEOPLE.test(subject))) continue;
    const rest = m.groups?.rest ?? '';
    const end = (m.index ?? 0) + m[0].length;
    addReported(text, taken, out, subject, end - rest.length, end);
  }
  return out;
}

/**
 * Adds the reported clause `text`[start, end) to `out`, trimmed, unless it is short or overlaps a
 * quote (`taken`) or a clause already found; `subject` is who reports it. A function of the module
 * rather than a closure in `findReportedSpeech`: under tsx every named closure is also named with
 * `Object.defineProperty`, half a microsecond, on each call of the function making it.
 */
function addReported(
  text: string,
  taken: readonly { start: number; end: number }[],
  out: VoiceSpan[],
  subject: string,
  start: number,
  end: number,
): void {
  let s = start;
  let e = end;
  while (s < e && /[\s,:;—–-]/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  if (e - s < 6) return;
  if (taken.some((q) => s < q.end && e > q.start) || out.some((q) => s < q.end && e > q.start)) return;
  const who = subject
    .replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, '')
    .replace(/^(and|but|while|as|after|with)\s+/i, '');
  out.push({
    start: s,
    end: e,
    text: text.slice(s, e),
    pieces: [{ start: s, end: e }],
    voice: 'reported',
    attribution: who.length >= 2 && who.split(/\s+/).length <= 16 ? who : null,
    platform: detectPlatform(`${subject} ${text.slice(s, e)}`),
  });
}

/** A news text's first line when it reads as a headline: short, unpunctuated, a paragraph of its own. */
export function findHeadline(text: string): VoiceSpan | null {
  const m = /^(\s*)([^\n]{12,160})\n/.exec(text);
  if (!m || m[2] === undefined) return null;
  const line = m[2].trimEnd();
  if (/[.!?:]["”’]?$/.test(line) || text.length < 400) return null;
  const start = (m[1] ?? '').length;
  return {
    start,
    end: start + line.length,
    text: line,
    pieces: [{ start, end: start + line.length }],
    voice: 'headline',
    attribution: null,
    platform: null,
  };
}

/**
 * Every span of `text` that is not the author's own voice, in order, never overlapping, read with
 * the language pack's quotation marks and speech verbs (English when none is given). Reported
 * speech without a speech verb ("urged followers to …") is read in English only.
 */
export function findVoices(text: string, options: { news: boolean; pack?: LanguagePack }): VoiceSpan[] {
  const pack = options.pack;
  const quotes = joinQuotePieces(text, findQuotes(text, pack), pack);
  const headline = options.news ? findHeadline(text) : null;
  const taken = headline && !quotes.some((q) => q.start < headline.end) ? [...quotes, headline] : quotes;
  const reported = !pack || pack.code === 'en' ? findReportedSpeech(text, taken, options.news) : [];
  return [...taken, ...reported].sort((a, b) => a.start - b.start);
}
