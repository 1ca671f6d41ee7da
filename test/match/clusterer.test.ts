import { describe, expect, it } from 'vitest';
import { Clusterer } from '../../src/match/minhash/clusterer.js';
import { matchWords } from '../../src/match/minhash/shingles.js';
import { namedSource, spreadOf } from '../../src/match/spread.js';

const unit = (itemId: number, text: string, quoteIndex: number | null = null) => ({
  itemId,
  quoteIndex,
  text,
});

describe('near-duplicate clustering', () => {
  it('puts small wording differences in one cluster and unrelated text apart', () => {
    const c = new Clusterer();
    const a = c.add(
      unit(1, 'The suspect was shot on site by the British Police after the attack at the harbour market.'),
    ).assignment;
    const b = c.add(
      unit(
        2,
        'the suspect was shot on site by the the British Police (sic) after the attack at the harbour market',
        0,
      ),
    ).assignment;
    const other = c.add(
      unit(3, 'Heavy rain is expected over the weekend across the northern coast and hills.'),
    ).assignment;
    expect(a.how).toBe('new');
    expect(b.clusterId).toBe(a.clusterId);
    expect(b.how).toBe('near');
    expect(other.clusterId).not.toBe(a.clusterId);
  });

  it('collapses exact duplicates by their normalised text, ignoring links and hashtags', () => {
    const c = new Clusterer();
    const a = c.add(unit(1, 'Join the rally at noon near the old bridge')).assignment;
    const b = c.add(
      unit(2, 'Join the rally at noon near the old bridge #today https://example.org/x'),
    ).assignment;
    expect(b).toMatchObject({ clusterId: a.clusterId, how: 'exact' });
  });

  it('keeps a cluster id as it grows, merges bridged clusters into the oldest, and resumes from stored signatures', () => {
    const c = new Clusterer({ shingleSize: 1, bands: 64, rows: 2, threshold: 0.35 });
    const first = c.add(unit(1, 'alpha beta gamma delta epsilon')).assignment;
    const second = c.add(unit(2, 'zeta eta theta iota kappa')).assignment;
    expect(second.clusterId).not.toBe(first.clusterId);
    const bridge = c.add(unit(3, 'alpha beta gamma delta epsilon zeta eta theta iota kappa'));
    expect(bridge.assignment.clusterId).toBe(first.clusterId);
    expect(bridge.merges).toEqual([{ from: second.clusterId, into: first.clusterId }]);
    expect(c.resolve(second.clusterId)).toBe(first.clusterId);
    const resumed = new Clusterer(
      c.config,
      [{ clusterId: first.clusterId, signature: first.signature, exactKey: first.exactKey }],
      10,
    );
    expect(resumed.add(unit(4, 'alpha beta gamma delta epsilon')).assignment.clusterId).toBe(first.clusterId);
    expect(resumed.add(unit(5, 'something else entirely here')).assignment.clusterId).toBe(10);
  });

  it('normalises away links, mentions, hashtags and (sic)', () => {
    expect(matchWords('Shot (sic) by @someone #Tag https://x.example/a OK')).toEqual(['shot', 'by', 'ok']);
  });
});

describe('spread', () => {
  const m = (o: Partial<Parameters<typeof spreadOf>[0][number]>) => ({
    item_id: 1,
    quote_index: null,
    source: 'A',
    platform: 'telegram',
    posted_at: '2026-03-15T10:00:00Z',
    forwarded_from: null,
    attribution: null,
    quote_platform: null,
    ...o,
  });
  it('names the quoted channel as origin and the outlets as reporters, forwards as edges', () => {
    const s = spreadOf([
      m({ item_id: 1, source: 'Harbour Watch', posted_at: '2026-03-15T10:00:00Z' }),
      m({
        item_id: 2,
        source: 'Coastal Relay',
        posted_at: '2026-03-15T11:00:00Z',
        forwarded_from: 'Harbour Watch',
      }),
      m({
        item_id: 3,
        source: 'First Outlet',
        platform: 'news',
        quote_index: 0,
        attribution: 'a Telegram channel called "Harbour Watch"',
        quote_platform: 'telegram',
        posted_at: '2026-03-15T12:00:00Z',
      }),
    ]);
    expect(s.origin).toEqual({ source: 'Harbour Watch', platform: 'telegram', how: 'named_in_quote' });
    expect(s.edges).toEqual([
      expect.objectContaining({ from: 'Harbour Watch', to: 'Coastal Relay', kind: 'forward' }),
      expect.objectContaining({ from: 'Harbour Watch', to: 'First Outlet', kind: 'reported_by' }),
    ]);
    expect(s.timeline.map((t) => t.source)).toEqual(['Harbour Watch', 'Coastal Relay', 'First Outlet']);
  });
  it('reads channel names from attributions', () => {
    expect(namedSource('a Telegram channel called "Eastbrook Patriots"')).toBe('Eastbrook Patriots');
    expect(namedSource('a researcher')).toBeNull();
  });
});
