import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { eventIdFor } from '../../events/resolve.js';
import type { EventRecord } from '../../store/store.js';
import { action } from '../run-command.js';
import { withStore } from '../with-store.js';

/** An incident as an analyst states it: what later reports add fills it in, never overwrites it. */
function analystEvent(
  id: string,
  name: string,
  date: string,
  place?: string,
  aliases: string[] = [],
): EventRecord {
  return {
    id,
    name,
    aliases,
    date,
    dateUncertaintyDays: 0,
    place: place ?? null,
    kind: 'attack',
    method: null,
    casualties: { killed: null, injured: null },
    perpetratorIdeology: null,
    targetedGroup: null,
    origin: 'analyst',
  };
}

export function registerEventAdmin(program: Command): void {
  const manage = program
    .command('event-admin')
    .description("analysts' edits: create, rename, merge and split events");
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
        await withStore((s) => s.events.saveEvent(analystEvent(id, name, opts.date, opts.place, opts.alias)));
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
    .command('split')
    .description('move items that belong to another incident out of an event, into a new one')
    .argument('<id>', 'event the items were wrongly linked to')
    .requiredOption('--items <ids...>', 'item ids to move (as `vigil event ID` lists them)')
    .requiredOption('--name <name>', 'name of the incident the items belong to')
    .requiredOption('--date <YYYY-MM-DD>', 'day of that incident')
    .option('--place <place>', 'where it happened')
    .action(
      action(async (id: string, opts: { items: string[]; name: string; date: string; place?: string }) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.date))
          throw new VigilError('USAGE', `event-admin split: --date must be YYYY-MM-DD, not "${opts.date}"`);
        const itemIds = opts.items.map((raw) => {
          if (!/^\d+$/.test(raw))
            throw new VigilError(
              'USAGE',
              `event-admin split: --items takes item ids (numbers), not "${raw}"`,
            );
          return Number(raw);
        });
        const moved = await withStore(async (s) => {
          const from = await s.events.getEvent(id);
          if (!from) throw new VigilError('NOT_FOUND', `event-admin split: no event ${id}`);
          const linked = new Set((await s.events.linkedItems(from.id)).map((l) => l.item_id));
          const strangers = itemIds.filter((i) => !linked.has(i));
          if (strangers.length > 0)
            throw new VigilError(
              'USAGE',
              `event-admin split: item ${strangers.join(', ')} is not linked to event ${from.id}`,
            );
          const into = eventIdFor(opts.name, opts.date);
          if (into === from.id)
            throw new VigilError('USAGE', 'event-admin split: the new event needs another name or date');
          await s.events.saveEvent(analystEvent(into, opts.name, opts.date, opts.place));
          return { into, count: await s.events.splitEvent(from.id, into, itemIds) };
        });
        process.stdout.write(`${moved.into}\n`);
        process.stderr.write(`moved ${moved.count} item(s); later scans will not link them to ${id} again\n`);
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
