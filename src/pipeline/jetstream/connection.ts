import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import { VigilError } from '../../domain/index.js';
import type { NatsSettings } from './settings.js';
import { consumerName, STAGES, type Stage, stageSubject } from './topology.js';

/** A connection to the deployment's stream, with the stream and the stages' consumers in place. */
export interface JetStreamConnection {
  readonly settings: NatsSettings;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  close(): Promise<void>;
}

/**
 * Connects and makes sure the stream and the stage consumers exist (creating them is idempotent,
 * so every process may do it). Only features nats-server 2.9 offers are used: a limits-retention
 * stream, durable pull consumers with one filter subject, explicit acks.
 */
export async function openJetStream(settings: NatsSettings, name = 'vigil'): Promise<JetStreamConnection> {
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: settings.servers,
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      timeout: 5_000,
    });
  } catch (e) {
    throw new VigilError(
      'QUEUE_UNAVAILABLE',
      `VIGIL_NATS_URL: cannot connect to ${settings.servers.join(', ')} (${(e as Error).message})`,
    );
  }
  try {
    const jsm = await whileClusterStarts(async () => {
      const jsm = await jetstreamManager(nc, { timeout: 10_000 });
      await ensureStream(jsm, settings);
      for (const stage of STAGES) await ensureConsumer(jsm, settings, stage);
      return jsm;
    });
    return {
      settings,
      nc,
      js: jetstream(nc, { timeout: 10_000 }),
      jsm,
      close: async () => {
        if (!nc.isClosed()) await nc.drain();
      },
    };
  } catch (e) {
    await nc.close();
    if (e instanceof VigilError) throw e;
    throw new VigilError(
      'QUEUE_UNAVAILABLE',
      `VIGIL_NATS_URL: JetStream is not available on ${settings.servers.join(', ')} (${(e as Error).message})`,
    );
  }
}

/**
 * Retries `fn` while a starting cluster has no JetStream leader yet (servers and workers are often
 * started together), for up to `ms`; other errors are thrown at once.
 */
async function whileClusterStarts<T>(fn: () => Promise<T>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      const transient =
        /temporarily unavailable|timeout|no suitable peers|insufficient resources|no responders/i;
      if (!transient.test((e as Error).message) || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function ensureStream(jsm: JetStreamManager, s: NatsSettings): Promise<void> {
  const config = {
    name: s.stream,
    subjects: [`${s.stream}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    num_replicas: s.replicas,
    max_age: nanos(s.maxAgeMs),
    max_bytes: s.maxBytes,
    duplicate_window: nanos(120_000),
    allow_direct: true,
  };
  try {
    const info = await jsm.streams.info(s.stream);
    const c = info.config;
    // Retention limits may be changed by configuration; replicas and subjects are left as created.
    if (c.max_age !== config.max_age || c.max_bytes !== config.max_bytes) {
      await jsm.streams.update(s.stream, { ...c, max_age: config.max_age, max_bytes: config.max_bytes });
    }
  } catch (e) {
    if (!/stream not found/i.test((e as Error).message)) throw e;
    try {
      await jsm.streams.add(config);
    } catch (err) {
      // Another process created it first.
      if (!/already in use/i.test((err as Error).message)) throw err;
    }
  }
}

async function ensureConsumer(jsm: JetStreamManager, s: NatsSettings, stage: Stage): Promise<void> {
  const durable = consumerName(stage);
  try {
    await jsm.consumers.info(s.stream, durable);
    return;
  } catch (e) {
    if (!/consumer not found/i.test((e as Error).message)) throw e;
  }
  await jsm.consumers.add(s.stream, {
    durable_name: durable,
    filter_subject: stageSubject(s.stream, stage),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(s.ackWaitMs),
    // Redelivery is counted by the worker, which dead-letters after maxDeliver attempts.
    max_deliver: -1,
    max_ack_pending: s.maxInFlight,
  });
}
