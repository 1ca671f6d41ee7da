/**
 * Ingest under damage: named mutation classes applied to Telegram, JSONL and CSV files generated
 * in-process with a fixed seed. Each mutated file is ingested twice into a fresh store; the
 * suite asserts that nothing crashes, every intact record is stored, nothing is duplicated on
 * re-ingest and no error message repeats text from a record.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestAdapter } from '../../src/ingest/adapter.js';
import { csvAdapter } from '../../src/ingest/tabular/csv-adapter.js';
import { jsonlAdapter } from '../../src/ingest/tabular/jsonl-adapter.js';
import { telegramExportAdapter } from '../../src/ingest/telegram-export/telegram-export-adapter.js';
import { runIngest } from '../../src/pipeline/ingest-run.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';

const RECORDS = 24;
/** Every record's text carries its own marker; no error message may contain one. */
const MARKER = 'Qzv';
const textOf = (i: number) => `${MARKER}${i} a synthetic note about the weather and the roads, number ${i}`;

type Format = 'telegram' | 'jsonl' | 'csv';
const ADAPTER: Record<Format, IngestAdapter> = {
  telegram: telegramExportAdapter,
  jsonl: jsonlAdapter,
  csv: csvAdapter,
};
const EXT: Record<Format, string> = { telegram: 'json', jsonl: 'jsonl', csv: 'csv' };

/** A record as each format writes it: one unit of text per record, so a mutation can target one. */
function writeRecord(format: Format, i: number, fields: Record<string, unknown> = {}): string {
  const base = { id: i, text: textOf(i), date: '2024-01-01T00:00:00', ...fields };
  if (format === 'telegram')
    return JSON.stringify({
      id: base.id,
      type: 'message',
      date: base.date,
      date_unixtime: String(1_704_067_200 + i * 60),
      from: 'Fuzz Channel',
      from_id: 'channel4242',
      text: base.text,
      ...fields,
    });
  if (format === 'jsonl')
    return JSON.stringify({ id: base.id, text: base.text, posted_at: base.date, ...fields });
  const cell = (v: unknown) => `"${String(v).replaceAll('"', '""')}"`;
  return [base.id, base.text, base.date].map(cell).join(',');
}

function assemble(format: Format, records: string[]): string {
  if (format === 'telegram')
    return `{\n "name": "Fuzz Channel",\n "type": "public_channel",\n "id": 4242,\n "messages": [\n  ${records.join(',\n  ')}\n ]\n}\n`;
  if (format === 'jsonl') return `${records.join('\n')}\n`;
  return `id,text,posted_at\n${records.join('\n')}\n`;
}

interface Mutated {
  name: string;
  format: Format;
  bytes: Buffer;
  /** Record ids that must be stored whatever happened to the damaged one. */
  intact: number[];
}

/** xorshift32: the suite's only source of variation, fixed by its seed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const allBut = (k: number) => ids(0, RECORDS).filter((i) => i !== k);

/** Replaces record k's text with a value of another type (or other damage) in that format. */
function withRecord(format: Format, k: number, make: (i: number) => string): Buffer {
  return Buffer.from(
    assemble(
      format,
      ids(0, RECORDS).map((i) => (i === k ? make(i) : writeRecord(format, i))),
    ),
  );
}

function mutations(format: Format, seed: number): Mutated[] {
  const next = rng(seed);
  const k = 2 + Math.floor(next() * (RECORDS - 4));
  const clean = Buffer.from(
    assemble(
      format,
      ids(0, RECORDS).map((i) => writeRecord(format, i)),
    ),
  );
  const offsetOf = (i: number) => clean.indexOf(Buffer.from(`${MARKER}${i} `));
  const out: Mutated[] = [];
  const add = (name: string, bytes: Buffer, intact: number[]) => out.push({ name, format, bytes, intact });

  // Truncation inside record k: every record before it survives.
  add('truncation', clean.subarray(0, offsetOf(k) + 5), ids(0, k));
  // A flipped byte inside record k's text: records before it survive whatever it breaks.
  const flipped = Buffer.from(clean);
  const at = offsetOf(k) + 8 + Math.floor(next() * 20);
  flipped[at] = (flipped[at] as number) ^ (1 << Math.floor(next() * 7));
  add('byte flip', flipped, format === 'telegram' ? ids(0, k) : allBut(k));
  // Invalid UTF-8 inside a text: read with replacement characters, every record stored.
  const invalid = Buffer.from(clean);
  invalid.fill(0xff, offsetOf(k) + 4, offsetOf(k) + 6);
  add('invalid utf-8', invalid, allBut(k));
  // A raw NUL byte inside a text.
  const nul = Buffer.from(clean);
  nul[offsetOf(k) + 4] = 0;
  add('nul byte', nul, allBut(k));
  // A byte-order mark before the first record.
  add('bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), clean]), ids(0, RECORDS));
  // A huge text (over the stored limit) and a huge single token (under it).
  add(
    'huge string',
    withRecord(format, k, (i) =>
      writeRecord(format, i, { text: `${MARKER}${i} ${'word '.repeat(260_000)}` }),
    ),
    allBut(k),
  );
  add(
    'huge token',
    withRecord(format, k, (i) => writeRecord(format, i, { text: `${MARKER}${i}${'a'.repeat(300_000)}` })),
    allBut(k),
  );
  // The same id again with new text: an edit, never a second copy.
  add(
    'duplicate id, new text',
    Buffer.from(
      assemble(format, [
        ...ids(0, RECORDS).map((i) => writeRecord(format, i)),
        writeRecord(format, k, { text: `${MARKER}${k} edited wording` }),
      ]),
    ),
    ids(0, RECORDS),
  );
  if (format === 'csv') {
    // A quote that opens and never closes: reading resumes at the next line.
    add(
      'broken quote',
      withRecord(format, k, (i) => `${i},"${MARKER}${i} an opening quote that never closes,2024-01-01`),
      allBut(k),
    );
    add(
      'wrong date',
      withRecord(format, k, (i) => `${i},"${textOf(i)}","${MARKER}${i} not a date"`),
      allBut(k),
    );
    add(
      'missing column',
      withRecord(format, k, (i) => `${i},"${textOf(i)}"`),
      allBut(k),
    );
    return out;
  }
  // Deep nesting in place of the text (spliced as JSON text: building it as a value would
  // overflow this test's own serialiser).
  add(
    'deep nesting',
    withRecord(format, k, (i) =>
      writeRecord(format, i, { text: 'DEEP' }).replace(
        '"DEEP"',
        `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      ),
    ),
    allBut(k),
  );
  // Wrong types per field.
  const wrong: [string, Record<string, unknown>][] =
    format === 'telegram'
      ? [
          ['text as a number', { text: 42 }],
          ['text as an object', { text: { a: 1 } }],
          ['text as a boolean', { text: true }],
          ['date_unixtime 1e20', { date_unixtime: '1e20' }],
          ['date_unixtime 1e19 number', { date_unixtime: 1e19 }],
          ['from as an object', { from: { name: 'x' } }],
          ['forwarded_from as an object', { forwarded_from: {} }],
          ['via_bot as an object', { via_bot: {} }],
          ['id as an object', { id: { n: 1 } }],
          ['service message with action {}', { type: 'service', action: {}, actor: {} }],
        ]
      : [
          ['text as a number', { text: 42 }],
          ['text as an object', { text: { a: 1 } }],
          ['posted_at impossible', { posted_at: '2024-13-45T99:99:99' }],
          ['posted_at as an object', { posted_at: { d: 1 } }],
          ['id as an object', { id: { n: 1 } }],
        ];
  for (const [name, fields] of wrong)
    add(
      name,
      withRecord(format, k, (i) => writeRecord(format, i, fields)),
      allBut(k),
    );
  return out;
}

const SEEDS = Array.from({ length: 12 }, (_, i) => 1_000 + i * 7_919);
const CASES: Mutated[] = (['telegram', 'jsonl', 'csv'] as const).flatMap((format) =>
  SEEDS.flatMap((seed) => mutations(format, seed)),
);

describe('ingest fuzz: mutated Telegram, JSONL and CSV files', () => {
  let dir: string;
  let store: OpenedStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-fuzz-'));
    store = await openSqliteStore(':memory:');
  });
  afterAll(() => store.close());

  it(`covers at least 300 mutated files (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
  });

  it('never crashes, stores every intact record, duplicates nothing, and quotes no record in errors', async () => {
    const failures: string[] = [];
    for (const [n, c] of CASES.entries()) {
      const file = join(dir, `case-${n}.${EXT[c.format]}`);
      writeFileSync(file, c.bytes);
      // Each case is its own source, so cases never meet in the store.
      const source = `fuzz case ${n}`;
      const plan = [{ file, adapter: ADAPTER[c.format] }];
      let first: Awaited<ReturnType<typeof runIngest>>;
      let second: Awaited<ReturnType<typeof runIngest>>;
      try {
        first = await runIngest(store.items, plan, { source });
        second = await runIngest(store.items, plan, { source });
      } catch (error) {
        failures.push(`${c.format} ${c.name}: threw ${(error as Error).name}`);
        continue;
      }
      const stored = await store.db
        .selectFrom('items')
        .innerJoin('sources', 'sources.id', 'items.source_id')
        .select(['items.external_id', 'items.text'])
        .where('sources.name', '=', source)
        .execute();
      const storedIds = new Set(stored.map((r) => r.external_id));
      const lost = c.intact.filter((i) => !storedIds.has(String(i)));
      if (lost.length > 0) failures.push(`${c.format} ${c.name}: lost intact records ${lost.join(', ')}`);
      if (second.new !== 0) failures.push(`${c.format} ${c.name}: re-ingest stored ${second.new} again`);
      if (stored.length > RECORDS) failures.push(`${c.format} ${c.name}: ${stored.length} items stored`);
      for (const e of [...first.errors, ...second.errors])
        if (e.message.includes(MARKER) || e.message.includes('synthetic note'))
          failures.push(`${c.format} ${c.name}: an error quotes a record`);
    }
    expect(failures).toEqual([]);
  }, 170_000);

  it('exits 0 or 1 from the CLI, never 2, on a sample of the mutated files', async () => {
    const sample = CASES.filter((_, n) => n % 60 === 7).map((c, n) => {
      const file = join(dir, `cli-${n}.${EXT[c.format]}`);
      writeFileSync(file, c.bytes);
      return file;
    });
    const run = await runCli(['ingest', ...sample, '--json'], { VIGIL_DB: join(dir, 'cli.db') });
    expect([0, 1]).toContain(run.code);
    expect(run.stdout + run.stderr).not.toContain(MARKER);
    expect(JSON.parse(run.stdout).new).toBeGreaterThan(0);
  }, 70_000);
});
