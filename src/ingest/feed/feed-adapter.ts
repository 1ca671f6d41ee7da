import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../adapter.js';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
});

const list = (v: unknown): Node[] =>
  Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : [];
const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v === 'object' && '#text' in (v as Node)) return String((v as Node)['#text']);
  return null;
};

/**
 * Markup in feed content is dropped, never interpreted: tags are removed, block ends become line
 * breaks, and the few entities left after XML decoding are resolved.
 */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<\/(p|div|li|h[1-6]|blockquote)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
}

function date(v: string | null): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** RSS 2.0 and Atom feeds saved as files: each entry becomes a news item of the feed's source. */
export const feedAdapter: IngestAdapter = {
  format: 'rss',
  sniff(file, head) {
    return /\.(rss|atom|xml)$/i.test(file) && /<(rss|feed)[\s>]/.test(head);
  },
  async *read(file: string, options: ReadOptions): AsyncIterable<IngestRecord> {
    const size = (await stat(file)).size;
    let doc: Node;
    try {
      doc = parser.parse(await readFile(file, 'utf8')) as Node;
    } catch (error) {
      yield {
        kind: 'error',
        error: {
          file,
          line: null,
          message: `feed: not readable XML (${(error as Error).message.split('\n')[0]})`,
        },
      };
      return;
    }
    const rss = doc.rss as Node | undefined;
    const channel = rss ? (list(rss.channel)[0] ?? {}) : ((doc.feed as Node | undefined) ?? null);
    if (!channel) {
      yield {
        kind: 'error',
        error: { file, line: null, message: 'feed: neither an RSS channel nor an Atom feed' },
      };
      return;
    }
    const feedTitle = text(channel.title) ?? basename(file);
    const entries = rss ? list(channel.item) : list(channel.entry);
    for (const [i, e] of entries.entries()) {
      options.signal?.throwIfAborted();
      const title = text(e.title);
      const link = rss
        ? text(e.link)
        : ((list(e.link).find((l) => !l['@rel'] || l['@rel'] === 'alternate')?.['@href'] as
            | string
            | undefined) ?? null);
      const body = stripHtml(
        text(e['content:encoded']) ?? text(e.content) ?? text(e.description) ?? text(e.summary) ?? '',
      );
      if (!title && !body) {
        yield {
          kind: 'error',
          error: { file, line: null, message: `feed: entry ${i + 1} has neither title nor text` },
        };
        continue;
      }
      const id =
        text(e.guid) ??
        text(e.id) ??
        link ??
        createHash('sha256').update(`${title}\n${body}`).digest('hex').slice(0, 32);
      const sourceName = options.source ?? feedTitle;
      yield {
        kind: 'item',
        item: {
          platform: 'news',
          source: { platform: 'news', name: sourceName, externalId: null, kind: 'feed' },
          externalId: id,
          author: text(e.author) ?? text((e.author as Node | undefined)?.name) ?? text(e['dc:creator']),
          authorId: null,
          postedAt: date(text(e.pubDate) ?? text(e.published) ?? text(e.updated) ?? text(e['dc:date'])),
          editedAt: null,
          text: title ? `${title}\n\n${body}`.trim() : body,
          title,
          entities: [],
          url: link,
          forwardedFrom: null,
          forwardedFromId: null,
          replyTo: null,
          viaBot: null,
          media: [],
          raw: JSON.stringify(e),
        },
      };
    }
    options.onProgress?.({ file, bytesRead: size, totalBytes: size });
  },
};
