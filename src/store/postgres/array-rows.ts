import { type RawBuilder, sql } from 'kysely';

/** The SQL types a shipped column is cast back to. */
export type ColumnType = 'text' | 'integer' | 'bigint';

/** Which columns of `R` to ship, each with the SQL type it is read as. */
export type ColumnTypes<R> = { readonly [K in keyof R]?: ColumnType };

/** PostgreSQL's type id of `text`, which each element of a binary `text[]` names. */
const TEXT_OID = 25;

/**
 * Rows as a derived table with a fixed number of parameters, one `text[]` per column in
 * PostgreSQL's binary array format: `(SELECT t.a::integer AS a, … FROM unnest($1::text[], …)
 * AS t(a, …))`, in the order given. Use it as `FROM ${arrayRows(…)} AS alias`.
 *
 * Why binary arrays: one bind parameter per value (20 per item) cost PostgreSQL almost as much CPU
 * to parse as the insert itself; pg's text encoding of arrays escapes each value in JavaScript
 * (about 2 s per 100,000 messages); JSON arrays (the previous way) are cheap to write but cost
 * PostgreSQL about 2.4 s of CPU per 100,000 messages to unescape, mostly the JSON `raw` column,
 * whose every quote is escaped once more. In binary each value is its UTF-8 bytes behind a length:
 * Node writes them natively and PostgreSQL only checks they are valid UTF-8 (pg sends a Buffer
 * parameter as binary).
 */
export function arrayRows<R>(types: ColumnTypes<R>, rows: readonly R[]): RawBuilder<unknown> {
  const names = Object.keys(types) as (keyof R & string)[];
  const typed = names.map((n) =>
    types[n] === 'text'
      ? sql`t.${sql.id(n)}`
      : sql`t.${sql.id(n)}::${sql.raw(types[n] as ColumnType)} AS ${sql.id(n)}`,
  );
  const arrays = names.map((n) => sql`${binaryTextArray(rows.map((r) => r[n]))}::text[]`);
  const aliases = names.map((n) => sql.id(n));
  return sql`(SELECT ${sql.join(typed)} FROM unnest(${sql.join(arrays)}) AS t(${sql.join(aliases)}))`;
}

/**
 * One column as a one-dimensional `text[]` in PostgreSQL's binary format (what `array_send`
 * writes): dimensions, a null flag, the element type, then each element as a length (-1 for
 * NULL) and its UTF-8 bytes. What text parameters did to odd values is kept:
 * - A lone surrogate is written as U+FFFD, as Node writes any string to UTF-8.
 * - A NUL character is refused by PostgreSQL as invalid text, an error of that record.
 * - A non-finite number throws a RangeError, also an error of that record (PostgreSQL refused
 *   'NaN' in an integer column).
 */
export function binaryTextArray(values: readonly unknown[]): Buffer {
  const texts = values.map(asText);
  let size = values.length === 0 ? 12 : 20;
  let hasNull = 0;
  for (const t of texts) {
    if (t === null) hasNull = 1;
    else size += Buffer.byteLength(t, 'utf8');
    size += 4;
  }
  const buf = Buffer.allocUnsafe(size);
  buf.writeInt32BE(values.length === 0 ? 0 : 1, 0);
  buf.writeInt32BE(hasNull, 4);
  buf.writeInt32BE(TEXT_OID, 8);
  if (values.length === 0) return buf;
  buf.writeInt32BE(values.length, 12);
  buf.writeInt32BE(1, 16);
  let at = 20;
  for (const t of texts) {
    if (t === null) {
      buf.writeInt32BE(-1, at);
      at += 4;
      continue;
    }
    const n = buf.write(t, at + 4, 'utf8');
    buf.writeInt32BE(n, at);
    at += 4 + n;
  }
  return buf;
}

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError('store: a non-finite number');
    return String(v);
  }
  if (typeof v === 'bigint') return String(v);
  throw new TypeError(`store: a ${typeof v} where text or a number was expected`);
}
