import client from 'prom-client';
import type { PipelineStatus } from '../pipeline/jetstream/status.js';

/**
 * The scaled pipeline's per-stage counters as Prometheus gauges, read from JetStream once per
 * scrape: pending, in flight, redelivered, dead-lettered and lag (the same as `vigil pipeline status`).
 */
export function registerPipelineMetrics(
  registry: client.Registry,
  status: () => Promise<PipelineStatus>,
): void {
  let scrape: Promise<PipelineStatus | null> | null = null;
  // The gauges are collected one after another in one scrape; they share one status request.
  const current = () => {
    scrape ??= status()
      .catch(() => null)
      .finally(() => setTimeout(() => (scrape = null), 0));
    return scrape;
  };
  const gauge = (name: string, help: string, field: keyof PipelineStatus['stages'][number]) =>
    new client.Gauge({
      name,
      help,
      labelNames: ['stage'],
      registers: [registry],
      async collect() {
        const s = await current();
        this.reset();
        for (const stage of s?.stages ?? []) this.set({ stage: stage.stage }, Number(stage[field]));
      },
    });
  gauge('vigil_pipeline_pending', 'messages waiting for a worker, per stage', 'pending');
  gauge('vigil_pipeline_in_flight', 'messages delivered and not yet acknowledged, per stage', 'in_flight');
  gauge('vigil_pipeline_redelivered', 'messages delivered more than once, per stage', 'redelivered');
  gauge('vigil_pipeline_dead_lettered', 'messages a stage gave up on, per stage', 'dead_lettered');
  gauge('vigil_pipeline_lag_seconds', 'age of the oldest unacknowledged work, per stage', 'lag_seconds');
  new client.Gauge({
    name: 'vigil_pipeline_up',
    help: '1 when the JetStream stream answers',
    registers: [registry],
    async collect() {
      this.set((await current()) ? 1 : 0);
    },
  });
}
