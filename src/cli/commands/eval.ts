import type { Command } from 'commander';
import { evaluate, readEvalCsv } from '../../analyze/evaluation.js';
import { VigilError } from '../../domain/index.js';
import { openEmbedded } from '../../presets/embedded.js';
import { action, printJson } from '../run-command.js';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(
      'measure the detector on a labelled CSV (id,functionality,text,labels,context,ideology,target)',
    )
    .requiredOption('--dataset <file>', 'evaluation CSV')
    .option('--no-model', 'rules only, without the trained model')
    .option('--errors', 'list the cases it got wrong (on stderr)')
    .option('--json', 'print the report as JSON')
    .action(
      action(async (opts: { dataset: string; model: boolean; errors?: boolean; json?: boolean }) => {
        const cases = readEvalCsv(opts.dataset);
        if (cases.length === 0) throw new VigilError('BAD_INPUT', `eval: ${opts.dataset} has no rows`);
        const detector = openEmbedded().detector({ model: opts.model });
        const { report, predictions } = evaluate(detector, cases);
        if (opts.errors) {
          cases.forEach((c, i) => {
            const p = predictions[i];
            const gold = c.labels.join('|') || 'none';
            const got = p?.labels.join('|') || 'none';
            if (gold !== got || (c.context && c.context !== p?.context)) {
              process.stderr.write(
                `${c.id} ${c.functionality}: gold ${gold}/${c.context} got ${got}/${p?.context} :: ${c.text}\n`,
              );
            }
          });
        }
        if (opts.json) {
          printJson(report);
          return 0;
        }
        const out = process.stdout;
        out.write(
          `n=${report.n} flag_accuracy=${report.flag_accuracy} exact_match=${report.exact_match} macro_f1=${report.macro_f1}\n`,
        );
        out.write(
          `false_positive_rate_on_none=${report.false_positive_rate_on_none} context_accuracy=${report.context_accuracy} ideology_accuracy=${report.ideology_accuracy}\n`,
        );
        for (const [l, m] of Object.entries(report.per_label))
          out.write(`  ${l.padEnd(16)} P=${m.precision} R=${m.recall} F1=${m.f1} n=${m.support}\n`);
        for (const [f, m] of Object.entries(report.per_functionality))
          out.write(`  ${f.padEnd(26)} flag=${m.flag_accuracy} exact=${m.exact_match} n=${m.n}\n`);
        for (const [code, m] of Object.entries(report.per_language ?? {}))
          out.write(
            `  language ${code.padEnd(17)} flag=${m.flag_accuracy} fp_on_none=${m.false_positive_rate_on_none ?? '—'} n=${m.n}\n`,
          );
        out.write(`${report.items_per_second} items/s\n`);
        return 0;
      }),
    );
}
