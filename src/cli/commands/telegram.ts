import { dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { VigilError } from '../../domain/index.js';
import type { Ask, TelegramLogin } from '../../ingest/live/telegram/mtproto-client.js';
import { auditKeyFile } from '../../presets/open-store.js';
import { action } from '../run-command.js';

/** What `telegram login` needs from outside: injectable so the parts not tied to Telegram are tested. */
export interface LoginDeps {
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  /** The data folder the secrets file lives in. */
  dataDir: string;
  ask: Ask;
  login: TelegramLogin;
  say: (line: string) => void;
}

/**
 * Signs in to Telegram and keeps the session string, encrypted, in the data folder's secrets
 * file. Refuses without a terminal: the code and the two-step password are asked for, never read
 * from arguments or the environment, where they would land in shell history or process listings.
 */
export async function telegramLogin(deps: LoginDeps): Promise<void> {
  if (!deps.interactive)
    throw new VigilError(
      'USAGE',
      'telegram login: needs an interactive terminal (it asks for the phone number, the code Telegram sends and the two-step password); run it in a terminal, not a script or a pipe',
    );
  const { apiCredentials } = await import('../../ingest/live/telegram/mtproto-client.js');
  const credentials = apiCredentials(deps.env);
  const session = await deps.login(credentials, deps.ask);
  if (session === '') throw new VigilError('INTERNAL', 'telegram login: Telegram returned no session');
  const { dataSecretBox, TELEGRAM_SESSION_SECRET } = await import(
    '../../ingest/live/telegram/telegram-session.js'
  );
  const box = dataSecretBox(deps.dataDir, deps.env);
  box.set(TELEGRAM_SESSION_SECRET, session);
  deps.say(`telegram: signed in; the session is stored encrypted in ${box.file}`);
}

export async function telegramLogout(deps: Pick<LoginDeps, 'env' | 'dataDir' | 'say'>): Promise<void> {
  const { removeTelegramSession } = await import('../../ingest/live/telegram/telegram-session.js');
  deps.say(
    removeTelegramSession(deps.dataDir, deps.env)
      ? 'telegram: session removed; Telegram sources stop until the next `vigil telegram login`'
      : 'telegram: no session was stored',
  );
}

/** The data folder of the store VIGIL_DB names (where the audit key and the secrets file live). */
function storeDataDir(): string {
  const keyFile = auditKeyFile();
  if (keyFile === null)
    throw new VigilError(
      'USAGE',
      'telegram: the store is in memory, so there is no data folder to keep a session in',
    );
  return dirname(keyFile);
}

/** Reads an answer from the terminal; a secret answer is not echoed. Prompts go to stderr. */
const terminalAsk: Ask = async (question, options = {}) => {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (options.secret) {
    // readline echoes what is typed through this hook; only the prompt itself is let through.
    const hooked = rl as unknown as { _writeToOutput: (text: string) => void };
    hooked._writeToOutput = (text: string) => {
      if (text.startsWith(question)) process.stderr.write(question);
    };
  }
  try {
    return (await rl.question(question)).trim();
  } finally {
    if (options.secret) process.stderr.write('\n');
    rl.close();
  }
};

export function registerTelegram(program: Command): void {
  const telegram = program
    .command('telegram')
    .description('sign in to Telegram for MTProto channel collection (session kept encrypted)');
  telegram
    .command('login')
    .description(
      'sign in with phone number, code and two-step password on a terminal; needs VIGIL_TELEGRAM_API_ID and VIGIL_TELEGRAM_API_HASH',
    )
    .action(
      action(async () => {
        const { gramjsLogin } = await import('../../ingest/live/telegram/mtproto-client.js');
        await telegramLogin({
          interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
          env: process.env,
          dataDir: storeDataDir(),
          ask: terminalAsk,
          login: gramjsLogin,
          say: (line) => process.stdout.write(`${line}\n`),
        });
        return 0;
      }),
    );
  telegram
    .command('logout')
    .description('forget the stored Telegram session')
    .action(
      action(async () => {
        await telegramLogout({
          env: process.env,
          dataDir: storeDataDir(),
          say: (line) => process.stdout.write(`${line}\n`),
        });
        return 0;
      }),
    );
}
