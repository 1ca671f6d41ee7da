import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../adapter.js';
import { CSV_PROFILES, type CsvProfile } from './csv-profiles.js';
import { resolveMapping, rowToItem } from './field-mapping.js';

/** CSV exports: CrowdTangle-style Facebook, 4CAT, or any CSV with `--map`. */
export const csvAdapter: IngestAdapter = {
  format: 'csv',
  sniff(file) {
    return /\.(csv|tsv)$/i.test(file);
  },
  async *read(file: string, options: ReadOptions): AsyncIterable<IngestRecord> {
    const totalBytes = statSync(file).size;
    const input = createReadStream(file);
    let bytesRead = 0;
    input.on('data', (chunk) => {
      bytesRead += chunk.length;
    });
    const parser = input.pipe(
      parse({
        columns: true,
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        delimiter: /\.tsv$/i.test(file) ? '\t' : ',',
        info: true,
        raw: true,
      }),
    );
    let profile: CsvProfile | undefined;
    let mapping: ReturnType<typeof resolveMapping> | undefined;
    const name = basename(file);
    try {
      for await (const record of parser as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number };
        raw: string;
      }>) {
        options.signal?.throwIfAborted();
        if (!mapping) {
          const columns = Object.keys(record.record);
          profile = options.mapping ? undefined : CSV_PROFILES.find((p) => p.detect(columns));
          mapping = resolveMapping(columns, { ...(profile?.mapping ?? {}), ...(options.mapping ?? {}) });
        }
        const row = profile?.prepare ? profile.prepare(record.record) : record.record;
        const result = rowToItem(row, mapping, JSON.stringify(record.record), {
          platform: profile?.platform ?? 'web',
          source: name,
          sourceOverride: options.source,
        });
        const line = record.info.lines;
        if (result.ok) yield { kind: 'item', item: result.item };
        else yield { kind: 'error', error: { file, line, message: `csv: row ${line}: ${result.message}` } };
        options.onProgress?.({ file, bytesRead, totalBytes });
      }
    } catch (error) {
      const e = error as { lines?: number; message: string };
      if ((error as Error).name === 'AbortError') throw error;
      yield { kind: 'error', error: { file, line: e.lines ?? null, message: `csv: ${e.message}` } };
    }
  },
};
