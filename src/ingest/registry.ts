import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type RecordError, VigilError } from '../domain/index.js';
import type { IngestAdapter } from './adapter.js';
import { articleAdapter } from './article/article-adapter.js';
import { feedAdapter } from './feed/feed-adapter.js';
import { csvAdapter } from './tabular/csv-adapter.js';
import { jsonlAdapter } from './tabular/jsonl-adapter.js';
import { telegramExportAdapter } from './telegram-export/telegram-export-adapter.js';

/** Every ingest adapter, in sniffing order (most specific first). */
export const ADAPTERS = [
  telegramExportAdapter,
  jsonlAdapter,
  csvAdapter,
  feedAdapter,
  articleAdapter,
] as const satisfies readonly IngestAdapter[];

export const FORMATS = ['auto', ...ADAPTERS.map((a) => a.format)] as const;

const names = new Set(ADAPTERS.map((a) => a.format));
if (names.size !== ADAPTERS.length) throw new Error('ingest registry: duplicate adapter format');

export function adapterFor(format: string): IngestAdapter {
  const adapter = ADAPTERS.find((a) => a.format === format);
  if (!adapter)
    throw new VigilError('USAGE', `ingest: unknown format "${format}" (known: ${FORMATS.join(', ')})`);
  return adapter;
}

/** The first 64 KiB of a file: enough to sniff its format and tell text from binary. */
async function head(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The adapter for a file by its name and first bytes, or null when none recognises it. */
export async function sniffAdapter(file: string, start?: Buffer): Promise<IngestAdapter | null> {
  const text = (start ?? (await head(file))).toString('utf8');
  return ADAPTERS.find((a) => a.sniff(file, text)) ?? null;
}

export interface PlannedFile {
  file: string;
  adapter: IngestAdapter;
}

/** Files whose name says they hold records; in a folder, anything else (photos, HTML) is ignored. */
const DATA_FILE = /\.(json|jsonl|ndjson|csv|tsv|xml|rss|atom|rdf|txt|md)$/i;

/** Whether the first bytes look like binary data rather than text. */
function looksBinary(head: Buffer): boolean {
  return head.subarray(0, 8192).includes(0);
}

/**
 * Expands paths into files with their adapters. Files that cannot be read as records (empty,
 * binary, or of no recognised layout) become one problem each, whether named or found in a
 * folder; a folder's other files (media, HTML) are listed as skipped.
 */
export async function planInputs(
  paths: readonly string[],
  format: string,
): Promise<{ files: PlannedFile[]; skipped: string[]; problems: RecordError[] }> {
  const files: PlannedFile[] = [];
  const skipped: string[] = [];
  const problems: RecordError[] = [];
  const problem = (file: string, message: string) =>
    problems.push({ file, line: null, field: null, message: `ingest: ${message}` });

  const consider = async (file: string, named: boolean) => {
    if (!named && !DATA_FILE.test(file)) {
      skipped.push(file);
      return;
    }
    const size = (await stat(file)).size;
    if (size === 0) return problem(file, 'the file is empty');
    const start = await head(file);
    if (looksBinary(start)) return problem(file, 'the file holds binary data, not text records');
    const adapter = format === 'auto' ? await sniffAdapter(file, start) : adapterFor(format);
    if (adapter) files.push({ file, adapter });
    else problem(file, `cannot tell the format of this file; pass --format (${FORMATS.join(', ')})`);
  };

  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new VigilError('FILE_NOT_FOUND', `ingest: no such file or folder: ${path}`);
    if (info.isDirectory()) {
      const entries = (await readdir(path, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
        .sort();
      for (const file of entries) await consider(file, false);
      continue;
    }
    await consider(path, true);
  }
  return { files, skipped, problems };
}
