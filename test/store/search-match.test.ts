import { describe, expect, it } from 'vitest';
import {
  buildSnippet,
  findMatches,
  matchKey,
  queryKeys,
  rankResults,
  relevance,
  SNIPPET_CHARS,
} from '../../src/store/search-match.js';

/** Half of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const words = (n: number, w = 'filler') => Array.from({ length: n }, () => w).join(' ');

describe('search matching', () => {
  it('compares words folded, lower-cased and without accents, as the indexes do', () => {
    expect(matchKey('HARBOUR')).toBe('harbour');
    expect(matchKey('Café')).toBe('cafe');
    expect(matchKey('رِسالَةً')).toBe(matchKey('رساله'));
    expect(queryKeys('Harbour harbour "OR" rally')).toEqual(['harbour', 'or', 'rally']);
  });

  it('gives a short text whole, with every match at its offsets', () => {
    const text = 'harbour Harbour, everyone to the harbour';
    expect(buildSnippet(text, findMatches(text, ['harbour']))).toEqual({
      text,
      matches: [
        { start: 0, end: 7 },
        { start: 8, end: 15 },
        { start: 33, end: 40 },
      ],
      elided_before: false,
      elided_after: false,
    });
  });

  it('shows the passage holding the most distinct terms, never cutting a match', () => {
    const text = `rally ${words(60)} ${words(30, 'x')} harbour rally here ${words(60)}`;
    const keys = queryKeys('harbour rally');
    const snippet = buildSnippet(text, findMatches(text, keys));
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_CHARS + 45);
    expect(snippet.matches.map((m) => snippet.text.slice(m.start, m.end))).toEqual(['harbour', 'rally']);
    expect(snippet).toMatchObject({ elided_before: true, elided_after: true });
    expect(text.indexOf(snippet.text)).toBeGreaterThan(0);
  });

  it('never splits a surrogate pair at a passage edge', () => {
    const text = `${'😀'.repeat(200)} harbour ${'😀'.repeat(200)}`;
    const snippet = buildSnippet(text, findMatches(text, ['harbour']));
    expect(snippet.text).not.toMatch(LONE_SURROGATE);
    expect(snippet.matches.map((m) => snippet.text.slice(m.start, m.end))).toEqual(['harbour']);
  });

  it('scores repeated terms higher, with diminishing returns, and long texts lower', () => {
    const keys = ['harbour'];
    const score = (t: string) => relevance(findMatches(t, keys), keys);
    expect(score('harbour harbour')).toBeGreaterThan(score('harbour wall'));
    expect(score('harbour harbour harbour') - score('harbour harbour')).toBeLessThan(
      score('harbour harbour') - score('harbour wall'),
    );
    expect(score(`harbour ${words(100)}`)).toBeLessThan(score('harbour wall'));
  });

  it('breaks ties by the item stored last and puts undated posts last by date', () => {
    const page = { offset: 0, limit: 10 };
    const rows = [
      { item_id: 1, posted_at: '2024-01-02', text: 'harbour wall' },
      { item_id: 2, posted_at: null, text: 'harbour wall' },
      { item_id: 3, posted_at: '2024-01-01', text: 'harbour wall' },
    ];
    expect(rankResults(rows, 'harbour', 'relevance', page).map((r) => r.item_id)).toEqual([3, 2, 1]);
    expect(rankResults(rows, 'harbour', 'date', page).map((r) => r.item_id)).toEqual([1, 3, 2]);
    const second = rankResults(rows, 'harbour', 'relevance', { offset: 1, limit: 1 });
    expect(second.map((r) => [r.item_id, r.snippet.matches])).toEqual([[2, [{ start: 0, end: 7 }]]]);
  });
});
