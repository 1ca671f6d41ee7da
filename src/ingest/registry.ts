import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VigilError } from '../domain/index.js';
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

async function head(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The adapter for a file by its name and first bytes, or null when none recognises it. */
export async function sniffAdapter(file: string): Promise<IngestAdapter | null> {
  const start = await head(file);
  return ADAPTERS.find((a) => a.sniff(file, start)) ?? null;
}

export interface PlannedFile {
  file: string;
  adapter: IngestAdapter;
}

/**
 * Expands paths into files with their adapters. A folder contributes every file an adapter
 * recognises (recursively); a file named directly must be recognised or be forced by `format`.
 */
export async function planInputs(
  paths: readonly string[],
  format: string,
): Promise<{ files: PlannedFile[]; skipped: string[] }> {
  const files: PlannedFile[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new VigilError('FILE_NOT_FOUND', `ingest: no such file or folder: ${path}`);
    if (info.isDirectory()) {
      const entries = (await readdir(path, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name))
        .sort();
      for (const file of entries) {
        const adapter = format === 'auto' ? await sniffAdapter(file) : adapterFor(format);
        if (adapter) files.push({ file, adapter });
        else skipped.push(file);
      }
      continue;
    }
    const adapter = format === 'auto' ? await sniffAdapter(path) : adapterFor(format);
    if (!adapter) {
      throw new VigilError(
        'UNKNOWN_FORMAT',
        `ingest: cannot tell the format of ${path}; pass --format (${FORMATS.join(', ')})`,
      );
    }
    files.push({ file: path, adapter });
  }
  return { files, skipped };
}
