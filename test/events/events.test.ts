import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/domain/index.js';
import { resolveIncidentDate } from '../../src/events/dates.js';
import { extractEvents } from '../../src/events/extract.js';
import { linkItem } from '../../src/events/link.js';
import { eventFromMention, findEvent, mergeMention } from '../../src/events/resolve.js';
import { parseArticle } from '../../src/ingest/article/article-adapter.js';
import { shippedEventData } from '../../src/presets/embedded.js';
import { SAMPLES } from '../helpers/cli.js';

const { gazetteer, seed } = shippedEventData();

describe('relative dates', () => {
  const pub = '2026-03-17T09:00:00Z'; // a Tuesday
  it.each([
    ['last night', '2026-03-16', 1],
    ['yesterday', '2026-03-16', 0],
    ['on Monday', '2026-03-16', 0],
    // A weekday is the most recent such day on or before publication; "last" means before it.
    ['on Tuesday', '2026-03-17', 0],
    ['last Tuesday', '2026-03-10', 0],
    ['two days ago', '2026-03-15', 0],
    ['3 days ago', '2026-03-14', 0],
    ['earlier this week', '2026-03-16', 1],
    ['stabbed last night after a football match', '2026-03-16', 1],
    ['stabbed on Sunday, a week after the attack at the market', '2026-03-15', 0],
    ["Saturday's attack", '2026-03-14', 0],
    ['this morning', '2026-03-17', 0],
    ['earlier this month', '2026-03-09', 9],
    ['on 19 June 2017', '2017-06-19', 0],
    ['June 19', '2025-06-19', 0],
  ])('%s → %s', (text, date, uncertainty) => {
    expect(resolveIncidentDate(text, pub)).toMatchObject({ date, uncertaintyDays: uncertainty });
  });
  it('dates an act measured from a later day, unless the sentence tells an act of its own', () => {
    const [reopened] = extractEvents(
      'The station in Leeds reopened on Monday, three days after the shooting in which two people were hurt.',
      pub,
      gazetteer,
    );
    expect(reopened?.date?.date).toBe('2026-03-13');
    const [another] = extractEvents(
      'A man was shot in Leeds on Monday, a week after the attack at a bar in the city.',
      pub,
      gazetteer,
    );
    expect(another?.date?.date).toBe('2026-03-16');
  });
  it('dates a follow-up told from the day of publication, or from the full date of its act', () => {
    // pub is Tuesday 2026-03-17.
    const [week] = extractEvents(
      'A week after the knife attack in Leeds, shopkeepers say trade has not recovered. A meeting is set for Thursday.',
      pub,
      gazetteer,
    );
    expect(week?.date?.date).toBe('2026-03-10');
    const [weekOn] = extractEvents(
      'One week on from the van ramming in Leeds, traders reopened their stalls this morning.',
      pub,
      gazetteer,
    );
    expect(weekOn?.date?.date).toBe('2026-03-10');
    const [charged] = extractEvents(
      'Prosecutors said today that the suspect in the Leeds station stabbing has been charged. The attack took place on 2 March 2026, in the evening rush hour.',
      pub,
      gazetteer,
    );
    expect(charged?.date?.date).toBe('2026-03-02');
  });
  it('reads a month named alone as its middle, the latest such month on or before publication', () => {
    expect(resolveIncidentDate('the shooting in May', '2026-11-10')).toMatchObject({
      date: '2026-05-15',
      uncertaintyDays: 15,
    });
    expect(resolveIncidentDate('since last December', '2026-03-17')).toMatchObject({ date: '2025-12-15' });
    expect(resolveIncidentDate('it may rain in the evening', '2026-03-17')).toBeNull();
  });
  it('reads a car attack as a ramming and a synagogue fire as an arson, dated from a week after it', () => {
    const [car] = extractEvents(
      'Three weeks on from the Leeds car attack, traders say customers are back.',
      pub,
      gazetteer,
    );
    expect(car).toMatchObject({ method: 'vehicle_ramming', date: { date: '2026-02-24' } });
    const [fire] = extractEvents(
      'Leaders in Leeds thanked neighbours a week after the synagogue fire.',
      pub,
      gazetteer,
    );
    expect(fire).toMatchObject({ method: 'arson', date: { date: '2026-03-10' } });
  });
  it('doubts the day of a sentence that names its act only as known, and takes a day written out elsewhere', () => {
    // pub is Tuesday 2026-03-17.
    const [died] = extractEvents(
      'A third victim of the shooting in Leeds has died in hospital, prosecutors said on Tuesday.',
      pub,
      gazetteer,
    );
    expect(died?.date).toMatchObject({ date: '2026-03-17', uncertaintyDays: 3 });
    const [second] = extractEvents(
      'Police in Leeds have arrested a second man over the shooting, prosecutors said on Monday. One man was killed in the attack on February 11.',
      pub,
      gazetteer,
    );
    expect(second?.date).toMatchObject({ date: '2026-02-11', uncertaintyDays: 0 });
  });
  it('counts months after an act told as a clause, and reads rammings with the verb first', () => {
    const [church] = extractEvents(
      'Four months after an arsonist set fire to the old church in Leeds, it reopened this morning.',
      pub,
      gazetteer,
    );
    expect(church).toMatchObject({ method: 'arson', date: { date: '2025-11-17' } });
    const [car] = extractEvents(
      'A man drove a car into pedestrians in Leeds on Monday, killing two people, police said.',
      pub,
      gazetteer,
    );
    expect(car).toMatchObject({ method: 'vehicle_ramming', date: { date: '2026-03-16' } });
    const [sidewalk] = extractEvents(
      'Two weeks after a car was driven along a crowded pavement in Leeds, killing three people, the council began installing bollards.',
      pub,
      gazetteer,
    );
    expect(sidewalk).toMatchObject({ method: 'vehicle_ramming', date: { date: '2026-03-03' } });
  });
  it('places the act where it happened, not where its suspect was caught or its victim was going', () => {
    const at = (text: string) => extractEvents(text, '2026-03-16', gazetteer)[0];
    expect(at("Police arrested a man in Tampere over last Friday's stabbing in Leeds.")?.place).toBe('Leeds');
    expect(
      at(
        'A woman was stabbed at a bus stop on Friday, police in Leeds said. She was on her way to visit her sister in Bristol.',
      )?.place,
    ).toBe('Leeds');
    expect(
      at(
        'Two people were stabbed on a train in Leeds on Sunday. Services to Bristol were suspended for hours.',
      )?.place,
    ).toBe('Leeds');
    expect(
      at('MANCHESTER — A man was arrested carrying a bomb in a backpack at Victoria Station on Tuesday.'),
    ).toMatchObject({
      place: 'Manchester',
      method: 'bombing',
    });
  });
  it('dates the act neither by its dateline nor by another incident named beside it', () => {
    const at = (text: string) => extractEvents(text, '2026-03-16', gazetteer)[0];
    expect(
      at(
        "LEEDS, March 16 — Prosecutors took over the investigation on Monday into Saturday's van attack in Leeds.",
      )?.date,
    ).toMatchObject({ date: '2026-03-14' });
    const ramming = at(
      'A van was driven into a market crowd in Leeds on Saturday, injuring five. Officials stressed there was no link with the March 2 stabbing at Kirkgate Station.',
    );
    expect(ramming).toMatchObject({ method: 'vehicle_ramming', date: { date: '2026-03-14' } });
    expect(ramming?.landmarks).not.toContain('Kirkgate Station');
  });
  it('counts a year to the day, and reads a charge as naming a known act, not a new one', () => {
    const [year] = extractEvents(
      'Families gathered on Friday, a year to the day after gunmen stormed a bar in Leeds.',
      '2026-03-20',
      gazetteer,
    );
    expect(year).toMatchObject({ place: 'Leeds', method: 'shooting', date: { date: '2025-03-20' } });
    const [anniversary] = extractEvents(
      'Families of the seven people killed at a bar in Leeds gathered on Friday, a year to the day after gunmen stormed it.',
      '2026-03-20',
      gazetteer,
    );
    expect(anniversary?.date?.date).toBe('2025-03-20');
    // "Accused of killing" is the charge: the report's own act is the stabbing it names, in passing.
    const court = extractEvents(
      'A week after the Leeds market stabbing, the man accused of killing three people appeared in court on Friday.',
      '2026-03-20',
      gazetteer,
    );
    expect(court.map((m) => m.mode)).toEqual(['reference']);
    expect(gazetteer.find('Traders were back at Warwick Junction this morning.')).toMatchObject([
      { city: null, landmark: 'Warwick Junction' },
    ]);
  });
  it('reads a deliberately started fire as arson', () => {
    const [fire] = extractEvents(
      'A mosque in the north of Leeds was badly damaged by a deliberately started fire early this morning.',
      pub,
      gazetteer,
    );
    expect(fire).toMatchObject({ place: 'Leeds', method: 'arson', date: { date: '2026-03-17' } });
  });
  it('prefers the expression nearest the act', () => {
    expect(resolveIncidentDate("gathered on Monday to remember Saturday's attack", pub, 40)?.date).toBe(
      '2026-03-14',
    );
  });
});

describe('event extraction', () => {
  it('reads place, act, casualties, date and perpetrator ideology from a report', () => {
    const a = parseArticle(readFileSync(join(SAMPLES, 'news/eastbrook-herald.txt'), 'utf8'));
    const [m] = extractEvents(`${a.title}\n\n${a.body}`, a.date, gazetteer);
    expect(m).toMatchObject({
      mode: 'report',
      place: 'Eastbrook',
      method: 'stabbing',
      kind: 'attack',
      casualties: { injured: 3 },
      perpetratorIdeology: 'jihadist',
    });
    expect(m?.date?.date).toBe('2026-03-14');
  });
  it('recognises events named in passing, by their known names', () => {
    const ms = extractEvents(
      'Following the Westminster, Manchester and London Bridge attacks, police were given new powers.',
      '2018-01-10',
      gazetteer,
    );
    const refs = ms.filter((m) => m.mode === 'reference');
    // A landmark or district is placed in its city and kept as a landmark.
    expect(refs.map((m) => m.place)).toEqual(['London', 'Manchester', 'London']);
    expect(refs.map((m) => m.landmarks)).toEqual([['Westminster'], [], ['London Bridge']]);
    expect(refs.map((m) => findEvent(m, seed, '2018-01-10')?.name)).toEqual([
      'Westminster attack',
      'Manchester Arena bombing',
      'London Bridge attack',
    ]);
  });
  it('finds seeded events by alias', () => {
    const [m] = extractEvents(
      'Speakers remembered the Finsbury Park mosque attack at the vigil.',
      '2020-06-19',
      gazetteer,
    ).filter((x) => x.mode === 'reference');
    expect(m && findEvent(m, seed, '2020-06-19')?.name).toBe('Finsbury Park attack');
  });
  it('does not read metaphors, sport or weather as attacks', () => {
    for (const t of [
      'The opposition attacked the budget plans.',
      'Leeds beat Bristol 3-1 on Saturday.',
      'Heavy rain is expected in Glasgow.',
    ]) {
      expect(
        extractEvents(t, '2026-04-01', gazetteer).filter((m) => m.mode === 'report'),
        t,
      ).toEqual([]);
    }
  });
  it('merges reports of one incident from several outlets into one event', () => {
    const [first] = extractEvents(
      'Two men were stabbed outside a mosque in Leeds last night.',
      '2026-04-02T08:00:00Z',
      gazetteer,
    );
    const [second] = extractEvents(
      "Police are questioning a man after Wednesday night's stabbing in Leeds, in which two people were injured.",
      '2026-04-03T08:00:00Z',
      gazetteer,
    );
    if (!first || !second) throw new Error('expected mentions');
    const event = eventFromMention(first, '2026-04-02T08:00:00Z');
    expect(findEvent(second, [event], '2026-04-03T08:00:00Z')?.id).toBe(event.id);
    expect(mergeMention(event, second).casualties.injured).toBe(2);
    const elsewhere = extractEvents(
      'A man was stabbed in Bristol last night.',
      '2026-04-02T08:00:00Z',
      gazetteer,
    )[0];
    expect(elsewhere && findEvent(elsewhere, [event], '2026-04-02T08:00:00Z')).toBeNull();
  });
});

const analysis = (labels: string[], ideology: Analysis['ideology']['label']): Analysis =>
  ({
    schema: 'vigil.analysis/1',
    context: 'primary',
    labels: labels.map((label) => ({ label, score: 0.9, evidence: [], legal_basis: [] })),
    scores: {},
    ideology: { label: ideology, score: 0.9 },
    targets: [],
    quotes: [],
    events: [],
    action: labels.length ? 'refer' : 'none',
    model: 't',
  }) as unknown as Analysis;

describe('linking and reactions', () => {
  const event = {
    ...seed.find((e) => e.name === 'Finsbury Park attack'),
    id: 'evt_fp',
  } as (typeof seed)[number];
  it('links by name, by place in the weeks after, and by cluster', () => {
    const byName = linkItem(
      {
        text: 'Revenge for the Finsbury Park attack!',
        platform: 'telegram',
        posted_at: '2017-06-20T10:00:00Z',
        analysis: analysis(['incitement'], 'jihadist'),
        cluster_id: null,
      },
      [event],
      new Map(),
    );
    expect(byName[0]).toMatchObject({ eventId: 'evt_fp', confidence: 0.95 });
    const byPlace = linkItem(
      {
        text: 'What happened at Finsbury Park will be avenged',
        platform: 'telegram',
        posted_at: '2017-06-21T10:00:00Z',
        analysis: null,
        cluster_id: null,
      },
      [{ ...event, name: 'x', aliases: [], place: 'Finsbury Park' }],
      new Map(),
    );
    expect(byPlace[0]?.confidence).toBe(0.8);
    const tooLate = linkItem(
      {
        text: 'Finsbury Park park run results',
        platform: 'web',
        posted_at: '2019-01-01T00:00:00Z',
        analysis: null,
        cluster_id: null,
      },
      [{ ...event, name: 'x', aliases: [], place: 'Finsbury Park' }],
      new Map(),
    );
    expect(tooLate).toEqual([]);
    const placeOnly = linkItem(
      {
        text: 'Weather update: rain all week in Finsbury Park.',
        platform: 'telegram',
        posted_at: '2017-06-21T10:00:00Z',
        analysis: null,
        cluster_id: null,
      },
      [{ ...event, name: 'x', aliases: [], place: 'Finsbury Park' }],
      new Map(),
    );
    expect(placeOnly).toEqual([]);
    const byCluster = linkItem(
      { text: 'unrelated words', platform: 'telegram', posted_at: null, analysis: null, cluster_id: 7 },
      [event],
      new Map([[7, ['evt_fp']]]),
    );
    expect(byCluster[0]).toMatchObject({ eventId: 'evt_fp', confidence: 0.7 });
  });
});
