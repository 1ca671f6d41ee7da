import { createHash } from 'node:crypto';
import type { NormalizedItem } from '../../../domain/index.js';
import type { IngestRecord } from '../../adapter.js';
import { newsItem } from '../../article/news-item.js';
import { decodeFeed } from '../../feed/decode.js';
import { type FeedEntry, parseFeedDocument } from '../../feed/feed-document.js';
import type {
  CollectBatch,
  CollectContext,
  Collector,
  CollectorFactory,
  CollectorOptions,
  CollectProblem,
  LiveSource,
} from '../collector.js';
import { SourceBackoff } from '../collector.js';
import { AddressPolicy } from './address-policy.js';
import { type ExtractedArticle, extractArticle } from './article-extract.js';
import { RecentSet, readFeedCursor } from './feed-cursor.js';
import { HostPacer } from './host-pacer.js';
import { PoliteClient, type PoliteResult } from './polite-client.js';
import {
  DEFAULT_FETCH_LIMITS,
  type FetchLimits,
  type Resolver,
  SafeFetcher,
  systemResolver,
} from './safe-fetch.js';

/** What a feed collector can be tuned with beyond the options every collector gets. */
export interface FeedCollectorSettings {
  resolver: Resolver;
  /** Pause between two requests to one host. */
  minDelayMs: number;
  limits: FetchLimits;
  /** Largest feed document, counted after decompression. */
  maxFeedBytes: number;
  /** Largest article page, counted after decompression. */
  maxPageBytes: number;
  /** Entries followed per run; the rest wait for the next run (the feed is then read again in full). */
  maxEntriesPerRun: number;
  /** Entries stored per batch: the cursor is saved after each. */
  batchSize: number;
}

export const DEFAULT_FEED_SETTINGS: FeedCollectorSettings = {
  resolver: systemResolver,
  minDelayMs: 1000,
  limits: DEFAULT_FETCH_LIMITS,
  maxFeedBytes: 10 * 1024 * 1024,
  maxPageBytes: 5 * 1024 * 1024,
  maxEntriesPerRun: 200,
  batchSize: 20,
};

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** Builds the collector for `rss` sources (RSS, Atom and JSON Feed, and the articles they link to). */
export const createFeedCollector: CollectorFactory = (options) =>
  new FeedCollector(options, DEFAULT_FEED_SETTINGS);

/**
 * Reads a feed with a conditional request, follows each new entry's link to its article page and
 * extracts the article, and yields news items shaped as article files are. One collector serves
 * every feed source of a run, so robots.txt and the per-host pause are shared between them.
 */
export class FeedCollector implements Collector {
  readonly kind = 'rss' as const;
  private readonly client: PoliteClient;
  private readonly settings: FeedCollectorSettings;

  constructor(options: CollectorOptions, settings: Partial<FeedCollectorSettings> = {}) {
    this.settings = { ...DEFAULT_FEED_SETTINGS, ...settings };
    const fetcher = new SafeFetcher(
      new AddressPolicy(options.allowHosts),
      this.settings.resolver,
      this.settings.limits,
    );
    this.client = new PoliteClient(fetcher, new HostPacer(this.settings.minDelayMs));
  }

  async *collect(source: LiveSource, context: CollectContext): AsyncIterable<CollectBatch> {
    const cursor = readFeedCursor(source.cursor);
    const feed = await this.client.get({
      url: source.target,
      accept: FEED_ACCEPT,
      maxBytes: this.settings.maxFeedBytes,
      etag: cursor.etag,
      lastModified: cursor.lastModified,
      signal: context.signal,
    });
    // Nothing new is the usual answer to a conditional request, not a problem: the run is a success
    // that stored nothing, and the cursor stays as it is.
    if (feed.status === 'not-modified') return;
    // The feed itself cannot be read (refused, disallowed, robots.txt unreachable): the source
    // failed, and shows it as its last error with backoff, rather than as a successful empty run.
    if (feed.status === 'refused' || feed.status === 'disallowed') {
      const refusal = refusalProblem(feed);
      throw new Error(`feed: ${refusal.where}: ${refusal.message}`);
    }
    if (feed.status === 'failed') {
      if (feed.retryAfter && (feed.code === 429 || feed.code === 503))
        throw new SourceBackoff(feed.retryAfter, `feed: ${feed.host}: ${feed.reason}`);
      throw new Error(`feed: ${feed.host}: ${feed.reason}`);
    }
    const document = parseFeedDocument(decodeFeed(feed.body, charsetOf(feed.contentType)).text);
    // Not a feed at all (a moved feed now answering with a web page): the source is broken.
    const unreadable = document.problems.find((p) => p.entry === null);
    if (unreadable) throw new Error(`feed: ${hostOf(feed.url)}: ${unreadable.message}`);
    const problems: CollectProblem[] = document.problems.map((p) => ({
      where: `entry ${p.entry}${p.field ? ` (${p.field})` : ''}`,
      message: p.message,
    }));
    const seen = new RecentSet(cursor.seen);
    const hashes = new RecentSet(cursor.hashes);
    const fresh = document.entries.filter((e) => !seen.has(e.id));
    const now = fresh.slice(0, this.settings.maxEntriesPerRun);
    let complete = now.length === fresh.length;
    // The new validators are kept only once every new entry is collected: a feed read in part is
    // read again in full next time, rather than answered "not modified" with entries left behind.
    const cursorWith = (final: boolean) => ({
      etag: final && complete ? feed.etag : cursor.etag,
      lastModified: final && complete ? feed.lastModified : cursor.lastModified,
      seen: seen.toArray(),
      hashes: hashes.toArray(),
    });
    let records: IngestRecord[] = [];
    for (let i = 0; i < document.skipped; i++) records.push({ kind: 'skipped' });
    for (const [n, entry] of now.entries()) {
      // Asked to stop: what was collected is handed over with its cursor, the rest waits.
      if (context.signal.aborted) {
        complete = false;
        break;
      }
      let item: Awaited<ReturnType<FeedCollector['article']>>;
      try {
        item = await this.article(source, feed.url, entry, problems, context.signal);
      } catch (error) {
        // Stopped while a page was being fetched: that entry waits for the next run.
        if (!context.signal.aborted) throw error;
        complete = false;
        break;
      }
      // Within a source an article is one item, whether it comes back under another entry, its
      // canonical URL, or with the same text under a new URL.
      if (item && !seen.has(item.key) && !hashes.has(item.hash)) {
        records.push({ kind: 'item', item: item.record });
        hashes.add(item.hash);
      }
      seen.add(entry.id);
      if (item) seen.add(item.key);
      if (records.length >= this.settings.batchSize && n < now.length - 1) {
        yield { records, cursor: cursorWith(false), problems: problems.splice(0) };
        records = [];
      }
    }
    yield { records, cursor: cursorWith(true), problems: problems.splice(0) };
  }

  /** The entry as a news item: its article page's text when it can be read, else the entry's own. */
  private async article(
    source: LiveSource,
    feedUrl: string,
    entry: FeedEntry,
    problems: CollectProblem[],
    signal: AbortSignal,
  ): Promise<{ record: NormalizedItem; key: string; hash: string } | null> {
    const link = absoluteLink(entry.link, feedUrl);
    if (entry.link && !link)
      problems.push({ where: `entry ${entry.index} (link)`, message: 'expected an http or https URL' });
    let page: { article: ExtractedArticle; url: string; sha256: string } | null = null;
    if (link) {
      const result = await this.client.get({
        url: link,
        accept: PAGE_ACCEPT,
        maxBytes: this.settings.maxPageBytes,
        signal,
      });
      page = this.readPage(result, entry.index, problems);
    }
    const body = page?.article.text ?? entry.body;
    const title = entry.title ?? page?.article.title ?? null;
    if (!title && !body) return null;
    const externalId = page?.article.canonicalUrl ?? link ?? entry.id;
    const record = newsItem({
      sourceName: source.name,
      sourceKind: 'feed',
      externalId,
      title,
      body,
      url: page?.article.canonicalUrl ?? link,
      author: page?.article.byline ?? entry.author,
      postedAt: page?.article.publishedAt ?? entry.postedAt,
      raw: JSON.stringify({
        feed: feedUrl,
        entry: JSON.parse(entry.raw) as unknown,
        page: page
          ? {
              url: page.url,
              canonical: page.article.canonicalUrl,
              title: page.article.title,
              byline: page.article.byline,
              published: page.article.publishedAt,
              sha256: page.sha256,
            }
          : null,
      }),
    });
    const hash = createHash('sha256').update(record.text.replace(/\s+/g, ' ').trim()).digest('hex');
    return { record, key: externalId, hash };
  }

  /** The article in a fetched page, or null with the reason reported. */
  private readPage(
    result: PoliteResult,
    index: number,
    problems: CollectProblem[],
  ): { article: ExtractedArticle; url: string; sha256: string } | null {
    if (result.status === 'refused' || result.status === 'disallowed') {
      problems.push({ ...refusalProblem(result), where: `entry ${index}: ${result.host || 'link'}` });
      return null;
    }
    if (result.status === 'failed') {
      problems.push({
        where: `entry ${index}: ${result.host}`,
        message: `article page not fetched: ${result.reason}`,
      });
      return null;
    }
    if (result.status === 'not-modified') return null;
    const type = (result.contentType ?? '').toLowerCase();
    if (type !== '' && !/html/.test(type)) {
      problems.push({
        where: `entry ${index}: ${hostOf(result.url)}`,
        message: 'the link is not an HTML page',
      });
      return null;
    }
    const html = decodeFeed(result.body, charsetOf(result.contentType) ?? metaCharset(result.body)).text;
    const article = extractArticle(html, result.url);
    if (!article) {
      problems.push({
        where: `entry ${index}: ${hostOf(result.url)}`,
        message: 'no readable article on the page',
      });
      return null;
    }
    return { article, url: result.url, sha256: createHash('sha256').update(result.body).digest('hex') };
  }
}

function refusalProblem(result: {
  status: 'refused' | 'disallowed';
  host: string;
  reason: string;
}): CollectProblem {
  return {
    where: result.host || 'link',
    message: result.status === 'refused' ? `refused: ${result.reason}` : result.reason,
  };
}

function absoluteLink(link: string | null, base: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return 'the source';
  }
}

function charsetOf(contentType: string | null): string | null {
  return /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? null;
}

/** A page's `<meta charset>`, which the HTML rules look for in the first 1024 bytes. */
function metaCharset(body: Buffer): string | null {
  return (
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(body.subarray(0, 1024).toString('latin1'))?.[1] ?? null
  );
}
