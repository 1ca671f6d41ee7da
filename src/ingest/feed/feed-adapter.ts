import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../adapter.js';
import { newsItem } from '../article/news-item.js';

/** RSS, RDF and Atom feeds and JSON Feed saved as files: each entry a news item of the feed's source. */
export const feedAdapter: IngestAdapter = {
  format: 'rss',
  sniff(file, head) {
    if (/\.json$/i.test(file)) return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(head);
    return /\.(rss|atom|xml|rdf)$/i.test(file) && /<(rss|feed|rdf:RDF|RDF)[\s>]/.test(head);
  },
  async *read(file: string, options: ReadOptions): AsyncIterable<IngestRecord> {
    // Loaded on first use: the XML parser and the charset detector took about 40 ms of every
    // `vigil ingest`'s start-up (most of it a Telegram export's, which needs neither).
    const [{ decodeFeed }, { parseFeedDocument }] = await Promise.all([
      import('./decode.js'),
      import('./feed-document.js'),
    ]);
    const bytes = await readFile(file);
    const size = bytes.length;
    const { text: decoded } = decodeFeed(bytes);
    const feed = parseFeedDocument(decoded, /\.json$/i.test(file) ? 'json' : 'xml');
    for (const problem of feed.problems)
      yield {
        kind: 'error',
        error: { file, line: null, field: problem.field, message: `feed: ${problem.message}` },
      };
    const sourceName = options.source ?? feed.title ?? basename(file);
    for (const e of feed.entries) {
      options.signal?.throwIfAborted();
      yield {
        kind: 'item',
        item: newsItem({
          sourceName,
          sourceKind: 'feed',
          externalId: e.id,
          title: e.title,
          body: e.body,
          url: e.link,
          author: e.author,
          postedAt: e.postedAt,
          raw: e.raw,
        }),
      };
    }
    for (let i = 0; i < feed.skipped; i++) yield { kind: 'skipped' };
    options.onProgress?.({ file, bytesRead: size, totalBytes: size });
  },
};
