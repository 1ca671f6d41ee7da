import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDb } from '../helpers/cli.js';

/** Three synthetic posts about the harbour (one repeats it) and one about something else. */
const POSTS = [
  { uid: '1', body: 'Rally planned near the harbour tonight', ts: '2024-02-03T10:00:00Z' },
  { uid: '2', body: 'harbour harbour, everyone to the harbour', ts: '2024-02-03T08:00:00Z' },
  { uid: '3', body: 'A quiet day at the market', ts: '2024-02-03T11:00:00Z' },
  { uid: '4', body: 'The harbour gate closes at noon', ts: '2024-02-03T09:00:00Z' },
];

describe('vigil search', () => {
  it('prints the documented fields plus a snippet, orders by date or relevance, and counts matches', async () => {
    const env = { VIGIL_DB: tempDb() };
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-search-')), 'posts.jsonl');
    writeFileSync(file, POSTS.map((p) => JSON.stringify(p)).join('\n'));
    const ingest = await runCli(['ingest', file, '--map', 'id=uid,text=body,posted_at=ts'], env);
    expect(ingest.code).toBe(0);

    const byDate = JSON.parse((await runCli(['search', 'harbour', '--json'], env)).stdout);
    expect(byDate.map((h: { text: string }) => h.text)).toEqual([
      'Rally planned near the harbour tonight',
      'The harbour gate closes at noon',
      'harbour harbour, everyone to the harbour',
    ]);
    expect(Object.keys(byDate[0]).sort()).toEqual([
      'item_id',
      'platform',
      'posted_at',
      'snippet',
      'source',
      'text',
    ]);
    expect(byDate[0].snippet.matches).toEqual([{ start: 23, end: 30 }]);

    const byRelevance = JSON.parse(
      (await runCli(['search', 'harbour', '--sort', 'relevance', '--json'], env)).stdout,
    );
    expect(byRelevance[0].text).toBe('harbour harbour, everyone to the harbour');

    const human = await runCli(['search', 'harbour', '--limit', '2'], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('3 items match; 2 shown, newest first.');
    expect(human.stdout).toContain('Rally planned near the harbour tonight');

    const bad = await runCli(['search', 'harbour', '--sort', 'best'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('vigil: search: --sort must be date or relevance, not "best"');
  }, 60_000);
});
