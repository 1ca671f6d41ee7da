import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { reactionsOf } from '../../events/link.js';
import { eventIdFor } from '../../events/resolve.js';
import { action, printJson } from '../run-command.js';
import { oneLine as clip } from '../text.js';
import { withStore } from '../with-store.js';

const oneLine = (t: string, n = 110) => clip(t, n);

export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('incidents found in news or seeded, with how many items refer to them')
    .option('--all', 'include seeded events nothing links to yet')
    .option(
      '--json',
      'print [{"id","name","aliases","date","place","kind","perpetrator_ideology","linked_items"}]',
    )
    .action(
      action(async (opts: { all?: boolean; json?: boolean }) => {
        const events = (await withStore((s) => s.events.listEvents())).filter(
          (e) => opts.all || e.linked_items > 0 || e.origin !== 'seed',
        );
        const rows = events.map((e) => ({
          id: e.id,
          name: e.name,
          aliases: e.aliases,
          date: e.date,
          place: e.place,
          kind: e.kind,
          method: e.method,
          perpetrator_ideology: e.perpetratorIdeology,
          linked_items: e.linked_items,
        }));
        if (opts.json) printJson(rows);
        else if (rows.length === 0) process.stdout.write('No events.\n');
        else
          for (const e of rows)
            process.stdout.write(
              `${e.id}  ${e.date ?? '????-??-??'}  ${e.name} (${e.kind}${e.method ? `, ${e.method}` : ''}${e.perpetrator_ideology ? `, ${e.perpetrator_ideology}` : ''}) — ${e.linked_items} linked items\n`,
            );
        return 0;
      }),
    );

  program
    .command('event')
    .description('one event: timeline of linked items, top items, and reactions from the other side')
    .argument('<id>', 'event id')
    .option('--json', 'print as JSON')
    .action(
      action(async (id: string, opts: { json?: boolean }) => {
        const { event, linked } = await withStore(async (s) => {
          const event = await s.events.getEvent(id);
          if (!event) throw new VigilError('NOT_FOUND', `event: no event ${id}`);
          return { event, linked: await s.events.linkedItems(event.id) };
        });
        const { reactions, celebrations } = reactionsOf(event, linked);
        const timeline = new Map<string, Record<string, number>>();
        for (const l of linked) {
          const day = l.posted_at?.slice(0, 10) ?? 'unknown';
          const counts = timeline.get(day) ?? {};
          const labels = l.analysis?.labels.map((x) => x.label) ?? [];
          for (const label of labels.length > 0 ? labels : ['unflagged'])
            counts[label] = (counts[label] ?? 0) + 1;
          timeline.set(day, counts);
        }
        const top = [...linked]
          .filter((l) => (l.analysis?.labels.length ?? 0) > 0)
          .sort(
            (a, b) =>
              Math.max(...(b.analysis?.labels.map((x) => x.score) ?? [0])) -
              Math.max(...(a.analysis?.labels.map((x) => x.score) ?? [0])),
          )
          .slice(0, 10);
        const view = (l: (typeof linked)[number]) => ({
          item_id: l.item_id,
          quote_index: l.quote_index,
          source: l.source,
          platform: l.platform,
          posted_at: l.posted_at,
          text: l.text,
          labels: l.analysis?.labels.map((x) => x.label) ?? [],
          ideology: l.analysis?.ideology.label ?? null,
          confidence: l.confidence,
          evidence: l.evidence,
        });
        if (opts.json) {
          printJson({
            event,
            timeline: Object.fromEntries(timeline),
            linked: linked.map(view),
            top: top.map(view),
            reactions: reactions.map(view),
            celebrations: celebrations.map(view),
          });
          return 0;
        }
        const out = process.stdout;
        out.write(
          `${event.name} — ${event.date ?? 'date unknown'}${event.dateUncertaintyDays ? ` (±${event.dateUncertaintyDays} days)` : ''}, ${event.place ?? 'place unknown'}\n`,
        );
        out.write(
          `  ${event.kind}${event.method ? `, ${event.method}` : ''}; perpetrator ideology ${event.perpetratorIdeology ?? 'unknown'}; aliases: ${event.aliases.join('; ') || '—'}\n`,
        );
        out.write(`Timeline (${linked.length} linked):\n`);
        for (const [day, counts] of [...timeline.entries()].sort())
          out.write(
            `  ${day}  ${Object.entries(counts)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}\n`,
          );
        if (reactions.length) out.write('Reactions from the other side:\n');
        for (const r of reactions)
          out.write(
            `  #${r.item_id} ${r.platform}/${r.source} [${r.analysis?.ideology.label}] ${r.analysis?.labels.map((x) => x.label).join(', ')}: “${oneLine(r.text)}”\n`,
          );
        if (celebrations.length) out.write('Celebrations:\n');
        for (const r of celebrations)
          out.write(`  #${r.item_id} ${r.platform}/${r.source}: “${oneLine(r.text)}”\n`);
        return 0;
      }),
    );

  const manage = program
    .command('event-admin')
    .description("analysts' edits: create, rename and merge events");
  manage
    .command('create')
    .argument('<name>', 'event name')
    .requiredOption('--date <YYYY-MM-DD>', 'day of the incident')
    .option('--place <place>', 'where')
    .option('--alias <alias...>', 'other names')
    .action(
      action(async (name: string, opts: { date: string; place?: string; alias?: string[] }) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.date))
          throw new VigilError('USAGE', `event-admin create: --date must be YYYY-MM-DD, not "${opts.date}"`);
        const id = eventIdFor(name, opts.date);
        await withStore((s) =>
          s.events.saveEvent({
            id,
            name,
            aliases: opts.alias ?? [],
            date: opts.date,
            dateUncertaintyDays: 0,
            place: opts.place ?? null,
            kind: 'attack',
            method: null,
            casualties: { killed: null, injured: null },
            perpetratorIdeology: null,
            targetedGroup: null,
            origin: 'analyst',
          }),
        );
        process.stdout.write(`${id}\n`);
        return 0;
      }),
    );
  manage
    .command('rename')
    .argument('<id>', 'event id')
    .argument('<name>', 'new name (the old one stays as an alias)')
    .action(
      action(async (id: string, name: string) => {
        await withStore(async (s) => {
          const e = await s.events.getEvent(id);
          if (!e) throw new VigilError('NOT_FOUND', `event-admin: no event ${id}`);
          await s.events.saveEvent({
            ...e,
            name,
            aliases: [...new Set([...e.aliases, e.name])].filter((a) => a !== name),
          });
        });
        return 0;
      }),
    );
  manage
    .command('merge')
    .argument('<from>', 'event to merge away')
    .argument('<into>', 'event that remains')
    .action(
      action(async (from: string, into: string) => {
        const ok = await withStore((s) => s.events.mergeEvents(from, into));
        if (!ok)
          throw new VigilError(
            'NOT_FOUND',
            `event-admin: cannot merge ${from} into ${into} (unknown or same event)`,
          );
        return 0;
      }),
    );
}
