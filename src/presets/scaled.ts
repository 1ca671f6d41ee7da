import { hostname } from 'node:os';
import { type JetStreamConnection, openJetStream } from '../pipeline/jetstream/connection.js';
import { jetStreamRunner } from '../pipeline/jetstream/jetstream-runner.js';
import type { NatsSettings } from '../pipeline/jetstream/settings.js';
import { stageHandler } from '../pipeline/jetstream/stage-handlers.js';
import type { Stage } from '../pipeline/jetstream/topology.js';
import { runStageWorker, type WorkerOptions, type WorkerState } from '../pipeline/jetstream/worker.js';
import type { Store } from '../store/store.js';
import type { VigilConfig } from './config.js';
import { baseSystem, type VigilSystem } from './embedded.js';

export interface ScaledSystem extends VigilSystem {
  readonly preset: 'scaled';
  readonly nats: NatsSettings;
  /** A connection to the deployment's stream (stream and consumers created if missing). */
  connect(name?: string): Promise<JetStreamConnection>;
  /** Runs one stage as a worker until `signal` aborts. */
  runWorker(
    stage: Stage,
    store: Store,
    conn: JetStreamConnection,
    options: Pick<WorkerOptions, 'signal' | 'batch' | 'onEvent' | 'leaseTtlMs'>,
    state?: WorkerState,
  ): Promise<WorkerState>;
}

/**
 * The scaled preset: the store VIGIL_DB names (PostgreSQL, for several machines) and NATS JetStream
 * carrying the work between stages, each stage run by `vigil worker` processes. Ingest publishes
 * what it stores; `scan` waits for the workers.
 */
export function openScaled(config: VigilConfig, nats: NatsSettings): ScaledSystem {
  const base = baseSystem(config);
  const connect = (name = 'vigil') => openJetStream(nats, name);
  return {
    ...base,
    preset: 'scaled',
    nats,
    connect,
    runner: async (store) => jetStreamRunner(await connect('vigil-ingest'), store),
    runWorker: (stage, store, conn, options, state) =>
      runStageWorker(
        conn,
        stageHandler(stage, store, base.stageDeps()),
        { ...options, leases: store.leases, holder: `${hostname()}:${process.pid}` },
        state,
      ),
  };
}
