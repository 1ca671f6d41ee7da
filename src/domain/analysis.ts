/** The six labels Vigil detects (multi-label). */
export const LABELS = [
  'incitement',
  'glorification',
  'threat',
  'recruitment',
  'instruction',
  'identity_attack',
] as const;
export type Label = (typeof LABELS)[number];

export const CONTEXTS = ['primary', 'reporting', 'counter_speech'] as const;
export type Context = (typeof CONTEXTS)[number];

export const IDEOLOGIES = ['jihadist', 'far_right', 'none'] as const;
export type Ideology = (typeof IDEOLOGIES)[number];

export type Action = 'refer' | 'review' | 'none';

export const THREAT_INDICATORS = ['target', 'location', 'timeframe', 'means', 'planning'] as const;
export type ThreatIndicator = (typeof THREAT_INDICATORS)[number];

/** A span of the analysed text (UTF-16 offsets) with why it counts. `text === input.slice(start, end)`. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
  reason: string;
}

export interface LabelResult {
  label: Label;
  score: number;
  evidence: Evidence[];
  legal_basis: string[];
  indicators?: ThreatIndicator[];
  escalate?: boolean;
}

/**
 * The language a text or a quote was analysed in: ISO 639-1 `code`, the identifier's confidence
 * `score` (1 for a language given by the user), and whether Vigil has a language pack for it. A
 * text with `supported: false` was not analysed: no labels, shown as "not analysed".
 */
export interface LanguageInfo {
  code: string;
  score: number;
  supported: boolean;
}

/** The version of the analysis JSON: 2 added each quote's `voice` and the `pieces` of a joined quote. */
export const ANALYSIS_SCHEMA = 'vigil.analysis/2';

/** Whose words a quote holds: a direct quote, reported (indirect) speech, or a news headline. */
export type QuoteVoice = 'quote' | 'reported' | 'headline';

/**
 * A span of the text that is not the author's own voice, analysed on its own. For a message quoted
 * in several pieces around its attribution, `pieces` holds each piece's exact span, `start`/`end`
 * run from the first piece to the last, `text` is the pieces joined by one space, and offsets in
 * `analysis` are offsets into that joined text.
 */
export interface QuoteAnalysis {
  start: number;
  end: number;
  text: string;
  /** Always set by the detector; absent only in analyses stored under schema 1. */
  voice?: QuoteVoice;
  pieces?: { start: number; end: number }[];
  attribution: string | null;
  platform: string | null;
  analysis: Omit<Analysis, 'quotes'>;
}

export interface EventRef {
  id: string;
  name: string;
  date: string | null;
  confidence: number;
}

/** The detector's verdict on one text (`vigil.analysis/1`). */
export interface Analysis {
  schema: typeof ANALYSIS_SCHEMA | 'vigil.analysis/1';
  context: Context;
  labels: LabelResult[];
  scores: Record<Label, number>;
  ideology: { label: Ideology; score: number };
  targets: string[];
  quotes: QuoteAnalysis[];
  events: EventRef[];
  action: Action;
  model: string;
  /**
   * The language the text was analysed in; on each quote's analysis, the quote's. Added within
   * schema 2 (an additive field): absent only in analyses stored before it.
   */
  language?: LanguageInfo;
}

/** Legal references each label maps to (EU TCO Regulation, UK Terrorism Act 2006, Christchurch Call TVEC codes). */
export const LEGAL_BASIS: Record<Label, string[]> = {
  incitement: ['EU-TCO-2(7)(a)', 'UK-TA2006-s1', 'TVEC8'],
  glorification: ['EU-TCO-2(7)(a)', 'UK-TA2006-s1(3)', 'TVEC7'],
  threat: ['EU-TCO-2(7)(e)', 'TVEC2'],
  recruitment: ['EU-TCO-2(7)(b)', 'EU-TCO-2(7)(c)', 'UK-TA2006-s1', 'TVEC6'],
  instruction: ['EU-TCO-2(7)(d)', 'UK-TA2006-s2', 'TVEC5', 'TVEC3'],
  identity_attack: ['EU-FD-2008/913/JHA', 'TVEC7'],
};
