import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import {
  BANK_FORMATS,
  type BankFormat,
  detectBankFormat,
  parseBank,
  serializeBank,
} from '../../match/banks/formats.js';
import { hashImage } from '../../match/pdq/decode.js';
import { spreadOf } from '../../match/spread.js';
import { loadBankMatcher } from '../../pipeline/banks.js';
import { deliverAlerts } from '../../pipeline/deliver.js';
import { loadConfig } from '../../presets/config.js';
import type { ClusterView } from '../../store/store.js';
import { action, printJson } from '../run-command.js';
import { oneLine as clip } from '../text.js';
import { withStore } from '../with-store.js';

const positiveInt = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new VigilError('USAGE', `${name} must be a whole number, not "${v}"`);
  return n;
};

/** A cluster as the CLI contract prints it. */
function clusterJson(c: ClusterView) {
  return {
    id: c.id,
    size: c.size,
    first_seen: c.first_seen,
    sources: c.sources,
    members: c.members.map((m) => ({
      item_id: m.item_id,
      quote_index: m.quote_index,
      source: m.source,
      platform: m.platform,
      posted_at: m.posted_at,
      text: m.text,
    })),
  };
}

const oneLine = (t: string, n = 100) => clip(t, n);

export function registerMatching(program: Command): void {
  program
    .command('hash')
    .description('PDQ-hash images (JPEG, PNG, WebP, GIF)')
    .argument('<image...>', 'image files')
    .option('--dihedral', 'also print the hashes of the seven rotations and flips')
    .option('--json', 'print [{"file","pdq","quality"}]')
    .action(
      action(async (files: string[], opts: { json?: boolean; dihedral?: boolean }) => {
        const out: Record<string, unknown>[] = [];
        let failed = 0;
        for (const file of files) {
          try {
            const h = await hashImage(file);
            out.push({
              file,
              pdq: h.pdq,
              quality: h.quality,
              ...(opts.dihedral ? { dihedral: h.dihedral } : {}),
            });
          } catch (error) {
            failed++;
            process.stderr.write(`vigil: hash: ${file}: ${(error as Error).message.split('\n')[0]}\n`);
          }
        }
        if (opts.json) printJson(out);
        else
          for (const h of out) process.stdout.write(`${h.pdq} ${String(h.quality).padStart(3)} ${h.file}\n`);
        return failed > 0 ? 1 : 0;
      }),
    );

  program
    .command('clusters')
    .description('near-duplicate clusters: one message wherever it appeared')
    .option('--min-sources <n>', 'only clusters seen in at least N sources', '1')
    .option('--limit <n>', 'most clusters', '100')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { minSources: string; limit: string; json?: boolean }) => {
        const minSources = positiveInt('--min-sources', opts.minSources);
        const limit = positiveInt('--limit', opts.limit);
        const clusters = await withStore((s) => s.clusters.listClusters({ minSources, limit }));
        if (opts.json) {
          printJson(clusters.map(clusterJson));
          return 0;
        }
        if (clusters.length === 0) process.stdout.write('No clusters.\n');
        for (const c of clusters) {
          process.stdout.write(
            `cluster ${c.id}: ${c.size} members in ${c.sources.length} sources, first seen ${c.first_seen ?? '?'}\n  ${oneLine(c.members[0]?.text ?? '')}\n  sources: ${c.sources.join(', ')}\n`,
          );
        }
        return 0;
      }),
    );

  program
    .command('cluster')
    .description('one cluster: members, timeline and spread (forwards, reports)')
    .argument('<id>', 'cluster id')
    .option('--json', 'print as JSON')
    .action(
      action(async (id: string, opts: { json?: boolean }) => {
        const cluster = await withStore((s) => s.clusters.getCluster(positiveInt('cluster id', id)));
        if (!cluster) throw new VigilError('NOT_FOUND', `cluster: no cluster ${id}`);
        const spread = spreadOf(cluster.members);
        if (opts.json) {
          printJson({ ...clusterJson(cluster), ...spread });
          return 0;
        }
        const out = process.stdout;
        out.write(`cluster ${cluster.id}: ${cluster.size} members, ${cluster.sources.length} sources\n`);
        if (spread.origin)
          out.write(
            `origin: ${spread.origin.source}${spread.origin.platform ? ` (${spread.origin.platform})` : ''} — ${spread.origin.how.replaceAll('_', ' ')}\n`,
          );
        out.write('timeline:\n');
        for (const t of spread.timeline)
          out.write(`  ${t.first_posted_at ?? '?'}  ${t.platform}/${t.source} (${t.members})\n`);
        if (spread.edges.length) out.write('edges:\n');
        for (const e of spread.edges)
          out.write(`  ${e.from} → ${e.to} (${e.kind.replace('_', ' ')}, item ${e.item_id})\n`);
        out.write('members:\n');
        for (const m of cluster.members)
          out.write(
            `  #${m.item_id}${m.quote_index === null ? '' : ` quote ${m.quote_index}`} ${m.source}: ${oneLine(m.text)}\n`,
          );
        return 0;
      }),
    );

  const banks = program.command('banks').description('hash lists (banks) shared with peers');
  banks
    .command('import')
    .description('import a hash list into a bank (created if new)')
    .argument('<file>', 'hash list file')
    .requiredOption('--bank <name>', 'bank to import into')
    .option('--format <format>', `file format: auto|${BANK_FORMATS.join('|')}`, 'auto')
    .option('--signal-type <type>', "the hashes' type for a bare list: pdq, md5 or sha256")
    .option('--json', 'print the summary as JSON')
    .action(
      action(
        async (file: string, opts: { bank: string; format: string; signalType?: string; json?: boolean }) => {
          if (opts.format !== 'auto' && !(BANK_FORMATS as readonly string[]).includes(opts.format))
            throw new VigilError(
              'USAGE',
              `banks import: unknown --format "${opts.format}" (known: ${BANK_FORMATS.join(', ')})`,
            );
          let content: string;
          try {
            content = readFileSync(file, 'utf8');
          } catch {
            throw new VigilError('FILE_NOT_FOUND', `banks import: cannot read ${file}`);
          }
          const format = opts.format === 'auto' ? detectBankFormat(content) : (opts.format as BankFormat);
          const { signals, errors } = parseBank(content, format, file, { signalType: opts.signalType });
          const added = await withStore((s) =>
            s.banks.addSignals(
              opts.bank,
              signals.map((x) => ({ ...x, provenance: `import:${file}` })),
            ),
          );
          const summary = {
            read: signals.length + errors.length,
            new: added,
            duplicates: signals.length - added,
            errors,
          };
          if (opts.json) printJson(summary);
          else {
            process.stdout.write(
              `bank "${opts.bank}": ${added} new signals, ${summary.duplicates} already there\n`,
            );
            for (const e of errors) process.stderr.write(`  ${e.file}:${e.line}: ${e.message}\n`);
          }
          return errors.length > 0 ? 1 : 0;
        },
      ),
    );
  banks
    .command('export')
    .description('export a bank as a hash list')
    .argument('<bank>', 'bank name')
    .option('--format <format>', `file format: ${BANK_FORMATS.join('|')}`, 'csv')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--include-false-positives', 'also export signals marked as false positives')
    .action(
      action(
        async (bank: string, opts: { format: string; out?: string; includeFalsePositives?: boolean }) => {
          if (!(BANK_FORMATS as readonly string[]).includes(opts.format))
            throw new VigilError('USAGE', `banks export: unknown --format "${opts.format}"`);
          const signals = await withStore((s) => s.banks.listSignals(bank));
          if (signals.length === 0)
            throw new VigilError('NOT_FOUND', `banks export: no bank "${bank}" or it is empty`);
          const text = serializeBank(
            signals.filter((x) => opts.includeFalsePositives || !x.false_positive),
            opts.format as BankFormat,
          );
          if (opts.out) writeFileSync(opts.out, text);
          else process.stdout.write(text);
          return 0;
        },
      ),
    );
  banks
    .command('list')
    .description('banks and their signal counts')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const list = await withStore((s) => s.banks.listBanks());
        if (opts.json) printJson(list);
        else for (const b of list) process.stdout.write(`${b.name}: ${b.signals} signals\n`);
        return 0;
      }),
    );
  banks
    .command('false-positive')
    .description('mark a signal as a false positive so it stops matching (--undo to clear)')
    .argument('<signal-id>', 'signal id (from `vigil alerts` evidence)')
    .option('--undo', 'clear the mark')
    .action(
      action(async (id: string, opts: { undo?: boolean }) => {
        const ok = await withStore((s) => s.banks.setFalsePositive(positiveInt('signal id', id), !opts.undo));
        if (!ok) throw new VigilError('NOT_FOUND', `banks: no signal ${id}`);
        process.stdout.write(`signal ${id} ${opts.undo ? 'matches again' : 'marked as a false positive'}\n`);
        return 0;
      }),
    );
  banks
    .command('match')
    .description('match image files against every bank')
    .argument('<image...>', 'image files')
    .option('--json', 'print as JSON')
    .action(
      action(async (files: string[], opts: { json?: boolean }) => {
        const matcher = await withStore((s) => loadBankMatcher(s.banks));
        const out = [];
        for (const file of files) {
          const h = await hashImage(file).catch((e: Error) => {
            throw new VigilError('BAD_INPUT', `banks match: ${file}: ${e.message.split('\n')[0]}`);
          });
          const matches = matcher.matchPdq(h.pdq, h.quality).map((m) => ({
            bank: m.signal.bank,
            signal_id: m.signal.id,
            distance: m.distance,
            labels: m.signal.labels,
          }));
          out.push({ file, pdq: h.pdq, quality: h.quality, matches });
        }
        if (opts.json) printJson(out);
        else
          for (const o of out)
            process.stdout.write(
              `${o.file}: ${o.matches.length ? o.matches.map((m) => `${m.bank}#${m.signal_id} d=${m.distance}`).join(', ') : 'no match'}${o.quality < 50 ? ' (quality below 50: not matched)' : ''}\n`,
            );
        return 0;
      }),
    );

  const alerts = program
    .command('alerts')
    .description('alerts raised by matching, events and rules')
    .option('--limit <n>', 'most alerts', '100')
    .option('--json', 'print [{"id","rule","created_at","summary","evidence"}]')
    .action(
      action(async (opts: { limit: string; json?: boolean }) => {
        const list = await withStore((s) => s.alerts.list({ limit: positiveInt('--limit', opts.limit) }));
        if (opts.json) printJson(list);
        else if (list.length === 0) process.stdout.write('No alerts.\n');
        else
          for (const a of list) process.stdout.write(`#${a.id} ${a.created_at} [${a.rule}] ${a.summary}\n`);
        return 0;
      }),
    );
  alerts
    .command('deliver')
    .description('send pending alerts to the webhooks of vigil.config.yaml (signed, with retries)')
    .option('--json', 'print the summary as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const config = loadConfig();
        if (config.webhooks.length === 0)
          throw new VigilError('USAGE', 'alerts deliver: no webhooks in vigil.config.yaml (alerts.webhooks)');
        const summary = await withStore((s) => deliverAlerts(config.webhooks, s.deliveries));
        if (opts.json) printJson(summary);
        else process.stdout.write(`${summary.delivered} delivered, ${summary.deadLetters} dead letters\n`);
        return summary.deadLetters > 0 ? 1 : 0;
      }),
    );
  alerts
    .command('dead-letters')
    .description('alerts a webhook never accepted, with the last error')
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const list = await withStore((s) => s.deliveries.list({ status: 'dead_letter' }));
        if (opts.json) printJson(list);
        else if (list.length === 0) process.stdout.write('No dead letters.\n');
        else
          for (const d of list)
            process.stdout.write(
              `alert #${d.alert_id} → ${d.webhook}: ${d.attempts} attempts, ${d.last_error}\n`,
            );
        return 0;
      }),
    );
}
