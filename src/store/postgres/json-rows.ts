import { type RawBuilder, sql } from 'kysely';

/** The SQL types a shipped column is cast back to. */
export type ColumnType = 'text' | 'integer' | 'bigint';

/** Which columns of `R` to ship, each with the SQL type it is read as. */
export type ColumnTypes<R> = { readonly [K in keyof R]?: ColumnType };

/** ES2024 string methods: Node 20 has them, the ES2023 lib this project compiles against does not. */
interface Es2024String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/**
 * Rows as a derived table with a fixed number of parameters, one JSON array per column:
 * `(SELECT t.a::text AS a, … FROM ROWS FROM (json_array_elements_text($1::json), …) AS t(a, …))`,
 * in the order given. Use it as `FROM ${jsonRows(…)} AS alias`.
 *
 * Why JSON: one bind parameter per value (20 per item, up to 65,000 per statement) cost PostgreSQL
 * almost as much CPU to parse as the insert itself, and pg's array encoding (for unnest) escapes
 * each value in JavaScript, about 2 s per 100,000 messages; JSON.stringify is native (0.25 s), and
 * PostgreSQL reads JSON arrays faster than array literals.
 */
export function jsonRows<R>(types: ColumnTypes<R>, rows: readonly R[]): RawBuilder<unknown> {
  const names = Object.keys(types) as (keyof R & string)[];
  const typed = names.map((n) => sql`t.${sql.id(n)}::${sql.raw(types[n] as ColumnType)} AS ${sql.id(n)}`);
  const arrays = names.map((n) => sql`json_array_elements_text(${jsonArray(rows.map((r) => r[n]))}::json)`);
  const aliases = names.map((n) => sql.id(n));
  return sql`(SELECT ${sql.join(typed)} FROM ROWS FROM (${sql.join(arrays)}) AS t(${sql.join(aliases)}))`;
}

/**
 * One column as a JSON array, with what text parameters did to odd values:
 * - A lone surrogate: JSON.stringify writes it as an escape (`\udxxx`) that PostgreSQL refuses,
 *   where pg's text parameters sent U+FFFD; it is replaced the same way, so the record stores as
 *   before. (isWellFormed per value is cheap; searching the JSON text measured 20× slower.)
 * - A non-finite number: JSON writes null, where PostgreSQL refused 'NaN' in an integer column;
 *   a RangeError keeps it a fault of that record.
 */
function jsonArray(values: readonly unknown[]): string {
  let wellFormed = true;
  for (const v of values) {
    if (typeof v === 'string') wellFormed &&= asEs2024(v).isWellFormed();
    else if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError('store: a non-finite number');
  }
  if (wellFormed) return JSON.stringify(values);
  return JSON.stringify(values.map((v) => (typeof v === 'string' ? asEs2024(v).toWellFormed() : v)));
}

function asEs2024(s: string): Es2024String {
  return s as unknown as Es2024String;
}
