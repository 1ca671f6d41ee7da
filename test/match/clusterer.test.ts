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

describe('containment: fragments of a message join it', () => {
  const message =
    'The depot burned tonight and the cowards who run this town will learn what it means to ignore us. ' +
    'Every street from the river to the station belongs to us now, and nobody is going to stop what comes next.';

  it('joins a trimmed, lightly edited fragment of a dozen words or more to its message, both ways round', () => {
    const c = new Clusterer();
    const whole = c.add(unit(1, message)).assignment;
    const piece = c.add(
      unit(
        2,
        'every street from the river to the station belongs to us now, and no one is going to stop (sic)',
        0,
      ),
    ).assignment;
    expect(piece).toMatchObject({ clusterId: whole.clusterId, how: 'contained' });
    expect(piece.similarity).toBeGreaterThanOrEqual(0.6);

    // The fragment first, the full message after: the message gathers it.
    const d = new Clusterer();
    const first = d.add(
      unit(3, 'the cowards who run this town will learn what it means to ignore us', 0),
    ).assignment;
    const later = d.add(unit(4, message)).assignment;
    expect(later).toMatchObject({ clusterId: first.clusterId, how: 'contained' });
  });

  it('keeps apart fragments too short to tell, and messages that share a stock phrase', () => {
    const c = new Clusterer();
    const whole = c.add(unit(1, message)).assignment;
    const short = c.add(unit(2, 'the river to the station belongs to us now', 0)).assignment;
    const stock = c.add(
      unit(
        3,
        'The cowards who run this town will learn nothing, so we are taking our stalls to the harbour market on Sunday and selling at half price.',
      ),
    ).assignment;
    expect(short.clusterId).not.toBe(whole.clusterId);
    expect(stock.clusterId).not.toBe(whole.clusterId);
  });

  it('never chains two messages through a report that quotes both, or a text holding both', () => {
    const other =
      'Our volunteers will repaint the school fence on Saturday morning and everyone from the valley is welcome to bring brushes and food.';
    const c = new Clusterer();
    const a = c.add(unit(1, message)).assignment;
    const b = c.add(unit(2, other)).assignment;
    const report = c.add({
      itemId: 3,
      quoteIndex: null,
      text: `A channel wrote: "${message}" Another said: "${other}"`,
      holdsQuotes: true,
    }).assignment;
    const digest = c.add(unit(4, `${message} ${other}`)).assignment;
    // Later fragments of each message join their message, never the report that quoted both.
    const pieceA = c.add(
      unit(5, 'every street from the river to the station belongs to us now, and nobody is going to stop', 0),
    ).assignment;
    const pieceB = c.add(
      unit(
        6,
        'our volunteers will repaint the school fence on Saturday morning and everyone from the valley',
        0,
      ),
    ).assignment;
    expect(c.resolve(pieceA.clusterId)).toBe(c.resolve(a.clusterId));
    expect(c.resolve(pieceB.clusterId)).toBe(c.resolve(b.clusterId));
    expect(report.how).not.toBe('contained');
    expect(digest.how).not.toBe('contained');
    expect(c.resolve(a.clusterId)).not.toBe(c.resolve(b.clusterId));
  });

  it('rebuilds its containment index from stored members on restart', () => {
    const c = new Clusterer();
    const whole = c.add(unit(1, message)).assignment;
    const restarted = new Clusterer(undefined, [
      { clusterId: whole.clusterId, signature: whole.signature, exactKey: whole.exactKey, text: message },
    ]);
    const piece = restarted.add(
      unit(2, 'every street from the river to the station belongs to us now, and nobody is going to stop', 0),
    ).assignment;
    expect(piece).toMatchObject({ clusterId: whole.clusterId, how: 'contained' });
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
