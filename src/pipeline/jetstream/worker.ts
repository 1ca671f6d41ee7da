import type { JsMsg } from '@nats-io/jetstream';
import type { LeaseStore } from '../../store/store.js';
import type { JetStreamConnection } from './connection.js';
import { decodeIds, MalformedPayload } from './payload.js';
import { publishIds, publishRaw } from './publish.js';
import { consumerName, deadLetterSubject, HEADER, nextStage, type Stage } from './topology.js';

/** One stage's work over a batch of item ids. */
export interface StageHandler {
  readonly stage: Stage;
  /**
   * Whether the stage's results depend on the order it sees items (clustering, event resolution,
   * alert delivery): then one worker runs it at a time, under a lease, and the others stand by.
   */
  readonly exclusive: boolean;
  /** Does the stage's work; idempotent, since a message may be delivered again. Returns unknown ids. */
  handle(ids: readonly number[]): Promise<{ missing: number[] }>;
  /** Forgets in-memory state built while holding the lease (another worker may have written since). */
  reset?(): void;
}

export type WorkerEvent =
  | { type: 'batch'; messages: number; ids: number; ms: number }
  | { type: 'dead_letter'; seq: number; error: string }
  | { type: 'retry'; seq: number; deliveries: number; error: string }
  | { type: 'lease'; held: boolean }
  | { type: 'unavailable'; error: string };

export interface WorkerOptions {
  signal: AbortSignal;
  /** Names this worker in leases (host and process). */
  holder: string;
  leases: LeaseStore;
  /** Messages fetched at once (each carries up to 100 item ids): the bound on work in hand. */
  batch?: number;
  leaseTtlMs?: number;
  onEvent?: (e: WorkerEvent) => void;
}

/** What a worker reports on its health endpoint. */
export interface WorkerState {
  stage: Stage;
  running: boolean;
  /** For exclusive stages: whether this worker holds the lease (false: standing by). */
  active: boolean;
  processed: number;
  deadLettered: number;
  lastBatchAt: string | null;
}

/** Messages a worker takes at once by default: about 2,000 items, a second or two of analysis. */
export const DEFAULT_BATCH = 20;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * Runs one stage as a durable pull consumer until `signal` aborts: fetch a bounded batch, do the
 * work, pass the ids to the next stage, then acknowledge. A crash before the acknowledgement means
 * redelivery, which the stages absorb (their writes are keyed). A message that cannot be read is
 * dead-lettered at once; one that fails is retried with backoff and dead-lettered after
 * `maxDeliver` deliveries. On abort the batch in hand is finished and acknowledged first.
 */
export async function runStageWorker(
  conn: JetStreamConnection,
  handler: StageHandler,
  options: WorkerOptions,
  state: WorkerState = newWorkerState(handler.stage),
): Promise<WorkerState> {
  const { settings } = conn;
  let consumer = await conn.js.consumers.get(settings.stream, consumerName(handler.stage));
  const lease = handler.exclusive
    ? new LeaseKeeper(
        options.leases,
        `${settings.stream}:${handler.stage}`,
        options.holder,
        options.leaseTtlMs,
      )
    : null;
  state.running = true;
  state.active = lease === null;
  try {
    while (!options.signal.aborted) {
      if (lease) {
        const held = await lease.hold();
        if (held !== state.active) {
          state.active = held;
          if (!held) handler.reset?.();
          options.onEvent?.({ type: 'lease', held });
        }
        if (!held) {
          await sleep(lease.retryMs, options.signal);
          continue;
        }
      }
      const messages: JsMsg[] = [];
      let ids: number;
      const started = performance.now();
      try {
        const iter = await consumer.fetch({ max_messages: options.batch ?? DEFAULT_BATCH, expires: 1_000 });
        for await (const m of iter) messages.push(m);
        if (messages.length === 0) continue;
        ids = await processBatch({ conn, handler, state, options }, messages);
      } catch (e) {
        // The stream or the store is unavailable for a moment (a NATS server died and its peers
        // are electing a leader, the database restarts): what was not acknowledged will come back,
        // so wait and carry on rather than exit.
        options.onEvent?.({ type: 'unavailable', error: (e as Error).message });
        await sleep(1_000, options.signal);
        consumer = await conn.js.consumers
          .get(settings.stream, consumerName(handler.stage))
          .catch(() => consumer);
        continue;
      }
      state.processed += ids;
      state.lastBatchAt = new Date().toISOString();
      options.onEvent?.({
        type: 'batch',
        messages: messages.length,
        ids,
        ms: Math.round(performance.now() - started),
      });
    }
  } finally {
    state.running = false;
    await lease?.release();
  }
  return state;
}

export function newWorkerState(stage: Stage): WorkerState {
  return { stage, running: false, active: false, processed: 0, deadLettered: 0, lastBatchAt: null };
}

/** What every step of a batch works with. */
interface BatchContext {
  conn: JetStreamConnection;
  handler: StageHandler;
  state: WorkerState;
  options: WorkerOptions;
}

async function processBatch(ctx: BatchContext, messages: JsMsg[]): Promise<number> {
  const { conn } = ctx;
  const { maxDeliver } = conn.settings;
  const work: { msg: JsMsg; ids: number[] }[] = [];
  for (const msg of messages) {
    if (msg.info.deliveryCount > maxDeliver) {
      // Delivered again after its last allowed attempt: a worker died holding it each time.
      await deadLetter(ctx, msg, `gave up after ${maxDeliver} deliveries`);
      continue;
    }
    try {
      work.push({ msg, ids: decodeIds(msg.data) });
    } catch (e) {
      if (!(e instanceof MalformedPayload)) throw e;
      await deadLetter(ctx, msg, e.message);
    }
  }
  if (work.length === 0) return 0;
  // Tell the server the batch is still being worked on, so a slow batch is not redelivered to
  // another worker (which would count as a failed delivery).
  const heartbeat = setInterval(
    () => {
      for (const w of work) w.msg.working();
    },
    Math.max(500, Math.floor(conn.settings.ackWaitMs / 3)),
  );
  try {
    return await finishBatch(ctx, work);
  } finally {
    clearInterval(heartbeat);
  }
}

async function finishBatch(ctx: BatchContext, work: { msg: JsMsg; ids: number[] }[]): Promise<number> {
  const { conn, handler } = ctx;
  const all = [...new Set(work.flatMap((w) => w.ids))];
  let missing: Set<number>;
  try {
    missing = new Set((await handler.handle(all)).missing);
  } catch (e) {
    const error = `stage ${handler.stage} failed: ${(e as Error).message}`;
    for (const w of work) await fail(ctx, w.msg, error);
    return 0;
  }
  const known = all.filter((id) => !missing.has(id));
  const next = nextStage(handler.stage);
  await publishIds(conn, next, known);
  for (const w of work) {
    const unknown = w.ids.filter((id) => missing.has(id));
    if (unknown.length === 0) w.msg.ack();
    else
      await fail(
        ctx,
        w.msg,
        `unknown item ids: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`,
      );
  }
  return known.length;
}

/** Retries with exponential backoff, or dead-letters on the last allowed delivery. */
async function fail(ctx: BatchContext, msg: JsMsg, error: string): Promise<void> {
  const { conn, options } = ctx;
  const deliveries = msg.info.deliveryCount;
  if (deliveries >= conn.settings.maxDeliver) {
    await deadLetter(ctx, msg, error);
    return;
  }
  msg.nak(Math.min(30_000, 500 * 2 ** (deliveries - 1)));
  options.onEvent?.({ type: 'retry', seq: msg.seq, deliveries, error });
}

/** Moves a message to the stage's dead-letter subject, with why, then ends its redelivery. */
async function deadLetter(ctx: BatchContext, msg: JsMsg, error: string): Promise<void> {
  const { conn, state, options } = ctx;
  const { stage } = ctx.handler;
  await publishRaw(
    conn,
    deadLetterSubject(conn.settings.stream, stage),
    msg.data,
    {
      [HEADER.stage]: stage,
      [HEADER.error]: error.slice(0, 500),
      [HEADER.deliveries]: String(msg.info.deliveryCount),
      [HEADER.originalSeq]: String(msg.seq),
    },
    // If the terminate below is lost and the message comes back, the stream drops the second copy.
    `dlq:${stage}:${msg.seq}`,
  );
  // No reason text: nats-server 2.9 does not read one, and would not take it as a terminate.
  msg.term();
  state.deadLettered++;
  options.onEvent?.({ type: 'dead_letter', seq: msg.seq, error });
}

/**
 * Keeps a lease while the worker runs: taken before work, renewed in the background well before it
 * expires, released on stop. A worker that dies loses it after `ttlMs`, and a standby takes over.
 */
class LeaseKeeper {
  private held = false;
  private lost = false;
  private timer: NodeJS.Timeout | null = null;
  readonly retryMs: number;

  constructor(
    private readonly leases: LeaseStore,
    private readonly name: string,
    private readonly holder: string,
    private readonly ttlMs = 15_000,
  ) {
    this.retryMs = Math.max(200, Math.floor(ttlMs / 5));
  }

  async hold(): Promise<boolean> {
    if (this.lost) {
      // Lost since the last check: the worker must drop what it built while holding it.
      this.lost = false;
      return false;
    }
    if (this.held) return true;
    this.held = await this.leases.tryAcquire(this.name, this.holder, this.ttlMs);
    if (this.held && this.timer === null) {
      this.timer = setInterval(
        () => {
          this.leases.tryAcquire(this.name, this.holder, this.ttlMs).then(
            (ok) => {
              if (this.held && !ok) this.lost = true;
              this.held = ok;
            },
            () => {
              if (this.held) this.lost = true;
              this.held = false;
            },
          );
        },
        Math.floor(this.ttlMs / 3),
      );
      this.timer.unref();
    }
    return this.held;
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.held) await this.leases.release(this.name, this.holder).catch(() => {});
    this.held = false;
  }
}
