import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { NormalizedItem } from '../../domain/index.js';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../adapter.js';
import { parseJsonRecord } from '../json-record.js';
import { decodeFeed } from './decode.js';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  // Content is kept as written (markup, escaped HTML or CDATA) and reduced to text by
  // contentText: parsed as elements, mixed text and tags would lose their order.
  stopNodes: ['*.content', '*.content:encoded', '*.description', '*.summary'],
});

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of a content element as written: CDATA unwrapped, entities decoded, tags dropped. */
function contentText(raw: string | null): string {
  if (raw === null) return '';
  const unwrapped = raw.replace(/<!\[CDATA\[([\s\S]*?)(\]\]>|$)/g, '$1');
  const decoded = unwrapped.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[e.toLowerCase()] ?? whole;
  });
  return stripHtml(decoded);
}

const list = (v: unknown): Node[] =>
  Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : [];
const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object' && '#text' in (v as Node)) return String((v as Node)['#text']);
  if (typeof v === 'object') return allText(v as Node);
  return null;
};

/**
 * Every text node under a parsed element, in order: Atom `type="xhtml"` content arrives as
 * elements. Walked with a stack (never recursion) and bounded, since the input is hostile.
 */
function allText(root: Node): string | null {
  const parts: string[] = [];
  const stack: unknown[] = [root];
  let visited = 0;
  while (stack.length > 0 && visited++ < 100_000) {
    const v = stack.pop();
    if (typeof v === 'string' || typeof v === 'number') parts.push(String(v));
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (v && typeof v === 'object')
      for (const [k, child] of Object.entries(v as Node).reverse()) if (!k.startsWith('@')) stack.push(child);
  }
  const joined = parts.join(' ').trim();
  return joined === '' ? null : joined;
}

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

/** A bare `&` (not starting an entity) is escaped, as browsers and feed readers tolerate it. */
const escapeBareAmpersands = (xml: string) =>
  xml.replace(/&(?!(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)/g, '&amp;');

type Flavour = 'rss' | 'rdf' | 'atom';
const ENTRY = /<(item|entry)(?=[\s>])[\s\S]*?<\/\1\s*>/g;

interface Feed {
  flavour: Flavour;
  title: string | null;
  entries: Node[];
  /** Entries that could not be read on their own (1-based), when the document was damaged. */
  damaged: number[];
}

/**
 * Parses RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0. A document that does not parse whole
 * (an unclosed CDATA section, a stray tag) is read entry by entry, so every readable entry
 * is kept and each unreadable one is reported.
 */
function parseFeed(xml: string): Feed | null {
  const flavourOf = (doc: Node): Flavour | null =>
    doc.rss ? 'rss' : doc['rdf:RDF'] || doc.RDF ? 'rdf' : doc.feed ? 'atom' : null;
  try {
    const doc = parser.parse(xml, true) as Node;
    const flavour = flavourOf(doc);
    if (flavour) return { flavour, ...contents(doc, flavour), damaged: [] };
  } catch {
    // Damaged somewhere: recovered entry by entry below.
  }
  const flavour: Flavour | null = /<rss[\s>]/.test(xml)
    ? 'rss'
    : /<(rdf:)?RDF[\s>]/.test(xml)
      ? 'rdf'
      : /<feed[\s>]/.test(xml)
        ? 'atom'
        : null;
  if (!flavour) return null;
  const entries: Node[] = [];
  const damaged: number[] = [];
  let n = 0;
  for (const m of xml.matchAll(ENTRY)) {
    n++;
    try {
      const node = parser.parse(m[0], true) as Node;
      const entry = list(node[m[1] as string])[0];
      if (entry) entries.push(entry);
      else damaged.push(n);
    } catch {
      damaged.push(n);
    }
  }
  const title = /<title[^>]*>([^<]{1,300})<\/title>/.exec(xml)?.[1] ?? null;
  return { flavour, title, entries, damaged };
}

function contents(doc: Node, flavour: Flavour): { title: string | null; entries: Node[] } {
  if (flavour === 'rss') {
    const channel = list((doc.rss as Node).channel)[0] ?? {};
    return { title: text(channel.title), entries: list(channel.item) };
  }
  if (flavour === 'rdf') {
    const rdf = (doc['rdf:RDF'] ?? doc.RDF) as Node;
    const channel = list(rdf.channel)[0] ?? {};
    return { title: text(channel.title), entries: list(rdf.item) };
  }
  const feed = doc.feed as Node;
  return { title: text(feed.title), entries: list(feed.entry) };
}

/** RSS, RDF and Atom feeds and JSON Feed saved as files: each entry a news item of the feed's source. */
export const feedAdapter: IngestAdapter = {
  format: 'rss',
  sniff(file, head) {
    if (/\.json$/i.test(file)) return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(head);
    return /\.(rss|atom|xml|rdf)$/i.test(file) && /<(rss|feed|rdf:RDF|RDF)[\s>]/.test(head);
  },
  async *read(file: string, options: ReadOptions): AsyncIterable<IngestRecord> {
    const bytes = await readFile(file);
    const size = bytes.length;
    const error = (message: string): IngestRecord => ({
      kind: 'error',
      error: { file, line: null, field: null, message: `feed: ${message}` },
    });
    const { text: decoded } = decodeFeed(bytes);
    const sourceFrom = (title: string | null) => options.source ?? title ?? basename(file);
    if (/\.json$/i.test(file)) {
      yield* readJsonFeed(decoded, file, sourceFrom, error);
      options.onProgress?.({ file, bytesRead: size, totalBytes: size });
      return;
    }
    const feed = parseFeed(escapeBareAmpersands(decoded));
    if (!feed) {
      yield error('neither an RSS channel, an RSS 1.0 (RDF) document nor an Atom feed');
      return;
    }
    for (const n of feed.damaged) yield error(`entry ${n} is not readable XML`);
    const sourceName = sourceFrom(feed.title);
    for (const e of feed.entries) {
      options.signal?.throwIfAborted();
      const title = text(e.title);
      const link =
        feed.flavour === 'atom'
          ? ((list(e.link).find((l) => !l['@rel'] || l['@rel'] === 'alternate')?.['@href'] as
              | string
              | undefined) ?? null)
          : (text(e.link) ?? (e['@rdf:about'] as string | undefined) ?? null);
      const body = contentText(
        text(e['content:encoded']) ?? text(e.content) ?? text(e.description) ?? text(e.summary),
      );
      // An entry with neither title nor text is not content.
      if (!title && !body) {
        yield { kind: 'skipped' };
        continue;
      }
      const id =
        text(e.guid) ??
        text(e.id) ??
        link ??
        createHash('sha256').update(`${title}\n${body}`).digest('hex').slice(0, 32);
      yield {
        kind: 'item',
        item: newsItem({
          sourceName,
          id,
          title,
          body,
          link,
          author: text(e.author) ?? text((e.author as Node | undefined)?.name) ?? text(e['dc:creator']),
          postedAt: date(
            text(e.pubDate) ??
              text(e.published) ??
              text(e.issued) ??
              text(e.updated) ??
              text(e.modified) ??
              text(e['dc:date']),
          ),
          raw: JSON.stringify(e),
        }),
      };
    }
    options.onProgress?.({ file, bytesRead: size, totalBytes: size });
  },
};

function newsItem(e: {
  sourceName: string;
  id: string;
  title: string | null;
  body: string;
  link: string | null;
  author: string | null;
  postedAt: string | null;
  raw: string;
}): NormalizedItem {
  return {
    platform: 'news',
    source: { platform: 'news', name: e.sourceName, externalId: null, kind: 'feed' },
    externalId: e.id,
    author: e.author,
    authorId: null,
    postedAt: e.postedAt,
    editedAt: null,
    text: e.title ? `${e.title}\n\n${e.body}`.trim() : e.body,
    title: e.title,
    entities: [],
    url: e.link,
    forwardedFrom: null,
    forwardedFromId: null,
    replyTo: null,
    viaBot: null,
    media: [],
    raw: e.raw,
  };
}

/** JSON Feed 1.x: `items` with `content_html` or `content_text`. */
function* readJsonFeed(
  json: string,
  file: string,
  sourceFrom: (title: string | null) => string,
  error: (message: string) => IngestRecord,
): Iterable<IngestRecord> {
  // Nested deeper than a feed ever is, or not JSON: one error for the file.
  const parsed = parseJsonRecord(json);
  if (!parsed.ok) {
    yield error(parsed.problem === 'depth' ? parsed.reason : `not JSON (${parsed.reason})`);
    return;
  }
  const doc = parsed.value as Node;
  if (!Array.isArray(doc.items)) {
    yield {
      kind: 'error',
      error: { file, line: null, field: 'items', message: 'feed: items: expected a list' },
    };
    return;
  }
  const sourceName = sourceFrom(typeof doc.title === 'string' ? doc.title : null);
  for (const e of doc.items as Node[]) {
    if (!e || typeof e !== 'object') continue;
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    const title = str(e.title);
    const body = str(e.content_text) ?? stripHtml(str(e.content_html) ?? str(e.summary) ?? '');
    if (!title && !body) {
      yield { kind: 'skipped' };
      continue;
    }
    const authors = Array.isArray(e.authors) ? (e.authors as Node[]) : e.author ? [e.author as Node] : [];
    yield {
      kind: 'item',
      item: newsItem({
        sourceName,
        id:
          str(e.id) ??
          (typeof e.id === 'number' ? String(e.id) : null) ??
          str(e.url) ??
          createHash('sha256').update(`${title}\n${body}`).digest('hex').slice(0, 32),
        title,
        body,
        link: str(e.url),
        author: str(authors[0]?.name),
        postedAt: date(str(e.date_published) ?? str(e.date_modified)),
        raw: JSON.stringify(e),
      }),
    };
  }
}
