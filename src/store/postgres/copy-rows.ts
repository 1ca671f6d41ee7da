import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ColumnType, ColumnTypes } from './array-rows.js';

/**
 * Rows written into `table` with `COPY … FROM STDIN` in PostgreSQL's binary format, on `client`
 * (inside the caller's transaction, if one is open). Resolves with the number of rows copied.
 *
 * Why binary: each value is its UTF-8 bytes behind a length, so no character of hostile text
 * (tab, newline, backslash, quote) needs escaping and nothing can be misread as a delimiter; and
 * when PostgreSQL refuses a row, its error names the line and column, never the value (text
 * COPY's error context quotes the whole line). Why COPY at all: PostgreSQL inserts a COPY's
 * rows into the heap in bulk and parses no query per batch; on 100,000 messages it took about a
 * quarter less server CPU than the same rows unnested from binary arrays (array-rows.ts).
 *
 * The column types must be those of the table: binary COPY converts nothing, and a mismatch is an
 * error of every row (postgres-copy.test.ts checks the items table against ITEM_COPY_COLUMNS).
 */
export async function copyRows<R>(
  client: PoolClient,
  table: string,
  types: ColumnTypes<R>,
  rows: readonly R[],
): Promise<number> {
  const names = Object.keys(types);
  for (const name of [table, ...names]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name))
      throw new Error(`store: ${JSON.stringify(name)} is not a plain name`);
  }
  const stream = client.query(copyFrom(`COPY ${table} (${names.join(', ')}) FROM STDIN (FORMAT binary)`));
  // Encoded as it is sent, a chunk at a time: PostgreSQL stores the first rows while the next are
  // encoded, where encoding the whole batch first left it waiting (about 0.3 s per 100,000
  // messages). A value that cannot be encoded ends the COPY before its row is sent: PostgreSQL
  // undoes the rows it took, and the error is the encoding's (a RangeError or a TypeError).
  await pipeline(Readable.from(binaryCopyChunks(types, rows), { highWaterMark: 1 }), stream);
  return stream.rowCount;
}

/** The 'PGCOPY' signature, then 32 bits of flags and of header-extension length, all zero. */
const HEADER = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1');
/**
 * A chunk is sent once it holds this much: large enough that a batch goes out in a few dozen
 * writes, small enough that PostgreSQL has the first rows while the rest are being encoded.
 */
const CHUNK_BYTES = 1 << 17;

/**
 * The COPY binary stream of `rows` (header, one tuple per row, trailer) in chunks of about a
 * megabyte. What the binary text arrays do to odd values is kept (array-rows.ts): a lone surrogate
 * is written as U+FFFD, a NUL is refused by PostgreSQL as invalid text (an error of that record),
 * and a number that is not a whole number in range throws a RangeError (also that record's error).
 */
export function binaryCopyData<R>(types: ColumnTypes<R>, rows: readonly R[]): Buffer[] {
  return [...binaryCopyChunks(types, rows)];
}

/** binaryCopyData's chunks, each encoded when it is asked for. */
export function* binaryCopyChunks<R>(types: ColumnTypes<R>, rows: readonly R[]): Generator<Buffer> {
  const columns = Object.entries(types) as [keyof R & string, ColumnType][];
  const encode = rowEncoder<R>(columns);
  const out = new CopyWriter();
  out.bytes(HEADER);
  for (const row of rows) {
    out.ensure(2);
    out.int16(columns.length);
    encode(out, row);
    if (out.full()) yield* out.take();
  }
  out.ensure(2);
  out.int16(-1);
  yield* out.finish();
}

/**
 * A function writing a row's values in column order, made once per set of columns: each value is
 * read as a named property, where a loop over the column names read every value by a computed
 * name (a lookup V8 cannot specialise, each of two million values per 100,000 messages). With the
 * writes below, encoding the rows of 100,000 messages took 112 ms (median of 12), now 82.
 */
function rowEncoder<R>(columns: readonly [string, ColumnType][]): (out: CopyWriter, row: R) => void {
  const steps = columns.map(([name, type]) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name))
      throw new Error(`store: ${JSON.stringify(name)} is not a plain name`);
    return `out.${type}(row.${name});`;
  });
  return new Function('out', 'row', steps.join('\n')) as (out: CopyWriter, row: R) => void;
}

/** Appends to a chunk until it is full, then starts another. */
class CopyWriter {
  private done: Buffer[] = [];
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;

  /** Room for `n` more bytes in the current chunk. */
  ensure(n: number): void {
    if (this.at + n <= this.buf.length) return;
    this.done.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, n));
    this.at = 0;
  }

  /** Whether a chunk is complete: one was started after it, or the current one is full. */
  full(): boolean {
    return this.done.length > 0 || this.at >= CHUNK_BYTES;
  }

  /** The complete chunks, handed over (the one being filled stays unless it is full). */
  take(): Buffer[] {
    if (this.at >= CHUNK_BYTES) {
      this.done.push(this.buf.subarray(0, this.at));
      this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
      this.at = 0;
    }
    const done = this.done;
    this.done = [];
    return done;
  }

  int16(v: number): void {
    this.at = this.buf.writeInt16BE(v, this.at);
  }

  /**
   * A 32-bit word at `at`, big-endian (a value's length, -1 for NULL, or half of a bigint), byte by
   * byte: writeInt32BE checks its arguments on each of about two million calls per 100,000
   * messages. Any integer from -2^31 to 2^32 - 1 is written as its two's complement.
   */
  private word(n: number, at: number): void {
    const buf = this.buf;
    buf[at] = n >>> 24;
    buf[at + 1] = (n >>> 16) & 0xff;
    buf[at + 2] = (n >>> 8) & 0xff;
    buf[at + 3] = n & 0xff;
  }

  bytes(b: Buffer): void {
    this.ensure(b.length);
    this.at += b.copy(this.buf, this.at);
  }

  /** Writes NULL (a length of -1 and no bytes) if `v` is missing, and says whether it did. */
  private wroteNull(v: unknown): v is null | undefined {
    if (v !== null && v !== undefined) return false;
    this.ensure(4);
    this.word(-1, this.at);
    this.at += 4;
    return true;
  }

  text(v: unknown): void {
    if (this.wroteNull(v)) return;
    const text = asText(v);
    // A UTF-16 code unit never takes more than three bytes of UTF-8.
    this.ensure(4 + text.length * 3);
    const at = this.at;
    const n = utf8Write(this.buf, text, at + 4);
    this.word(n, at);
    this.at = at + 4 + n;
  }

  integer(v: unknown): void {
    if (this.wroteNull(v)) return;
    const n = wholeNumber(v);
    this.ensure(8);
    this.buf.writeInt32BE(4, this.at);
    // Throws a RangeError outside int4, as PostgreSQL refused such a value as text.
    this.at = this.buf.writeInt32BE(n, this.at + 4);
  }

  bigint(v: unknown): void {
    if (this.wroteNull(v)) return;
    const n = wholeNumber(v);
    this.ensure(12);
    // A safe integer as two 32-bit words, the high one signed (two's complement): a BigInt and
    // writeBigInt64BE for each id cost about 25 ms per 100,000 messages.
    const high = Math.floor(n / 2 ** 32);
    const at = this.at;
    this.word(8, at);
    this.word(high, at + 4);
    this.word(n - high * 2 ** 32, at + 8);
    this.at = at + 12;
  }

  finish(): Buffer[] {
    if (this.at > 0) this.done.push(this.buf.subarray(0, this.at));
    return this.done;
  }
}

/**
 * Buffer's own UTF-8 writer (what `buf.write(text, at, 'utf8')` ends in), without `write`'s
 * handling of its optional arguments: about a quarter less time per value for the short values
 * most columns hold (1.2 million values: 108 against 78 ms). Not in Node's typings, so `write`
 * stands in where a runtime lacks it.
 */
const utf8Write: (buf: Buffer, text: string, at: number) => number =
  typeof (Buffer.prototype as { utf8Write?: unknown }).utf8Write === 'function'
    ? (buf, text, at) =>
        (buf as unknown as { utf8Write(text: string, at: number): number }).utf8Write(text, at)
    : (buf, text, at) => buf.write(text, at, 'utf8');

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  throw new TypeError(`store: a ${typeof v} where text was expected`);
}

function wholeNumber(v: unknown): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number') throw new TypeError(`store: a ${typeof v} where a number was expected`);
  if (!Number.isSafeInteger(n)) throw new RangeError('store: not a whole number in range');
  return n;
}
