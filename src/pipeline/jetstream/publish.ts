import { headers } from '@nats-io/transport-node';
import type { JetStreamConnection } from './connection.js';
import { encodeIds, idChunks } from './payload.js';
import { doneSubject, type Stage, stageSubject } from './topology.js';

/**
 * Publishes item ids as work for `stage` (or, with `null`, as done), a message per chunk, and waits
 * for the stream to acknowledge every one: once this returns, the work survives any crash.
 */
export async function publishIds(
  conn: JetStreamConnection,
  stage: Stage | null,
  ids: readonly number[],
): Promise<void> {
  const subject =
    stage === null ? doneSubject(conn.settings.stream) : stageSubject(conn.settings.stream, stage);
  const acks: Promise<unknown>[] = [];
  for (const chunk of idChunks(ids)) {
    const data = encodeIds(chunk);
    acks.push(retrying(() => conn.js.publish(subject, data)));
  }
  await Promise.all(acks);
}

/** Publishes raw bytes with headers (dead letters, replays). */
export async function publishRaw(
  conn: JetStreamConnection,
  subject: string,
  data: Uint8Array,
  meta: Record<string, string> = {},
  /** A message id: the stream keeps one message per id within its duplicate window. */
  msgID?: string,
): Promise<void> {
  const h = headers();
  for (const [k, v] of Object.entries(meta)) h.set(k, v);
  await retrying(() => conn.js.publish(subject, data, { headers: h, ...(msgID ? { msgID } : {}) }));
}

/**
 * Retries a publish while the stream has no leader (a server of the cluster died and the others are
 * electing a new one, usually within seconds), for up to `ms`; then the error is thrown.
 */
export async function retrying<T>(publish: () => Promise<T>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (let attempt = 0; ; attempt++) {
    try {
      return await publish();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** attempt)));
    }
  }
}
