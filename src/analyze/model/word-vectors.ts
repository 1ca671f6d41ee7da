import { readFileSync, writeFileSync } from 'node:fs';
import { VigilError } from '../../domain/index.js';

/** The first bytes of a word-vector file. */
const MAGIC = 'VGWV';
/** How many of the first (most frequent) words get the small map `row` looks in first. */
const FREQUENT_WORDS = 4096;

/**
 * Pretrained word vectors, compacted for shipping: the most frequent words only, each vector
 * unit-length and quantised to int8 (one scale for all). Read once; a lookup is a map access.
 */
export class WordVectors {
  private readonly index = new Map<string, number>();
  /**
   * The most frequent words (the file lists words by frequency) in a map of their own, looked up
   * first: most of a text's words are among them, and a small map stays in the processor's cache
   * where a lookup in the whole vocabulary's map missed it on most words.
   */
  private readonly frequent = new Map<string, number>();

  constructor(
    readonly words: readonly string[],
    readonly dims: number,
    /** words.length × dims values in [-127, 127]; value / 127 is the unit vector's component. */
    readonly data: Int8Array,
  ) {
    words.forEach((w, i) => {
      this.index.set(w, i);
    });
    for (const [w, i] of this.index) {
      if (i >= FREQUENT_WORDS) break;
      this.frequent.set(w, i);
    }
  }

  /** Where the word's vector starts in `data`, or undefined for an unknown word. */
  row(word: string): number | undefined {
    const i = this.frequent.get(word) ?? this.index.get(word);
    return i === undefined ? undefined : i * this.dims;
  }

  /** "VGWV", u32 word count, u32 dimensions, u32 byte length of the words, the words joined by "\n", the int8 matrix. */
  save(path: string): void {
    const words = Buffer.from(this.words.join('\n'), 'utf8');
    const head = Buffer.alloc(MAGIC.length + 12);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(this.words.length, 4);
    head.writeUInt32LE(this.dims, 8);
    head.writeUInt32LE(words.length, 12);
    writeFileSync(
      path,
      Buffer.concat([
        head,
        words,
        new Uint8Array(this.data.buffer, this.data.byteOffset, this.data.byteLength),
      ]),
    );
  }
}

/** Quantises float vectors (any length) to unit-length int8 rows. */
export function compactVectors(entries: readonly [string, readonly number[]][], dims: number): WordVectors {
  const data = new Int8Array(entries.length * dims);
  entries.forEach(([, v], i) => {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += (v[d] ?? 0) ** 2;
    const scale = norm > 0 ? 127 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dims; d++) data[i * dims + d] = Math.round((v[d] ?? 0) * scale);
  });
  return new WordVectors(
    entries.map(([w]) => w),
    dims,
    data,
  );
}

export function loadWordVectors(path: string): WordVectors {
  const buf = readFileSync(path);
  if (buf.length < 16 || buf.toString('latin1', 0, 4) !== MAGIC)
    throw new VigilError('MODEL_FORMAT', `word vectors ${path}: not a Vigil word-vector file`);
  const count = buf.readUInt32LE(4);
  const dims = buf.readUInt32LE(8);
  const wordBytes = buf.readUInt32LE(12);
  const words = buf.toString('utf8', 16, 16 + wordBytes).split('\n');
  const body = 16 + wordBytes;
  if (words.length !== count || buf.length !== body + count * dims)
    throw new VigilError('MODEL_FORMAT', `word vectors ${path}: truncated or damaged`);
  const data = new Int8Array(count * dims);
  new Uint8Array(data.buffer).set(buf.subarray(body));
  return new WordVectors(words, dims, data);
}
