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
import { recheckStoredMedia } from '../../pipeline/media-run.js';
import { loadBankMatcher } from '../../presets/bank-matcher.js';
import { positiveInt } from '../options.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

export function registerBanks(program: Command): void {
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
          const { added, recheck } = await withStore(async (s) => {
            const added = await s.banks.addSignals(
              opts.bank,
              signals.map((x) => ({ ...x, provenance: `import:${file}` })),
            );
            // Media collected before this list arrived is matched against it now, not only new media.
            const recheck =
              added > 0
                ? await recheckStoredMedia(s.media, s.alerts, await loadBankMatcher(s.banks))
                : { checked: 0, bankMatches: 0 };
            return { added, recheck };
          });
          const summary = {
            read: signals.length + errors.length,
            new: added,
            duplicates: signals.length - added,
            stored_media_checked: recheck.checked,
            stored_media_matches: recheck.bankMatches,
            errors,
          };
          if (opts.json) printJson(summary);
          else {
            process.stdout.write(
              `bank "${opts.bank}": ${added} new signals, ${summary.duplicates} already there; ${recheck.checked} stored media files checked, ${recheck.bankMatches} matches (see vigil alerts)\n`,
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
        else if (list.length === 0)
          process.stdout.write('No banks yet: `vigil banks import FILE --bank NAME` creates one.\n');
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
}
