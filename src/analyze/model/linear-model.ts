import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { LABELS, type Label, VigilError } from '../../domain/index.js';
import { bigramIndex, FEATURE_BITS, type SparseVector, unigramIndex } from './features.js';

/** Bumped whenever the features or the file layout change; a mismatched file refuses to load. */
export const MODEL_FORMAT_VERSION = 4;
/** The first bytes of a model file. */
const MAGIC = 'VGLM';
/** `predict` unrolls its loop over exactly this many labels. */
const LABEL_COUNT = 6;
if (LABELS.length !== LABEL_COUNT) throw new Error('linear model: predict is unrolled for 6 labels');

export interface ModelManifest {
  name: string;
  /**
   * The training date and a digest of what was learnt (`2026-12-01+1a2b3c4d`): analyses are kept
   * per model id, so two models trained on one day must not share it, or `vigil reanalyze` would
   * take the second model's work as done.
   */
  version: string;
  created: string;
  training: { dataset: string; rows: number; licence: string; use: string }[];
  metrics: Record<string, unknown>;
  mapping: Record<string, string>;
  /** The word-vector file (beside the model) whose pooled vectors the model was trained on, if any. */
  wordVectors?: string;
}

/** A trained per-label scorer over one voice's feature vector. */
export interface LabelModel {
  readonly id: string;
  /** Calibrated probability per label. */
  predict(x: SparseVector): Record<Label, number>;
  /** How much a word, and a word pair, push a label up: used to explain a model-only flag. */
  wordWeight(label: Label, word: string, previous: string | null): number;
}

interface Header {
  formatVersion: number;
  featureBits: number;
  manifest: ModelManifest;
  labels: Record<string, { bias: number; a: number; b: number }>;
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

  /** The first 8 hex digits of a SHA-256 over the biases, calibration and weights, in `LABELS` order. */
  digest(): string {
    const hash = createHash('sha256');
    for (const l of LABELS) {
      const { a, b } = this.calibration[l];
      hash.update(Float64Array.of(this.bias[l], a, b));
      hash.update(this.weights[l]);
    }
    return hash.digest('hex').slice(0, 8);
  }

  margin(label: Label, x: SparseVector): number {
    const w = this.weights[label];
    let z = this.bias[label];
    for (let k = 0; k < x.index.length; k++)
      z += (w[x.index[k] as number] as number) * (x.value[k] as number);
    return z;
  }

  /**
   * The weights interleaved by feature (feature × label): one feature's six weights share a cache
   * line, so scoring reads memory once per feature rather than once per label. Built on first use.
   */
  private interleaved: Float32Array | null = null;

  /** Every label's margin in one pass over the features. */
  predict(x: SparseVector): Record<Label, number> {
    const n = LABEL_COUNT;
    if (!this.interleaved) {
      const size = this.weights[LABELS[0] as Label].length;
      const w = new Float32Array(size * n);
      LABELS.forEach((l, j) => {
        const src = this.weights[l];
        for (let i = 0; i < size; i++) w[i * n + j] = src[i] as number;
      });
      this.interleaved = w;
    }
    const w = this.interleaved;
    // Six named accumulators rather than a sums array with an inner loop over labels: this loop runs
    // once per n-gram of every voice, and plain locals stay in registers. The additions happen in
    // the same order, in doubles, as a loop would do them, so the margins are bit for bit the same.
    const { index, value } = x;
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let z3 = 0;
    let z4 = 0;
    let z5 = 0;
    for (let k = 0; k < index.length; k++) {
      const base = (index[k] as number) * LABEL_COUNT;
      const v = value[k] as number;
      z0 += (w[base] as number) * v;
      z1 += (w[base + 1] as number) * v;
      z2 += (w[base + 2] as number) * v;
      z3 += (w[base + 3] as number) * v;
      z4 += (w[base + 4] as number) * v;
      z5 += (w[base + 5] as number) * v;
    }
    const sums = [z0, z1, z2, z3, z4, z5];
    const out = {} as Record<Label, number>;
    for (let i = 0; i < LABEL_COUNT; i++) {
      const l = LABELS[i] as Label;
      const c = this.calibration[l];
      out[l] = sigmoid(c.a * (this.bias[l] + (sums[i] as number)) + c.b);
    }
    return out;
  }

  wordWeight(label: Label, word: string, previous: string | null): number {
    const w = this.weights[label];
    const uni = w[unigramIndex(word)] as number;
    return previous === null ? uni : uni + (w[bigramIndex(previous, word)] as number);
  }

  /**
   * A compact binary file: "VGLM", a little-endian u32 header length, the JSON header (manifest,
   * biases, calibration), then each label's float32 weights in `LABELS` order.
   */
  save(path: string): void {
    const header: Header = {
      formatVersion: MODEL_FORMAT_VERSION,
      featureBits: FEATURE_BITS,
      manifest: this.manifest,
      labels: Object.fromEntries(LABELS.map((l) => [l, { bias: this.bias[l], ...this.calibration[l] }])),
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const pad = (4 - ((MAGIC.length + 4 + json.length) % 4)) % 4;
    const prefix = Buffer.alloc(MAGIC.length + 4);
    prefix.write(MAGIC, 0, 'latin1');
    prefix.writeUInt32LE(json.length + pad, MAGIC.length);
    const parts: Uint8Array[] = [prefix, json, Buffer.alloc(pad, 0x20)];
    for (const l of LABELS) {
      const w = this.weights[l];
      parts.push(new Uint8Array(w.buffer, w.byteOffset, w.byteLength));
    }
    writeFileSync(path, Buffer.concat(parts));
  }
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Loads a model file, refusing one written in another format or with a wrong size. */
export function loadModel(path: string): LinearModel {
  const buf = readFileSync(path);
  const bad = (why: string) =>
    new VigilError('MODEL_FORMAT', `model ${path}: ${why}; retrain with \`vigil train\``);
  if (buf.length < 8 || buf.toString('latin1', 0, MAGIC.length) !== MAGIC)
    throw bad('not a Vigil model file');
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', start, start + headerLength)) as Header;
  } catch {
    throw bad('unreadable header');
  }
  if (header.formatVersion !== MODEL_FORMAT_VERSION || header.featureBits !== FEATURE_BITS) {
    throw bad(
      `format version ${header.formatVersion} (${header.featureBits} bits) is not the supported ${MODEL_FORMAT_VERSION} (${FEATURE_BITS} bits)`,
    );
  }
  const size = 1 << FEATURE_BITS;
  const body = start + headerLength;
  if (buf.length !== body + LABELS.length * size * 4) throw bad('truncated or oversized weights');
  // One aligned copy of the weights; each label is a view into it.
  const all = new Float32Array(LABELS.length * size);
  new Uint8Array(all.buffer).set(buf.subarray(body));
  const weights = {} as Record<Label, Float32Array>;
  const bias = {} as Record<Label, number>;
  const calibration = {} as Record<Label, { a: number; b: number }>;
  LABELS.forEach((l, j) => {
    const entry = header.labels[l];
    if (!entry) throw bad(`no weights for label ${l}`);
    weights[l] = all.subarray(j * size, (j + 1) * size);
    bias[l] = entry.bias;
    calibration[l] = { a: entry.a, b: entry.b };
  });
  return new LinearModel(header.manifest, weights, bias, calibration);
}
