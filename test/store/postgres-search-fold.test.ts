import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ARABIC_FOLDS, ARABIC_MARK_RANGES } from '../../src/analyze/text/01-scripts.js';
import { searchFold } from '../../src/store/dialect-profile.js';
import { postgresFoldFunction, postgresProfile } from '../../src/store/postgres/postgres-dialect-profile.js';
import { postgresAvailable, TEST_PG_URL, temporaryPostgresStore } from '../helpers/postgres.js';

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

describe.skipIf(!available)('vigil_fold inlined on PostgreSQL', () => {
  const opened = temporaryPostgresStore();
  const plan = async (client: pg.Client, schema: string) => {
    await client.query('BEGIN');
    try {
      // On a small table the planner would scan it whatever the index: ask whether it can use it.
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM ${schema}.items
         WHERE to_tsvector('simple', ${schema}.vigil_fold(text)) @@ plainto_tsquery('simple', 'word')`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await client.query('ROLLBACK');
    }
  };

  it('expands the fold into the search, served by the index, also for a session that read the index before', async () => {
    const { rows } = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(opened().db);
    const schema = rows[0]?.s as string;
    const earlier = new pg.Client({ connectionString: TEST_PG_URL });
    await earlier.connect();
    try {
      // A session that read the index while the fold was still a STRICT function (as before 0016).
      await sql.raw(postgresFoldFunction().replace('CALLED ON NULL INPUT', 'STRICT')).execute(opened().db);
      expect(await plan(earlier, schema)).toContain('items_text_fts');
      await postgresProfile.redefineSearchFold(opened().db);
      const now = await plan(earlier, schema);
      expect(now).toContain('items_text_fts');
      expect(now).not.toContain('vigil_fold');
      const { rows: nulls } = await sql<{ f: string | null }>`SELECT vigil_fold(NULL) AS f`.execute(
        opened().db,
      );
      expect(nulls).toEqual([{ f: null }]);
    } finally {
      await earlier.end();
    }
  });
});
