import type { MatchSpan, SearchSnippet, SearchSort } from '../domain/index.js';
import { searchFold, searchTerms } from './dialect-profile.js';

/**
 * Where a text query matched an item, and how well: computed here, from the stored text and the
 * query's folded terms, rather than by each database's own snippet and ranking functions (FTS5's
 * `snippet`/`bm25`, PostgreSQL's `ts_headline`/`ts_rank`), which cut, mark and score differently.
 * The databases only decide which items match; SQLite and PostgreSQL then show the same passages
 * with the same words marked, in the same relevance order.
 */

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A word as search compares it: the search fold (Arabic marks, tatweel and letter variants), then
 * lower case without combining accents, as FTS5's `unicode61 remove_diacritics 2` reads Latin text.
 */
export function matchKey(word: string): string {
  // Most words are plain ASCII, which only needs lower case (a search ranks a thousand texts).
  if (ASCII.test(word)) return word.toLowerCase();
  return searchFold(word.normalize('NFKC')).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The distinct keys of a free-text query, in the order they were typed. */
export function queryKeys(query: string): string[] {
  return [
    ...new Set(
      searchTerms(query)
        .map(matchKey)
        .filter((k) => k.length > 0),
    ),
  ];
}

const WORD = /[\p{L}\p{N}\p{M}_]+/gu;
/** The same words in a text of ASCII only, once lower-cased (which keeps every offset there). */
const ASCII_WORD = /[a-z0-9_]+/g;

/** What one text holds of a query: every matching word (in text order) and the text's length in words. */
export interface TextMatches {
  spans: (MatchSpan & { key: string })[];
  words: number;
}

/** Marks stay inside the word they follow, so a span covers a word with its diacritics. */
export function findMatches(text: string, keys: readonly string[]): TextMatches {
  const wanted = new Set(keys);
  const ascii = ASCII.test(text);
  const spans: TextMatches['spans'] = [];
  let words = 0;
  for (const m of ascii ? text.toLowerCase().matchAll(ASCII_WORD) : text.matchAll(WORD)) {
    words++;
    const key = ascii ? m[0] : matchKey(m[0]);
    if (wanted.has(key)) spans.push({ start: m.index, end: m.index + m[0].length, key });
  }
  return { spans, words };
}

// BM25's term-frequency saturation and length normalisation, with its usual constants.
const K1 = 1.2;
const B = 0.75;
/** The length, in words, at which a text is neither favoured nor penalised for its length. */
const REFERENCE_WORDS = 40;

/**
 * How well a text answers the query: each term's occurrences count with diminishing returns
 * (BM25's saturation), scaled down in long texts, summed over terms. Every candidate of a query
 * holds every term, so a corpus-wide weight per term (IDF) would change no order and is left out;
 * terms weigh alike. A pure function of the text and the keys, so both databases rank alike.
 */
export function relevance(m: TextMatches, keys: readonly string[]): number {
  const norm = K1 * (1 - B + (B * m.words) / REFERENCE_WORDS);
  let score = 0;
  for (const key of keys) {
    const tf = m.spans.filter((s) => s.key === key).length;
    if (tf > 0) score += (tf * (K1 + 1)) / (tf + norm);
  }
  return score;
}

/** Characters of the item a snippet shows at most (before widening to whole words at its edges). */
export const SNIPPET_CHARS = 240;
/** Characters of context kept before the first match a snippet shows. */
const LEAD_CHARS = 60;
/** How far an edge moves outwards to avoid cutting a word in half. */
const EDGE_SLACK = 20;

/**
 * The passage of `text` that shows the most of the query: the window of about SNIPPET_CHARS that
 * holds the most distinct terms, then the most matches, earliest first; the whole text when it is
 * short. Matches are offsets into the passage; a match is never cut by the passage's edge.
 */
export function buildSnippet(text: string, m: TextMatches): SearchSnippet {
  if (text.length <= SNIPPET_CHARS) {
    return { text, matches: m.spans.map((s) => span(s)), elided_before: false, elided_after: false };
  }
  const [from, to] = bestWindow(text, m.spans);
  const matches = m.spans.filter((s) => s.start >= from && s.end <= to).map((s) => span(s, from));
  return {
    text: text.slice(from, to),
    matches,
    elided_before: from > 0,
    elided_after: to < text.length,
  };
}

function span(s: MatchSpan, offset = 0): MatchSpan {
  return { start: s.start - offset, end: s.end - offset };
}

function bestWindow(text: string, spans: readonly (MatchSpan & { key: string })[]): [number, number] {
  let best: { from: number; terms: number; hits: number } = { from: 0, terms: -1, hits: -1 };
  // Enough anchors for any real post; a text repeating a word thousands of times needs no more.
  for (const anchor of spans.slice(0, 500)) {
    const from = Math.max(0, anchor.start - LEAD_CHARS);
    const inside = spans.filter((s) => s.start >= from && s.start < from + SNIPPET_CHARS);
    const terms = new Set(inside.map((s) => s.key)).size;
    if (terms > best.terms || (terms === best.terms && inside.length > best.hits)) {
      best = { from, terms, hits: inside.length };
    }
  }
  const from = wordEdge(text, best.from, -1);
  let to = wordEdge(text, Math.min(text.length, from + SNIPPET_CHARS), 1);
  // A match that starts inside the window is shown whole.
  for (const s of spans) if (s.start < to && s.end > to) to = s.end;
  return [from, to];
}

/**
 * Moves an edge outwards (direction -1 back, +1 forward) to the nearest whitespace within
 * EDGE_SLACK characters, and never between the two halves of a surrogate pair.
 */
function wordEdge(text: string, at: number, direction: -1 | 1): number {
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(text.length, at));
  for (let i = 0; i <= EDGE_SLACK; i++) {
    const p = at + direction * i;
    if (p <= 0 || p >= text.length) return Math.max(0, Math.min(text.length, p));
    if (/\s/u.test(text[p - 1] ?? '') || /\s/u.test(text[p] ?? '')) return p;
  }
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + direction : at;
}

/** One search result as ranking sees it. */
export interface Ranked {
  id: number;
  posted_at: string | null;
  score: number;
}

/**
 * The order of a text search's results. Relevance: best score first. Date: newest post first,
 * undated posts last. Either way ties go to the item stored last (the highest id), so the same
 * data gives the same order on every database.
 */
export function compareResults(sort: SearchSort): (a: Ranked, b: Ranked) => number {
  return (a, b) => {
    if (sort === 'relevance' && a.score !== b.score) return b.score - a.score;
    if (sort === 'date' && a.posted_at !== b.posted_at) {
      if (a.posted_at === null) return 1;
      if (b.posted_at === null) return -1;
      return a.posted_at < b.posted_at ? 1 : -1;
    }
    return b.id - a.id;
  };
}

/** Rows of a text search, each with the passage that shows its matches. */
export function withSnippets<R extends { text: string }>(
  rows: readonly R[],
  query: string,
): (R & { snippet: SearchSnippet })[] {
  const keys = queryKeys(query);
  return rows.map((row) => ({ ...row, snippet: buildSnippet(row.text, findMatches(row.text, keys)) }));
}

/**
 * A text search's rows in the order asked for, cut to the page shown, each with its snippet: the
 * one place both the CLI's search and the API's item list order matches by relevance.
 */
export function rankResults<R extends { item_id: number; posted_at: string | null; text: string }>(
  rows: readonly R[],
  query: string,
  sort: SearchSort,
  page: { offset: number; limit: number },
): (R & { snippet: SearchSnippet })[] {
  const keys = queryKeys(query);
  const ranked = rows.map((row) => {
    const matches = findMatches(row.text, keys);
    return {
      row,
      matches,
      rank: { id: row.item_id, posted_at: row.posted_at, score: relevance(matches, keys) },
    };
  });
  const order = compareResults(sort);
  return ranked
    .sort((a, b) => order(a.rank, b.rank))
    .slice(page.offset, page.offset + page.limit)
    .map(({ row, matches }) => ({ ...row, snippet: buildSnippet(row.text, matches) }));
}
