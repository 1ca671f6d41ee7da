import { describe, expect, it } from 'vitest';
import { LANGUAGE_PACKS } from '../../src/analyze/languages.js';
import { findQuotes } from '../../src/analyze/text/03-quotes.js';

const kinds = (text: string, code = 'en') =>
  findQuotes(text, LANGUAGE_PACKS.get(code)).map((q) => `${q.kind}: ${q.text}`);

describe('every kind of quote', () => {
  it('finds block quotes, speech after a colon and reported speech', () => {
    expect(kinds('A user replied:\n> we strike at dawn, all of us\n> no mercy this time')).toEqual([
      'block: we strike at dawn, all of us\n> no mercy this time',
    ]);
    expect(kinds('One post read: Now we burn the depot to the ground')).toEqual([
      'colon: Now we burn the depot to the ground',
    ]);
    // Colon speech runs over the post's sentences and stops where the reporter speaks again.
    expect(kinds('One post read: Now we burn the depot. Nobody will stop us.')).toEqual([
      'colon: Now we burn the depot. Nobody will stop us.',
    ]);
    expect(
      kinds(
        'He wrote: Now we burn the depot. He also shared a map of it, prosecutors said. Nobody was hurt.',
      ),
    ).toEqual(['colon: Now we burn the depot.']);
    // A line that ends with the colon introduces the paragraph after it.
    expect(
      kinds('The post, which police are investigating, read:\n\nWe know where you sleep.\n\nPolice said.'),
    ).toEqual(['colon: We know where you sleep.']);
    expect(kinds('The admin wrote that the depot should burn tonight.')).toEqual([
      'reported: the depot should burn tonight.',
    ]);
    expect(kinds('The admin WROTE THAT the depot should burn tonight.')).toEqual([
      'reported: the depot should burn tonight.',
    ]);
  });

  it('reads each language its own way', () => {
    expect(kinds("Le compte a déclaré qu'il fallait brûler le dépôt ce soir.", 'fr')).toEqual([
      'reported: il fallait brûler le dépôt ce soir.',
    ]);
    expect(kinds('Der Kanal schrieb: „Heute Nacht brennt das Depot.“', 'de')).toEqual([
      'quoted: Heute Nacht brennt das Depot.',
    ]);
  });

  it('finds nothing in a text without marks, colons or reported speech', () => {
    expect(kinds('Burn the depot tonight, nobody will stop us.')).toEqual([]);
  });
});
