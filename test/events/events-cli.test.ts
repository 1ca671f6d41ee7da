import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDb } from '../helpers/cli.js';

describe('vigil events', () => {
  it('lists incidents without a place apart, under --candidates', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-news-'));
    writeFileSync(
      join(dir, 'placed.txt'),
      'date: 2026-04-02\ntitle: Two stabbed in Leeds\nsource: Valley Post\n\nTwo men were stabbed outside a mosque in Leeds last night.\n',
    );
    writeFileSync(
      join(dir, 'unplaced.txt'),
      'date: 2026-04-02\ntitle: Knife attack\nsource: Harbour Times\n\nAn English teacher was stabbed during Ramadan prayers on Tuesday.\n',
    );
    const env = { VIGIL_DB: tempDb() };
    expect((await runCli(['scan', dir, '--json'], env, 200_000)).code).toBe(0);
    const events = JSON.parse((await runCli(['events', '--json'], env)).stdout) as { place: string | null }[];
    expect(events.map((e) => e.place)).toEqual(['Leeds']);
    const candidates = JSON.parse((await runCli(['events', '--candidates', '--json'], env)).stdout) as {
      place: string | null;
      linked_items: number;
    }[];
    expect(candidates).toMatchObject([{ place: null, linked_items: 1 }]);
  });

  it("keeps an analyst's split through the next scan, and refuses a split it cannot make in one line", {
    timeout: 240_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-news-'));
    const write = (file: string, date: string, body: string) =>
      writeFileSync(join(dir, file), `date: ${date}\ntitle: Report\nsource: Valley Post\n\n${body}\n`);
    write('a.txt', '2026-04-02', 'Two men were stabbed outside a mosque in Leeds last night.');
    // Another stabbing the next day, which the resolver takes for the same incident.
    write('b.txt', '2026-04-03', 'A woman was stabbed at a bus stop in Leeds on Thursday.');
    const env = { VIGIL_DB: tempDb() };
    expect((await runCli(['scan', dir, '--json'], env, 200_000)).code).toBe(0);
    const [event] = JSON.parse((await runCli(['events', '--json'], env)).stdout) as { id: string }[];
    const detail = async (id: string) =>
      JSON.parse((await runCli(['event', id, '--json'], env)).stdout) as {
        linked: { item_id: number; text: string }[];
      };
    const linked = (await detail(event?.id ?? '')).linked;
    expect(linked).toHaveLength(2);
    const third = linked.find((l) => l.text.includes('A woman')) as { item_id: number };

    const split = await runCli(
      [
        'event-admin',
        'split',
        event?.id ?? '',
        '--items',
        String(third.item_id),
        '--name',
        'Leeds second stabbing',
        '--date',
        '2026-04-03',
        '--place',
        'Leeds',
      ],
      env,
    );
    expect(split.code, split.stderr).toBe(0);
    const second = split.stdout.trim();
    expect((await detail(event?.id ?? '')).linked.map((l) => l.item_id)).not.toContain(third.item_id);
    expect((await detail(second)).linked.map((l) => l.item_id)).toEqual([third.item_id]);

    // A follow-up naming the place arrives; the next scan links it, and the split stands.
    write('c.txt', '2026-04-06', 'Flowers were left in Leeds after the stabbings, police said on Monday.');
    expect((await runCli(['scan', dir, '--json'], env, 200_000)).code).toBe(0);
    expect((await detail(event?.id ?? '')).linked.map((l) => l.item_id)).not.toContain(third.item_id);

    const stranger = await runCli(
      ['event-admin', 'split', event?.id ?? '', '--items', '999999', '--name', 'X', '--date', '2026-04-03'],
      env,
    );
    expect(stranger.code).toBe(1);
    expect(stranger.stderr.trim().split('\n')).toHaveLength(1);
    expect(stranger.stderr).toContain('is not linked to event');
    const badDate = await runCli(
      ['event-admin', 'split', event?.id ?? '', '--items', '1', '--name', 'X', '--date', 'April 3'],
      env,
    );
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('--date must be YYYY-MM-DD');
  });
});
