import { afterEach, describe, expect, it } from 'vitest';
import { isCandidate } from '../../src/events/resolve.js';
import { runEvents } from '../../src/pipeline/events-run.js';
import { shippedEventData } from '../../src/presets/embedded.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { tempDb } from '../helpers/cli.js';
import { makeItem } from '../helpers/items.js';

// Synthetic reports of invented incidents by invented outlets; dates relative to publication.
const data = { ...shippedEventData(), seed: [] };
let opened: (Store & { close(): Promise<void> }) | null = null;
let n = 0;

const report = (outlet: string, postedAt: string, text: string) =>
  makeItem({
    platform: 'news',
    source: { platform: 'news', name: outlet, externalId: outlet, kind: 'news_outlet' },
    externalId: `r${++n}`,
    author: outlet,
    postedAt,
    text,
  });

async function scan(reports: ReturnType<typeof report>[]) {
  opened ??= await openSqliteStore(tempDb());
  await opened.items.ingestItems(reports);
  await runEvents(opened.events, opened.alerts, data);
  const all = await opened.events.listEvents();
  return { events: all.filter((e) => !isCandidate(e)), candidates: all.filter(isCandidate), store: opened };
}

afterEach(async () => {
  await opened?.close();
  opened = null;
});

describe('one event per incident', () => {
  it('places a landmark in its city, and a later report naming only the landmark joins that event', async () => {
    const { events } = await scan([
      report(
        'Northgate Courier',
        '2026-05-09T07:00:00Z',
        'Four people were injured when a gunman opened fire at Piccadilly Gardens in Manchester last night.',
      ),
      report(
        'Valley Post',
        '2026-05-10T09:00:00Z',
        'Shops near Piccadilly Gardens reopened on Sunday after Friday night’s shooting, which injured four people.',
      ),
      report(
        'Harbour Times',
        '2026-05-09T12:00:00Z',
        'MANCHESTER — Police have named the man arrested after Friday night’s shooting in the city centre.',
      ),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ place: 'Manchester', date: '2026-05-08', method: 'shooting' });
    expect(events[0]?.aliases).toContain('Piccadilly Gardens');
    expect(events[0]?.linked_items).toBe(3);
  });

  it('joins follow-ups dated by what came after the act: a charge, a death in hospital, a week on', async () => {
    const { events } = await scan([
      report(
        'Harbour Times',
        '2026-05-16T22:00:00Z',
        'Three people were shot dead outside a bar in Gdansk late on Saturday night, police said.',
      ),
      report(
        'Valley Post',
        '2026-05-19T08:00:00Z',
        'Police in Gdansk have charged a man over the bar shooting that left three people dead. He was arrested at a flat on Monday.',
      ),
      report(
        'Northgate Courier',
        '2026-05-23T08:00:00Z',
        'A week after the bar shooting in Gdansk, mourners lit candles on the pavement.',
      ),
      report(
        'Lakeside Journal',
        '2026-11-10T08:00:00Z',
        'The trial of the man accused of the Gdansk bar shooting in May opened today.',
      ),
    ]);
    expect(events.map((e) => `${e.place} ${e.date} ${e.method}`)).toEqual(['Gdańsk 2026-05-16 shooting']);
    expect(events[0]?.linked_items).toBe(4);
  });

  it('links a report of one incident to no other incident of its city by place alone', async () => {
    const { events, store } = await scan([
      report(
        'Harbour Times',
        '2026-03-02T08:00:00Z',
        'Two people were stabbed at the main station in Leeds yesterday.',
      ),
      report(
        'Valley Post',
        '2026-03-21T08:00:00Z',
        'A van was driven into shoppers at a market in Leeds this morning, injuring six people, police said.',
      ),
    ]);
    expect(events.map((e) => `${e.place} ${e.date} ${e.method}`).sort()).toEqual([
      'Leeds 2026-03-01 stabbing',
      'Leeds 2026-03-21 vehicle_ramming',
    ]);
    for (const e of events) expect(await store.events.linkedItems(e.id)).toHaveLength(1);
  });

  it('keeps incidents in one city on different dates, and on one date in different cities, apart', async () => {
    const { events } = await scan([
      report(
        'Valley Post',
        '2026-04-02T08:00:00Z',
        'Two men were stabbed outside a mosque in Leeds last night.',
      ),
      report(
        'Valley Post',
        '2026-04-10T08:00:00Z',
        'A woman was stabbed at a bus stop in Leeds on Thursday.',
      ),
      report(
        'Harbour Times',
        '2026-04-02T09:00:00Z',
        'A man was stabbed in Bristol last night, police said.',
      ),
    ]);
    expect(events.map((e) => `${e.place} ${e.date}`).sort()).toEqual([
      'Bristol 2026-04-01',
      'Leeds 2026-04-01',
      'Leeds 2026-04-09',
    ]);
  });

  it('reads a GeoNames city in a locative frame, and no ordinary word as a place', async () => {
    const { events, candidates } = await scan([
      report(
        'Lakeside Journal',
        '2026-03-12T08:00:00Z',
        'Three people were stabbed in Tampere two days ago, police said.',
      ),
      report(
        'Lakeside Journal',
        '2026-03-12T09:00:00Z',
        'An English teacher was injured in a knife attack during Ramadan, Police said on Tuesday.',
      ),
    ]);
    expect(events.map((e) => [e.place, e.date])).toEqual([['Tampere', '2026-03-10']]);
    // The second incident has no place: it is a candidate, not an "English attack".
    expect(candidates.map((c) => c.place)).toEqual([null]);
  });

  it('completes a candidate when a fuller report names its place, moving its links', async () => {
    const first = await scan([
      report(
        'Valley Post',
        '2026-06-03T08:00:00Z',
        'A man attacked shoppers with a knife at Nordstan Mall on Tuesday, injuring two.',
      ),
    ]);
    // A landmark of no known city: a candidate, listed apart.
    expect(first.events).toHaveLength(0);
    expect(first.candidates.map((c) => [c.name, c.place])).toEqual([['Nordstan Mall stabbing', null]]);
    const candidateId = first.candidates[0]?.id as string;
    const second = await scan([
      report(
        'Harbour Times',
        '2026-06-03T10:00:00Z',
        'Two shoppers were hurt when a man attacked them with a knife at Nordstan Mall in Gothenburg on Tuesday.',
      ),
    ]);
    expect(second.candidates).toHaveLength(0);
    expect(second.events).toHaveLength(1);
    expect(second.events[0]).toMatchObject({ place: 'Gothenburg', date: '2026-06-02', method: 'stabbing' });
    expect(second.events[0]?.aliases).toContain('Nordstan Mall');
    expect(second.events[0]?.linked_items).toBe(2);
    expect((await second.store.events.getEvent(candidateId))?.id).toBe(second.events[0]?.id);
  });

  it('joins a copy of a report that lost its place to the event of its cluster', async () => {
    opened = await openSqliteStore(tempDb());
    const outcomes = await opened.items.ingestItems([
      report(
        'Valley Post',
        '2026-06-03T08:00:00Z',
        'A man attacked shoppers with a knife on Tuesday, injuring two.',
      ),
      report(
        'Harbour Times',
        '2026-06-03T09:00:00Z',
        'In Aarhus, a man attacked shoppers with a knife on Tuesday, injuring two.',
      ),
    ]);
    await opened.clusters.saveMembers(
      outcomes.map((o) => ({
        clusterId: 1,
        itemId: o.itemId,
        quoteIndex: null,
        how: 'minhash',
        similarity: 0.9,
        exactKey: `k${o.itemId}`,
        signature: new Uint32Array(4),
      })),
      [],
    );
    const { events, candidates } = await scan([]);
    expect(candidates).toHaveLength(0);
    expect(events.map((e) => [e.place, e.date, e.linked_items])).toEqual([['Aarhus', '2026-06-02', 2]]);
  });

  it('does not join an incident without place to one elsewhere on the same day', async () => {
    const { events, candidates } = await scan([
      report('Lakeside Journal', '2026-03-12T08:00:00Z', 'Three people were stabbed in Tampere on Tuesday.'),
      report('Lakeside Journal', '2026-03-12T09:00:00Z', 'A man was stabbed at a bus stop on Tuesday.'),
    ]);
    expect(events.map((e) => e.place)).toEqual(['Tampere']);
    expect(candidates).toHaveLength(1);
  });

  it("keeps an analyst's rename and merge through the next scan", async () => {
    const first = await scan([
      report('Valley Post', '2026-07-06T08:00:00Z', 'Two people were shot in Lyon on Sunday.'),
      report(
        'Valley Post',
        '2026-07-06T09:00:00Z',
        'A gunman opened fire near the Bellecour square in Lyons on Saturday.',
      ),
    ]);
    expect(first.events.map((e) => e.date).sort()).toEqual(['2026-07-04', '2026-07-05']);
    const [older, newer] = [...first.events].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
    if (!older || !newer) throw new Error('expected two events');
    // The analyst judges them one incident and names it.
    await first.store.events.mergeEvents(newer.id, older.id);
    const kept = await first.store.events.getEvent(older.id);
    await first.store.events.saveEvent({
      ...(kept as NonNullable<typeof kept>),
      name: 'Lyon weekend shootings',
    });
    const second = await scan([
      report(
        'Harbour Times',
        '2026-07-07T08:00:00Z',
        'Police are still looking for the gunman who shot two people in Lyon on Sunday.',
      ),
    ]);
    expect(second.events).toHaveLength(1);
    expect(second.events[0]).toMatchObject({
      id: older.id,
      name: 'Lyon weekend shootings',
      date: '2026-07-04',
    });
    expect(second.events[0]?.linked_items).toBe(3);
  });
});
