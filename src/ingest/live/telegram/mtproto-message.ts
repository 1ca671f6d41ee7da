import { Api } from 'telegram';
import type { MediaRef, NormalizedItem, SourceRef, TextEntity } from '../../../domain/index.js';
import type { IngestRecord } from '../../adapter.js';

/**
 * GramJS objects → the items Telegram exports become, field for field: the same source id (the
 * bare channel id), author (the channel's title), `channel123`/`user123` peer ids and entity type
 * names, so a channel collected live and the same channel's export are one source, and a live
 * forward is the same spread edge an exported one is.
 */

/** Titles and usernames of the chats and users a history page mentions (forward origins, authors). */
export interface PeerNames {
  chats: ReadonlyMap<string, { title: string; username: string | null }>;
  users: ReadonlyMap<string, { name: string; username: string | null }>;
}

export function peerNames(chats: readonly Api.TypeChat[], users: readonly Api.TypeUser[]): PeerNames {
  const chatMap = new Map<string, { title: string; username: string | null }>();
  for (const chat of chats) {
    if (chat instanceof Api.Channel || chat instanceof Api.ChannelForbidden)
      chatMap.set(`channel${chat.id.toString()}`, {
        title: chat.title,
        username: chat instanceof Api.Channel ? (chat.username ?? null) : null,
      });
    else if (chat instanceof Api.Chat || chat instanceof Api.ChatForbidden)
      chatMap.set(`chat${chat.id.toString()}`, { title: chat.title, username: null });
  }
  const userMap = new Map<string, { name: string; username: string | null }>();
  for (const user of users)
    if (user instanceof Api.User) {
      const name = [user.firstName, user.lastName].filter((p) => p).join(' ');
      userMap.set(`user${user.id.toString()}`, {
        name: name || (user.username ?? ''),
        username: user.username ?? null,
      });
    }
  return { chats: chatMap, users: userMap };
}

/** The channel an item is stored under: its bare id as exports write it, so both meet. */
export function channelSource(channel: Api.Channel, fallbackName: string): SourceRef {
  const scope = channel.username ? 'public' : 'private';
  return {
    platform: 'telegram',
    name: channel.title || fallbackName,
    externalId: channel.id.toString(),
    kind: channel.broadcast ? `${scope}_channel` : `${scope}_supergroup`,
  };
}

/** `channel123`, `user123`, `chat123`: how exports write peer ids. */
export function peerKey(peer: Api.TypePeer | undefined | null): string | null {
  if (peer instanceof Api.PeerChannel) return `channel${peer.channelId.toString()}`;
  if (peer instanceof Api.PeerUser) return `user${peer.userId.toString()}`;
  if (peer instanceof Api.PeerChat) return `chat${peer.chatId.toString()}`;
  return null;
}

function peerName(key: string | null, names: PeerNames): string | null {
  if (key === null) return null;
  return names.chats.get(key)?.title ?? names.users.get(key)?.name ?? null;
}

/**
 * Where a forward came from, as a channel an analyst could add: `@username` when the page named it,
 * else its peer id, with the peer id kept beside a username (one channel, one suggestion). Null for
 * forwards from users or hidden senders (never crawl suggestions).
 */
export function forwardOrigin(
  message: Api.Message,
  names: PeerNames,
): { channel: string; peer: string } | null {
  const key = peerKey(message.fwdFrom?.fromId);
  if (key === null || !key.startsWith('channel')) return null;
  const username = names.chats.get(key)?.username;
  return { channel: username ? `@${username}` : key, peer: key };
}

const ENTITY_NAMES: Record<string, string> = {
  MessageEntityUrl: 'link',
  MessageEntityTextUrl: 'text_link',
  MessageEntityStrike: 'strikethrough',
  MessageEntityMentionName: 'mention_name',
  MessageEntityBotCommand: 'bot_command',
  MessageEntityBankCard: 'bank_card',
  MessageEntityCustomEmoji: 'custom_emoji',
};

/** MTProto entities (UTF-16 offsets, as JavaScript strings count) with the type names exports use. */
export function entitiesOf(entities: readonly Api.TypeMessageEntity[] | undefined): TextEntity[] {
  const out: TextEntity[] = [];
  for (const e of entities ?? []) {
    const type =
      ENTITY_NAMES[e.className] ??
      e.className.replace(/^MessageEntity/, '').replace(/^([A-Z])/, (c) => c.toLowerCase());
    const entity: TextEntity = { type, start: e.offset, end: e.offset + e.length };
    if (e instanceof Api.MessageEntityTextUrl) entity.href = e.url;
    if (e instanceof Api.MessageEntityMentionName) entity.userId = e.userId.toString();
    out.push(entity);
  }
  return out;
}

/** A photo's largest size: its dimensions and the bytes a download would take. */
export function largestPhotoSize(photo: Api.Photo): { w: number; h: number; bytes: number } | null {
  let best: { w: number; h: number; bytes: number } | null = null;
  for (const size of photo.sizes) {
    const candidate =
      size instanceof Api.PhotoSize
        ? { w: size.w, h: size.h, bytes: size.size }
        : size instanceof Api.PhotoSizeProgressive
          ? { w: size.w, h: size.h, bytes: Math.max(0, ...size.sizes) }
          : null;
    if (candidate && (best === null || candidate.w * candidate.h > best.w * best.h)) best = candidate;
  }
  return best;
}

/** Where a downloaded photo lives, relative to the data folder; also its stable declared name. */
export function photoPath(channelId: string, messageId: number, photoId: string): string {
  return `media/telegram/${channelId}/${messageId}-${photoId}.jpg`;
}

/** What a message carries besides text, described without downloading (a photo is fetched separately). */
export interface MediaMeta {
  ref: MediaRef;
  /** The photo to fetch into `ref`'s path, with its size; null for anything not downloaded. */
  photo: { bytes: number } | null;
  raw: Record<string, unknown>;
}

export function mediaOf(message: Api.Message, channelId: string): MediaMeta | null {
  const media = message.media as Api.TypeMessageMedia | undefined;
  if (media instanceof Api.MessageMediaPhoto && media.photo instanceof Api.Photo) {
    const size = largestPhotoSize(media.photo);
    const declared = photoPath(channelId, message.id, media.photo.id.toString());
    return {
      ref: {
        kind: 'photo',
        path: null,
        declared,
        missing: true,
        mime: 'image/jpeg',
        width: size?.w ?? null,
        height: size?.h ?? null,
      },
      photo: size ? { bytes: size.bytes } : null,
      raw: {
        type: 'photo',
        id: media.photo.id.toString(),
        width: size?.w,
        height: size?.h,
        bytes: size?.bytes,
      },
    };
  }
  if (media instanceof Api.MessageMediaDocument && media.document instanceof Api.Document) {
    const doc = media.document;
    let kind: MediaRef['kind'] = 'file';
    let width: number | null = null;
    let height: number | null = null;
    let fileName: string | null = null;
    for (const a of doc.attributes) {
      if (a instanceof Api.DocumentAttributeVideo) {
        kind = 'video';
        width = a.w;
        height = a.h;
      } else if (a instanceof Api.DocumentAttributeAudio) kind = 'audio';
      else if (a instanceof Api.DocumentAttributeSticker) kind = 'sticker';
      else if (a instanceof Api.DocumentAttributeImageSize) {
        width = a.w;
        height = a.h;
      } else if (a instanceof Api.DocumentAttributeFilename) fileName = a.fileName;
    }
    return {
      // Documents are described, not downloaded: videos and files can be large, and PDQ hashes images only.
      ref: {
        kind,
        path: null,
        declared: `telegram:document/${doc.id.toString()}`,
        missing: true,
        mime: doc.mimeType || null,
        width,
        height,
      },
      photo: null,
      raw: {
        type: kind,
        id: doc.id.toString(),
        mime_type: doc.mimeType,
        bytes: Number(doc.size.toString()),
        file_name: fileName,
        width,
        height,
      },
    };
  }
  // Web page previews, places, contacts: their content is in the text or the raw record.
  return null;
}

const textOf = (t: unknown): string =>
  typeof t === 'string' ? t : t instanceof Api.TextWithEntities ? t.text : '';

/** Polls carry no message text: their question and answers are the content, as in exports. */
function pollText(message: Api.Message): string {
  const media = message.media as Api.TypeMessageMedia | undefined;
  if (!(media instanceof Api.MessageMediaPoll)) return '';
  const poll = media.poll;
  return [textOf(poll.question), ...poll.answers.map((a) => `- ${textOf(a.text)}`)]
    .filter((l) => l !== '' && l !== '- ')
    .join('\n');
}

const iso = (unix: number | undefined | null) =>
  typeof unix === 'number' && unix > 0 ? new Date(unix * 1000).toISOString() : null;

/** The evidence record kept as `raw`: what Telegram said, with counts, never re-fetched. */
function rawRecord(message: Api.Message, channelId: string, media: MediaMeta | null): string {
  const fwd = message.fwdFrom as Api.MessageFwdHeader | undefined;
  const replies = message.replies as Api.MessageReplies | undefined;
  const reply = message.replyTo as Api.TypeMessageReplyHeader | undefined;
  return JSON.stringify({
    source: 'telegram-mtproto',
    channel_id: channelId,
    id: message.id,
    date: message.date,
    edit_date: message.editDate ?? null,
    text: message.message ?? '',
    post_author: message.postAuthor ?? null,
    grouped_id: message.groupedId ? message.groupedId.toString() : null,
    views: message.views ?? null,
    forwards: message.forwards ?? null,
    replies: replies?.replies ?? null,
    reply_to_message_id: reply instanceof Api.MessageReplyHeader ? (reply.replyToMsgId ?? null) : null,
    fwd_from: fwd
      ? {
          from_id: peerKey(fwd.fromId),
          from_name: fwd.fromName ?? null,
          channel_post: fwd.channelPost ?? null,
          date: fwd.date,
          post_author: fwd.postAuthor ?? null,
        }
      : null,
    media: media?.raw ?? null,
  });
}

/** One message of a history page as an ingest record (an item, a channel event or skipped). */
export function messageRecord(
  message: Api.TypeMessage,
  channel: Api.Channel,
  source: SourceRef,
  names: PeerNames,
): { record: IngestRecord; media: MediaMeta | null } {
  const channelId = channel.id.toString();
  if (message instanceof Api.MessageService)
    return {
      record: {
        kind: 'channel_event',
        event: {
          platform: 'telegram',
          source,
          externalId: String(message.id),
          kind: 'service',
          action: message.action?.className ?? null,
          actor: peerName(peerKey(message.fromId), names),
          postedAt: iso(message.date),
          raw: JSON.stringify({
            source: 'telegram-mtproto',
            channel_id: channelId,
            id: message.id,
            date: message.date,
            action: message.action?.className ?? null,
          }),
        },
      },
      media: null,
    };
  if (!(message instanceof Api.Message)) return { record: { kind: 'skipped' }, media: null };
  const media = mediaOf(message, channelId);
  const fwd = message.fwdFrom as Api.MessageFwdHeader | undefined;
  const forwardedFromId = fwd ? peerKey(fwd.fromId) : null;
  // A channel post's author is the channel (as exports write it); a group message's is its sender.
  const fromKey = peerKey(message.fromId) ?? `channel${channelId}`;
  const reply = message.replyTo as Api.TypeMessageReplyHeader | undefined;
  const viaBot = message.viaBotId ? names.users.get(`user${message.viaBotId.toString()}`)?.username : null;
  const text = message.message ? message.message : pollText(message);
  const item: NormalizedItem = {
    platform: 'telegram',
    source,
    externalId: String(message.id),
    author: fromKey === `channel${channelId}` ? source.name : (peerName(fromKey, names) ?? null),
    authorId: fromKey,
    postedAt: iso(message.date),
    editedAt: iso(message.editDate),
    text,
    title: null,
    entities: message.message ? entitiesOf(message.entities) : [],
    url: channel.username ? `https://t.me/${channel.username}/${message.id}` : null,
    forwardedFrom: fwd ? (peerName(forwardedFromId, names) ?? fwd.fromName ?? forwardedFromId) : null,
    forwardedFromId,
    replyTo:
      reply instanceof Api.MessageReplyHeader && reply.replyToMsgId !== undefined
        ? String(reply.replyToMsgId)
        : null,
    viaBot: viaBot ? `@${viaBot}` : null,
    media: media ? [media.ref] : [],
    raw: rawRecord(message, channelId, media),
  };
  return { record: { kind: 'item', item }, media };
}
