import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import { auditKeyFile } from '../../presets/open-store.js';
import type { AuditVerdict } from '../../store/audit/audit-chain.js';
import { rotateKeyFile } from '../../store/audit/audit-key.js';
import { action, printJson } from '../run-command.js';
import { withStore } from '../with-store.js';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description(
      "check every row's MAC and the checkpoints kept outside the database; names the first edited, deleted or forged row, a deleted tail, or a wrong key",
    )
    .option('--json', 'print as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const result = await withStore((s) => s.audit.verify());
        if (opts.json) printJson(result);
        else process.stdout.write(`${describeVerdict(result)}\n`);
        return result.ok ? 0 : 1;
      }),
    );
  audit
    .command('rotate-key')
    .description('start signing with a new audit key; earlier rows keep verifying with the old one')
    .action(
      action(async () => {
        if (process.env.VIGIL_AUDIT_KEY)
          throw new VigilError(
            'USAGE',
            'audit rotate-key: the key comes from VIGIL_AUDIT_KEY; set a new one there and add the old one to VIGIL_AUDIT_OLD_KEYS',
          );
        const file = auditKeyFile();
        if (file === null)
          throw new VigilError(
            'USAGE',
            'audit rotate-key: this store keeps no key file (set VIGIL_AUDIT_KEY)',
          );
        const key = rotateKeyFile(file);
        process.stdout.write(`audit key ${key.id} is now current (key file ${file})\n`);
        return 0;
      }),
    );
}

function describeVerdict(v: AuditVerdict): string {
  if (v.ok)
    return `audit trail intact: ${v.rows} rows, key ${v.key_id}; ${
      v.checkpoint
        ? `last checkpoint ${v.checkpoint.rows} rows at ${v.checkpoint.at}`
        : 'no checkpoint outside the database yet'
    }`;
  if (v.problem === 'wrong_key') return `audit trail not checked: wrong key: ${v.reason}`;
  return v.row === null
    ? `audit trail broken: ${v.reason}`
    : `audit trail broken at row ${v.row}: ${v.reason}`;
}
