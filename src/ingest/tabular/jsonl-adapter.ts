import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../adapter.js';
import { parseJsonRecord } from '../json-record.js';
import { resolveMapping, rowToItem } from './field-mapping.js';

/** JSON Lines: one object per line, fields chosen by `--map` or common names. */
export const jsonlAdapter: IngestAdapter = {
  format: 'jsonl',
  sniff(file, head) {
    return (
      /\.(jsonl|ndjson)$/i.test(file) || (/\.json$/i.test(file) && /^\s*\{[^\n]*\}\s*\n\s*\{/.test(head))
    );
  },
  async *read(file: string, options: ReadOptions): AsyncIterable<IngestRecord> {
    const totalBytes = statSync(file).size;
    const lines = createInterface({
      input: createReadStream(file, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    const name = basename(file);
    let line = 0;
    let bytesRead = 0;
    let mapping: ReturnType<typeof resolveMapping> | undefined;
    for await (const lineText of lines) {
      options.signal?.throwIfAborted();
      line++;
      bytesRead += Buffer.byteLength(lineText) + 1;
      // A byte-order mark belongs to the file, not to its first record.
      const text = line === 1 && lineText.charCodeAt(0) === 0xfeff ? lineText.slice(1) : lineText;
      if (text.trim() === '') continue;
      const error = (field: string | null, message: string): IngestRecord => ({
        kind: 'error',
        error: { file, line, field, message: `jsonl: line ${line}: ${message}` },
      });
      const parsed = parseJsonRecord(text);
      if (!parsed.ok) {
        yield error(null, parsed.problem === 'depth' ? parsed.reason : `not JSON (${parsed.reason})`);
        continue;
      }
      const record = parsed.value;
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        yield error(null, 'not a JSON object');
        continue;
      }
      const fields = record as Record<string, unknown>;
      const lineMapping = mapping ?? resolveMapping(Object.keys(fields), options.mapping ?? {});
      if (lineMapping.text !== undefined) mapping = lineMapping;
      const result = rowToItem(fields, lineMapping, parsed.raw, {
        platform: 'web',
        source: name,
        sourceOverride: options.source,
      });
      if (result.ok) yield { kind: 'item', item: result.item, line };
      else if (result.skip) yield { kind: 'skipped' };
      else yield error(result.field, result.message);
      if (line % 1000 === 0) options.onProgress?.({ file, bytesRead, totalBytes });
    }
    options.onProgress?.({ file, bytesRead: totalBytes, totalBytes });
    if (line > 0 && mapping === undefined)
      yield {
        kind: 'error',
        error: {
          file,
          line: null,
          field: 'text',
          message: 'jsonl: no field holds the text; pass --map text=FIELD',
        },
      };
  },
};
