import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { telegramLogin, telegramLogout } from '../../src/cli/commands/telegram.js';
import type { Ask, TelegramLogin } from '../../src/ingest/live/telegram/mtproto-client.js';
import { loadTelegramSession } from '../../src/ingest/live/telegram/telegram-session.js';
import { SECRETS_FILE } from '../../src/shared/secret-box.js';
import { runCli, tempDb } from '../helpers/cli.js';

const SESSION = '1BVtsOKABu-not-a-real-session-string';
const ENV = { VIGIL_TELEGRAM_API_ID: '12345', VIGIL_TELEGRAM_API_HASH: 'abcdef0123456789' };

describe('vigil telegram login', () => {
  it('refuses without a terminal, saying why, and stores nothing', async () => {
    const db = tempDb();
    const run = await runCli(['telegram', 'login'], { VIGIL_DB: db, ...ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/telegram login: needs an interactive terminal/);
    expect(existsSync(join(db, '..', SECRETS_FILE))).toBe(false);
  });

  it('keeps the session from the login, encrypted, where the collector reads it; logout removes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-tg-login-'));
    const asked: string[] = [];
    const ask: Ask = async (question, options) => {
      asked.push(`${question}${options?.secret ? ' (hidden)' : ''}`);
      return 'answer';
    };
    const login: TelegramLogin = async (credentials, askFn) => {
      expect(credentials).toEqual({ apiId: 12345, apiHash: 'abcdef0123456789' });
      await askFn('Two-step verification password: ', { secret: true });
      return SESSION;
    };
    const said: string[] = [];
    await telegramLogin({ interactive: true, env: ENV, dataDir, ask, login, say: (l) => said.push(l) });
    expect(asked).toEqual(['Two-step verification password:  (hidden)']);
    expect(said.join('\n')).not.toContain(SESSION);
    const file = readFileSync(join(dataDir, SECRETS_FILE));
    expect(file.includes(Buffer.from(SESSION))).toBe(false);
    expect(loadTelegramSession(dataDir, ENV)).toBe(SESSION);

    await telegramLogout({ env: ENV, dataDir, say: (l) => said.push(l) });
    expect(loadTelegramSession(dataDir, ENV)).toBeNull();
    expect(said.at(-1)).toMatch(/session removed/);
  });

  it('asks for the API id and hash before anything else', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-tg-login-'));
    const login: TelegramLogin = async () => SESSION;
    await expect(
      telegramLogin({ interactive: true, env: {}, dataDir, ask: async () => '', login, say: () => {} }),
    ).rejects.toThrow(/VIGIL_TELEGRAM_API_ID .*VIGIL_TELEGRAM_API_HASH/);
    expect(loadTelegramSession(dataDir, {})).toBeNull();
  });
});
