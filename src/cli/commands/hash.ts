import type { Command } from 'commander';
import { hashImage } from '../../match/pdq/decode.js';
import { action, printJson } from '../run-command.js';

export function registerHash(program: Command): void {
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
          for (const h of out) {
            process.stdout.write(`${h.pdq} ${String(h.quality).padStart(3)} ${h.file}\n`);
            // With --dihedral, one more line per rotation or flip, named after the file.
            for (const [variant, pdq] of Object.entries((h.dihedral ?? {}) as Record<string, string>))
              if (variant !== 'original')
                process.stdout.write(`${pdq} ${String(h.quality).padStart(3)} ${h.file} (${variant})\n`);
          }
        return failed > 0 ? 1 : 0;
      }),
    );
}
