import {
  ANALYSIS_SCHEMA,
  type Analysis,
  type Context,
  type Evidence,
  type Ideology,
  LABELS,
  type Label,
  type LabelResult,
  LEGAL_BASIS,
  type QuoteAnalysis,
  type ThreatIndicator,
} from '../domain/index.js';
import { DEFAULT_THRESHOLDS, type DetectorThresholds } from './config.js';
import type { Lexicon, LexiconMatch } from './lexicon.js';
import { type SparseVector, voiceFeatures } from './model/features.js';
import type { LabelModel } from './model/linear-model.js';
import { type RuleHit, runRules } from './rules.js';
import { originalSpan } from './text/01-normalize.js';
import type { Token } from './text/02-tokens.js';
import { findVoices, type VoiceSpan } from './text/04-voice.js';
import { buildView, type SentenceView, type TextView } from './text-view.js';

export type { LabelModel };

export interface DetectorOptions {
  lexicon: Lexicon;
  model?: LabelModel;
  thresholds?: DetectorThresholds;
}

export interface AnalyzeInput {
  text: string;
  platform?: string | null;
}

type CoreAnalysis = Omit<Analysis, 'quotes'>;

interface VoiceResult {
  analysis: CoreAnalysis;
  view: TextView;
  /** Labels whose evidence comes from the model's words alone, with no rule behind them. */
  modelOnly: Set<Label>;
}

const RULES_ONLY = 'vigil-rules@1';
/**
 * A label the model gives with no rule behind it needs more confidence than one a rule can point
 * at: its evidence is only the words that weigh most. Measured on the project's own suites and
 * HateXplain validation: at 0.5 model-only flags were most of the false positives on benign text.
 */
const MODEL_ONLY_MIN = 0.7;
/** Places where a threat to life is located even when no group is named. */
const EVERYDAY_PLACES =
  /\b(school|class|college|campus|uni|university|office|workplace|factory|warehouse|mall|church|mosque|synagogue|temple|concert|stadium|market|station|parade|march|festival)\b/i;

/**
 * The detector, voice first: each span of a text is given a voice (the author; a quote, joined
 * when one message is quoted in pieces; reported speech; a headline). The author's voice alone
 * gives the top-level labels; every other voice is analysed on its own and keeps its attribution.
 * Within a voice a trained per-label model is the main signal, with the rules' strengths and the
 * lexicon's categories among its features; rules and the model's own words give the evidence
 * spans, and a label without evidence is not reported.
 */
export class Detector {
  private readonly thresholds: DetectorThresholds;
  readonly modelId: string;

  constructor(private readonly options: DetectorOptions) {
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.modelId = options.model?.id ?? RULES_ONLY;
  }

  /**
   * The model's input for a text's own voice: the same voices, masking, rules and features as
   * `analyze` uses, so training and serving cannot drift apart.
   */
  features(text: string, platform: string | null = null): SparseVector {
    const voices = findVoices(text, { news: platform === 'news' });
    return this.read(maskVoices(text, voices)).x;
  }

  /** A voice's view, rule hits and model features: the one path training and serving share. */
  private read(text: string): {
    view: TextView;
    hits: RuleHit[];
    strengths: Record<Label, number>;
    x: SparseVector;
  } {
    const view = buildView(text, this.options.lexicon);
    const hits = runRules(view);
    const strengths = ruleStrengths(view, hits);
    return { view, hits, strengths, x: voiceFeatures(view, strengths) };
  }

  analyze(input: AnalyzeInput): Analysis {
    const text = input.text;
    const platform = input.platform ?? null;
    const news = platform === 'news';
    const voices = findVoices(text, { news });
    const quoteAnalyses: QuoteAnalysis[] = voices.map((v) => quoteAnalysis(v, this.voice(v.text).analysis));
    const own = this.voice(maskVoices(text, voices), text);
    const { analysis, view } = own;
    const flaggedQuotes = quoteAnalyses.filter((q) => q.analysis.labels.length > 0);
    const journalism = journalismCues(view, voices, platform);

    if (analysis.labels.length > 0 && news && journalism >= 2) {
      // A news outlet's article with the form of journalism is reporting unless its own voice
      // calls, praises or threatens with rule-backed evidence in the first or second person.
      const ownCall = analysis.labels.some((l) => !own.modelOnly.has(l.label) && addressesReader(view, l));
      if (!ownCall) analysis.context = 'reporting';
    } else if (analysis.labels.length === 0 && flaggedQuotes.length > 0) {
      // A quote inside a question is mentioned, not used ("what does 'day of the rope' mean?").
      const asks = view.sentences.some((s) => s.question);
      const endorsed = view.has('endorsement') && !view.has('condemnation');
      const distanced =
        asks ||
        (!endorsed &&
          (view.has('condemnation') ||
            view.has('news_cues') ||
            view.has('reporting_verbs') ||
            view.count('education') >= 2 ||
            voices.some((v) => v.voice === 'reported' || v.attribution !== null) ||
            news));
      if (distanced) {
        analysis.context =
          view.has('condemnation') && !(news && view.count('news_cues') >= 2)
            ? 'counter_speech'
            : 'reporting';
        if (asks && analysis.context === 'reporting' && !news && journalism < 2) analysis.context = 'primary';
        analysis.action = 'none';
      } else {
        // Quoting a call without distance from it spreads it: the quote's labels are the post's.
        this.liftQuoteLabels(analysis, flaggedQuotes);
      }
    } else if (analysis.labels.length === 0 && news && journalism >= 1) {
      analysis.context =
        view.count('condemnation') > view.count('news_cues') + 1 ? 'counter_speech' : 'reporting';
    }
    if (analysis.context !== 'primary') {
      analysis.labels = [];
      if (analysis.action === 'refer') analysis.action = 'review';
      analysis.ideology = { label: 'none', score: analysis.ideology.score };
    }
    return { ...analysis, quotes: quoteAnalyses };
  }

  private liftQuoteLabels(analysis: CoreAnalysis, quotes: QuoteAnalysis[]): void {
    for (const q of quotes) {
      for (const l of q.analysis.labels) {
        if (analysis.labels.some((x) => x.label === l.label)) continue;
        const evidence = l.evidence.flatMap((e) => {
          const span = quoteOffsets(q, e.start, e.end);
          return span ? [{ ...e, ...span, reason: `quoted without distance: ${e.reason}` }] : [];
        });
        if (evidence.length === 0) continue;
        analysis.labels.push({ ...l, evidence });
        analysis.scores[l.label] = Math.max(analysis.scores[l.label], l.score);
      }
      if (analysis.ideology.label === 'none') analysis.ideology = q.analysis.ideology;
      for (const t of q.analysis.targets) if (!analysis.targets.includes(t)) analysis.targets.push(t);
    }
    analysis.context = 'primary';
    analysis.action = this.action('primary', analysis.scores);
  }

  /**
   * Analyses one voice. `text` has every other voice blanked out (same length, so offsets hold);
   * `original` is the unmasked text evidence is cut from.
   */
  private voice(text: string, original: string = text): VoiceResult {
    const { view, hits, strengths, x } = this.read(text);
    const scores = this.options.model ? this.options.model.predict(x) : strengths;
    const labels: LabelResult[] = [];
    const modelOnly = new Set<Label>();
    for (const label of LABELS) {
      if (scores[label] < this.thresholds[label].label) continue;
      const ruleHits = hits.filter((h) => h.label === label);
      let evidence = evidenceFor(view, original, ruleHits);
      if (evidence.length === 0 && this.options.model && scores[label] >= MODEL_ONLY_MIN) {
        evidence = modelEvidence(view, original, this.options.model, label);
        if (evidence.length > 0) modelOnly.add(label);
      }
      // A label nobody can point at is not reported: its score stays as doubt, below the line.
      if (evidence.length === 0) {
        scores[label] = Math.min(scores[label], this.thresholds[label].label - 0.01);
        continue;
      }
      const result: LabelResult = {
        label,
        score: round(scores[label]),
        evidence,
        legal_basis: LEGAL_BASIS[label],
      };
      if (label === 'threat') {
        const indicators = threatIndicators(view, ruleHits, evidence, original);
        result.indicators = indicators;
        result.escalate = indicators.length >= 2;
      }
      labels.push(result);
    }
    const context: Context = labels.length > 0 ? 'primary' : this.unflaggedContext(view);
    const roundedScores = Object.fromEntries(LABELS.map((l) => [l, round(scores[l])])) as Record<
      Label,
      number
    >;
    return {
      view,
      modelOnly,
      analysis: {
        schema: ANALYSIS_SCHEMA,
        context,
        labels: context === 'primary' ? labels : [],
        scores: roundedScores,
        ideology: ideologyOf(view, labels.length > 0),
        targets: targetsOf(view),
        events: [],
        action: this.action(context, scores),
        model: this.modelId,
      },
    };
  }

  /** An unflagged voice is reporting, counter-speech or ordinary speech, from its own words. */
  private unflaggedContext(view: TextView): Context {
    const condemns = view.count('condemnation');
    const negatedCall = view.sentences.some((s) =>
      [...s.get('violence_verbs'), ...s.get('violence_nouns'), ...s.get('directives')].some((m) =>
        s.negated(m),
      ),
    );
    const news = view.count('news_cues') + view.count('reporting_verbs');
    if (news >= 3 && news > condemns * 2) return 'reporting';
    if (
      condemns > 0 &&
      (negatedCall ||
        view.has('violence_verbs') ||
        view.has('violence_nouns') ||
        view.has('target_groups') ||
        view.has('dehumanising') ||
        view.has('attack_refs') ||
        view.has('slurs') ||
        view.has('terrorist_orgs'))
    )
      return 'counter_speech';
    if (negatedCall) return 'counter_speech';
    if (news >= 2) return 'reporting';
    return 'primary';
  }

  private action(context: Context, scores: Record<Label, number>): Analysis['action'] {
    let action: Analysis['action'] = 'none';
    for (const l of LABELS) {
      const t = this.thresholds[l];
      if (scores[l] >= t.refer && context === 'primary') return 'refer';
      if (scores[l] >= t.review) action = 'review';
    }
    return action;
  }
}

/**
 * The strongest rule hit per label: one of the model's features. Rules in an educational text
 * (history, research) count half: the words are described, not used.
 */
export function ruleStrengths(view: TextView, hits: readonly RuleHit[]): Record<Label, number> {
  const strengths = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  const educational = view.count('education') >= 2 && !view.has('directives');
  for (const h of hits) {
    const s = educational ? h.strength * 0.5 : h.strength;
    if (s > strengths[h.label]) strengths[h.label] = s;
  }
  return strengths;
}

/** The text with every non-author voice blanked out by spaces (newlines kept), offsets unchanged. */
export function maskVoices(text: string, voices: readonly VoiceSpan[]): string {
  if (voices.length === 0) return text;
  let out = '';
  let at = 0;
  for (const v of voices) {
    for (const p of v.pieces) {
      if (p.start < at) continue;
      out += text.slice(at, p.start) + text.slice(p.start, p.end).replace(/[^\n]/g, ' ');
      at = p.end;
    }
  }
  return out + text.slice(at);
}

function quoteAnalysis(v: VoiceSpan, analysis: CoreAnalysis): QuoteAnalysis {
  const q: QuoteAnalysis = {
    start: v.start,
    end: v.end,
    text: v.text,
    voice: v.voice,
    attribution: v.attribution,
    platform: v.platform,
    analysis,
  };
  if (v.pieces.length > 1) q.pieces = v.pieces.map((p) => ({ ...p }));
  return q;
}

/** Maps offsets in a quote's (joined) text back to the analysed text; null across a join. */
function quoteOffsets(q: QuoteAnalysis, start: number, end: number): { start: number; end: number } | null {
  const pieces = q.pieces ?? [{ start: q.start, end: q.end }];
  let at = 0;
  for (const p of pieces) {
    const len = p.end - p.start;
    if (start >= at && end <= at + len) return { start: p.start + start - at, end: p.start + end - at };
    at += len + 1;
  }
  return null;
}

/** Evidence from rule hits: the words each rule matched, as one span inside its sentence. */
function evidenceFor(view: TextView, original: string, hits: RuleHit[]): Evidence[] {
  const out: Evidence[] = [];
  for (const h of [...hits].sort((a, b) => b.strength - a.strength)) {
    if (h.matches.length === 0) continue;
    const first = Math.min(...h.matches.map((m) => m.first));
    const last = Math.max(...h.matches.map((m) => m.last));
    const a = view.tokens[first];
    const b = view.tokens[last - 1];
    if (!a || !b || a.sentence !== b.sentence) continue;
    const span = originalSpan(view.norm, a.start, b.end);
    if (out.some((e) => e.start === span.start && e.end === span.end)) continue;
    // The words as written in the span, not the lexicon entries they matched: an analyst reads
    // "k1ll the kuffar", and a stemmed or squeezed entry ("kufar") would name words not there.
    const words = h.matches.map((m: LexiconMatch) => {
      const from = view.tokens[m.first] as Token;
      const to = view.tokens[m.last - 1] as Token;
      const o = originalSpan(view.norm, from.start, to.end);
      return original.slice(o.start, o.end);
    });
    const phrases = [...new Set(words)].map((p) => `"${p}"`).join(' + ');
    out.push({
      start: span.start,
      end: span.end,
      text: original.slice(span.start, span.end),
      reason: `${h.rule}: ${phrases}`,
    });
  }
  return out;
}

/**
 * Evidence for a label the model gives without a rule: the sentence whose words push the label
 * furthest, cut to the words that push it (at most three), named in the reason.
 */
function modelEvidence(view: TextView, original: string, model: LabelModel, label: Label): Evidence[] {
  let best: { sum: number; words: { token: Token; weight: number }[] } | null = null;
  for (const s of view.sentences) {
    const words: { token: Token; weight: number }[] = [];
    let sum = 0;
    for (let k = s.sentence.first; k < s.sentence.last; k++) {
      const token = view.tokens[k] as Token;
      if (!/[\p{L}\p{N}]/u.test(token.text)) continue;
      const prev = k > s.sentence.first ? (view.tokens[k - 1] as Token).text : null;
      const weight = model.wordWeight(label, token.text, prev);
      if (weight > 0) {
        sum += weight;
        // Function words may carry weight, but they explain nothing to an analyst.
        if (!FUNCTION_WORDS.has(token.text)) words.push({ token, weight });
      }
    }
    if (words.length > 0 && (!best || sum > best.sum)) best = { sum, words };
  }
  if (!best) return [];
  const top = best.words.sort((a, b) => b.weight - a.weight).slice(0, 3);
  const first = Math.min(...top.map((w) => w.token.start));
  const last = Math.max(...top.map((w) => w.token.end));
  const span = originalSpan(view.norm, first, last);
  const named = top
    .sort((a, b) => a.token.start - b.token.start)
    .map((w) => {
      const o = originalSpan(view.norm, w.token.start, w.token.end);
      return `"${original.slice(o.start, o.end)}"`;
    });
  return [
    {
      start: span.start,
      end: span.end,
      text: original.slice(span.start, span.end),
      reason: `model.${label}: ${named.join(' + ')}`,
    },
  ];
}

const FUNCTION_WORDS = new Set(
  'a an the and or but of to in on at by for with from as is are was were be been it its this that these those my your his her our their i you he she we they me him us them so if then than just not no do does did has have had will would can could should shall may might must there here what which who whom whose when where why how all any some every each very too also only up out about into over under again once'.split(
    ' ',
  ),
);

/** The sentence an evidence span starts in (evidence always starts at a token). */
function sentenceOf(view: TextView, e: Evidence): SentenceView | undefined {
  const token = view.tokens.find((t) => originalSpan(view.norm, t.start, t.end).start >= e.start);
  return token ? view.sentences[token.sentence] : undefined;
}

/** Whether a label's evidence speaks to or for the reader: first or second person, or an imperative. */
function addressesReader(view: TextView, label: LabelResult): boolean {
  return label.evidence.some((e) => {
    const sentence = sentenceOf(view, e);
    if (!sentence) return false;
    const words = view.tokens.slice(sentence.sentence.first, sentence.sentence.last).map((t) => t.text);
    return (
      words.some((w) => ['i', 'we', 'you', 'our', 'us', "let's", 'lets'].includes(w)) || sentence.exclaimed
    );
  });
}

/** How much a text has the form of journalism: attribution, reported speech, quotes, news words. */
function journalismCues(view: TextView, voices: readonly VoiceSpan[], platform: string | null): number {
  let score = platform === 'news' ? 1 : 0;
  if (voices.some((v) => v.voice === 'reported')) score++;
  if (voices.some((v) => v.voice === 'quote' && v.attribution !== null)) score++;
  if (view.count('news_cues') >= 2) score++;
  if (view.count('reporting_verbs') >= 2) score++;
  return score;
}

function threatIndicators(
  view: TextView,
  hits: RuleHit[],
  evidence: Evidence[],
  original: string,
): ThreatIndicator[] {
  const sentences = new Set(hits.flatMap((h) => [h.sentence - 1, h.sentence, h.sentence + 1]));
  for (const e of evidence) {
    const s = sentenceOf(view, e)?.index;
    if (s !== undefined) for (const d of [-1, 0, 1]) sentences.add(s + d);
  }
  const inScope = view.all.filter((m) => sentences.has(view.tokens[m.first]?.sentence ?? -1));
  const scopeText = view.sentences
    .filter((s) => sentences.has(s.index))
    .map((s) => {
      // Sentence offsets are the normalised text's; the scope is read in the original.
      const o = originalSpan(view.norm, s.sentence.start, s.sentence.end);
      return original.slice(o.start, o.end);
    })
    .join(' ');
  const has = (...cats: string[]) => inScope.some((m) => cats.includes(m.category));
  const out: ThreatIndicator[] = [];
  if (has('target_groups', 'other_targets', 'slurs', 'group_places') || /@\w{3,}|\byou\b/i.test(scopeText))
    out.push('target');
  if (
    has('group_places') ||
    EVERYDAY_PLACES.test(scopeText) ||
    /\b(at|in|outside|near)\s+(the\s+)?[A-Z][\w'-]+/.test(scopeText)
  )
    out.push('location');
  if (has('timeframes')) out.push('timeframe');
  if (has('weapons')) out.push('means');
  if (has('planning')) out.push('planning');
  return out;
}

function ideologyOf(view: TextView, flagged: boolean): { label: Ideology; score: number } {
  if (!flagged) return { label: 'none', score: 0.9 };
  let jihadist = view.count('jihadist');
  let farRight = view.count('far_right');
  for (const m of view.all) {
    if (m.category !== 'target_groups' && m.category !== 'group_places' && m.category !== 'slurs') continue;
    if (['muslims', 'immigrants', 'black_people', 'arabs', 'lgbtq', 'roma', 'asians'].includes(m.tag ?? ''))
      farRight += 1;
    if (['non_muslims', 'christians', 'apostates'].includes(m.tag ?? '')) jihadist += 1;
  }
  if (jihadist === 0 && farRight === 0) return { label: 'none', score: 0.5 };
  const label: Ideology = jihadist > farRight ? 'jihadist' : farRight > jihadist ? 'far_right' : 'none';
  const total = jihadist + farRight;
  return { label, score: round(label === 'none' ? 0.5 : Math.max(jihadist, farRight) / total) };
}

function targetsOf(view: TextView): string[] {
  const out = new Set<string>();
  for (const m of view.all) {
    if ((m.category === 'target_groups' || m.category === 'group_places' || m.category === 'slurs') && m.tag)
      out.add(m.tag);
  }
  return [...out];
}

const round = (x: number) => Math.round(x * 1000) / 1000;
