import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../adapter.js';
import { jsonErrorWhere } from '../json-error.js';
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
    for await (const text of lines) {
      options.signal?.throwIfAborted();
      line++;
      bytesRead += Buffer.byteLength(text) + 1;
      if (text.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (error) {
        yield {
          kind: 'error',
          error: { file, line, message: `jsonl: line ${line} is not JSON (${jsonErrorWhere(error)})` },
        };
        continue;
      }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        yield { kind: 'error', error: { file, line, message: `jsonl: line ${line} is not a JSON object` } };
        continue;
      }
      const fields = record as Record<string, unknown>;
      const mapping = resolveMapping(Object.keys(fields), options.mapping ?? {});
      const result = rowToItem(fields, mapping, text, {
        platform: 'web',
        source: name,
        sourceOverride: options.source,
      });
      if (result.ok) yield { kind: 'item', item: result.item };
      else yield { kind: 'error', error: { file, line, message: `jsonl: line ${line}: ${result.message}` } };
      if (line % 1000 === 0) options.onProgress?.({ file, bytesRead, totalBytes });
    }
    options.onProgress?.({ file, bytesRead: totalBytes, totalBytes });
  },
};
