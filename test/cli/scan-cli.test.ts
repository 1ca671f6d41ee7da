import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, SAMPLES, tempDb } from '../helpers/cli.js';

describe('vigil scan', () => {
  it('links forwards and news quotes of one message into one cluster with its spread', async () => {
    const env = { VIGIL_DB: tempDb() };
    const scan = await runCli(['scan', join(FIXTURES, 'spread'), '--json'], env);
    expect(scan.code).toBe(0);
    const clusters = JSON.parse((await runCli(['clusters', '--min-sources', '2', '--json'], env)).stdout);
    expect(clusters).toHaveLength(1);
    const [cluster] = clusters;
    expect(Object.keys(cluster).sort()).toEqual(['first_seen', 'id', 'members', 'size', 'sources']);
    expect(cluster.sources.sort()).toEqual([
      'Coastal Relay',
      'First Outlet',
      'Harbour Watch',
      'Second Outlet',
    ]);
    const quotes = cluster.members.filter((m: { quote_index: number | null }) => m.quote_index !== null);
    expect(quotes.map((m: { source: string }) => m.source).sort()).toEqual(['First Outlet', 'Second Outlet']);
    const detail = JSON.parse((await runCli(['cluster', String(cluster.id), '--json'], env)).stdout);
    expect(detail.origin).toMatchObject({ source: 'Harbour Watch', how: 'named_in_quote' });
    const edges = detail.edges
      .map((e: { from: string; to: string; kind: string }) => `${e.kind}:${e.from}->${e.to}`)
      .sort();
    expect(edges).toEqual([
      'forward:Harbour Watch->Coastal Relay',
      'reported_by:Harbour Watch->First Outlet',
      'reported_by:Harbour Watch->Second Outlet',
    ]);
    // A second scan adds nothing and keeps the cluster.
    const again = JSON.parse((await runCli(['scan', join(FIXTURES, 'spread'), '--json'], env)).stdout);
    expect(again.ingest.new).toBe(0);
    expect(again.match.clustered).toBe(0);
  });

  it('joins a message quoted in full by one outlet and in edited pieces by another; a stock phrase stays apart', async () => {
    const env = { VIGIL_DB: tempDb() };
    expect((await runCli(['scan', join(FIXTURES, 'spread-fragments'), '--json'], env)).code).toBe(0);
    const clusters = JSON.parse((await runCli(['clusters', '--min-sources', '2', '--json'], env)).stdout);
    expect(clusters).toHaveLength(1);
    const [cluster] = clusters;
    const quotes = cluster.members.filter((m: { quote_index: number | null }) => m.quote_index !== null);
    const pieces = (outlet: string) =>
      quotes
        .filter((m: { source: string; text: string }) => m.source === outlet)
        .map((m: { text: string }) => m.text);
    expect(pieces('North Ledger')).toHaveLength(1);
    // Both pieces of the second outlet's quote, each on its own side of the attribution.
    expect(pieces('Valley Courier').join(' ')).toMatch(
      /^The depot burned tonight.*every street from the river/s,
    );
    // The unrelated post that shares "the cowards who run this town will learn" is not in it.
    expect(quotes.some((m: { text: string }) => /harbour market/.test(m.text))).toBe(false);
    const detail = JSON.parse((await runCli(['cluster', String(cluster.id), '--json'], env)).stdout);
    expect(detail.origin).toMatchObject({ source: 'Lantern Front', how: 'named_in_quote' });
    const edges = detail.edges.map(
      (e: { from: string; to: string; kind: string }) => `${e.kind}:${e.from}->${e.to}`,
    );
    expect(edges.sort()).toEqual([
      'reported_by:Lantern Front->North Ledger',
      'reported_by:Lantern Front->Valley Courier',
    ]);
  });

  it('keeps item text out of its log (stderr), whatever the items say', async () => {
    const env = { VIGIL_DB: tempDb() };
    const file = join(env.VIGIL_DB, '..', 'posts.jsonl');
    const lines = [
      'Zorblax marker: we must burn every mosque in this town tonight',
      'Zorblax marker: join the fight, brothers, the call has come',
      '{"broken": ',
    ];
    writeFileSync(
      file,
      `${lines
        .slice(0, 2)
        .map((text, i) =>
          JSON.stringify({ id: String(i), text, author: 'a', posted_at: '2024-03-01T10:00:00Z' }),
        )
        .join('\n')}\n${lines[2]}\n`,
    );
    const scan = await runCli(['scan', file], env);
    // The broken third line is an error (exit 1), reported by line number only.
    expect(scan.code).toBe(1);
    expect(scan.stderr).toContain(':3: jsonl: line 3: not JSON');
    expect(scan.stderr).not.toContain('Zorblax');
    expect(scan.stderr).not.toContain('mosque');
  });

  it('reports flagged items from the samples and stores their analyses', async () => {
    const env = { VIGIL_DB: tempDb() };
    const r = await runCli(['scan', join(SAMPLES, 'telegram'), join(SAMPLES, 'news')], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Needs attention:');
    expect(r.stdout).toContain('[REFER]');
    expect(r.stdout).toMatch(/incitement (0\.\d+|1\.00); ideology far_right/);
  });

  it("finds one event in several outlets' reports with relative dates, links the reactions, lists the other side's calls", async () => {
    const env = { VIGIL_DB: tempDb() };
    const scan = JSON.parse(
      (await runCli(['scan', join(SAMPLES, 'news'), join(SAMPLES, 'telegram'), '--json'], env)).stdout,
    );
    expect(scan.events.newEvents).toBe(1);
    const events = JSON.parse((await runCli(['events', '--json'], env)).stdout);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      name: 'Eastbrook stabbing',
      date: '2026-03-14',
      place: 'Eastbrook',
      kind: 'attack',
      perpetrator_ideology: 'jihadist',
    });
    const detail = JSON.parse((await runCli(['event', events[0].id, '--json'], env)).stdout);
    const telegram = detail.linked
      .filter((l: { platform: string }) => l.platform === 'telegram')
      .map((l: { item_id: number }) => l.item_id);
    expect(telegram.length).toBeGreaterThanOrEqual(3);
    type Post = { text: string; ideology: string; posted_by: { platform: string }; reported_by: unknown };
    const reactions = detail.reactions.filter((r: Post) => r.posted_by.platform === 'telegram');
    expect(reactions.map((r: Post) => r.text)).toEqual(
      expect.arrayContaining(['Strike back at every mosque in Eastbrook!!']),
    );
    expect(reactions.every((r: Post) => r.ideology === 'far_right')).toBe(true);
    // A post a newspaper quotes is the post's reaction, shown with the outlet that reported it.
    expect(detail.reactions.some((r: Post) => r.posted_by.platform === 'news')).toBe(false);
    expect(detail.reactions.some((r: Post) => r.reported_by !== null)).toBe(true);
    expect(detail.celebrations.map((r: Post) => r.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/hero and a martyr/)]),
    );
    // One count of linked items everywhere, each item once with all its reasons.
    const ids = detail.linked.map((l: { item_id: number }) => l.item_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(detail.linked_items).toBe(ids.length);
    expect(events[0].linked_items).toBe(ids.length);
    expect(detail.event.casualties.injured).toBeGreaterThan(0);
  });

  it('links posts scanned before the news that reports their incident', async () => {
    const env = { VIGIL_DB: tempDb() };
    await runCli(['scan', join(SAMPLES, 'telegram')], env);
    await runCli(['scan', join(SAMPLES, 'news')], env);
    const [event] = JSON.parse((await runCli(['events', '--json'], env)).stdout);
    expect(event?.name).toBe('Eastbrook stabbing');
    const detail = JSON.parse((await runCli(['event', event.id, '--json'], env)).stdout);
    expect(detail.reactions.map((r: { text: string }) => r.text)).toContain(
      'Strike back at every mosque in Eastbrook!!',
    );
  });

  it('answers an unknown cluster with one clear line', async () => {
    const r = await runCli(['cluster', '999'], { VIGIL_DB: tempDb() });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('vigil: cluster: no cluster 999');
  });
});

describe('vigil hash and banks', () => {
  it('hashes an image and matches it after importing its hash into a bank', async () => {
    const env = { VIGIL_DB: tempDb() };
    const photo = join(SAMPLES, 'telegram/photos/photo_1@15-03-2026_22-10-00.jpg');
    const hashed = JSON.parse((await runCli(['hash', photo, '--json'], env)).stdout);
    expect(hashed[0]).toMatchObject({ file: photo, pdq: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const list = join(tempDb().replace(/vigil\.db$/, ''), 'list.txt');
    writeFileSync(list, `pdq ${hashed[0].pdq} sample\n`);
    const imported = JSON.parse(
      (await runCli(['banks', 'import', list, '--bank', 'peers', '--format', 'lines', '--json'], env)).stdout,
    );
    expect(imported).toMatchObject({ read: 1, new: 1 });
    const exported = (await runCli(['banks', 'export', 'peers'], env)).stdout;
    expect(exported).toBe(`signal_type,signal_value,labels\npdq,${hashed[0].pdq},sample\n`);
    const scan = JSON.parse((await runCli(['scan', join(SAMPLES, 'telegram'), '--json'], env)).stdout);
    expect(scan.media.bank_matches).toBe(1);
    const alerts = JSON.parse((await runCli(['alerts', '--json'], env)).stdout);
    expect(alerts[0]).toMatchObject({ rule: 'hash_list_match' });
    expect(alerts[0].evidence[0]).toMatchObject({ bank: 'peers', signal_type: 'pdq' });
  });

  it('matches media stored before a bank is imported, once', async () => {
    const env = { VIGIL_DB: tempDb() };
    expect((await runCli(['scan', join(SAMPLES, 'telegram'), '--json'], env)).code).toBe(0);
    const photo = join(SAMPLES, 'telegram/photos/photo_1@15-03-2026_22-10-00.jpg');
    const [hashed] = JSON.parse((await runCli(['hash', photo, '--json'], env)).stdout);
    const list = join(tempDb().replace(/vigil\.db$/, ''), 'later.txt');
    writeFileSync(list, `pdq ${hashed.pdq} later\n`);
    const imported = JSON.parse(
      (await runCli(['banks', 'import', list, '--bank', 'later', '--format', 'lines', '--json'], env)).stdout,
    );
    expect(imported.stored_media_matches).toBe(1);
    expect(imported.stored_media_checked).toBeGreaterThanOrEqual(1);
    // Importing the same list again adds no signal and raises nothing twice.
    await runCli(['banks', 'import', list, '--bank', 'later', '--format', 'lines', '--json'], env);
    const alerts = JSON.parse((await runCli(['alerts', '--json'], env)).stdout);
    expect(alerts.filter((a: { rule: string }) => a.rule === 'hash_list_match')).toHaveLength(1);
  });
});
