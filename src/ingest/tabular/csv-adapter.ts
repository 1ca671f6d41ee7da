import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../adapter.js';
import { CSV_PROFILES, type CsvProfile } from './csv-profiles.js';
import { CsvRecordAssembler, splitRecord } from './csv-records.js';
import { type FieldMapping, resolveMapping, rowToItem } from './field-mapping.js';

/** CSV exports: CrowdTangle-style Facebook, 4CAT, or any CSV with `--map`. */
export const csvAdapter: IngestAdapter = {
  format: 'csv',
  sniff(file) {
    return /\.(csv|tsv)$/i.test(file);
  },
  async *read(file: string, options: ReadOptions): AsyncIterable<IngestRecord> {
    const totalBytes = statSync(file).size;
    const delimiter = /\.tsv$/i.test(file) ? '\t' : ',';
    const name = basename(file);
    const lines = createInterface({
      input: createReadStream(file, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    const assembler = new CsvRecordAssembler();
    let header: string[] | null = null;
    let profile: CsvProfile | undefined;
    let mapping: FieldMapping = {};
    let bytesRead = 0;
    let lineNo = 0;

    const error = (line: number | null, field: string | null, message: string): IngestRecord => ({
      kind: 'error',
      error: { file, line, field, message: `csv: ${line === null ? '' : `line ${line}: `}${message}` },
    });

    function* handle(chunk: ReturnType<CsvRecordAssembler['end']> extends Iterable<infer C> ? C : never) {
      if (chunk.kind === 'damaged') {
        yield error(chunk.line, null, 'a quoted field never closes; reading resumes at the next line');
        return;
      }
      if (chunk.text.trim() === '') return;
      const fields = splitRecord(chunk.text, delimiter);
      if (header === null) {
        header = fields.map((f) => f.trim());
        profile = options.mapping ? undefined : CSV_PROFILES.find((p) => p.detect(header as string[]));
        mapping = resolveMapping(header, { ...(profile?.mapping ?? {}), ...(options.mapping ?? {}) });
        return;
      }
      if (
        fields.length !== header.length &&
        !(fields.length > header.length && fields.slice(header.length).every((f) => f === ''))
      ) {
        yield error(chunk.line, null, `expected ${header.length} columns, found ${fields.length}`);
        return;
      }
      const record: Record<string, string> = {};
      header.forEach((column, i) => {
        record[column] = fields[i] ?? '';
      });
      const row = profile?.prepare ? profile.prepare(record, { timeZone: options.timeZone }) : record;
      const result = rowToItem(row, mapping, JSON.stringify(record), {
        platform: profile?.platform ?? 'web',
        source: name,
        sourceOverride: options.source,
      });
      if (result.ok) {
        yield { kind: 'item' as const, item: result.item, line: chunk.line };
      } else if (result.skip) yield { kind: 'skipped' as const };
      else yield error(chunk.line, result.field, result.message);
    }

    for await (const raw of lines) {
      options.signal?.throwIfAborted();
      lineNo++;
      bytesRead += Buffer.byteLength(raw) + 1;
      const text = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      for (const chunk of assembler.push({ text, line: lineNo })) yield* handle(chunk);
      if (lineNo % 1000 === 0) options.onProgress?.({ file, bytesRead, totalBytes });
    }
    for (const chunk of assembler.end()) yield* handle(chunk);
    options.onProgress?.({ file, bytesRead: totalBytes, totalBytes });
    if (header === null) yield error(null, null, 'the file is empty');
    else if (mapping.text === undefined)
      // Column names are not echoed: a file that is not really CSV would have content there.
      yield error(null, 'text', 'no column holds the text; pass --map text=COLUMN');
  },
};
