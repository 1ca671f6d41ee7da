import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { listDeadLetters, replayDeadLetters } from '../../pipeline/jetstream/dead-letters.js';
import { isStage, STAGES } from '../../pipeline/jetstream/topology.js';
import { isScaled, openSystem, type ScaledSystem } from '../../presets/system.js';
import { action, printJson } from '../run-command.js';

async function scaled(command: string): Promise<ScaledSystem> {
  const system = await openSystem();
  if (!isScaled(system))
    throw new VigilError('BAD_CONFIG', `dlq ${command}: set VIGIL_NATS_URL (the scaled preset)`);
  return system;
}

function stageOption(stage: string | undefined): string | undefined {
  if (stage !== undefined && !isStage(stage))
    throw new VigilError('USAGE', `dlq: unknown --stage "${stage}" (known: ${STAGES.join(', ')})`);
  return stage;
}

/** `vigil dlq list|replay`: messages a pipeline stage gave up on. */
export function registerDlq(program: Command): void {
  const dlq = program.command('dlq').description('dead letters of the scaled pipeline: list and replay');
  dlq
    .command('list')
    .description('dead letters with their stage, error and item ids')
    .option('--stage <stage>', `only one stage's: ${STAGES.join('|')}`)
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { stage?: string; json?: boolean }) => {
        const stage = stageOption(opts.stage);
        const conn = await (await scaled('list')).connect('vigil-dlq');
        try {
          const letters = await listDeadLetters(conn, stage);
          if (opts.json) printJson(letters);
          else if (letters.length === 0) process.stdout.write('No dead letters.\n');
          else
            for (const l of letters)
              process.stdout.write(
                `#${l.seq} ${l.at} ${l.stage} after ${l.deliveries} deliveries: ${l.error}\n    ${l.ids ? `items ${l.ids.slice(0, 20).join(', ')}${l.ids.length > 20 ? ', …' : ''}` : `unreadable payload (${l.bytes} bytes)`}\n`,
              );
          return 0;
        } finally {
          await conn.close();
        }
      }),
    );
  dlq
    .command('replay')
    .description('send dead letters back to their stage (after fixing the cause)')
    .option('--stage <stage>', `only one stage's: ${STAGES.join('|')}`)
    .option('--seq <n>', 'only the dead letter with this number (from dlq list)')
    .option('--json', 'print the counts as JSON')
    .action(
      action(async (opts: { stage?: string; seq?: string; json?: boolean }) => {
        const stage = stageOption(opts.stage);
        const seq = opts.seq === undefined ? undefined : Number(opts.seq);
        if (seq !== undefined && !(Number.isSafeInteger(seq) && seq > 0))
          throw new VigilError('USAGE', 'dlq replay: --seq must be a dead letter number from `dlq list`');
        const conn = await (await scaled('replay')).connect('vigil-dlq');
        try {
          const result = await replayDeadLetters(conn, { stage, seq });
          if (opts.json) printJson(result);
          else
            process.stdout.write(
              `Replayed ${result.replayed} dead letters${result.unreadable ? `; ${result.unreadable} with unreadable payloads stay listed` : ''}.\n`,
            );
          return 0;
        } finally {
          await conn.close();
        }
      }),
    );
}
