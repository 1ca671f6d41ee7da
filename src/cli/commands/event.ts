import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import type { EventPost } from '../../domain/views.js';
import { eventDetail } from '../../events/event-detail.js';
import { action, printJson } from '../run-command.js';
import { oneLine as clip } from '../text.js';
import { withStore } from '../with-store.js';

const oneLine = (t: string, n = 110) => clip(t, n);

/** Where a post was made and, for a quoted one, who reported it. */
function postedWhere(p: EventPost): string {
  const by = `${p.posted_by.platform ?? 'unknown platform'}/${p.posted_by.source ?? 'unnamed source'}`;
  return p.reported_by ? `${by}, quoted by ${p.reported_by.platform}/${p.reported_by.source}` : by;
}

export function registerEvent(program: Command): void {
  program
    .command('event')
    .description('one event: timeline of linked items, top items, and reactions from the other side')
    .argument('<id>', 'event id')
    .option('--json', 'print as JSON')
    .action(
      action(async (id: string, opts: { json?: boolean }) => {
        const { event, links } = await withStore(async (s) => {
          const event = await s.events.getEvent(id);
          if (!event) throw new VigilError('NOT_FOUND', `event: no event ${id}`);
          return { event, links: await s.events.linkedItems(event.id) };
        });
        const detail = eventDetail(event, links);
        if (opts.json) {
          printJson(detail);
          return 0;
        }
        const out = process.stdout;
        const { killed, injured } = event.casualties;
        out.write(
          `${event.name} — ${event.date ?? 'date unknown'}${event.dateUncertaintyDays ? ` (±${event.dateUncertaintyDays} days)` : ''}, ${event.place ?? 'place unknown'}\n`,
        );
        out.write(
          `  ${event.kind}${event.method ? `, ${event.method}` : ''}; perpetrator ideology ${event.perpetratorIdeology ?? 'unknown'}; aliases: ${event.aliases.join('; ') || '—'}\n`,
        );
        out.write(`  casualties: ${killed ?? 'unknown'} killed, ${injured ?? 'unknown'} injured\n`);
        out.write(`Timeline (${detail.linked_items} linked items):\n`);
        for (const [day, counts] of Object.entries(detail.timeline).sort())
          out.write(
            `  ${day}  ${Object.entries(counts)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}\n`,
          );
        const list = (title: string, posts: EventPost[]) => {
          if (posts.length === 0) return;
          out.write(`${title}:\n`);
          for (const p of posts)
            out.write(
              `  #${p.item_id}${p.quote_index === null ? '' : ` quote ${p.quote_index}`} ${postedWhere(p)} [${p.ideology ?? 'none'}] ${p.labels.join(', ')}: “${oneLine(p.text)}”\n`,
            );
        };
        list('Reactions from the other side', detail.reactions);
        list('Celebrations', detail.celebrations);
        return 0;
      }),
    );
}
