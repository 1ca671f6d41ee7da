import { join } from 'node:path';
import { Api, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import { type MediaRef, type NormalizedItem, VigilError } from '../../../domain/index.js';
import type { IngestRecord } from '../../adapter.js';
import {
  type CollectContext,
  type Collector,
  type CollectorFactory,
  type CollectorOptions,
  type CollectProblem,
  countForwardOrigins,
  type LiveSource,
  SourceBackoff,
} from '../collector.js';
import { channelPostItem, forwardOf, type PhotoToFetch, photoToFetch } from './bot-message.js';
import { type MediaSettings, mediaSettings, pruneMedia, storeMediaFile } from './media-files.js';

/** What a bot source's cursor holds: the next update id to ask for (Telegram forgets earlier ones). */
export interface BotCursor {
  offset?: number;
}

export interface BotCollectorSettings {
  /** The Bot API server (`VIGIL_TELEGRAM_BOT_API_ROOT`; default Telegram's own). */
  apiRoot?: string;
  /** How long the first request of a run waits for new posts (long polling); 0 asks and returns. */
  pollSeconds?: number;
  /** Requests per run, so a bot with a long backlog does not hold the scheduler up. */
  maxRequestsPerRun?: number;
  /** The photo size cap and retention, shared with the MTProto collector. */
  media?: MediaSettings;
}

/** Telegram's own Bot API server, which grammY uses when no apiRoot is given. */
const DEFAULT_API_ROOT = 'https://api.telegram.org';
/** Longest a photo download may take. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * A file from the Bot API's file endpoint, read up to `maxBytes`; null when it is larger. The URL
 * holds the token, so it appears in no message.
 */
async function downloadFile(url: string, maxBytes: number, signal: AbortSignal): Promise<Buffer | null> {
  const response = await fetch(url, {
    signal: AbortSignal.any([signal, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]),
    redirect: 'error',
  });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`HTTP ${response.status}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    total += read.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(Buffer.from(read.value));
  }
  return Buffer.concat(chunks);
}

const ALLOWED_UPDATES = ['channel_post', 'edited_channel_post'] as const;
const PAGE = 100;

function readOffset(source: LiveSource): number {
  const offset = source.cursor.offset;
  if (offset === undefined || offset === null) return 0;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0)
    throw new VigilError(
      'BAD_CONFIG',
      `telegram-bot source ${source.name}: cursor field offset: expected a whole number`,
    );
  return offset;
}

/**
 * A 429 becomes a pause of this source rather than a sleep here: waiting inside `collect` would
 * hold one of the scheduler's bounded slots (and a `watch --once`) for as long as Telegram asks,
 * while the scheduler can run the other sources and come back. Nothing is lost: the offset was
 * not advanced, so Telegram sends the same updates again.
 */
async function paced<T>(source: LiveSource, context: CollectContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 429) {
      const seconds = Math.max(1, Number(error.parameters.retry_after ?? 1));
      throw new SourceBackoff(
        new Date(context.now().getTime() + seconds * 1000),
        `telegram-bot source ${source.name}: the Bot API asks to wait ${seconds} s (429)`,
      );
    }
    if (error instanceof GrammyError)
      // Telegram's description names the problem (an invalid token, a conflicting webhook), never content.
      throw new VigilError('BAD_CONFIG', `telegram-bot source ${source.name}: ${error.description}`);
    throw error;
  }
}

/**
 * Collects the channels a bot administers through the Bot API's getUpdates: channel posts and
 * edited posts (an edit is the same external id, which ingest keeps as a version). The offset
 * travels in the cursor, saved by the scheduler only after the batch is stored, so Telegram
 * re-sends anything a crash left unstored and forgets only what was stored. Logs nothing.
 */
export function botCollector(options: CollectorOptions, settings: BotCollectorSettings = {}): Collector {
  const apiRoot = settings.apiRoot ?? options.env.VIGIL_TELEGRAM_BOT_API_ROOT ?? undefined;
  const pollSeconds = settings.pollSeconds ?? 0;
  const maxRequests = settings.maxRequestsPerRun ?? 20;
  const media = settings.media ?? mediaSettings({});
  let prunedAt = 0;

  /**
   * Downloads a post's photo within the size cap under the data folder (where the media stage
   * hashes it) and fills in its path; a photo over the cap or that cannot be fetched stays
   * described, and the reason is a problem of the run, never a stopped source.
   */
  async function fetchPhoto(
    api: Api,
    source: LiveSource,
    context: CollectContext,
    photo: PhotoToFetch,
    ref: MediaRef,
    where: string,
  ): Promise<CollectProblem | null> {
    const cap = media.photoMaxBytes;
    const overCap = (bytes: number) => ({
      where,
      message: `photo of ${bytes} bytes is over the ${cap}-byte cap; described, not downloaded`,
    });
    if (photo.bytes !== null && photo.bytes > cap) return overCap(photo.bytes);
    try {
      const file = await paced(source, context, () =>
        api.getFile(photo.fileId, context.signal as Parameters<typeof api.getFile>[1]),
      );
      if (typeof file.file_size === 'number' && file.file_size > cap) return overCap(file.file_size);
      if (!file.file_path) throw new Error('no file path');
      const bytes = await downloadFile(
        `${apiRoot ?? DEFAULT_API_ROOT}/file/bot${source.secret}/${file.file_path}`,
        cap,
        context.signal,
      );
      if (bytes === null)
        return { where, message: `photo is over the ${cap}-byte cap; described, not downloaded` };
      ref.path = await storeMediaFile(options.dataDir, photo.relative, bytes);
      ref.missing = false;
      return null;
    } catch (error) {
      if (error instanceof SourceBackoff || context.signal.aborted) throw error;
      return { where, message: 'photo could not be downloaded; described only' };
    }
  }

  return {
    kind: 'telegram-bot',
    async *collect(source, context) {
      if (!source.secret)
        throw new VigilError(
          'BAD_CONFIG',
          `telegram-bot source ${source.name}: no bot token (set the variable named by --token-env)`,
        );
      const api = new Api(source.secret, {
        ...(apiRoot ? { apiRoot } : {}),
        timeoutSeconds: pollSeconds + 30,
      });
      let offset = readOffset(source);
      const now = context.now();
      // Once a day is enough: retention is counted in days.
      if (now.getTime() - prunedAt > 86_400_000) {
        await pruneMedia(join(options.dataDir, 'media', 'telegram'), media.retentionDays, now);
        prunedAt = now.getTime();
      }
      for (let request = 0; request < maxRequests && !context.signal.aborted; request++) {
        const updates: Update[] = await paced(source, context, () =>
          api.getUpdates(
            {
              offset,
              limit: PAGE,
              timeout: request === 0 ? pollSeconds : 0,
              allowed_updates: [...ALLOWED_UPDATES],
            },
            // grammY types its signal with a polyfill's class; Node's AbortSignal is what it uses at run time.
            context.signal as Parameters<typeof api.getUpdates>[1],
          ),
        );
        if (updates.length === 0) return;
        const records: IngestRecord[] = [];
        const problems: CollectProblem[] = [];
        const origins: { channel: string; peer: string | null }[] = [];
        for (const update of [...updates].sort((a, b) => a.update_id - b.update_id)) {
          offset = Math.max(offset, update.update_id + 1);
          const post = update.channel_post ?? update.edited_channel_post;
          if (!post) {
            records.push({ kind: 'skipped' });
            continue;
          }
          let item: NormalizedItem;
          try {
            item = channelPostItem(post);
          } catch {
            problems.push({
              where: `update ${update.update_id}`,
              message: 'the channel post could not be read',
            });
            continue;
          }
          const photo = photoToFetch(post);
          const ref = item.media.find((m) => m.kind === 'photo');
          if (photo && ref) {
            const problem = await fetchPhoto(api, source, context, photo, ref, `message ${post.message_id}`);
            if (problem) problems.push(problem);
          }
          records.push({ kind: 'item', item });
          const forward = update.channel_post ? forwardOf(post) : null;
          if (forward?.channel) origins.push({ channel: forward.channel, peer: forward.id });
        }
        yield {
          records,
          cursor: { ...source.cursor, offset },
          ...(problems.length > 0 ? { problems } : {}),
          ...(origins.length > 0 ? { forwardOrigins: countForwardOrigins(origins) } : {}),
        };
        if (updates.length < PAGE) return;
      }
    },
  };
}

/** The registry's factory: `VIGIL_TELEGRAM_BOT_POLL_SECONDS` (default 0) sets the long-poll wait. */
export const createBotCollector: CollectorFactory = (options) => {
  const poll = options.env.VIGIL_TELEGRAM_BOT_POLL_SECONDS;
  if (poll !== undefined && poll !== '' && !/^\d+$/.test(poll))
    throw new VigilError('BAD_CONFIG', 'VIGIL_TELEGRAM_BOT_POLL_SECONDS: expected a whole number of seconds');
  return botCollector(options, { pollSeconds: poll ? Number(poll) : 0, media: mediaSettings(options.env) });
};
