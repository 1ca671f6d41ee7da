import type { Command } from 'commander';
import { type LiveSourceView, VigilError } from '../../domain/index.js';
import { formatSeconds, toLiveSourceView } from '../../pipeline/live-source-view.js';
import type { LiveSourceRecord, Store } from '../../store/store.js';
import {
  parseChannel,
  parseEnvName,
  parseEvery,
  parseFeedUrl,
  parseSince,
  parseSourceName,
} from '../live-source-input.js';
import { positiveInt } from '../options.js';
import { action, printJson } from '../run-command.js';
import { terminalSafe } from '../text.js';
import { withStore } from '../with-store.js';

interface NewSource {
  kind: LiveSourceRecord['kind'];
  name: string;
  target: string;
  scheduleSeconds: number;
  secretEnv: string | null;
  cursor?: Record<string, unknown>;
}

/** Adds a source, refusing a name in use; a channel's `--since` becomes its first cursor. */
async function addSource(store: Store, source: NewSource): Promise<void> {
  const added = await store.liveSources.add({ ...source, at: new Date().toISOString() });
  if (!added)
    throw new VigilError(
      'USAGE',
      `sources add: a source named "${source.name}" exists (choose another with --name)`,
    );
  if (source.cursor) await store.liveSources.saveProgress(added.id, { cursor: source.cursor, newItems: 0 });
  const what = source.kind === 'telegram-bot' ? `token from $${source.secretEnv}` : source.target;
  process.stdout.write(
    `added ${source.kind} source "${source.name}" (${what}), every ${formatSeconds(source.scheduleSeconds)}\n`,
  );
}

const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : '-');

function printList(views: LiveSourceView[]): void {
  if (views.length === 0) {
    process.stdout.write('no live sources (add one with `vigil sources add rss URL`)\n');
    return;
  }
  for (const v of views) {
    const state = v.paused ? 'paused' : v.backoff_until ? `waiting until ${when(v.backoff_until)}` : 'active';
    process.stdout.write(
      `${v.name}  ${v.kind}  ${v.target || '(channels the bot administers)'}  every ${v.schedule}  ${state}\n` +
        `  last success ${when(v.last_success)} · items last run ${v.items_last_run} · total ${v.items_total}` +
        `${v.problems_last_run.length ? ` · ${v.problems_last_run.length} problems` : ''}\n` +
        (v.last_error ? `  last error ${when(v.last_error_at)}: ${terminalSafe(v.last_error)}\n` : ''),
    );
  }
}

export function registerSources(program: Command): void {
  const sources = program
    .command('sources')
    .description(
      'live sources (news feeds, Telegram channels and bots): add, list, pause, resume, remove, suggestions',
    );

  const add = sources.command('add').description('add a live source');
  add
    .command('rss')
    .description('an RSS, Atom or JSON feed; each item’s linked article is fetched and extracted')
    .argument('<url>', 'the feed URL (http or https)')
    .option('--name <name>', 'the source’s name (default: the feed’s host)')
    .option('--every <duration>', 'how often to read it: 30s, 5m, 1h (at least 30s)', '15m')
    .action(
      action(async (url: string, opts: { name?: string; every: string }) => {
        const target = parseFeedUrl(url);
        const scheduleSeconds = parseEvery(opts.every);
        const name = parseSourceName(opts.name ?? new URL(target).hostname);
        await withStore((s) => addSource(s, { kind: 'rss', name, target, scheduleSeconds, secretEnv: null }));
        return 0;
      }),
    );
  add
    .command('telegram')
    .description('a public Telegram channel over MTProto (log in first: `vigil telegram login`)')
    .argument('<channel>', '@name or t.me/name')
    .option('--name <name>', 'the source’s name (default: @channel)')
    .option('--every <duration>', 'how often to read it: 30s, 5m, 1h (at least 30s)', '5m')
    .option('--since <date>', 'back-fill the channel’s history from this date (YYYY-MM-DD)')
    .action(
      action(async (channel: string, opts: { name?: string; every: string; since?: string }) => {
        const target = parseChannel(channel);
        const scheduleSeconds = parseEvery(opts.every);
        const since = opts.since === undefined ? undefined : parseSince(opts.since);
        const name = parseSourceName(opts.name ?? target);
        await withStore((s) =>
          addSource(s, {
            kind: 'telegram',
            name,
            target,
            scheduleSeconds,
            secretEnv: null,
            ...(since ? { cursor: { since } } : {}),
          }),
        );
        return 0;
      }),
    );
  add
    .command('telegram-bot')
    .description('channels where a Telegram bot is an administrator, over the Bot API')
    .requiredOption('--token-env <variable>', 'the environment variable holding the bot token')
    .option('--name <name>', 'the source’s name', 'telegram-bot')
    .option('--every <duration>', 'how often to poll: 30s, 5m, 1h (at least 30s)', '1m')
    .action(
      action(async (opts: { tokenEnv: string; name: string; every: string }) => {
        const secretEnv = parseEnvName(opts.tokenEnv, '--token-env');
        const scheduleSeconds = parseEvery(opts.every);
        const name = parseSourceName(opts.name);
        await withStore((s) =>
          addSource(s, { kind: 'telegram-bot', name, target: '', scheduleSeconds, secretEnv }),
        );
        // Only the variable's name is stored; warn now rather than at the first run.
        if (!process.env[secretEnv])
          process.stderr.write(
            `vigil: note: ${secretEnv} is not set here; set it where \`vigil watch\` runs\n`,
          );
        return 0;
      }),
    );

  sources
    .command('list')
    .description('live sources with their schedule and how their last runs went')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const views = (await withStore((s) => s.liveSources.list())).map(toLiveSourceView);
        if (opts.json) printJson(views);
        else printList(views);
        return 0;
      }),
    );

  const byName = (verb: 'pause' | 'resume' | 'remove', summary: string, done: string) =>
    sources
      .command(verb)
      .description(summary)
      .argument('<name>', 'the source’s name (see `vigil sources list`)')
      .action(
        action(async (name: string) => {
          const ok = await withStore((s) =>
            verb === 'remove' ? s.liveSources.remove(name) : s.liveSources.setPaused(name, verb === 'pause'),
          );
          if (!ok) throw new VigilError('USAGE', `sources ${verb}: no source named "${name}"`);
          process.stdout.write(`${done} "${name}"\n`);
          return 0;
        }),
      );
  byName('pause', 'stop collecting a source until it is resumed', 'paused');
  byName('resume', 'collect a paused source again', 'resumed');
  byName('remove', 'forget a source (the items it collected stay)', 'removed');

  sources
    .command('suggestions')
    .description(
      'channels seen in forwards that no source follows yet: candidates to add, never followed automatically',
    )
    .option('--min <n>', 'seen in at least this many forwards', '3')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { min: string; json?: boolean }) => {
        const min = positiveInt('--min', opts.min);
        const list = await withStore((s) => s.liveSources.suggestions(Math.max(1, min)));
        if (opts.json) printJson(list);
        else if (list.length === 0)
          process.stdout.write(`no channel seen in ${min}+ forwards that is not a source\n`);
        else
          for (const s of list) {
            // A channel without a public username is known only by its id and cannot be added by name.
            const byId = /^channel\d+$/.test(s.channel);
            process.stdout.write(
              `${byId ? `${s.channel} (no public username)` : `@${s.channel}`}  seen ${s.seen} times (last ${when(s.last_seen_at)})` +
                `${byId ? '' : ` · add: vigil sources add telegram @${s.channel}`}\n`,
            );
          }
        return 0;
      }),
    );
}
