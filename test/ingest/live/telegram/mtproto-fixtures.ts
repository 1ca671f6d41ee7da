import { Api, errors, helpers } from 'telegram';
import type {
  HistoryPage,
  HistoryQuery,
  MtprotoClient,
} from '../../../../src/ingest/live/telegram/mtproto-client.js';

/** GramJS objects as Telegram would send them, built with GramJS's own constructors. */
export const big = (n: number) => helpers.returnBigInt(n);
/** 2024-01-01T10:00:00Z */
export const T0 = 1704103200;

export function channel(id: number, title: string, username: string): Api.Channel {
  return new Api.Channel({
    id: big(id),
    accessHash: big(id * 7),
    title,
    username,
    broadcast: true,
    photo: new Api.ChatPhotoEmpty(),
    date: T0 - 86_400,
  });
}

export function post(
  channelId: number,
  id: number,
  text: string,
  extra: Partial<ConstructorParameters<typeof Api.Message>[0]> = {},
): Api.Message {
  return new Api.Message({
    id,
    peerId: new Api.PeerChannel({ channelId: big(channelId) }),
    date: T0 + id * 60,
    message: text,
    post: true,
    views: id * 10,
    forwards: id,
    ...extra,
  });
}

export function forwardOf(fromChannelId: number, channelPost: number): Api.MessageFwdHeader {
  return new Api.MessageFwdHeader({
    date: T0 - 3600,
    fromId: new Api.PeerChannel({ channelId: big(fromChannelId) }),
    channelPost,
  });
}

export function photo(id: number, bytes: number): Api.MessageMediaPhoto {
  return new Api.MessageMediaPhoto({
    photo: new Api.Photo({
      id: big(id),
      accessHash: big(1),
      fileReference: Buffer.alloc(0),
      date: T0,
      sizes: [
        new Api.PhotoStrippedSize({ type: 'i', bytes: Buffer.alloc(4) }),
        new Api.PhotoSize({ type: 'x', w: 800, h: 600, size: bytes }),
      ],
      dcId: 2,
    }),
  });
}

/**
 * A channel history served the way the real client promises (messages after `minId`, or from
 * `offsetDate` when no id is known), with hooks to fail a call: a crash or a FloodWait.
 */
export class FakeTelegram implements MtprotoClient {
  readonly channels = new Map<string, Api.Channel>();
  readonly history = new Map<string, Api.Message[]>();
  /** Chats every page mentions (forward origins). */
  extraChats: Api.TypeChat[] = [];
  readonly calls: { channel: string; query: HistoryQuery }[] = [];
  downloads = 0;
  /** Called before each history request; may throw. */
  beforeHistory: (channel: string, callNo: number) => void = () => {};
  closed = false;

  add(ch: Api.Channel, messages: Api.Message[]): void {
    this.channels.set(ch.username ?? '', ch);
    this.history.set(ch.id.toString(), messages);
  }

  async resolveChannel(target: string): Promise<Api.Channel> {
    const ch = this.channels.get(target.replace(/^@/, ''));
    if (!ch) throw new Error('USERNAME_NOT_OCCUPIED');
    return ch;
  }

  async getHistory(ch: Api.Channel, query: HistoryQuery): Promise<HistoryPage> {
    const key = ch.id.toString();
    this.calls.push({ channel: key, query });
    this.beforeHistory(key, this.calls.filter((c) => c.channel === key).length);
    const all = [...(this.history.get(key) ?? [])].sort((a, b) => a.id - b.id);
    const after = all.filter(
      (m) =>
        m.id > query.minId &&
        (query.minId > 0 || query.offsetDate === undefined || m.date >= query.offsetDate),
    );
    // Newest first, as Telegram answers, so the collector's own ordering is what is tested.
    return { messages: after.slice(0, query.limit).reverse(), chats: [ch, ...this.extraChats], users: [] };
  }

  /** Message ids whose photo Telegram refuses to serve. */
  readonly refusedPhotos = new Set<number>();

  async downloadPhoto(message: Api.Message): Promise<Buffer | null> {
    this.downloads++;
    if (this.refusedPhotos.has(message.id)) throw new Error('FILE_REFERENCE_EXPIRED');
    return Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export const floodWait = (seconds: number) =>
  new errors.FloodWaitError({ request: undefined, capture: seconds });
