import { describe, expect, it } from 'vitest';
import type { StageDeps } from '../../../src/pipeline/in-process-runner.js';
import { stageHandler } from '../../../src/pipeline/jetstream/stage-handlers.js';
import type { Store } from '../../../src/store/store.js';

/** A detector that takes `ms` of synchronous work per text, as analysis does on a loaded machine. */
function slowDetector(ms: number) {
  return {
    modelId: 'slow@test',
    analyze: () => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // busy: analysis holds the event loop
      }
      return {} as never;
    },
  };
}

describe('the analyse stage as a worker runs it', () => {
  it('lets timers run while it analyses a long batch, so the batch heartbeats reach the server', async () => {
    const saved: unknown[] = [];
    const store = {
      analyses: {
        toAnalyse: async (ids: number[]) => ({
          units: ids.map((id) => ({ id, text: 'x', platform: null })),
          missing: [],
        }),
        saveAnalyses: async (rows: unknown[]) => {
          saved.push(...rows);
        },
      },
    } as unknown as Store;
    const deps = { detector: slowDetector(20) } as unknown as StageDeps;
    const handler = stageHandler('analyze', store, deps);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    try {
      await handler.handle(Array.from({ length: 30 }, (_, i) => i + 1));
    } finally {
      clearInterval(timer);
    }
    // 30 texts of 20 ms each: 600 ms of work, during which a 50 ms timer must have run.
    expect(saved).toHaveLength(30);
    expect(ticks).toBeGreaterThanOrEqual(3);
  });
});
