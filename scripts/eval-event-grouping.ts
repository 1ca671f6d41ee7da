/**
 * One event per incident, measured: scans a folder of news reports into a fresh store and compares
 * the events `vigil events` lists with a key (`file,incident,city,country,date`). Prints how many
 * events were made, how many incidents came out as exactly one event with the right city and date,
 * and which incidents were split, merged or missed.
 *   npm run eval:event-grouping -- --reports test/blind/events-1/reports --key test/blind/events-1/key.csv
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { parseArticle } from '../src/ingest/article/article-adapter.js';
import { withoutDiacritics } from '../src/shared/diacritics.js';

const { values } = parseArgs({
  options: {
    reports: { type: 'string' },
    key: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
if (!values.reports || !values.key) {
  console.error('usage: eval-event-grouping --reports DIR --key KEY.csv');
  process.exit(1);
}
const cli = join(import.meta.dirname, '../src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'vigil-events-'));
const env = { ...process.env, VIGIL_DB: join(dir, 'vigil.db') };
const vigil = (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vigil ${args[0]} exited ${r.status}: ${r.stderr.slice(-400)}`);
  return r.stdout;
};

/** City names compared without case or diacritics: "Kraków" is the key's "Krakow". */
const samePlace = (a: string | null, b: string) =>
  a !== null && withoutDiacritics(a).toLowerCase() === withoutDiacritics(b).toLowerCase();

interface KeyRow {
  file: string;
  incident: string;
  city: string;
  date: string;
}
const key = parse(readFileSync(values.key, 'utf8'), { columns: true }) as KeyRow[];
const incidentOfBody = new Map<string, KeyRow>();
for (const file of readdirSync(values.reports)) {
  const row = key.find((k) => k.file === file);
  if (row) incidentOfBody.set(parseArticle(readFileSync(join(values.reports, file), 'utf8')).body, row);
}

try {
  vigil(['scan', values.reports, '--json']);
  const events = JSON.parse(vigil(['events', '--json'])) as {
    id: string;
    name: string;
    date: string | null;
    place: string | null;
    linked_items: number;
  }[];
  const incidentsOf = new Map<string, Set<string>>();
  const eventsOf = new Map<string, Set<string>>();
  for (const e of events) {
    // Each linked item once, with its own text (its quotes are listed inside it).
    const detail = JSON.parse(vigil(['event', e.id, '--json'])) as { linked: { text: string }[] };
    for (const l of detail.linked) {
      const row = incidentOfBody.get(l.text);
      if (!row) continue;
      incidentsOf.set(e.id, (incidentsOf.get(e.id) ?? new Set()).add(row.incident));
      eventsOf.set(row.incident, (eventsOf.get(row.incident) ?? new Set()).add(e.id));
    }
  }
  const incidents = [...new Set(key.map((k) => k.incident))];
  const exact: string[] = [];
  const problems: string[] = [];
  for (const incident of incidents) {
    const truth = key.find((k) => k.incident === incident) as KeyRow;
    const linked = [...(eventsOf.get(incident) ?? [])].map((id) => events.find((e) => e.id === id));
    const one = linked.length === 1 ? linked[0] : undefined;
    const alone = one && incidentsOf.get(one.id)?.size === 1;
    const right = one && samePlace(one.place, truth.city) && one.date === truth.date;
    if (one && alone && right) exact.push(incident);
    else
      problems.push(
        `incident ${incident} (${truth.city} ${truth.date}): ${
          linked.length === 0
            ? 'no event'
            : linked
                .map(
                  (e) =>
                    `${e?.name} [${e?.place ?? '?'} ${e?.date ?? '?'}]${incidentsOf.get(e?.id ?? '')?.size === 1 ? '' : ' (shared)'}`,
                )
                .join('; ')
        }`,
      );
  }
  const result = {
    reports: key.length,
    incidents: incidents.length,
    events: events.length,
    events_with_links: events.filter((e) => e.linked_items > 0).length,
    incidents_as_one_right_event: exact.length,
    problems,
  };
  console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
