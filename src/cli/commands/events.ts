import type { Command } from 'commander';
import { isCandidate } from '../../events/resolve.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('incidents found in news or seeded, with how many items refer to them')
    .option('--all', 'include seeded events nothing links to yet')
    .option(
      '--candidates',
      'list instead the candidates: incidents known without their place or date, until a report supplies them',
    )
    .option(
      '--json',
      'print [{"id","name","aliases","date","place","kind","perpetrator_ideology","linked_items"}]',
    )
    .action(
      action(async (opts: { all?: boolean; candidates?: boolean; json?: boolean }) => {
        const events = (await withStore((s) => s.events.listEvents())).filter(
          (e) =>
            isCandidate(e) === Boolean(opts.candidates) &&
            (opts.all || e.linked_items > 0 || e.origin !== 'seed'),
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
        else if (rows.length === 0)
          process.stdout.write(opts.candidates ? 'No candidates.\n' : 'No events.\n');
        else
          for (const e of rows)
            process.stdout.write(
              `${e.id}  ${e.date ?? '????-??-??'}  ${e.name} (${e.kind}${e.method ? `, ${e.method}` : ''}${e.perpetrator_ideology ? `, ${e.perpetrator_ideology}` : ''}) — ${e.linked_items} linked items\n`,
            );
        return 0;
      }),
    );
}
