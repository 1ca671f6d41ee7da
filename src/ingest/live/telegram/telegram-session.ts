import { join } from 'node:path';
import { type SecretBox, secretBoxIn } from '../../../shared/secret-box.js';
// Only the key loader: the secrets file is encrypted under a key derived from the audit key, read
// the way the audit trail reads it (VIGIL_AUDIT_KEY, else the data folder's key file).
import { loadKeyring } from '../../../store/audit/audit-key.js';
import { AUDIT_KEY_FILE } from '../../../store/audit/audit-settings.js';

/** The name the MTProto session string is kept under in the secrets file. */
export const TELEGRAM_SESSION_SECRET = 'telegram.session';

/** The data folder's secrets file, under the audit key of the same folder (or VIGIL_AUDIT_KEY). */
export function dataSecretBox(dataDir: string, env: NodeJS.ProcessEnv): SecretBox {
  return secretBoxIn(dataDir, loadKeyring(join(dataDir, AUDIT_KEY_FILE), env));
}

/** The session `vigil telegram login` stored, or null when nobody has logged in. */
export function loadTelegramSession(dataDir: string, env: NodeJS.ProcessEnv): string | null {
  return dataSecretBox(dataDir, env).get(TELEGRAM_SESSION_SECRET);
}

export function saveTelegramSession(dataDir: string, env: NodeJS.ProcessEnv, session: string): void {
  dataSecretBox(dataDir, env).set(TELEGRAM_SESSION_SECRET, session);
}

/** Forgets the session; returns whether there was one. */
export function removeTelegramSession(dataDir: string, env: NodeJS.ProcessEnv): boolean {
  return dataSecretBox(dataDir, env).delete(TELEGRAM_SESSION_SECRET);
}
