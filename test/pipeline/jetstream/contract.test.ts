import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, runCli, SAMPLES, spawnCli, tempDb } from '../../helpers/cli.js';
import { type NatsCluster, natsServerAvailable, startNats } from '../../helpers/nats.js';
import { dropSchema, postgresAvailable, TEST_PG_URL, uniqueSchema } from '../../helpers/postgres.js';

const available = (await postgresAvailable()) && natsServerAvailable();
const INPUTS = [join(SAMPLES, 'telegram'), join(SAMPLES, 'news')];

type Json = Record<string, unknown>;

/** What a user reads from the store after a scan, with ids and ordering taken out. */
async function observe(env: Record<string, string>) {
  const json = async (args: string[]) => {
    const r = await runCli([...args, '--json'], env);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return JSON.parse(r.stdout);
  };
  const search: string[][] = [];
  for (const q of ['strike back', 'Eastbrook', 'join'])
    search.push(
      ((await json(['search', q])) as Json[])
        .map((h) => `${h.source}|${h.platform}|${h.posted_at}|${h.text}`)
        .sort(),
    );
  const clusters = ((await json(['clusters', '--min-sources', '1'])) as Json[])
    .map((c) => ({
      first_seen: c.first_seen,
      sources: [...(c.sources as string[])].sort(),
      members: (c.members as Json[])
        .map((m) => `${m.source}|${m.quote_index === null ? 'item' : 'quote'}|${m.text}`)
        .sort(),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const details = new Map<unknown, { linked: Json[] }>();
  const eventList = (await json(['events'])) as Json[];
  for (const e of eventList) details.set(e.id, (await json(['event', e.id as string])) as { linked: Json[] });
  const events = eventList
    .map((e) => {
      const detail = details.get(e.id) as { linked: Json[] };
      return {
        name: e.name,
        aliases: [...(e.aliases as string[])].sort(),
        date: e.date,
        place: e.place,
        kind: e.kind,
        perpetrator_ideology: e.perpetrator_ideology,
        linked_items: e.linked_items,
        linked: detail.linked
          .map((l) => `${l.source}|${l.quote_index === null ? 'item' : 'quote'}|${l.text}`)
          .sort(),
      };
    })
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const alerts = ((await json(['alerts'])) as Json[])
    .map((a) => `${a.rule}|${String(a.summary).replace(/\d+/g, '#')}`)
    .sort();
  return { search, clusters, events, alerts };
}

describe.skipIf(!available)('the embedded and scaled presets agree', () => {
  let nats: NatsCluster;
  let schema: string;
  let scaled: Record<string, string>;

  beforeAll(async () => {
    nats = await startNats(1);
    schema = uniqueSchema();
    scaled = {
      VIGIL_NATS_URL: nats.url,
      VIGIL_NATS_STREAM: `C${randomBytes(4).toString('hex')}`,
      VIGIL_DB: `${TEST_PG_URL}?schema=${schema}`,
      VIGIL_AUDIT_KEY: 'test-audit-key-0123456789abcdef0123',
      VIGIL_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigil-data-')),
    };
  });

  afterAll(async () => {
    await nats?.stop();
    if (schema) await dropSchema(schema);
  });

  it('search, clusters, events and alerts match for the same input', async () => {
    const embedded = { VIGIL_DB: tempDb() };
    const local = await runCli(['scan', ...INPUTS, '--json'], embedded);
    expect(local.code, local.stderr).toBe(0);

    const workers = ['analyze', 'match', 'events', 'alerts'].map((stage) =>
      spawnCli(['worker', '--stage', stage, '--quiet'], scaled),
    );
    try {
      const remote = await runCli(['scan', ...INPUTS, '--json'], scaled, 120_000);
      expect(remote.code, remote.stderr).toBe(0);
      const a = JSON.parse(local.stdout);
      const b = JSON.parse(remote.stdout);
      expect(b.ingest).toEqual(a.ingest);
      expect(b.analyze).toEqual(a.analyze);
      expect(b.failed).toEqual([]);
      expect(b.flagged.map((f: Json) => f.text)).toEqual(a.flagged.map((f: Json) => f.text));

      const left = await observe(embedded);
      const right = await observe(scaled);
      expect(left.search.flat().length).toBeGreaterThan(0);
      expect(left.clusters.length).toBeGreaterThan(0);
      expect(left.events.length).toBeGreaterThan(0);
      expect(left.alerts.length).toBeGreaterThan(0);
      expect(right.search).toEqual(left.search);
      expect(right.clusters).toEqual(left.clusters);
      expect(right.events).toEqual(left.events);
      expect(right.alerts).toEqual(left.alerts);
    } finally {
      for (const w of workers) w.kill('SIGTERM');
      for (const w of workers) await exited(w);
    }
  }, 240_000);
});
