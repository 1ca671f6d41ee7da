import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/domain/index.js';
import type { LinkedItemView } from '../../src/domain/views.js';
import { eventDetail } from '../../src/events/event-detail.js';

const analysis = (context: Analysis['context'], labels: string[], ideology: string): Analysis =>
  ({
    context,
    labels: labels.map((label) => ({ label, score: 0.9, evidence: [], legal_basis: [] })),
    ideology: { label: ideology, score: 0.8 },
  }) as unknown as Analysis;

const link = (over: Partial<LinkedItemView>): LinkedItemView => ({
  item_id: 1,
  quote_index: null,
  source: 'Harbour Herald',
  platform: 'news',
  posted_at: '2026-05-02T09:00:00Z',
  text: 'A report about the attack.',
  confidence: 0.8,
  evidence: [{ reason: 'names the event', text: 'harbour attack' }],
  analysis: analysis('reporting', [], 'none'),
  quote: null,
  ...over,
});

describe('event detail', () => {
  const links = [
    link({}),
    link({
      quote_index: 0,
      text: 'Rise up and strike them all.',
      confidence: 0.6,
      evidence: [{ reason: 'quote in a report of the event', text: '' }],
      analysis: analysis('primary', ['incitement'], 'jihadist'),
      quote: { attribution: 'a channel called "Dawn Watch"', platform: 'telegram' },
    }),
    link({
      quote_index: 1,
      text: 'The attacker is a hero.',
      analysis: analysis('primary', ['glorification'], 'none'),
      quote: { attribution: 'posts on Facebook', platform: 'facebook' },
    }),
    link({
      item_id: 2,
      source: 'Dawn Watch',
      platform: 'telegram',
      posted_at: '2026-05-03T09:00:00Z',
      text: 'Brothers, answer them.',
      analysis: analysis('primary', ['incitement'], 'jihadist'),
    }),
  ];
  const detail = eventDetail({ perpetratorIdeology: 'far_right' }, links);

  it('lists each item once with all its reasons and its linked quotes, and counts items', () => {
    expect(detail.linked_items).toBe(2);
    expect(detail.linked.map((l) => l.item_id)).toEqual([1, 2]);
    const report = detail.linked[0];
    expect(report?.reasons.map((r) => r.reason)).toEqual([
      'names the event',
      'quote in a report of the event',
    ]);
    expect(report?.quotes.map((q) => q.quote_index)).toEqual([0, 1]);
    expect(report?.labels).toEqual([]);
    expect(report?.confidence).toBe(0.8);
    expect(detail.timeline['2026-05-02']).toEqual({ incitement: 1, glorification: 1 });
  });

  it('shows a quoted post as the reaction, with the outlet that reported it', () => {
    expect(detail.reactions.map((r) => [r.item_id, r.quote_index])).toEqual([
      [1, 0],
      [2, null],
    ]);
    const quoted = detail.reactions[0];
    expect(quoted?.posted_by).toEqual({ source: 'a channel called "Dawn Watch"', platform: 'telegram' });
    expect(quoted?.reported_by).toEqual({ source: 'Harbour Herald', platform: 'news' });
    expect(detail.reactions[1]?.reported_by).toBeNull();
  });

  it('counts praise from anyone not on the other side as a celebration', () => {
    expect(detail.celebrations.map((c) => c.text)).toEqual(['The attacker is a hero.']);
    // With the perpetrator's side unknown, nothing is a reaction from the other side.
    expect(eventDetail({ perpetratorIdeology: null }, links).reactions).toEqual([]);
  });
});
