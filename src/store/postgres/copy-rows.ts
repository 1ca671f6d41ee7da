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
  const out = new CopyWriter();
  out.bytes(HEADER);
  for (const row of rows) {
    out.ensure(2);
    out.int16(columns.length);
    for (const [name, type] of columns) out.value(row[name], type);
    if (out.full()) yield* out.take();
  }
  out.ensure(2);
  out.int16(-1);
  yield* out.finish();
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

  bytes(b: Buffer): void {
    this.ensure(b.length);
    this.at += b.copy(this.buf, this.at);
  }

  value(v: unknown, type: ColumnType): void {
    if (v === null || v === undefined) {
      this.ensure(4);
      this.at = this.buf.writeInt32BE(-1, this.at);
      return;
    }
    if (type === 'text') {
      const text = asText(v);
      // A UTF-16 code unit never takes more than three bytes of UTF-8.
      this.ensure(4 + text.length * 3);
      const n = this.buf.write(text, this.at + 4, 'utf8');
      this.buf.writeInt32BE(n, this.at);
      this.at += 4 + n;
      return;
    }
    const n = wholeNumber(v);
    if (type === 'integer') {
      this.ensure(8);
      this.buf.writeInt32BE(4, this.at);
      // Throws a RangeError outside int4, as PostgreSQL refused such a value as text.
      this.at = this.buf.writeInt32BE(n, this.at + 4);
    } else {
      this.ensure(12);
      this.buf.writeInt32BE(8, this.at);
      this.at = this.buf.writeBigInt64BE(BigInt(n), this.at + 4);
    }
  }

  finish(): Buffer[] {
    if (this.at > 0) this.done.push(this.buf.subarray(0, this.at));
    return this.done;
  }
}

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
