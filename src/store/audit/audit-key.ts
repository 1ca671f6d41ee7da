import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { VigilError } from '../../domain/index.js';

/**
 * The key that MACs the audit trail. It lives outside the database, so a writer with database
 * access can delete or edit rows but cannot forge the MACs that would hide it.
 */
export interface AuditKey {
  /** Names the key on every row it signs, so keys can rotate; reveals nothing about the key. */
  readonly id: string;
  readonly secret: Buffer;
}

/** The key new rows are signed with, and every key (current and earlier) rows may carry. */
export interface AuditKeyring {
  readonly current: AuditKey;
  readonly byId: ReadonlyMap<string, AuditKey>;
}

const MIN_KEY_LENGTH = 16;

export function auditKey(secret: string | Buffer): AuditKey {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  const id = createHmac('sha256', bytes).update('vigil.audit.key-id').digest('hex').slice(0, 16);
  return { id, secret: bytes };
}

export function keyring(current: AuditKey, older: readonly AuditKey[] = []): AuditKeyring {
  return { current, byId: new Map([...older, current].map((k) => [k.id, k])) };
}

/** A key for a store that lives only as long as the process (an in-memory store). */
export function ephemeralKeyring(): AuditKeyring {
  return keyring(auditKey(randomBytes(32)));
}

/**
 * `VIGIL_AUDIT_KEY` (with earlier keys in `VIGIL_AUDIT_OLD_KEYS`, comma-separated) when set;
 * otherwise the key file, created with mode 0600 on first start. The file holds one key a line,
 * the last being current, so `vigil audit rotate-key` appends and old rows still verify.
 */
export function loadKeyring(keyFile: string | null, env: NodeJS.ProcessEnv = process.env): AuditKeyring {
  const fromEnv = env.VIGIL_AUDIT_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_KEY_LENGTH)
      throw new VigilError('BAD_CONFIG', `VIGIL_AUDIT_KEY: needs at least ${MIN_KEY_LENGTH} characters`);
    const older = (env.VIGIL_AUDIT_OLD_KEYS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k.length > 0)
      .map(auditKey);
    return keyring(auditKey(fromEnv), older);
  }
  if (keyFile === null) return ephemeralKeyring();
  const keys = readOrCreateKeyFile(keyFile);
  return keyring(keys[keys.length - 1] as AuditKey, keys.slice(0, -1));
}

function readOrCreateKeyFile(file: string): AuditKey[] {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      // 'wx': two processes starting at once create one key, not two.
      writeFileSync(file, `${newKeyLine()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const keys = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map(auditKey);
  if (keys.length === 0) throw new VigilError('BAD_CONFIG', `audit key file ${file}: holds no key`);
  return keys;
}

const newKeyLine = () => randomBytes(32).toString('base64url');

/** Adds a new current key to the key file; earlier keys stay, so earlier rows still verify. */
export function rotateKeyFile(file: string): AuditKey {
  readOrCreateKeyFile(file);
  const line = newKeyLine();
  writeFileSync(file, `${line}\n`, { flag: 'a', mode: 0o600 });
  return auditKey(line);
}
