import type { JetStreamConnection } from './connection.js';
import { consumerName, deadLetterSubject, STAGES, type Stage, stageSubject } from './topology.js';

export interface StageStatus {
  stage: Stage;
  /** Messages not yet delivered to any worker. */
  pending: number;
  /** Delivered, not yet acknowledged. */
  in_flight: number;
  /** Messages delivered more than once so far. */
  redelivered: number;
  dead_lettered: number;
  /** Age of the oldest unacknowledged work, in seconds (0 when the stage is idle). */
  lag_seconds: number;
  /** Workers pulling now (waiting fetches). */
  waiting_workers: number;
}

export interface PipelineStatus {
  stream: string;
  messages: number;
  bytes: number;
  stages: StageStatus[];
}

/** Per stage: pending, in flight, redelivered, dead-lettered and lag, from the stream's own counters. */
export async function pipelineStatus(conn: JetStreamConnection): Promise<PipelineStatus> {
  const { stream } = conn.settings;
  const info = await conn.jsm.streams.info(stream, { subjects_filter: `${stream}.dlq.>` });
  const dlq = (info.state.subjects ?? {}) as Record<string, number>;
  const stages: StageStatus[] = [];
  for (const stage of STAGES) {
    const c = await conn.jsm.consumers.info(stream, consumerName(stage));
    const busy = c.num_pending + c.num_ack_pending > 0;
    stages.push({
      stage,
      pending: c.num_pending,
      in_flight: c.num_ack_pending,
      redelivered: c.num_redelivered,
      dead_lettered: dlq[deadLetterSubject(stream, stage)] ?? 0,
      lag_seconds: busy ? await oldestUnackedAge(conn, stage, c.ack_floor.stream_seq) : 0,
      waiting_workers: c.num_waiting,
    });
  }
  return { stream, messages: info.state.messages, bytes: info.state.bytes, stages };
}

async function oldestUnackedAge(conn: JetStreamConnection, stage: Stage, ackFloor: number): Promise<number> {
  try {
    const m = await conn.jsm.direct.getMessage(conn.settings.stream, {
      seq: ackFloor + 1,
      next_by_subj: stageSubject(conn.settings.stream, stage),
    });
    if (!m) return 0;
    return Math.max(0, Math.round((Date.now() - m.time.getTime()) / 100) / 10);
  } catch {
    return 0;
  }
}
