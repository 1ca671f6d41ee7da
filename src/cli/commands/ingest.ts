import type { Command } from 'commander';
import { type RecordError, VigilError } from '../../domain/index.js';
import { FORMATS, planInputs } from '../../ingest/registry.js';
import { type IngestSummary, runIngest } from '../../pipeline/ingest-run.js';
import { isScaled, openSystem, scaledRequested } from '../../presets/system.js';
import { inputOptions } from '../options.js';
import { progressBar } from '../progress.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

interface IngestOptions {
  format: string;
  source?: string;
  map?: string;
  tz?: string;
  json?: boolean;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read exports, articles and feeds into the store (idempotent)')
    .argument('<path...>', 'files or folders to read')
    .option('--format <format>', `input format: ${FORMATS.join('|')}`, 'auto')
    .option('--source <name>', 'name the source instead of taking it from the input')
    .option('--map <mapping>', 'CSV/JSONL column mapping, e.g. text=body,posted_at=timestamp,author=user')
    .option('--tz <zone>', 'IANA time zone for local times that name none (e.g. Europe/Berlin)')
    .option('--json', 'print the summary as JSON')
    .action(
      action(async (paths: string[], opts: IngestOptions) => {
        if (!(FORMATS as readonly string[]).includes(opts.format)) {
          throw new VigilError(
            'USAGE',
            `ingest: unknown --format "${opts.format}" (known: ${FORMATS.join(', ')})`,
          );
        }
        const { mapping, timeZone } = inputOptions('ingest', opts);
        const { files, problems } = await planInputs(paths, opts.format);
        const summary = await ingestFiles(files, opts.source, mapping, problems, timeZone);
        if (opts.json) printJson(summary);
        else printSummary(summary, files.length);
        return summary.errors.length > 0 ? 1 : 0;
      }),
    );
}

/** Ingests planned files into the configured store with a progress bar on a terminal. */
export async function ingestFiles(
  files: Awaited<ReturnType<typeof planInputs>>['files'],
  source: string | undefined,
  mapping: Record<string, string> | undefined,
  planErrors: readonly RecordError[] = [],
  timeZone?: string,
): Promise<IngestSummary> {
  const bar = progressBar('ingest', 'records');
  const started = performance.now();
  try {
    // Under the scaled preset what ingest stores is published to the workers; the embedded
    // preset leaves it for `scan` or the next run of the stages, so it is not even opened.
    const system = (await scaledRequested()) ? await openSystem() : null;
    return await withStore(async (store) => {
      const runner = system && isScaled(system) ? await system.runner(store) : null;
      try {
        return await runIngest(store.items, files, {
          source,
          mapping,
          planErrors,
          timeZone,
          onStored: runner ? (changed) => runner.stored(changed.map((c) => c.outcome.itemId)) : undefined,
          onProgress: (p) => {
            const seconds = (performance.now() - started) / 1000;
            bar.update(p.bytesRead, p.totalBytes, {
              count: p.records,
              rate: seconds > 0 ? Math.round(p.records / seconds) : 0,
              mb: (p.bytesRead / 1e6).toFixed(1),
            });
          },
        });
      } finally {
        await runner?.close();
      }
    });
  } finally {
    bar.stop();
  }
}

export function printSummary(s: IngestSummary, fileCount: number): void {
  const out = process.stdout;
  out.write(
    `Read ${s.read} records from ${fileCount} file${fileCount === 1 ? '' : 's'}: ${s.new} new, ` +
      `${s.duplicates} already stored, ${s.edited} edited, ${s.skipped} skipped (not content; ${s.channel_events} channel events).\n`,
  );
  if (s.media_to_hash > 0)
    out.write(
      `${s.media_to_hash} media files were stored; \`vigil scan\` hashes them (SHA-256, PDQ) and matches them against hash lists.\n`,
    );
  for (const w of s.warnings) process.stderr.write(`note: ${w.file}: ${w.message}\n`);
  if (s.errors.length > 0) {
    process.stderr.write(`${s.errors.length} record${s.errors.length === 1 ? '' : 's'} could not be read:\n`);
    for (const e of s.errors.slice(0, 20)) {
      process.stderr.write(`  ${e.file}${e.line === null ? '' : `:${e.line}`}: ${e.message}\n`);
    }
    if (s.errors.length > 20) process.stderr.write(`  … and ${s.errors.length - 20} more (see --json)\n`);
  }
}
