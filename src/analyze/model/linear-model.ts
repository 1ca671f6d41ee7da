import { readFileSync, writeFileSync } from 'node:fs';
import { LABELS, type Label, VigilError } from '../../domain/index.js';
import type { LabelModel } from '../detector.js';
import {
  FEATURE_BITS,
  forEachFeature,
  ngramScale,
  RULE_FEATURE_BASE,
  RULE_FEATURE_SCALE,
  type SparseVector,
} from './features.js';

/** Bumped whenever the features or the file layout change; a mismatched file refuses to load. */
export const MODEL_FORMAT_VERSION = 3;

export interface ModelManifest {
  name: string;
  version: string;
  created: string;
  training: { dataset: string; rows: number; licence: string; use: string }[];
  metrics: Record<string, unknown>;
  mapping: Record<string, string>;
}

interface ModelFile {
  formatVersion: number;
  featureBits: number;
  manifest: ModelManifest;
  labels: Record<string, { bias: number; weights: string; a: number; b: number }>;
}

/** One logistic regression per label over hashed features, with Platt calibration (a, b). */
export class LinearModel implements LabelModel {
  constructor(
    readonly manifest: ModelManifest,
    readonly weights: Record<Label, Float32Array>,
    readonly bias: Record<Label, number>,
    readonly calibration: Record<Label, { a: number; b: number }> = Object.fromEntries(
      LABELS.map((l) => [l, { a: 1, b: 0 }]),
    ) as Record<Label, { a: number; b: number }>,
  ) {}

  get id(): string {
    return `${this.manifest.name}@${this.manifest.version}`;
  }

  margin(label: Label, x: SparseVector): number {
    const w = this.weights[label];
    let z = this.bias[label];
    for (let k = 0; k < x.index.length; k++)
      z += (w[x.index[k] as number] as number) * (x.value[k] as number);
    return z;
  }

  /** Accumulates every label's margin in one pass over the hashed n-grams, without building a vector. */
  predict(normalizedText: string, ruleStrengths: Record<Label, number>): Record<Label, number> {
    const w = LABELS.map((l) => this.weights[l]);
    const sums = new Float64Array(LABELS.length);
    const count = forEachFeature(normalizedText, (i) => {
      for (let l = 0; l < w.length; l++)
        sums[l] = (sums[l] as number) + ((w[l] as Float32Array)[i] as number);
    });
    const scale = ngramScale(count);
    const out = {} as Record<Label, number>;
    LABELS.forEach((l, j) => {
      const weights = this.weights[l];
      const z =
        this.bias[l] +
        scale * (sums[j] as number) +
        LABELS.reduce(
          (acc, r, k) =>
            acc + (weights[RULE_FEATURE_BASE + k] as number) * ruleStrengths[r] * RULE_FEATURE_SCALE,
          0,
        );
      const c = this.calibration[l];
      out[l] = sigmoid(c.a * z + c.b);
    });
    return out;
  }

  save(path: string): void {
    const file: ModelFile = {
      formatVersion: MODEL_FORMAT_VERSION,
      featureBits: FEATURE_BITS,
      manifest: this.manifest,
      labels: Object.fromEntries(
        LABELS.map((l) => [
          l,
          {
            bias: this.bias[l],
            weights: Buffer.from(this.weights[l].buffer).toString('base64'),
            ...this.calibration[l],
          },
        ]),
      ),
    };
    writeFileSync(path, JSON.stringify(file));
  }
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Loads a model file, refusing one written in another format version. */
export function loadModel(path: string): LinearModel {
  const file = JSON.parse(readFileSync(path, 'utf8')) as ModelFile;
  if (file.formatVersion !== MODEL_FORMAT_VERSION || file.featureBits !== FEATURE_BITS) {
    throw new VigilError(
      'MODEL_FORMAT',
      `model ${path}: format version ${file.formatVersion} (${file.featureBits} bits) is not the supported ${MODEL_FORMAT_VERSION} (${FEATURE_BITS} bits); retrain with \`vigil train\``,
    );
  }
  const weights = {} as Record<Label, Float32Array>;
  const bias = {} as Record<Label, number>;
  const calibration = {} as Record<Label, { a: number; b: number }>;
  for (const l of LABELS) {
    const entry = file.labels[l];
    if (!entry) throw new VigilError('MODEL_FORMAT', `model ${path}: no weights for label ${l}`);
    const buf = Buffer.from(entry.weights, 'base64');
    weights[l] = new Float32Array(new Uint8Array(buf).buffer);
    bias[l] = entry.bias;
    calibration[l] = { a: entry.a, b: entry.b };
  }
  return new LinearModel(file.manifest, weights, bias, calibration);
}
