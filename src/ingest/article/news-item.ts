import type { NormalizedItem } from '../../domain/index.js';

/** What every news article is made of, however it reached Vigil (a saved file, a feed, a fetched page). */
export interface NewsArticle {
  sourceName: string;
  /** `outlet` for an article saved as a file, `feed` for one read from a feed. */
  sourceKind: 'outlet' | 'feed';
  externalId: string;
  title: string | null;
  body: string;
  url: string | null;
  author: string | null;
  postedAt: string | null;
  raw: string;
}

/**
 * The one shape of a news item: files, saved feeds and live feeds all go through here, so an
 * article reads the same to analysis and matching whichever way it was collected.
 */
export function newsItem(a: NewsArticle): NormalizedItem {
  return {
    platform: 'news',
    source: { platform: 'news', name: a.sourceName, externalId: null, kind: a.sourceKind },
    externalId: a.externalId,
    author: a.author,
    authorId: null,
    postedAt: a.postedAt,
    editedAt: null,
    // The headline is part of what the article says.
    text: a.title ? `${a.title}\n\n${a.body}`.trim() : a.body,
    title: a.title,
    entities: [],
    url: a.url,
    forwardedFrom: null,
    forwardedFromId: null,
    replyTo: null,
    viaBot: null,
    media: [],
    raw: a.raw,
  };
}
