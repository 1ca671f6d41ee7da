import { LABELS, type Label, VigilError } from '../domain/index.js';

/** Per-label decision thresholds. */
export interface Thresholds {
  /** A label is reported at or above this score. */
  label: number;
  /** Primary content at or above this score is `refer`. */
  refer: number;
  /** At or above this score (and below refer) the item is `review`. */
  review: number;
}

export type DetectorThresholds = Record<Label, Thresholds>;

export const DEFAULT_THRESHOLDS: DetectorThresholds = Object.fromEntries(
  LABELS.map((l) => [l, { label: 0.5, refer: 0.85, review: 0.4 }]),
) as DetectorThresholds;

/**
 * Validates user thresholds (from vigil.config.yaml) over the defaults. Fails loudly on anything
 * out of range or inconsistent, naming the label and field; never falls back in silence.
 */
export function resolveThresholds(user: unknown): DetectorThresholds {
  const out = structuredClone(DEFAULT_THRESHOLDS);
  if (user === undefined || user === null) return out;
  if (typeof user !== 'object' || Array.isArray(user))
    throw new VigilError('BAD_CONFIG', 'config: thresholds must be a map of labels');
  for (const [label, value] of Object.entries(user)) {
    if (!(LABELS as readonly string[]).includes(label)) {
      throw new VigilError(
        'BAD_CONFIG',
        `config: thresholds.${label}: unknown label (known: ${LABELS.join(', ')})`,
      );
    }
    if (typeof value !== 'object' || value === null)
      throw new VigilError('BAD_CONFIG', `config: thresholds.${label} must be a map`);
    for (const [field, v] of Object.entries(value)) {
      if (!['label', 'refer', 'review'].includes(field))
        throw new VigilError('BAD_CONFIG', `config: thresholds.${label}.${field}: unknown field`);
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw new VigilError(
          'BAD_CONFIG',
          `config: thresholds.${label}.${field} must be a number from 0 to 1, not ${JSON.stringify(v)}`,
        );
      }
      out[label as Label][field as keyof Thresholds] = v;
    }
    const t = out[label as Label];
    if (!(t.review <= t.label && t.label <= t.refer)) {
      throw new VigilError(
        'BAD_CONFIG',
        `config: thresholds.${label}: need review ≤ label ≤ refer (got ${t.review}, ${t.label}, ${t.refer})`,
      );
    }
  }
  return out;
}
