import { join } from 'node:path';
import { loadKeyring } from './audit-key.js';
import type { AuditSettings } from './audit-store.js';
import { CheckpointLog } from './checkpoint-log.js';

export const AUDIT_KEY_FILE = 'audit.key';
export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

/**
 * Where a store's audit key and checkpoints live: `VIGIL_AUDIT_KEY`, `VIGIL_AUDIT_CHECKPOINT`
 * and `VIGIL_AUDIT_CHECKPOINT_URL` when set, otherwise files in `dataDir` (beside a SQLite store).
 * A store with no data dir (in memory) gets a key for the process's lifetime and no checkpoint file.
 */
export function auditSettings(dataDir: string | null, env: NodeJS.ProcessEnv = process.env): AuditSettings {
  const file = env.VIGIL_AUDIT_CHECKPOINT || (dataDir === null ? null : join(dataDir, AUDIT_CHECKPOINT_FILE));
  return {
    keys: loadKeyring(dataDir === null ? null : join(dataDir, AUDIT_KEY_FILE), env),
    checkpoints: new CheckpointLog(file, env.VIGIL_AUDIT_CHECKPOINT_URL || null),
  };
}
