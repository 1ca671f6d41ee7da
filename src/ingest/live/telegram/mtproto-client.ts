import type { Api } from 'telegram';
import { VigilError } from '../../../domain/index.js';

/** One page of a channel's history, with the chats and users it mentions (forward origins, senders). */
export interface HistoryPage {
  messages: Api.TypeMessage[];
  chats: Api.TypeChat[];
  users: Api.TypeUser[];
}

export interface HistoryQuery {
  /** Only messages with a greater id. */
  minId: number;
  limit: number;
  /** Unix seconds: with `minId` 0, start at the first message posted at or after this time. */
  offsetDate?: number;
}

/**
 * The part of an MTProto client the collector needs; the real one wraps GramJS, tests pass a fake
 * fed with GramJS's own objects. Errors are GramJS's (a `FloodWaitError` keeps its `seconds`).
 */
export interface MtprotoClient {
  /** The channel `@name`, `name` or `https://t.me/name` names. */
  resolveChannel(target: string): Promise<Api.Channel>;
  /** Up to `limit` messages after `minId`, in any order (the collector sorts them). */
  getHistory(channel: Api.Channel, query: HistoryQuery): Promise<HistoryPage>;
  /** The largest size of a message's photo, or null when there is none to fetch. */
  downloadPhoto(message: Api.Message): Promise<Buffer | null>;
  close(): Promise<void>;
}

export interface ApiCredentials {
  apiId: number;
  apiHash: string;
}

/** `VIGIL_TELEGRAM_API_ID` and `VIGIL_TELEGRAM_API_HASH` (from my.telegram.org), checked at start. */
export function apiCredentials(env: NodeJS.ProcessEnv): ApiCredentials {
  const id = env.VIGIL_TELEGRAM_API_ID ?? '';
  const hash = env.VIGIL_TELEGRAM_API_HASH ?? '';
  if (!/^\d+$/.test(id) || hash === '')
    throw new VigilError(
      'BAD_CONFIG',
      'telegram: set VIGIL_TELEGRAM_API_ID (a number) and VIGIL_TELEGRAM_API_HASH from https://my.telegram.org (see docs/telegram.md)',
    );
  return { apiId: Number(id), apiHash: hash };
}

/** The username a target names, without `@` or the t.me prefix. */
export function channelUsername(target: string): string {
  const name = target
    .trim()
    .replace(/^(https?:\/\/)?(www\.)?(t|telegram)\.me\//i, '')
    .replace(/^@/, '')
    .replace(/\/.*$/, '');
  if (!/^[A-Za-z0-9_]{4,64}$/.test(name))
    throw new VigilError('BAD_CONFIG', 'telegram: a channel target is @name, name or https://t.me/name');
  return name;
}

/** A GramJS client that stays silent: its log lines could carry what a channel posted. */
async function newClient(session: string, credentials: ApiCredentials) {
  const { TelegramClient, Logger } = await import('telegram');
  const { StringSession } = await import('telegram/sessions/index.js');
  const { LogLevel } = await import('telegram/extensions/Logger.js');
  return new TelegramClient(new StringSession(session), credentials.apiId, credentials.apiHash, {
    connectionRetries: 3,
    // Never sleep on a FloodWait inside GramJS: the collector turns it into a pause of that channel
    // only, and the scheduler keeps the other sources running.
    floodSleepThreshold: 0,
    baseLogger: new Logger(LogLevel.NONE),
  });
}

/** The real client: a signed-in GramJS session (from `vigil telegram login`). */
export async function openMtprotoClient(
  session: string,
  credentials: ApiCredentials,
): Promise<MtprotoClient> {
  const client = await newClient(session, credentials);
  await client.connect();
  if (!(await client.checkAuthorization())) {
    await client.destroy();
    throw new VigilError(
      'BAD_CONFIG',
      'telegram: the stored session is not signed in; run `vigil telegram login`',
    );
  }
  return gramjsClient(client);
}

/** The few calls of a connected GramJS client the collector's port is built on. */
export interface GramjsCalls {
  getEntity(username: string): Promise<unknown>;
  invoke(request: Api.messages.GetHistory): Promise<Api.messages.TypeMessages>;
  downloadMedia(message: Api.Message, params: object): Promise<string | Buffer | undefined>;
  destroy(): Promise<void>;
}

/** The collector's port over a connected GramJS client. */
export async function gramjsClient(client: GramjsCalls): Promise<MtprotoClient> {
  const { Api, helpers } = await import('telegram');
  return {
    async resolveChannel(target) {
      const entity = await client.getEntity(channelUsername(target));
      if (!(entity instanceof Api.Channel))
        throw new VigilError('BAD_CONFIG', `telegram: ${channelUsername(target)} is not a channel or group`);
      return entity;
    },
    async getHistory(channel, { minId, limit, offsetDate }) {
      // Oldest first, as Telethon's reverse iteration asks: a negative add_offset turns the page to
      // the messages after offset_id (or after offset_date when no id is known yet).
      const result = await client.invoke(
        new Api.messages.GetHistory({
          peer: channel,
          offsetId: minId > 0 ? minId + 1 : offsetDate ? 0 : 1,
          offsetDate: minId > 0 ? 0 : (offsetDate ?? 0),
          addOffset: -limit,
          limit,
          maxId: 0,
          minId: 0,
          hash: helpers.returnBigInt(0),
        }),
      );
      if (result instanceof Api.messages.MessagesNotModified) return { messages: [], chats: [], users: [] };
      return { messages: result.messages, chats: result.chats, users: result.users };
    },
    async downloadPhoto(message) {
      const bytes = await client.downloadMedia(message, {});
      return Buffer.isBuffer(bytes) ? bytes : null;
    },
    async close() {
      await client.destroy();
    },
  };
}

/** Asks the person at the terminal; `secret` answers are not echoed. */
export type Ask = (question: string, options?: { secret?: boolean }) => Promise<string>;

/** Signs in with phone, code and two-step password; returns the session string to keep. */
export type TelegramLogin = (credentials: ApiCredentials, ask: Ask) => Promise<string>;

export const gramjsLogin: TelegramLogin = async (credentials, ask) => {
  const client = await newClient('', credentials);
  try {
    await client.start({
      phoneNumber: () => ask('Phone number (international format, e.g. +44…): '),
      phoneCode: () => ask('The code Telegram sent: '),
      password: () => ask('Two-step verification password: ', { secret: true }),
      // Stop at the first error (a wrong code, an unknown number) rather than asking again forever.
      onError: (error) => {
        throw error;
      },
    });
    return String(client.session.save());
  } finally {
    await client.destroy();
  }
};
