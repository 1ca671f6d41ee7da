import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGazetteer } from '../../src/events/gazetteer.js';
import { shippedEventData } from '../../src/presets/embedded.js';

const { gazetteer } = shippedEventData();
const cities = (text: string) => gazetteer.find(text).map((h) => h.city);

describe('gazetteer', () => {
  it('reads English names for the local names GeoNames gives', () => {
    expect(cities('A van was driven into a crowd in Sevilla.')).toEqual(['Seville']);
    expect(cities('Police in Göteborg said two were hurt.')).toEqual(['Gothenburg']);
    expect(cities('Shots were fired in München on Friday.')).toEqual(['Munich']);
  });

  it('takes a GeoNames city only in a locative frame', () => {
    expect(cities('Two men were stabbed in Tampere last night.')).toEqual(['Tampere']);
    expect(cities('TAMPERE — Two men were stabbed last night.')).toEqual(['Tampere']);
    expect(cities('TAMPERE, Finland, April 4 — Two men were stabbed last night.')).toEqual(['Tampere']);
    expect(cities('Residents mourned after the Tampere stabbing.')).toEqual(['Tampere']);
    expect(cities('The centre, on the edge of Eindhoven, was empty.')).toEqual(['Eindhoven']);
    // Ordinary words and first names that are also cities stand in no such frame here.
    expect(cities('Split opinions followed. Victoria said the Mobile team was Nice.')).toEqual([]);
    expect(cities('A bar was attacked in Split on Sunday.')).toEqual(['Split']);
  });

  it('never takes an ordinary word, a small town or a headline word for a place', () => {
    expect(cities('The man was held in Police custody.')).toEqual([]);
    expect(cities('An English teacher was attacked during Ramadan.')).toEqual([]);
    expect(cities('Knife Attack In Mobile Home Park Leaves Two Hurt')).toEqual([]);
  });

  it('recognises a curated name that is also a word only in a frame', () => {
    expect(cities('Reading the report, police said nothing.')).toEqual([]);
    expect(cities('Three people were stabbed in Reading.')).toEqual(['Reading']);
  });

  it('places landmarks in their city', () => {
    expect(gazetteer.find('A gunman opened fire at Piccadilly Gardens.')).toMatchObject([
      { city: 'Manchester', landmark: 'Piccadilly Gardens' },
    ]);
    // An unknown landmark phrase is a landmark whose city the text must give.
    expect(gazetteer.find('Shots near Kalvi Square in Tampere')).toMatchObject([
      { city: null, landmark: 'Kalvi Square' },
      { city: 'Tampere', landmark: null },
    ]);
  });

  it('places a landmark named after its city, hyphenated or not, in that city', () => {
    expect(gazetteer.find('A knife attack at Leeds-Central station on Thursday.')).toMatchObject([
      { city: 'Leeds', landmark: 'Leeds-Central station' },
    ]);
    expect(gazetteer.find('Shots were fired at the Tampere Central station.')).toMatchObject([
      { city: 'Tampere', landmark: 'Tampere Central station' },
    ]);
    // A small town's name at the head of a landmark says nothing of its city.
    expect(gazetteer.find('Shots near Kalvi Square.')).toMatchObject([
      { city: null, landmark: 'Kalvi Square' },
    ]);
  });

  it('reads a city written without its diacritics, with a possessive, or by its police', () => {
    expect(cities('Three people were shot in Gdansk last night.')).toEqual(['Gdańsk']);
    expect(cities('A car hit shoppers in Leipzig’s old town.')).toEqual(['Leipzig']);
    expect(cities('Bilbao police have doubled their patrols.')).toEqual(['Bilbao']);
  });

  it('reads "in the X city centre" and "in downtown X", and no city named in a comparison', () => {
    expect(cities('A man attacked traders in the Tampere city centre.')).toEqual(['Tampere']);
    expect(cities('A car hit pedestrians in downtown Tampere.')).toEqual(['Tampere']);
    // Found, but below every frame a place of the act may stand in.
    const compared = gazetteer.find(
      'Services through the busiest station in England outside London were halted.',
    );
    expect(compared.map((h) => [h.city, h.frame < -1])).toEqual([['London', true]]);
  });

  it('names the entry of a landmark without its city', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-gaz-')), 'g.yaml');
    writeFileSync(
      file,
      'cities:\n  Leeds: { country: GB }\nlandmarks:\n  Kirkgate Market: { country: GB }\n',
    );
    expect(() => readGazetteer(file)).toThrow(/landmarks\.Kirkgate Market\.city/);
  });
});
