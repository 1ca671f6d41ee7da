import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../adapter.js';
import { newsItem } from './news-item.js';

const HEADER = /^(date|url|title|source|author)\s*:?\s+(.+)$/i;

/** A parsed article file: header fields and the body with its offset in the file. */
export interface ParsedArticle {
  date: string | null;
  url: string | null;
  title: string | null;
  source: string | null;
  author: string | null;
  body: string;
}

/**
 * Reads optional header lines (`date 2024-05-01`, `url …`, `title …`, `source …`, with or without a
 * colon) from the top of an article; the body is everything after them.
 */
export function parseArticle(content: string): ParsedArticle {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header: Record<string, string> = {};
  let at = 0;
  for (; at < lines.length; at++) {
    const line = (lines[at] as string).trim();
    if (line === '') {
      if (Object.keys(header).length > 0) at++;
      break;
    }
    const m = HEADER.exec(line);
    if (!m) break;
    const key = (m[1] as string).toLowerCase();
    if (key === 'date' && Number.isNaN(Date.parse(m[2] as string))) break;
    header[key] = (m[2] as string).trim();
  }
  let title = header.title ?? null;
  let body = lines.slice(at).join('\n').trim();
  // A Markdown article's first heading is its title.
  const heading = /^#\s+(.+)\n+/.exec(body);
  if (heading && !title) {
    title = (heading[1] as string).trim();
    body = body.slice(heading[0].length);
  }
  return {
    date: header.date ? new Date(header.date).toISOString() : null,
    url: header.url ?? null,
    title,
    source: header.source ?? null,
    author: header.author ?? null,
    body,
  };
}

/** Article text files (`.txt`, `.md`), as saved from news sites or written by analysts. */
export const articleAdapter: IngestAdapter = {
  format: 'article',
  sniff(file) {
    return /\.(txt|md|markdown)$/i.test(file);
  },
  async *read(file: string, options: ReadOptions): AsyncIterable<IngestRecord> {
    const size = (await stat(file)).size;
    const content = await readFile(file, 'utf8');
    const article = parseArticle(content);
    options.onProgress?.({ file, bytesRead: size, totalBytes: size });
    if (article.body === '' && article.title === null) {
      yield { kind: 'error', error: { file, line: 1, message: 'article: the file has no text' } };
      return;
    }
    const sourceName = options.source ?? article.source ?? 'articles';
    yield {
      kind: 'item',
      item: newsItem({
        sourceName,
        sourceKind: 'outlet',
        // The URL identifies an article wherever it is saved; without one, its file name does.
        externalId: article.url ?? basename(file),
        title: article.title,
        body: article.body,
        url: article.url,
        author: article.author,
        postedAt: article.date,
        raw: JSON.stringify({
          file: basename(file),
          sha256: createHash('sha256').update(content).digest('hex'),
          content,
        }),
      }),
    };
  },
};
