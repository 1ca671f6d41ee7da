import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** What Vigil keeps of an article page. */
export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  /** ISO-8601 in UTC, from Readability or the page's meta tags. */
  publishedAt: string | null;
  /** `<link rel=canonical>` when it is an http(s) URL, else the URL the page was fetched from. */
  canonicalUrl: string;
  text: string;
}

/** Shorter extracted text is not an article; the feed entry's own text is kept instead. */
export const MIN_ARTICLE_CHARS = 140;

/** Elements whose content is never text a reader sees; removed before anything reads the page. */
const INERT = 'script, style, noscript, template, iframe, object, embed, svg, math';
const BLOCKS = new Set([
  'P',
  'DIV',
  'LI',
  'UL',
  'OL',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'PRE',
  'TR',
  'TABLE',
  'SECTION',
  'ARTICLE',
  'FIGURE',
  'FIGCAPTION',
  'HEADER',
  'FOOTER',
  'DL',
  'DT',
  'DD',
  'HR',
]);
const DATE_META = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
  'meta[property="og:published_time"]',
];

/**
 * The article in an HTML page, by Readability over a linkedom DOM. linkedom builds a DOM and runs
 * nothing: no script executes, no resource loads, event-handler attributes are inert text. Scripts
 * and other inert elements are removed first all the same, so none of their text can reach the
 * stored article. Null when the page holds no readable article.
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle | null {
  const { document } = parseHTML(html);
  for (const node of [...document.querySelectorAll(INERT)]) node.remove();
  const meta = (selector: string) =>
    document.querySelector(selector)?.getAttribute('content')?.trim() || null;
  const canonicalUrl = canonical(
    document.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
    pageUrl,
  );
  const metaDate = DATE_META.map(meta).find((v) => v !== null) ?? null;
  const metaAuthor = meta('meta[name="author"]') ?? meta('meta[property="article:author"]');
  const parsed = new Readability<Element>(document as unknown as Document, {
    charThreshold: 100,
    // The DOM itself, to be read as text with its paragraph breaks (textContent runs them together).
    serializer: (node) => node as Element,
  }).parse();
  if (!parsed?.content) return null;
  const title = parsed.title?.trim() || null;
  let text = blockText(parsed.content);
  // Readability keeps the headline in the body; the item's text puts the title first already.
  if (title && text.startsWith(`${title}\n`)) text = text.slice(title.length).trimStart();
  // Readability returns its best attempt even on a page with no article (a menu, a consent wall).
  if (text.length < MIN_ARTICLE_CHARS) return null;
  return {
    title,
    byline: parsed.byline?.trim() || metaAuthor,
    publishedAt: isoDate(parsed.publishedTime ?? null) ?? isoDate(metaDate),
    canonicalUrl,
    text,
  };
}

function canonical(href: string | null | undefined, pageUrl: string): string {
  if (!href) return pageUrl;
  try {
    const url = new URL(href, pageUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return pageUrl;
    url.hash = '';
    return url.href;
  } catch {
    return pageUrl;
  }
}

/** Text with a line break after each block element, walked with a stack since pages are hostile. */
function blockText(root: Element): string {
  const parts: string[] = [];
  const stack: (Node | '\n')[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node | '\n';
    if (node === '\n') {
      parts.push('\n\n');
      continue;
    }
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    else if (node.nodeType === 1) {
      const element = node as Element;
      if (element.tagName === 'BR') parts.push('\n');
      if (BLOCKS.has(element.tagName)) stack.push('\n');
      const children = element.childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
    }
  }
  return parts
    .join('')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}
