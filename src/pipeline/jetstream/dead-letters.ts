import { DeliverPolicy } from '@nats-io/jetstream';
import type { JetStreamConnection } from './connection.js';
import { decodeIds, MalformedPayload } from './payload.js';
import { publishRaw } from './publish.js';
import { allDeadLetters, HEADER, isStage, stageSubject } from './topology.js';

export interface DeadLetter {
  /** The dead letter's sequence in the stream (what `dlq replay --seq` takes). */
  seq: number;
  stage: string;
  error: string;
  deliveries: number;
  at: string;
  /** The item ids it carried, or null when the payload could not be read. */
  ids: number[] | null;
  bytes: number;
}

/** Every dead letter still in the stream, oldest first (optionally one stage's). */
export async function listDeadLetters(conn: JetStreamConnection, stage?: string): Promise<DeadLetter[]> {
  const { stream } = conn.settings;
  const info = await conn.jsm.streams.info(stream, { subjects_filter: allDeadLetters(stream) });
  const total = Object.values((info.state.subjects ?? {}) as Record<string, number>).reduce(
    (a, b) => a + b,
    0,
  );
  if (total === 0) return [];
  const consumer = await conn.js.consumers.get(stream, {
    filter_subjects: stage ? `${stream}.dlq.${stage}` : allDeadLetters(stream),
    deliver_policy: DeliverPolicy.All,
  });
  const letters: DeadLetter[] = [];
  const messages = await consumer.fetch({ max_messages: total, expires: 2_000 });
  for await (const m of messages) {
    let ids: number[] | null;
    try {
      ids = decodeIds(m.data);
    } catch (e) {
      if (!(e instanceof MalformedPayload)) throw e;
      ids = null;
    }
    letters.push({
      seq: m.seq,
      stage: m.headers?.get(HEADER.stage) ?? m.subject.split('.').pop() ?? '',
      error: m.headers?.get(HEADER.error) ?? '',
      deliveries: Number(m.headers?.get(HEADER.deliveries) ?? 0),
      at: new Date(Math.floor(m.info.timestampNanos / 1e6)).toISOString(),
      ids,
      bytes: m.data.length,
    });
    if (letters.length >= total) break;
  }
  return letters;
}

/**
 * Sends dead letters back to their stage as new work and removes them from the dead-letter
 * subject (for after the cause is fixed). Unreadable payloads cannot be replayed and stay listed.
 */
export async function replayDeadLetters(
  conn: JetStreamConnection,
  select: { stage?: string; seq?: number } = {},
): Promise<{ replayed: number; unreadable: number }> {
  const result = { replayed: 0, unreadable: 0 };
  for (const letter of await listDeadLetters(conn, select.stage)) {
    if (select.seq !== undefined && letter.seq !== select.seq) continue;
    if (letter.ids !== null && isStage(letter.stage)) {
      const msg = await conn.jsm.streams.getMessage(conn.settings.stream, { seq: letter.seq });
      if (msg) await publishRaw(conn, stageSubject(conn.settings.stream, letter.stage), msg.data);
      await conn.jsm.streams.deleteMessage(conn.settings.stream, letter.seq);
      result.replayed++;
    } else {
      result.unreadable++;
    }
  }
  return result;
}
