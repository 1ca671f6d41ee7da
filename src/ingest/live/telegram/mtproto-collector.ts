import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Api, errors } from 'telegram';
import { VigilError } from '../../../domain/index.js';
import type { IngestRecord } from '../../adapter.js';
import {
  type CollectBatch,
  type CollectContext,
  type Collector,
  type CollectorFactory,
  type CollectorOptions,
  type CollectProblem,
  type Cursor,
  countForwardOrigins,
  type LiveSource,
  SourceBackoff,
} from '../collector.js';
import { type MediaSettings, mediaSettings, pruneMedia, storeMediaFile } from './media-files.js';
import { apiCredentials, type MtprotoClient, openMtprotoClient } from './mtproto-client.js';
import { channelSource, forwardOrigin, type MediaMeta, messageRecord, peerNames } from './mtproto-message.js';
import { loadTelegramSession } from './telegram-session.js';

/**
 * What a Telegram source's cursor holds. `lastId` is the highest message id stored; `since` bounds
 * the first back-fill (ISO date; `vigil sources add telegram --since`); `editedUntil` is the latest
 * edit date (Unix seconds) already collected, so a re-read edit is sent once.
 */
export interface MtprotoCursor {
  lastId?: number;
  since?: string;
  editedUntil?: number;
}

export interface MtprotoCollectorSettings {
  openClient: (source: LiveSource) => Promise<MtprotoClient>;
  /** Messages per request and per batch (Telegram serves at most 100). */
  pageSize?: number;
  /** Pages per channel per run, so one busy channel's back-fill does not hold the others up. */
  maxPagesPerRun?: number;
  /** How many of the latest message ids are re-read each run to find edits. */
  editWindow?: number;
  /**
   * Pause between two requests of one channel's run: our own pacing, so a long back-fill asks
   * politely instead of as fast as Telegram answers until a FloodWait stops it.
   */
  requestIntervalMs?: number;
  /** The back-fill when the cursor names no `since`. */
  backfillDays?: number;
  media?: MediaSettings;
}

const DEFAULTS = {
  pageSize: 100,
  maxPagesPerRun: 20,
  editWindow: 100,
  backfillDays: 7,
  requestIntervalMs: 1000,
};

function readCursor(cursor: Cursor, source: string): MtprotoCursor {
  const out: MtprotoCursor = {};
  const bad = (field: string, expected: string) =>
    new VigilError('BAD_CONFIG', `telegram source ${source}: cursor field ${field}: expected ${expected}`);
  for (const field of ['lastId', 'editedUntil'] as const) {
    const v = cursor[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(field, 'a whole number');
    out[field] = v;
  }
  if (cursor.since !== undefined && cursor.since !== null) {
    if (typeof cursor.since !== 'string' || Number.isNaN(Date.parse(cursor.since)))
      throw bad('since', 'a date');
    out.since = cursor.since;
  }
  return out;
}

/**
 * A GramJS FloodWait becomes a pause of this source only: the scheduler keeps the other channels
 * running and retries this one when Telegram allows, instead of a whole client sleeping.
 */
async function paced<T>(source: LiveSource, context: CollectContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof errors.FloodError && typeof (error as { seconds?: unknown }).seconds === 'number') {
      const seconds = (error as unknown as { seconds: number }).seconds;
      throw new SourceBackoff(
        new Date(context.now().getTime() + seconds * 1000),
        `telegram source ${source.name}: Telegram asks to wait ${seconds} s (FloodWait)`,
      );
    }
    throw error;
  }
}

const isMessage = (m: Api.TypeMessage): m is Api.Message | Api.MessageService =>
  m instanceof Api.Message || m instanceof Api.MessageService;

/**
 * Collects Telegram channels over MTProto: back-fills history from `since`, resumes after the last
 * stored message id, then re-reads a window of recent messages for edits (an edited message is the
 * same external id with new text, which ingest keeps as a version). Forwards carry their origin
 * channel and message id (spread edges) and are counted as crawl suggestions; photos within the
 * size cap are downloaded under `<dataDir>/media/telegram/` for PDQ hashing. Logs nothing.
 */
export function mtprotoCollector(options: CollectorOptions, settings: MtprotoCollectorSettings): Collector {
  const pageSize = Math.min(100, settings.pageSize ?? DEFAULTS.pageSize);
  const maxPages = settings.maxPagesPerRun ?? DEFAULTS.maxPagesPerRun;
  const editWindow = Math.min(100, settings.editWindow ?? DEFAULTS.editWindow);
  const backfillDays = settings.backfillDays ?? DEFAULTS.backfillDays;
  const interval = settings.requestIntervalMs ?? DEFAULTS.requestIntervalMs;
  /** Waits the interval before every request of a run but its first; false when told to stop. */
  const pace = async (context: CollectContext, first: boolean): Promise<boolean> => {
    if (!first && interval > 0)
      await sleep(interval, undefined, { signal: context.signal }).catch(() => undefined);
    return !context.signal.aborted;
  };
  const media = settings.media ?? mediaSettings({});
  const mediaFolder = join(options.dataDir, 'media', 'telegram');
  let client: Promise<MtprotoClient> | null = null;
  let prunedAt = 0;

  async function batchOf(
    telegram: MtprotoClient,
    page: { messages: Api.TypeMessage[]; chats: Api.TypeChat[]; users: Api.TypeUser[] },
    messages: (Api.Message | Api.MessageService)[],
    channel: Api.Channel,
    source: LiveSource,
    context: CollectContext,
    download: boolean,
  ): Promise<CollectBatch> {
    const names = peerNames(page.chats, page.users);
    const ref = channelSource(channel, source.name);
    const records: IngestRecord[] = [];
    const problems: CollectProblem[] = [];
    const origins: { channel: string; peer: string }[] = [];
    for (const message of messages) {
      let converted: { record: IngestRecord; media: MediaMeta | null };
      try {
        converted = messageRecord(message, channel, ref, names);
      } catch {
        problems.push({ where: `message ${message.id}`, message: 'the message could not be read' });
        continue;
      }
      const meta = converted.media;
      if (download && message instanceof Api.Message && meta?.photo) {
        if (meta.photo.bytes > media.photoMaxBytes)
          problems.push({
            where: `message ${message.id}`,
            message: `photo of ${meta.photo.bytes} bytes is over the ${media.photoMaxBytes}-byte cap; described, not downloaded`,
          });
        else {
          let bytes: Buffer | null = null;
          try {
            bytes = await paced(source, context, () => telegram.downloadPhoto(message));
          } catch (error) {
            if (error instanceof SourceBackoff) throw error;
            // One photo Telegram will not serve (an expired file reference) must not stop the channel.
            problems.push({
              where: `message ${message.id}`,
              message: 'photo could not be downloaded; described only',
            });
          }
          if (bytes && bytes.length <= media.photoMaxBytes) {
            meta.ref.path = await storeMediaFile(options.dataDir, meta.ref.declared, bytes);
            meta.ref.missing = false;
          }
        }
      }
      if (message instanceof Api.Message) {
        const origin = forwardOrigin(message, names);
        if (origin) origins.push(origin);
      }
      records.push(converted.record);
    }
    return {
      records,
      ...(problems.length > 0 ? { problems } : {}),
      ...(origins.length > 0 ? { forwardOrigins: countForwardOrigins(origins) } : {}),
    };
  }

  return {
    kind: 'telegram',
    async *collect(source, context) {
      // A failed open (no session, no network) is retried at the next run, not remembered.
      if (client === null)
        client = settings.openClient(source).catch((error: unknown) => {
          client = null;
          throw error;
        });
      const telegram = await client;
      const now = context.now();
      // Once a day is enough: retention is counted in days.
      if (now.getTime() - prunedAt > 86_400_000) {
        await pruneMedia(mediaFolder, media.retentionDays, now);
        prunedAt = now.getTime();
      }
      const cursor = readCursor(source.cursor, source.name);
      const since = cursor.since ?? new Date(now.getTime() - backfillDays * 86_400_000).toISOString();
      const sinceUnix = Math.floor(Date.parse(since) / 1000);
      let lastId = cursor.lastId ?? 0;
      let editedUntil = cursor.editedUntil ?? 0;
      const channel = await paced(source, context, () => telegram.resolveChannel(source.target));
      const nextCursor = (): Cursor => ({ ...source.cursor, lastId, since, editedUntil });
      const freshIds = new Set<number>();

      for (let pageNo = 0; pageNo < maxPages && (await pace(context, pageNo === 0)); pageNo++) {
        const page = await paced(source, context, () =>
          telegram.getHistory(channel, {
            minId: lastId,
            limit: pageSize,
            ...(lastId === 0 ? { offsetDate: sinceUnix } : {}),
          }),
        );
        const after = page.messages.filter((m) => m.id > lastId);
        if (after.length === 0) break;
        const fresh = after
          .filter(isMessage)
          .filter((m) => (m.date ?? 0) >= sinceUnix)
          .sort((a, b) => a.id - b.id);
        const batch = await batchOf(telegram, page, fresh, channel, source, context, true);
        // Past every id the page held, deleted (empty) messages included: a page of nothing but
        // deleted messages must move the cursor on, or the channel would be stuck on it.
        lastId = Math.max(...after.map((m) => m.id));
        for (const m of fresh) freshIds.add(m.id);
        yield { ...batch, cursor: nextCursor() };
        if (page.messages.length < pageSize) break;
      }

      if (lastId === 0 || !(await pace(context, false))) return;
      const recent = await paced(source, context, () =>
        telegram.getHistory(channel, { minId: Math.max(0, lastId - editWindow), limit: editWindow }),
      );
      const window = recent.messages.filter((m): m is Api.Message => m instanceof Api.Message);
      // Messages that arrived in this run are stored as they are now; the others are edits if their
      // edit date is past every edit already collected. The whole window is read at once, so every
      // edit up to its latest date has been seen.
      const edited = window
        .filter((m) => m.id <= lastId && !freshIds.has(m.id) && (m.editDate ?? 0) > editedUntil)
        .sort((a, b) => a.id - b.id);
      const latestEdit = Math.max(editedUntil, ...window.map((m) => m.editDate ?? 0));
      if (latestEdit === editedUntil) return;
      const batch = await batchOf(telegram, recent, edited, channel, source, context, false);
      editedUntil = latestEdit;
      // Forwards were counted when the message first arrived; an edit does not count them again.
      yield {
        records: batch.records,
        ...(batch.problems ? { problems: batch.problems } : {}),
        cursor: nextCursor(),
      };
    },
    async close() {
      if (client === null) return;
      const open = client;
      client = null;
      await (await open).close();
    },
  };
}

/**
 * The registry's factory: API id and hash from the environment (checked now), the session from
 * the source's resolved secret or the encrypted secrets file (`vigil telegram login`).
 */
export const createMtprotoCollector: CollectorFactory = (options) => {
  const credentials = apiCredentials(options.env);
  return mtprotoCollector(options, {
    media: mediaSettings(options.env),
    openClient: async (source) => {
      const session = source.secret ?? loadTelegramSession(options.dataDir, options.env);
      if (!session)
        throw new VigilError(
          'BAD_CONFIG',
          'telegram: no session is stored; run `vigil telegram login` first',
        );
      return openMtprotoClient(session, credentials);
    },
  });
};
