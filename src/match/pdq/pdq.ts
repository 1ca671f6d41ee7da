/**
 * PDQ, Meta's 256-bit perceptual image hash, from an image's pixels: luminance, a two-pass
 * Jarosz (tent) blur and decimation to 64×64, a 16×16 block of the DCT, and one bit per
 * coefficient above the median. The eight dihedral variants (rotations and flips) come from sign
 * changes and transposes of the same DCT block, without re-decoding. Written from the published
 * algorithm description (pdqhash-2017-10-09) and checked against Meta's reference vectors.
 */

/** Hash bits as 16 words of 16 bits, word 0 holding bits 0–15 (PDQ's own layout). */
export type PdqBits = Uint16Array;

export interface PdqResult {
  hash: string;
  /** 0–100: how much gradient detail the image has; below 50, matches are unreliable. */
  quality: number;
}

export type Dihedral =
  | 'original'
  | 'rotate90'
  | 'rotate180'
  | 'rotate270'
  | 'flipX'
  | 'flipY'
  | 'flipPlus1'
  | 'flipMinus1';

// The reference computes in 32-bit floats; rounding every step the same way (Math.fround) keeps
// coefficients near the median on the same side, so a lossless image hashes bit for bit alike.
const f = Math.fround;
const MIN_DIM = 5;

/** DCT-II basis for frequencies 1..16 over 64 samples, row-major 16×64. */
const DCT = (() => {
  const m = new Float32Array(16 * 64);
  const scale = f(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++)
    for (let j = 0; j < 64; j++)
      m[i * 64 + j] = f(scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1)));
  return m;
})();

/** Luminance of packed pixels (1 channel grey, 3 RGB, 4 RGBA), row-major. */
export function lumaFromPixels(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
): Float32Array {
  const out = new Float32Array(width * height);
  if (channels < 3) {
    for (let i = 0, p = 0; i < out.length; i++, p += channels) out[i] = pixels[p] as number;
    return out;
  }
  for (let i = 0, p = 0; i < out.length; i++, p += channels) {
    // Luminance in double precision, then stored as float, as the reference bindings compute it.
    out[i] =
      (pixels[p] as number) * 0.299 + (pixels[p + 1] as number) * 0.587 + (pixels[p + 2] as number) * 0.114;
  }
  return out;
}

function windowSize(oldDim: number, newDim: number): number {
  return Math.floor((oldDim + 2 * newDim - 1) / (2 * newDim));
}

/** One box-filter pass along a strided vector, with the shrinking window at the edges. */
function box1d(
  input: Float32Array,
  output: Float32Array,
  offset: number,
  length: number,
  stride: number,
  fullWindow: number,
): void {
  const half = Math.floor((fullWindow + 2) / 2);
  const phase1 = half - 1;
  const phase2 = fullWindow - half + 1;
  const phase3 = length - fullWindow;
  const phase4 = half - 1;
  let li = offset;
  let ri = offset;
  let oi = offset;
  let sum = 0;
  let size = 0;
  for (let i = 0; i < phase1; i++) {
    sum += input[ri] as number;
    size++;
    ri += stride;
  }
  for (let i = 0; i < phase2; i++) {
    sum += input[ri] as number;
    size++;
    output[oi] = sum / size;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase3; i++) {
    sum += input[ri] as number;
    sum -= input[li] as number;
    output[oi] = sum / size;
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase4; i++) {
    sum -= input[li] as number;
    size--;
    output[oi] = sum / size;
    li += stride;
    oi += stride;
  }
}

/**
 * The column pass of `box1d` for every column at once, sweeping rows so memory is read in order
 * (about 3× faster than striding down each column); the arithmetic per column is the same.
 */
function boxColumns(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  fullWindow: number,
): void {
  const half = Math.floor((fullWindow + 2) / 2);
  const phase1 = half - 1;
  const phase2 = fullWindow - half + 1;
  const phase3 = rows - fullWindow;
  const phase4 = half - 1;
  const sums = new Float64Array(cols);
  let ri = 0;
  let li = 0;
  let oi = 0;
  let size = 0;
  const add = (row: number) => {
    const base = row * cols;
    for (let c = 0; c < cols; c++) sums[c] = (sums[c] as number) + (input[base + c] as number);
  };
  const subtract = (row: number) => {
    const base = row * cols;
    for (let c = 0; c < cols; c++) sums[c] = (sums[c] as number) - (input[base + c] as number);
  };
  const write = (row: number) => {
    const base = row * cols;
    for (let c = 0; c < cols; c++) output[base + c] = (sums[c] as number) / size;
  };
  for (let i = 0; i < phase1; i++, ri++, size++) add(ri);
  for (let i = 0; i < phase2; i++, ri++, oi++) {
    add(ri);
    size++;
    write(oi);
  }
  for (let i = 0; i < phase3; i++, ri++, li++, oi++) {
    add(ri);
    subtract(li);
    write(oi);
  }
  for (let i = 0; i < phase4; i++, li++, oi++) {
    subtract(li);
    size--;
    write(oi);
  }
}

/** Blurs `a` in place (using `b` as scratch) and samples 64×64 pixel centres. */
function downsample64(a: Float32Array, b: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(64 * 64);
  if (rows === 64 && cols === 64) {
    out.set(a);
    return out;
  }
  const wRows = windowSize(cols, 64);
  const wCols = windowSize(rows, 64);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < rows; i++) box1d(a, b, i * cols, cols, 1, wRows);
    boxColumns(b, a, rows, cols, wCols);
  }
  for (let i = 0; i < 64; i++) {
    const ini = Math.floor(((i + 0.5) * rows) / 64);
    for (let j = 0; j < 64; j++)
      out[i * 64 + j] = a[ini * cols + Math.floor(((j + 0.5) * cols) / 64)] as number;
  }
  return out;
}

function quality(b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < 63; i++)
    for (let j = 0; j < 64; j++)
      sum += Math.abs(
        Math.trunc(f(f(f((b[i * 64 + j] as number) - (b[(i + 1) * 64 + j] as number)) * 100) / 255)),
      );
  for (let i = 0; i < 64; i++)
    for (let j = 0; j < 63; j++)
      sum += Math.abs(
        Math.trunc(f(f(f((b[i * 64 + j] as number) - (b[i * 64 + j + 1] as number)) * 100) / 255)),
      );
  return Math.min(100, Math.trunc(sum / 90));
}

/** B = D · A · Dᵀ, only the 16×16 block PDQ keeps. */
function dct16(a: Float32Array): Float32Array {
  const t = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      let s = 0;
      for (let k = 0; k < 64; k++) s = f(s + f((DCT[i * 64 + k] as number) * (a[k * 64 + j] as number)));
      t[i * 64 + j] = s;
    }
  }
  const b = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      let s = 0;
      for (let k = 0; k < 64; k++) s = f(s + f((t[i * 64 + k] as number) * (DCT[j * 64 + k] as number)));
      b[i * 16 + j] = s;
    }
  }
  return b;
}

/** The DCT block of a dihedral image, from the original's (sign flips and transposes). */
function dihedralOf(a: Float32Array, d: Dihedral): Float32Array {
  if (d === 'original') return a;
  const b = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const v = a[i * 16 + j] as number;
      switch (d) {
        case 'rotate90':
          b[j * 16 + i] = j & 1 ? v : -v;
          break;
        case 'rotate180':
          b[i * 16 + j] = (i + j) & 1 ? -v : v;
          break;
        case 'rotate270':
          b[j * 16 + i] = i & 1 ? v : -v;
          break;
        case 'flipX':
          b[i * 16 + j] = i & 1 ? v : -v;
          break;
        case 'flipY':
          b[i * 16 + j] = j & 1 ? v : -v;
          break;
        case 'flipPlus1':
          b[j * 16 + i] = v;
          break;
        case 'flipMinus1':
          b[j * 16 + i] = (i + j) & 1 ? -v : v;
          break;
      }
    }
  }
  return b;
}

/** One bit per coefficient above the median (the 128th smallest), as PDQ's hex. */
function toHex(block: Float32Array): string {
  const median = [...block].sort((x, y) => x - y)[127] as number;
  const words = new Uint16Array(16);
  for (let k = 0; k < 256; k++)
    if ((block[k] as number) > median) words[k >> 4] = (words[k >> 4] as number) | (1 << (k & 15));
  let hex = '';
  for (let w = 15; w >= 0; w--) hex += (words[w] as number).toString(16).padStart(4, '0');
  return hex;
}

export const DIHEDRALS: readonly Dihedral[] = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipX',
  'flipY',
  'flipPlus1',
  'flipMinus1',
];

/** PDQ of a luminance image; with `dihedral`, also the hashes of its seven rotations and flips. */
export function pdqFromLuma(
  luma: Float32Array,
  width: number,
  height: number,
): { quality: number; hashes: Record<Dihedral, string> } {
  if (width < MIN_DIM || height < MIN_DIM) {
    const zero = '0'.repeat(64);
    return {
      quality: 0,
      hashes: Object.fromEntries(DIHEDRALS.map((d) => [d, zero])) as Record<Dihedral, string>,
    };
  }
  const a = Float32Array.from(luma);
  const b = new Float32Array(a.length);
  const small = downsample64(a, b, height, width);
  const block = dct16(small);
  return {
    quality: quality(small),
    hashes: Object.fromEntries(DIHEDRALS.map((d) => [d, toHex(dihedralOf(block, d))])) as Record<
      Dihedral,
      string
    >,
  };
}

const POPCOUNT = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = (i & 1) + (t[i >> 1] as number);
  return t;
})();

/** Hamming distance between two 64-hex-digit hashes. */
export function hammingHex(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 64; i += 2)
    d += POPCOUNT[Number.parseInt(a.slice(i, i + 2), 16) ^ Number.parseInt(b.slice(i, i + 2), 16)] as number;
  return d;
}
