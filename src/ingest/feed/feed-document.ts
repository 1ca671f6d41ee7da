import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { parseJsonRecord } from '../json-record.js';

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
  entries: { index: number; node: Node }[];
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
    if (flavour) {
      const { title, entries } = contents(doc, flavour);
      return { flavour, title, entries: entries.map((node, i) => ({ index: i + 1, node })), damaged: [] };
    }
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
  const entries: { index: number; node: Node }[] = [];
  const damaged: number[] = [];
  let n = 0;
  for (const m of xml.matchAll(ENTRY)) {
    n++;
    try {
      const node = parser.parse(m[0], true) as Node;
      const entry = list(node[m[1] as string])[0];
      if (entry) entries.push({ index: n, node: entry });
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

/** One readable entry of a feed, before it is shaped into an item. */
export interface FeedEntry {
  /** Its position in the document, from 1: how problems and reports name it. */
  index: number;
  id: string;
  title: string | null;
  /** The entry's own text, markup dropped. */
  body: string;
  /** The entry's link as written (possibly relative to the feed). */
  link: string | null;
  author: string | null;
  postedAt: string | null;
  /** The entry as parsed, as JSON text: kept as evidence. */
  raw: string;
}

/** An entry (or the whole document, when `entry` is null) that could not be read; never quotes content. */
export interface FeedProblem {
  entry: number | null;
  field: string | null;
  message: string;
}

/** A feed document read from text: its readable entries, and a problem for each unreadable one. */
export interface FeedDocument {
  title: string | null;
  entries: FeedEntry[];
  /** Entries with neither title nor text: not content, counted only. */
  skipped: number;
  problems: FeedProblem[];
}

const fallbackId = (title: string | null, body: string) =>
  createHash('sha256').update(`${title}\n${body}`).digest('hex').slice(0, 32);

/**
 * Reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and JSON Feed from text. The one feed parser: saved feed
 * files and live feeds both go through it. JSON Feed is recognised by `format` or, when absent,
 * by the document starting with `{`. A broken entry is a problem and every other entry is kept.
 */
export function parseFeedDocument(text: string, format?: 'json' | 'xml'): FeedDocument {
  const json = format ? format === 'json' : text.trimStart().startsWith('{');
  return json ? readJsonFeed(text) : readXmlFeed(text);
}

function readXmlFeed(xml: string): FeedDocument {
  const feed = parseFeed(escapeBareAmpersands(xml));
  if (!feed)
    return {
      title: null,
      entries: [],
      skipped: 0,
      problems: [
        {
          entry: null,
          field: null,
          message: 'neither an RSS channel, an RSS 1.0 (RDF) document nor an Atom feed',
        },
      ],
    };
  const problems: FeedProblem[] = feed.damaged.map((n) => ({
    entry: n,
    field: null,
    message: `entry ${n} is not readable XML`,
  }));
  const entries: FeedEntry[] = [];
  let skipped = 0;
  for (const { index, node: e } of feed.entries) {
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
      skipped++;
      continue;
    }
    entries.push({
      index,
      id: text(e.guid) ?? text(e.id) ?? link ?? fallbackId(title, body),
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
    });
  }
  return { title: feed.title, entries, skipped, problems };
}

/** The JSON Feed fields read as text: any other type is a broken entry, named by its field. */
const JSON_TEXT_FIELDS = [
  'title',
  'content_text',
  'content_html',
  'summary',
  'url',
  'date_published',
] as const;

/** JSON Feed 1.x: `items` with `content_html` or `content_text`. */
function readJsonFeed(json: string): FeedDocument {
  const none = (field: string | null, message: string): FeedDocument => ({
    title: null,
    entries: [],
    skipped: 0,
    problems: [{ entry: null, field, message }],
  });
  // Nested deeper than a feed ever is, or not JSON: one problem for the document.
  const parsed = parseJsonRecord(json);
  if (!parsed.ok)
    return none(null, parsed.problem === 'depth' ? parsed.reason : `not JSON (${parsed.reason})`);
  const doc = parsed.value as Node;
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.items))
    return none('items', 'items: expected a list');
  const entries: FeedEntry[] = [];
  const problems: FeedProblem[] = [];
  let skipped = 0;
  for (const [i, e] of (doc.items as unknown[]).entries()) {
    const index = i + 1;
    if (!e || typeof e !== 'object' || Array.isArray(e)) {
      problems.push({ entry: index, field: null, message: `entry ${index}: expected an object` });
      continue;
    }
    const item = e as Node;
    const wrong =
      JSON_TEXT_FIELDS.find(
        (f) => item[f] !== undefined && item[f] !== null && typeof item[f] !== 'string',
      ) ??
      (item.id !== undefined && item.id !== null && typeof item.id !== 'string' && typeof item.id !== 'number'
        ? 'id'
        : undefined);
    if (wrong) {
      problems.push({ entry: index, field: wrong, message: `entry ${index}: ${wrong}: expected a string` });
      continue;
    }
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    const title = str(item.title);
    const body = str(item.content_text) ?? stripHtml(str(item.content_html) ?? str(item.summary) ?? '');
    if (!title && !body) {
      skipped++;
      continue;
    }
    const authors = Array.isArray(item.authors)
      ? (item.authors as Node[])
      : item.author
        ? [item.author as Node]
        : [];
    entries.push({
      index,
      id:
        str(item.id) ??
        (typeof item.id === 'number' ? String(item.id) : null) ??
        str(item.url) ??
        fallbackId(title, body),
      title,
      body,
      link: str(item.url),
      author: str(authors[0]?.name),
      postedAt: date(str(item.date_published) ?? str(item.date_modified)),
      raw: JSON.stringify(item),
    });
  }
  return { title: typeof doc.title === 'string' ? doc.title : null, entries, skipped, problems };
}
