import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ARABIC_FOLDS, ARABIC_MARK_RANGES } from '../../src/analyze/text/01-scripts.js';
import { searchFold } from '../../src/store/dialect-profile.js';
import { postgresAvailable, temporaryPostgresStore } from '../helpers/postgres.js';

const available = await postgresAvailable();

/** Characters the fold changes or drops, their neighbours in the Arabic block, and other scripts. */
const ALPHABET = [
  ...Object.keys(ARABIC_FOLDS),
  ...ARABIC_MARK_RANGES.flatMap(([a, b]) => [a, b, a - 1, b + 1].map((u) => String.fromCharCode(u))),
  ...'ابتثجحخدذرسشصضطظعغفقكلمنهوي',
  ...'aZ09 .,-[]^\\\'"äßПривет\n\t',
];

describe.skipIf(!available)('vigil_fold on PostgreSQL', () => {
  const opened = temporaryPostgresStore();

  it('folds every text exactly as search queries are folded', async () => {
    const texts = fc.sample(
      fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((cs) => cs.join('')),
      { numRuns: 400, seed: 14 },
    );
    texts.push('', 'plain latin text', 'تحديثٌ مِنَ المدينـــة حول الطقس', 'ى ة ک ی ٣ ۴ ، ؟');
    const { rows } = await sql<{ folded: string }>`
      SELECT vigil_fold(t) AS folded FROM unnest(${texts}::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`.execute(
      opened().db,
    );
    expect(rows.map((r) => r.folded)).toEqual(texts.map(searchFold));
  });
});
