import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { SourceRef } from '../../domain/index.js';
import type { IngestAdapter, IngestRecord, ReadOptions } from '../adapter.js';
import { withSourceOverride } from '../adapter.js';
import { parseJsonRecord } from '../json-record.js';
import { type FilePresence, filePresence } from './file-presence.js';
import { type ChatHeader, TelegramJsonSplitter } from './json-splitter.js';
import { chatSource, isLegacyExport, normalizeMessage, type TelegramMessage } from './telegram-message.js';

/** Telegram Desktop's JSON export: a single chat's `result.json` or the full-account export. */
export const telegramExportAdapter: IngestAdapter = {
  format: 'telegram',
  sniff(file, head) {
    return /\.json$/i.test(file) && /"(messages|chats|left_chats)"\s*:/.test(head);
  },
  async *read(file: string, options: ReadOptions): AsyncIterable<IngestRecord> {
    const totalBytes = statSync(file).size;
    const splitter = new TelegramJsonSplitter();
    const name = basename(file);
    const sourceOf = chatSources();
    const isPresent = filePresence();
    let bytesRead = 0;
    // Messages are parsed between reads without yielding to the event loop, so a chunk's size
    // is how long a database reply waits to be handled while the next batch is read: about 35 ms
    // on average with 1 MB chunks, 2-3 ms with 64 kB (Node's default), at the same CPU. A batch
    // written to PostgreSQL takes about ten round trips.
    const stream = createReadStream(file, { highWaterMark: 1 << 16 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.signal?.throwIfAborted();
      bytesRead += chunk.length;
      for (const event of splitter.push(chunk))
        yield* toRecords(event, file, name, options, sourceOf, isPresent);
      options.onProgress?.({ file, bytesRead, totalBytes });
    }
    for (const event of splitter.end()) yield* toRecords(event, file, name, options, sourceOf, isPresent);
  },
};

type SourceOf = (chat: ChatHeader, name: string, legacy: boolean, override: string | undefined) => SourceRef;

/**
 * The sources of one read's chats: for each message, the source made for the message before when
 * nothing it is made of has changed, rather than one object per message. Items share it; the
 * validation gate replaces it rather than changing it. One per read, so reads never share it.
 */
function chatSources(): SourceOf {
  let last: { made: readonly unknown[]; source: SourceRef } | null = null;
  return (chat, name, legacy, override) => {
    const made = [chat, chat.id, chat.name, chat.type, name, legacy, override];
    if (last?.made.every((v, i) => v === made[i])) return last.source;
    const source = withSourceOverride(chatSource(chat, name, legacy), override);
    last = { made, source };
    return source;
  };
}

function* toRecords(
  event: ReturnType<TelegramJsonSplitter['push']>[number],
  file: string,
  name: string,
  options: ReadOptions,
  sourceOf: SourceOf,
  isPresent: FilePresence,
): Iterable<IngestRecord> {
  if (event.type === 'damage') {
    yield { kind: 'error', error: { file, line: event.line, message: `telegram export: ${event.message}` } };
    return;
  }
  const parsed = parseJsonRecord(event.json, event.depth);
  if (!parsed.ok) {
    yield {
      kind: 'error',
      error: {
        file,
        line: event.line,
        message: `telegram export: message is not valid JSON (${parsed.reason})`,
      },
    };
    return;
  }
  const m = parsed.value as TelegramMessage | null;
  if (m === null || typeof m !== 'object' || Array.isArray(m)) {
    yield {
      kind: 'error',
      error: {
        file,
        line: event.line,
        field: null,
        message: 'telegram export: message is not a JSON object',
      },
    };
    return;
  }
  const source = sourceOf(event.chat, name, isLegacyExport(m), options.source);
  if (
    (m.date_unixtime === undefined || m.date_unixtime === '') &&
    typeof m.date === 'string' &&
    !options.timeZone
  )
    yield {
      kind: 'warning',
      file,
      message:
        'telegram export: dates without date_unixtime are local times of the exporting computer; read as UTC (pass --tz ZONE to read them in its zone)',
    };
  const result = normalizeMessage(m, parsed.raw, source, file, options.timeZone, isPresent);
  if (result.kind === 'error') {
    yield {
      kind: 'error',
      error: { file, line: event.line, field: result.field, message: `telegram export: ${result.message}` },
    };
  } else if (result.kind === 'item') {
    yield { kind: 'item', item: result.item, line: event.line };
  } else {
    yield result;
  }
}
