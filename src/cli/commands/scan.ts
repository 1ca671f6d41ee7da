import type { Command } from 'commander';
import type { Analysis } from '../../domain/index.js';
import { FORMATS, planInputs } from '../../ingest/registry.js';
import { runScan, type ScanReport } from '../../pipeline/scan-run.js';
import { openSystem } from '../../presets/system.js';
import { inputOptions } from '../options.js';
import { progressBar } from '../progress.js';
import { action, printJson } from '../run-command.js';
import { oneLine as clip } from '../text.js';
import { withStore } from '../with-store.js';
import { printSummary } from './ingest.js';

/**
 * The everyday job: ingest the inputs, analyse what is new, cluster texts and quotes, hash media
 * and match the banks, then report what needs an analyst's attention.
 */
export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('ingest, analyse, match and report on files or folders (the everyday job)')
    .argument('<path...>', 'files or folders to read')
    .option('--format <format>', `input format: ${FORMATS.join('|')}`, 'auto')
    .option('--source <name>', 'name the source instead of taking it from the input')
    .option('--map <mapping>', 'CSV/JSONL column mapping, e.g. text=body,posted_at=timestamp,author=user')
    .option('--tz <zone>', 'IANA time zone for local times that name none (e.g. Europe/Berlin)')
    .option('--json', 'print the report as JSON')
    .action(
      action(
        async (
          paths: string[],
          opts: { format: string; source?: string; map?: string; tz?: string; json?: boolean },
        ) => {
          const { mapping, timeZone } = inputOptions('scan', opts);
          const { files, problems } = await planInputs(paths, opts.format);
          const system = await openSystem();
          const bar = progressBar('ingest', 'records');
          const analysing = progressBar('analyse', 'items', { bytes: false });
          const started = { at: 0 };
          const report = await withStore(async (store) => {
            const runner = await system.runner(store);
            return runScan(store, runner, files, {
              source: opts.source,
              mapping,
              timeZone,
              planErrors: problems,
              onProgress: (p) =>
                bar.update(p.bytesRead, p.totalBytes, {
                  count: p.records,
                  rate: '',
                  mb: (p.bytesRead / 1e6).toFixed(1),
                }),
              onAnalyzeProgress: (done, expected) => {
                bar.stop();
                started.at ||= performance.now();
                const seconds = (performance.now() - started.at) / 1000;
                analysing.update(done, expected, {
                  count: done,
                  rate: seconds > 0 ? Math.round(done / seconds) : 0,
                });
              },
            }).finally(async () => {
              bar.stop();
              analysing.stop();
              await runner.close();
            });
          });
          if (opts.json) printJson(report);
          else printReport(report, files.length);
          return report.ingest.errors.length > 0 || report.failed.length > 0 ? 1 : 0;
        },
      ),
    );
}

function printReport(r: ScanReport, fileCount: number): void {
  const out = process.stdout;
  printSummary(r.ingest, fileCount);
  out.write(
    `Analysed ${r.analyze.analyzed} new items: ${r.analyze.refer} to refer, ${r.analyze.review} to review.\n`,
  );
  if (r.match && r.media)
    out.write(
      `Clustered ${r.match.clustered} texts and quotes (${r.match.newClusters} new clusters, ${r.match.merges} merges); hashed ${r.media.hashed} media files.\n`,
    );
  else out.write('Clustered, hashed, linked to events and alerted on by the pipeline workers.\n');
  if (r.failed.length > 0)
    out.write(
      `${r.failed.length} items were dead-lettered by a worker (see \`vigil dlq list\`): ${r.failed
        .slice(0, 5)
        .map((f) => `#${f.item_id} at ${f.stage}`)
        .join(', ')}${r.failed.length > 5 ? ', …' : ''}\n`,
    );
  if (r.incidents.length > 0) out.write('\nEvents:\n');
  for (const e of r.incidents)
    out.write(
      `  ${e.name} (${e.date ?? 'date unknown'}, ${e.place ?? '?'}${e.perpetrator_ideology ? `, perpetrator ${e.perpetrator_ideology}` : ''}): ${e.linked_items} linked items  [${e.id}]\n`,
    );
  if (r.reactions.length > 0) out.write('\nReactions from the other side:\n');
  for (const x of r.reactions)
    out.write(
      `  ${x.event}: #${x.item_id} ${x.platform ?? '?'}/${x.source ?? '?'}${x.reported_by ? ` (quoted by ${x.reported_by.source})` : ''} [${x.ideology}] ${x.labels.join(', ')} — “${oneLine(x.text, 90)}”\n`,
    );
  if (r.flagged.length > 0) out.write('\nNeeds attention:\n');
  for (const f of r.flagged) {
    const labels = f.analysis.labels.map((l) => `${l.label} ${l.score.toFixed(2)}`).join(', ');
    out.write(
      `  [${f.analysis.action.toUpperCase()}] #${f.item_id} ${f.platform}/${f.source} ${f.posted_at ?? ''}\n    ${labels}${ideologyNote(f.analysis)}\n    “${oneLine(f.text)}”\n`,
    );
  }
  if (r.clusters.length > 0) out.write('\nSpreading across sources:\n');
  for (const c of r.clusters)
    out.write(`  cluster ${c.id}: ${c.size} copies in ${c.sources.join(', ')} — “${oneLine(c.text, 80)}”\n`);
  if (r.alerts.length > 0) out.write('\nAlerts:\n');
  for (const a of r.alerts) out.write(`  #${a.id} [${a.rule}] ${a.summary}\n`);
}

const ideologyNote = (a: Analysis) => (a.ideology.label !== 'none' ? `; ideology ${a.ideology.label}` : '');
const oneLine = (t: string, n = 120) => clip(t, n);
