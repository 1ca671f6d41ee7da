import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Highlighted, type Span } from '../../src/web/highlight.js';

const html = (text: string, spans: Span[]) =>
  renderToStaticMarkup(createElement(Highlighted, { text, spans }));
const span = (start: number, end: number, label: string): Span => ({ start, end, label, reason: 'r' });
/** The marks of the markup as data-span and the text inside each (inner marks' text included). */
function marks(markup: string): { span: string; text: string }[] {
  const out: { span: string; text: string }[] = [];
  const open: { span: string; from: number }[] = [];
  let plain = '';
  for (const m of markup.matchAll(/<mark[^>]*data-span="([^"]+)"[^>]*>|<\/mark>|<[^>]+>|[^<]+/g)) {
    if (m[1] !== undefined) open.push({ span: m[1], from: plain.length });
    else if (m[0] === '</mark>') {
      const o = open.pop() as { span: string; from: number };
      out.push({ span: o.span, text: plain.slice(o.from) });
    } else if (!m[0].startsWith('<')) plain += m[0];
  }
  return out;
}
/** Each span's text as its marks hold it, parts joined in order. */
const marked = (markup: string) => {
  const bySpan = new Map<string, string>();
  for (const m of marks(markup).reverse()) bySpan.set(m.span, m.text + (bySpan.get(m.span) ?? ''));
  return bySpan;
};

describe('evidence highlights', () => {
  it('marks every span of every label, nesting one that overlaps another', () => {
    const text = 'abcdefghij';
    const spans = [span(0, 6, 'incitement'), span(3, 9, 'identity_attack')];
    const markup = html(text, spans);
    expect(marked(markup)).toEqual(
      new Map([
        ['0-6', 'abcdef'],
        ['3-9', 'defghi'],
      ]),
    );
    // The text itself is whole and in order.
    expect(markup.replace(/<[^>]+>/g, '')).toBe(text);
  });

  it('marks a span inside another, spans that start together, and leaves out spans out of range', () => {
    const text = 'one two three four';
    const spans = [
      span(4, 13, 'threat'),
      span(8, 13, 'incitement'),
      span(4, 7, 'glorification'),
      span(5, 40, 'x'),
    ];
    const got = marked(html(text, spans));
    expect(got.get('4-13')).toBe('two three');
    expect(got.get('8-13')).toBe('three');
    expect(got.get('4-7')).toBe('two');
    expect(got.has('5-40')).toBe(false);
  });

  it('renders hostile text as text, never as markup', () => {
    const text = '<img src=x onerror=alert(1)> burn it';
    const markup = html(text, [span(29, 36, 'incitement')]);
    expect(markup).not.toContain('<img');
    expect(markup).toContain('&lt;img');
    expect(marked(markup).get('29-36')).toBe('burn it');
  });
});
