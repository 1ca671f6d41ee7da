import { LABELS, type Label } from '../../domain/index.js';
import { FEATURE_BITS, RULE_SLOTS, type SparseVector } from './features.js';
import { LinearModel, type ModelManifest, sigmoid } from './linear-model.js';

export interface TrainingRow {
  x: SparseVector;
  labels: ReadonlySet<Label>;
  /** The labels this row's source annotates; for the others it is neither positive nor negative. */
  covers: ReadonlySet<Label>;
  /** Weight of the row in the loss (the small synthetic corpus is up-weighted). */
  weight: number;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Share of rows trained with the rule-strength features hidden (default 0.5). */
  ruleDropout?: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Deterministic shuffle (xorshift), so a training run is reproducible. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const next = xorshift32(seed >>> 0);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}

/** Xorshift32 from `seed`: unsigned 32-bit values, the same sequence on every run. */
function xorshift32(seed: number): () => number {
  let s = seed || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

/**
 * Logistic regression per label by SGD with L2 (lazy-free: the penalty is applied to touched
 * weights, the usual approximation for sparse data), then Platt calibration on `calibration` rows.
 */
export function trainLinearModel(
  rows: TrainingRow[],
  calibration: TrainingRow[],
  manifest: ModelManifest,
  options: TrainOptions = {},
): LinearModel {
  const epochs = options.epochs ?? 4;
  const l2 = options.l2 ?? 1e-6;
  const size = 1 << FEATURE_BITS;
  const weights = Object.fromEntries(LABELS.map((l) => [l, new Float32Array(size)])) as Record<
    Label,
    Float32Array
  >;
  const bias = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;
  const order = rows.map((_, i) => i);
  const dropoutDraw = xorshift32((options.seed ?? 7) * 2654435761);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, (options.seed ?? 7) + epoch);
    let loss = 0;
    for (const i of order) {
      const row = rows[i] as TrainingRow;
      const lr = (options.learningRate ?? 0.5) / Math.sqrt(1 + step / 5000);
      step++;
      // Rule dropout: on half the rows the rules' strengths are hidden, so the n-grams must learn
      // to carry a label alone. Without it the rules explain away every positive they catch and
      // the model adds nothing where no rule fires, which is where it is needed.
      const hideRules = dropoutDraw() / 4294967296 < (options.ruleDropout ?? 0.5);
      const active = (j: number) => !(hideRules && j >= RULE_SLOTS.start && j < RULE_SLOTS.end);
      for (const l of LABELS) {
        if (!row.covers.has(l)) continue;
        const w = weights[l];
        let z = bias[l];
        for (let k = 0; k < row.x.index.length; k++) {
          const j = row.x.index[k] as number;
          if (active(j)) z += (w[j] as number) * (row.x.value[k] as number);
        }
        const p = sigmoid(z);
        const y = row.labels.has(l) ? 1 : 0;
        loss -= row.weight * (y ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
        const g = (p - y) * row.weight * lr;
        bias[l] -= g;
        for (let k = 0; k < row.x.index.length; k++) {
          const j = row.x.index[k] as number;
          if (active(j)) w[j] = (w[j] as number) * (1 - lr * l2) - g * (row.x.value[k] as number);
        }
      }
    }
    options.onEpoch?.(epoch + 1, loss / rows.length);
  }
  const model = new LinearModel(manifest, weights, bias);
  for (const l of LABELS)
    model.calibration[l] = plattScale(
      calibration
        .filter((r) => r.covers.has(l))
        .map((r) => [model.margin(l, r.x), r.labels.has(l) ? 1 : 0, r.weight]),
    );
  return model;
}

/** Fits p = sigmoid(a·margin + b) by gradient descent on held-out rows, each counted at its weight. */
function plattScale(points: [number, number, number][]): { a: number; b: number } {
  if (points.length === 0 || points.every(([, y]) => y === 0)) return { a: 1, b: 0 };
  const total = points.reduce((s, [, , w]) => s + w, 0);
  let a = 1;
  let b = 0;
  for (let it = 0; it < 300; it++) {
    let ga = 0;
    let gb = 0;
    for (const [m, y, w] of points) {
      const p = sigmoid(a * m + b);
      ga += w * (p - y) * m;
      gb += w * (p - y);
    }
    a -= (0.5 * ga) / total;
    b -= (0.5 * gb) / total;
  }
  return { a, b };
}
