import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox, secretBoxIn, secretBoxKey } from '../../src/shared/secret-box.js';
import { auditKey, keyring } from '../../src/store/audit/audit-key.js';

const SECRET = 'session-1BQANOTAREALSESSIONSTRINGxyz';
const dir = () => mkdtempSync(join(tmpdir(), 'vigil-secrets-'));

describe('secret box', () => {
  it('round-trips named secrets through a file in the data folder', () => {
    const keys = keyring(auditKey('a root key of enough length'));
    const box = secretBoxIn(dir(), keys);
    expect(box.get('telegram.session')).toBeNull();
    box.set('telegram.session', SECRET);
    box.set('bot.token', 'bot-token-value');
    const again = new SecretBox(box.file, keys);
    expect(again.get('telegram.session')).toBe(SECRET);
    expect(again.names()).toEqual(['bot.token', 'telegram.session']);
    expect(again.delete('bot.token')).toBe(true);
    expect(again.delete('bot.token')).toBe(false);
    expect(new SecretBox(box.file, keys).names()).toEqual(['telegram.session']);
  });

  it('never holds a secret, its name or the root key in clear, and is readable by its owner only', () => {
    const root = 'another root key of enough length';
    const box = secretBoxIn(dir(), keyring(auditKey(root)));
    box.set('telegram.session', SECRET);
    const bytes = readFileSync(box.file);
    for (const clear of [SECRET, 'telegram.session', root]) {
      expect(bytes.includes(Buffer.from(clear))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(clear).toString('base64')))).toBe(false);
    }
    expect(statSync(box.file).mode & 0o077).toBe(0);
  });

  it('derives its own key: the audit key is never the encryption key', () => {
    const root = Buffer.alloc(32, 7);
    const derived = secretBoxKey(root);
    expect(derived).toHaveLength(32);
    expect(derived.equals(root)).toBe(false);
  });

  it('refuses a wrong key clearly, naming the file and the key it needs, never a value', () => {
    const box = secretBoxIn(dir(), keyring(auditKey('the key it was written with')));
    box.set('telegram.session', SECRET);
    const other = new SecretBox(box.file, keyring(auditKey('some unrelated key here')));
    expect(() => other.get('telegram.session')).toThrow(
      /secrets file .*secrets\.enc: is encrypted under key \w+, which this host does not hold/,
    );
    try {
      other.get('telegram.session');
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(SECRET);
    }
  });

  it('refuses an altered file, and a key with the same id but other bytes', () => {
    const keys = keyring(auditKey('the key it was written with'));
    const box = secretBoxIn(dir(), keys);
    box.set('telegram.session', SECRET);
    const sealed = JSON.parse(readFileSync(box.file, 'utf8')) as { data: string };
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    writeFileSync(box.file, JSON.stringify({ ...sealed, data: data.toString('base64') }));
    expect(() => box.get('telegram.session')).toThrow(/cannot be decrypted .*wrong or the file was altered/);
    writeFileSync(box.file, 'not json');
    expect(() => box.get('telegram.session')).toThrow(/not a Vigil secrets file/);
  });

  it('reads a file written under an earlier key after a rotation, and re-encrypts it under the new one', () => {
    const old = auditKey('the key before the rotation');
    const box = secretBoxIn(dir(), keyring(old));
    box.set('telegram.session', SECRET);
    const rotated = new SecretBox(box.file, keyring(auditKey('the key after the rotation'), [old]));
    expect(rotated.get('telegram.session')).toBe(SECRET);
    rotated.set('bot.token', 't');
    const newOnly = new SecretBox(box.file, keyring(auditKey('the key after the rotation')));
    expect(newOnly.get('telegram.session')).toBe(SECRET);
  });
});
