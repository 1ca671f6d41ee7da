import type { Chat, Message, MessageEntity, PhotoSize } from 'grammy/types';
import type { MediaRef, NormalizedItem, SourceRef, TextEntity } from '../../../domain/index.js';

/**
 * Bot API channel posts → the items Telegram exports and the MTProto collector produce: the bare
 * channel id as the source id (the Bot API writes channels as -100<id>), the channel's title as
 * author, `channel123` peer ids and the export's entity type names, so all three meet.
 */

/** The bare id exports and MTProto use: the Bot API writes a channel or supergroup as -100<id>. */
export function bareChatId(id: number): string {
  const text = String(id);
  return text.startsWith('-100') ? text.slice(4) : text.replace(/^-/, '');
}

const peerOfChat = (chat: { id: number; type: string }) =>
  `${chat.type === 'channel' || chat.type === 'supergroup' ? 'channel' : 'chat'}${bareChatId(chat.id)}`;

export function chatSource(chat: Chat): SourceRef {
  const username = 'username' in chat ? chat.username : undefined;
  const title = 'title' in chat && chat.title ? chat.title : (username ?? bareChatId(chat.id));
  const scope = username ? 'public' : 'private';
  return {
    platform: 'telegram',
    name: title,
    externalId: bareChatId(chat.id),
    kind:
      chat.type === 'channel'
        ? `${scope}_channel`
        : chat.type === 'supergroup'
          ? `${scope}_supergroup`
          : chat.type,
  };
}

const ENTITY_NAMES: Record<string, string> = { url: 'link', text_mention: 'mention_name' };

export function entitiesOf(entities: readonly MessageEntity[] | undefined): TextEntity[] {
  return (entities ?? []).map((e) => {
    const entity: TextEntity = {
      type: ENTITY_NAMES[e.type] ?? e.type,
      start: e.offset,
      end: e.offset + e.length,
    };
    if (e.type === 'text_link') entity.href = e.url;
    if (e.type === 'text_mention') entity.userId = String(e.user.id);
    return entity;
  });
}

/** Who a forwarded post came from: name, peer id, and the channel to suggest (channels only). */
export function forwardOf(
  message: Message,
): { name: string | null; id: string | null; channel: string | null } | null {
  const origin = message.forward_origin;
  if (!origin) return null;
  switch (origin.type) {
    case 'channel':
    case 'chat': {
      const chat = origin.type === 'channel' ? origin.chat : origin.sender_chat;
      const username = 'username' in chat ? chat.username : undefined;
      const id = peerOfChat(chat);
      return {
        name: 'title' in chat && chat.title ? chat.title : id,
        id,
        channel: origin.type === 'channel' ? (username ? `@${username}` : id) : null,
      };
    }
    case 'user':
      return {
        name: [origin.sender_user.first_name, origin.sender_user.last_name].filter(Boolean).join(' '),
        id: `user${origin.sender_user.id}`,
        channel: null,
      };
    case 'hidden_user':
      return { name: origin.sender_user_name, id: null, channel: null };
    default:
      return null;
  }
}

function largest(sizes: readonly PhotoSize[]): PhotoSize | null {
  return sizes.reduce<PhotoSize | null>(
    (best, s) => (best && best.width * best.height >= s.width * s.height ? best : s),
    null,
  );
}

/** A post's photo to download (its largest size) and where it goes under the data folder. */
export interface PhotoToFetch {
  fileId: string;
  /** The size Telegram declares, when it does. */
  bytes: number | null;
  /** As the MTProto collector names its photos: `media/telegram/<channel id>/<message id>-<id>.jpg`. */
  relative: string;
}

export function photoToFetch(message: Message): PhotoToFetch | null {
  if (!message.photo || message.photo.length === 0) return null;
  const p = largest(message.photo) as PhotoSize;
  // The file name is built from what Telegram sent: only ids of the shape Telegram uses reach a path.
  if (
    !Number.isSafeInteger(message.chat.id) ||
    !Number.isSafeInteger(message.message_id) ||
    !/^[A-Za-z0-9_-]{1,100}$/.test(p.file_unique_id)
  )
    return null;
  return {
    fileId: p.file_id,
    bytes: typeof p.file_size === 'number' ? p.file_size : null,
    relative: `media/telegram/${bareChatId(message.chat.id)}/${message.message_id}-${p.file_unique_id}.jpg`,
  };
}

/**
 * Media described; the collector then downloads a photo within the size cap (photoToFetch) and
 * fills in its path. Videos, audio and files are described only.
 */
function mediaOf(message: Message): MediaRef[] {
  const ref = (
    kind: MediaRef['kind'],
    id: string,
    mime: string | null,
    w?: number,
    h?: number,
  ): MediaRef => ({
    kind,
    path: null,
    declared: `telegram-bot:${kind}/${id}`,
    missing: true,
    mime,
    width: w ?? null,
    height: h ?? null,
  });
  if (message.photo && message.photo.length > 0) {
    const p = largest(message.photo) as PhotoSize;
    return [ref('photo', p.file_unique_id, 'image/jpeg', p.width, p.height)];
  }
  // An animation (GIF) is stored by Telegram as a video.
  const video = message.video ?? message.animation;
  if (video) return [ref('video', video.file_unique_id, video.mime_type ?? null, video.width, video.height)];
  if (message.audio) return [ref('audio', message.audio.file_unique_id, message.audio.mime_type ?? null)];
  if (message.voice) return [ref('audio', message.voice.file_unique_id, message.voice.mime_type ?? null)];
  if (message.sticker)
    return [
      ref('sticker', message.sticker.file_unique_id, null, message.sticker.width, message.sticker.height),
    ];
  if (message.document)
    return [ref('file', message.document.file_unique_id, message.document.mime_type ?? null)];
  return [];
}

function pollText(message: Message): string {
  if (!message.poll) return '';
  return [message.poll.question, ...message.poll.options.map((o) => `- ${o.text}`)]
    .filter((l) => l !== '')
    .join('\n');
}

const iso = (unix: number | undefined) =>
  typeof unix === 'number' && unix > 0 ? new Date(unix * 1000).toISOString() : null;

/** A channel post (new or edited) as an item; the Bot API's own JSON is kept as `raw`. */
export function channelPostItem(message: Message): NormalizedItem {
  const source = chatSource(message.chat);
  const username = 'username' in message.chat ? message.chat.username : undefined;
  const forward = forwardOf(message);
  const text = message.text ?? message.caption ?? pollText(message);
  return {
    platform: 'telegram',
    source,
    externalId: String(message.message_id),
    author:
      message.sender_chat && message.sender_chat.id !== message.chat.id
        ? chatSource(message.sender_chat).name
        : source.name,
    authorId: message.from ? `user${message.from.id}` : peerOfChat(message.sender_chat ?? message.chat),
    postedAt: iso(message.date),
    editedAt: iso(message.edit_date),
    text,
    title: null,
    entities: entitiesOf(message.text !== undefined ? message.entities : message.caption_entities),
    url: username ? `https://t.me/${username}/${message.message_id}` : null,
    forwardedFrom: forward?.name ?? null,
    forwardedFromId: forward?.id ?? null,
    replyTo: message.reply_to_message ? String(message.reply_to_message.message_id) : null,
    viaBot: message.via_bot?.username ? `@${message.via_bot.username}` : null,
    media: mediaOf(message),
    raw: JSON.stringify(message),
  };
}
