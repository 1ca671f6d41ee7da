import { estimateJaccard } from '../minhash/minhash.js';
import { PdqIndex } from './pdq-index.js';
import { signalType } from './signal-types.js';

/** A bank signal as the matcher needs it. */
export interface MatchableSignal {
  id: number;
  bank: string;
  signal_type: string;
  signal_value: string;
  labels: string[];
}

export interface SignalMatch {
  signal: MatchableSignal;
  /** Hamming distance for PDQ, 0 for exact hashes, 1 − similarity for text. */
  distance: number;
}

export interface MatchSettings {
  /** Hamming distance at or below which PDQ hashes match (hasher-matcher-actioner's default: 31). */
  pdqMaxDistance: number;
  /** PDQ hashes of lower quality are not used for matching (HMA's default: 50). */
  pdqMinQuality: number;
  /** Estimated Jaccard at or above which a text matches a text signal. */
  textThreshold: number;
}

export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
  pdqMaxDistance: 31,
  pdqMinQuality: 50,
  textThreshold: 0.5,
};

/**
 * Matches content against the active signals of every bank: PDQ through a multi-index, file
 * hashes exactly, texts by MinHash. Signals marked as false positives never reach it.
 */
export class BankMatcher {
  private readonly pdq: PdqIndex;
  private readonly pdqSignals: MatchableSignal[];
  private readonly exact = new Map<string, MatchableSignal[]>();
  private readonly texts: { signal: MatchableSignal; signature: Uint32Array }[];

  constructor(
    signals: readonly MatchableSignal[],
    private readonly settings: MatchSettings = DEFAULT_MATCH_SETTINGS,
    textSignature: (text: string) => Uint32Array = () => new Uint32Array(0),
  ) {
    const canonical = (s: MatchableSignal) => signalType(s.signal_type)?.name ?? s.signal_type;
    this.pdqSignals = signals.filter((s) => canonical(s) === 'pdq');
    this.pdq = new PdqIndex(this.pdqSignals.map((s) => s.signal_value));
    for (const s of signals) {
      const type = canonical(s);
      if (type !== 'md5' && type !== 'sha256') continue;
      const key = `${type}:${s.signal_value}`;
      this.exact.set(key, [...(this.exact.get(key) ?? []), s]);
    }
    this.texts = signals.flatMap((s) => {
      const type = canonical(s);
      if (type === 'raw_text') return [{ signal: s, signature: textSignature(s.signal_value) }];
      if (type === 'text_minhash') return [{ signal: s, signature: hexToSignature(s.signal_value) }];
      return [];
    });
  }

  matchPdq(hash: string, quality: number): SignalMatch[] {
    if (quality < this.settings.pdqMinQuality) return [];
    return this.pdq
      .query(hash, this.settings.pdqMaxDistance)
      .map((m) => ({ signal: this.pdqSignals[m.id] as MatchableSignal, distance: m.distance }));
  }

  matchFile(hashes: { md5?: string; sha256?: string }): SignalMatch[] {
    const out: SignalMatch[] = [];
    if (hashes.md5)
      for (const s of this.exact.get(`md5:${hashes.md5}`) ?? []) out.push({ signal: s, distance: 0 });
    if (hashes.sha256)
      for (const s of this.exact.get(`sha256:${hashes.sha256}`) ?? []) out.push({ signal: s, distance: 0 });
    return out;
  }

  matchText(signature: Uint32Array): SignalMatch[] {
    const out: SignalMatch[] = [];
    for (const t of this.texts) {
      if (t.signature.length !== signature.length) continue;
      const s = estimateJaccard(signature, t.signature);
      if (s >= this.settings.textThreshold)
        out.push({ signal: t.signal, distance: Number((1 - s).toFixed(3)) });
    }
    return out;
  }
}

export function signatureToHex(sig: Uint32Array): string {
  return Array.from(sig, (v) => v.toString(16).padStart(8, '0')).join('');
}

export function hexToSignature(hex: string): Uint32Array {
  const out = new Uint32Array(hex.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return out;
}
