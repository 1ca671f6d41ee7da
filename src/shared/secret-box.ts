import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VigilError } from '../domain/index.js';

/**
 * A root key kept outside the store (the audit key: `VIGIL_AUDIT_KEY` or the data folder's key
 * file). Structurally the audit trail's key, so the caller passes the keyring it already loads.
 */
export interface RootKey {
  readonly id: string;
  readonly secret: Buffer;
}

/** The key new writes use and every key an earlier write may have used (after a rotation). */
export interface RootKeyring {
  readonly current: RootKey;
  readonly byId: ReadonlyMap<string, RootKey>;
}

/** The secrets file's name in the data folder. */
export const SECRETS_FILE = 'secrets.enc';

const FORMAT_VERSION = 1;
/**
 * HKDF's label: the box encrypts under a key derived for this purpose alone, so the audit key
 * never serves two purposes (a MAC key reused as an encryption key).
 */
const HKDF_INFO = 'vigil.secret-box.v1';
const HKDF_SALT = 'vigil.secret-box.salt';
const IV_BYTES = 12;

interface SealedFile {
  formatVersion: number;
  /** The root key's id (not the key): says which key to ask for when it is not held. */
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

/** The AES-256-GCM key derived from a root key for the secrets file. */
export function secretBoxKey(root: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', root, HKDF_SALT, HKDF_INFO, 32));
}

/** Binds the ciphertext to the format and the key id, so neither can be swapped unnoticed. */
const additionalData = (keyId: string) => Buffer.from(`vigil.secrets/${FORMAT_VERSION}:${keyId}`, 'utf8');

/**
 * Named secrets (a Telegram session, bot tokens) in one file in the data folder, encrypted with
 * AES-256-GCM under a key derived from the root key. The file holds no secret and no secret's
 * name in clear; a wrong key or an altered file fails with a message naming the file, never a value.
 */
export class SecretBox {
  constructor(
    readonly file: string,
    private readonly keys: RootKeyring,
  ) {}

  get(name: string): string | null {
    return this.readAll()[name] ?? null;
  }

  names(): string[] {
    return Object.keys(this.readAll()).sort();
  }

  set(name: string, value: string): void {
    const all = this.readAll();
    all[name] = value;
    this.writeAll(all);
  }

  /** Removes one secret; the file goes when it holds none. Returns whether the secret was there. */
  delete(name: string): boolean {
    const all = this.readAll();
    if (!(name in all)) return false;
    delete all[name];
    if (Object.keys(all).length === 0) rmSync(this.file, { force: true });
    else this.writeAll(all);
    return true;
  }

  private readAll(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    let sealed: SealedFile;
    try {
      sealed = JSON.parse(readFileSync(this.file, 'utf8')) as SealedFile;
    } catch {
      throw this.fail('is not a Vigil secrets file (not JSON)');
    }
    if (sealed?.formatVersion !== FORMAT_VERSION)
      throw this.fail(`has format version ${String(sealed?.formatVersion)}; expected ${FORMAT_VERSION}`);
    const key = this.keys.byId.get(sealed.keyId);
    if (!key)
      throw this.fail(
        `is encrypted under key ${String(sealed.keyId)}, which this host does not hold (its key is ${this.keys.current.id}); set VIGIL_AUDIT_KEY (or VIGIL_AUDIT_OLD_KEYS) to the key it was written with`,
      );
    let plain: string;
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        secretBoxKey(key.secret),
        Buffer.from(sealed.iv, 'base64'),
      );
      decipher.setAAD(additionalData(sealed.keyId));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw this.fail(`cannot be decrypted with key ${key.id}: the key is wrong or the file was altered`);
    }
    const parsed = JSON.parse(plain) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw this.fail('holds no table of secrets');
    return parsed as Record<string, string>;
  }

  /** Always under the current key, so a rotation re-encrypts the file at its next write. */
  private writeAll(all: Record<string, string>): void {
    const key = this.keys.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', secretBoxKey(key.secret), iv);
    cipher.setAAD(additionalData(key.id));
    const data = Buffer.concat([cipher.update(JSON.stringify(all), 'utf8'), cipher.final()]);
    const sealed: SealedFile = {
      formatVersion: FORMAT_VERSION,
      keyId: key.id,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    mkdirSync(dirname(this.file), { recursive: true });
    // Written beside and renamed over: a crash mid-write leaves the old file, never half of one.
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(sealed)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, this.file);
  }

  private fail(problem: string): VigilError {
    return new VigilError('BAD_CONFIG', `secrets file ${this.file}: ${problem}`);
  }
}

/** The secrets file of a data folder. */
export function secretBoxIn(dataDir: string, keys: RootKeyring): SecretBox {
  return new SecretBox(join(dataDir, SECRETS_FILE), keys);
}
