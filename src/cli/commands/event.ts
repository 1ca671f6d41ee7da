import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { reactionsOf } from '../../events/link.js';
import { action, printJson } from '../run-command.js';
import { oneLine as clip } from '../text.js';
import { withStore } from '../with-store.js';

const oneLine = (t: string, n = 110) => clip(t, n);

export function registerEvent(program: Command): void {
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
}
