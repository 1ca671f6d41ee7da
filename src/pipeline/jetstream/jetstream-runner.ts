import { DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import type { Store } from '../../store/store.js';
import type { SettleOptions, StageRunner, StagesReport } from '../stage-runner.js';
import type { JetStreamConnection } from './connection.js';
import { decodeIds, MalformedPayload } from './payload.js';
import { publishIds } from './publish.js';
import { allDeadLetters, doneSubject, HEADER } from './topology.js';

/**
 * The scaled runner: what ingest stores is published as work for the analyse stage, and `settle`
 * waits until each published id has come out of the last stage (or been dead-lettered). It watches
 * for its own ids, not for an empty stream: collectors and other scans may be publishing too.
 */
export function jetStreamRunner(conn: JetStreamConnection, store: Store): StageRunner {
  const published = new Set<number>();
  let fromSeq: number | null = null;
  return {
    kind: 'jetstream',
    async stored(itemIds) {
      if (itemIds.length === 0) return;
      // Results for these ids can only appear after this point of the stream.
      fromSeq ??= (await conn.jsm.streams.info(conn.settings.stream)).state.last_seq + 1;
      for (const id of itemIds) published.add(id);
      await publishIds(conn, 'analyze', itemIds);
    },
    async settle(options = {}) {
      const failed = fromSeq === null ? [] : await awaitIds(conn, published, fromSeq, options);
      const ids = [...published];
      const { analysed, byAction } = await store.analyses.countActionsOf(ids);
      const report: StagesReport = {
        analyze: { analyzed: analysed, refer: byAction.refer ?? 0, review: byAction.review ?? 0 },
        match: null,
        media: null,
        events: null,
        delivery: null,
        failed,
      };
      return report;
    },
    close: () => conn.close(),
  };
}

/** Reads the done and dead-letter subjects from `fromSeq` until every id in `ids` is accounted for. */
async function awaitIds(
  conn: JetStreamConnection,
  ids: ReadonlySet<number>,
  fromSeq: number,
  options: SettleOptions,
): Promise<StagesReport['failed']> {
  const waiting = new Set(ids);
  const failed: StagesReport['failed'] = [];
  const stream = conn.settings.stream;
  const report = () => options.onProgress?.(ids.size - waiting.size, ids.size);
  const open: { close(): Promise<unknown> }[] = [];
  let closed = false;
  const closeAll = () => {
    closed = true;
    return Promise.all(open.map((m) => m.close()));
  };
  const watchers = [doneSubject(stream), allDeadLetters(stream)].map(async (subject) => {
    const consumer = await conn.js.consumers.get(stream, {
      filter_subjects: subject,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: fromSeq,
    });
    const messages = await consumer.consume({ max_messages: 1_000 });
    open.push(messages);
    if (closed) await messages.close();
    for await (const m of messages) {
      account(m, subject === doneSubject(stream));
      report();
      if (waiting.size === 0) break;
    }
  });
  const account = (m: JsMsg, done: boolean) => {
    let carried: number[];
    try {
      carried = decodeIds(m.data);
    } catch (e) {
      if (e instanceof MalformedPayload) return;
      throw e;
    }
    for (const id of carried) {
      if (!waiting.delete(id) || done) continue;
      failed.push({
        item_id: id,
        stage: m.headers?.get(HEADER.stage) ?? '',
        error: m.headers?.get(HEADER.error) ?? '',
      });
    }
  };
  report();
  const stop = () => void closeAll();
  options.signal?.addEventListener('abort', stop);
  try {
    // The watcher that sees the last id ends; then both are closed.
    await Promise.race(watchers);
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await closeAll();
  }
  options.signal?.throwIfAborted();
  return failed;
}
