import type { NormalizedItem } from '../../src/domain/index.js';
import type { CollectBatch, CollectContext, Collector, LiveSource } from '../../src/ingest/live/collector.js';
import type { CollectorLoaders } from '../../src/ingest/live/registry.js';
import type { StageRunner } from '../../src/pipeline/stage-runner.js';
import type { LiveSourceRecord, Store } from '../../src/store/store.js';
import { makeItem } from '../helpers/items.js';

/** What a fake source does when collected: yields batches, may throw. */
export type Script = (source: LiveSource, context: CollectContext) => AsyncIterable<CollectBatch>;

/** An in-memory collector that runs each source's script by the source's name. */
export function fakeCollector(scripts: Record<string, Script>): Collector & { runs: string[] } {
  const runs: string[] = [];
  return {
    kind: 'rss',
    runs,
    collect(source, context) {
      runs.push(source.name);
      const script = scripts[source.name];
      if (!script) throw new Error(`no script for ${source.name}`);
      return script(source, context);
    },
  };
}

/** Registry loaders that answer every kind with `collector`. */
export const loadersFor = (collector: Collector): CollectorLoaders => ({
  rss: async () => () => collector,
  telegram: async () => () => collector,
  'telegram-bot': async () => () => collector,
});

/** A synthetic news item of a feed. */
export const newsItem = (feed: string, id: string, overrides: Partial<NormalizedItem> = {}): NormalizedItem =>
  makeItem({
    platform: 'news',
    source: { platform: 'news', name: feed, externalId: null, kind: 'feed' },
    externalId: id,
    author: null,
    authorId: null,
    text: `synthetic report ${id} from ${feed}`,
    raw: JSON.stringify({ id }),
    ...overrides,
  });

/** A feed that serves `ids` after the cursor's `last` index, one batch per `perBatch` items. */
export function listFeed(feed: string, ids: string[], perBatch = 10): Script {
  return async function* (source) {
    let last = typeof source.cursor.last === 'number' ? source.cursor.last : 0;
    while (last < ids.length) {
      const slice = ids.slice(last, last + perBatch);
      last += slice.length;
      yield {
        records: slice.map((id) => ({ kind: 'item' as const, item: newsItem(feed, id) })),
        cursor: { last },
      };
    }
  };
}

export async function addSource(
  store: Store,
  name: string,
  options: Partial<Pick<LiveSourceRecord, 'scheduleSeconds' | 'secretEnv' | 'kind' | 'target'>> = {},
): Promise<LiveSourceRecord> {
  const added = await store.liveSources.add({
    kind: options.kind ?? 'rss',
    name,
    target: options.target ?? `https://${name}.example/feed.xml`,
    scheduleSeconds: options.scheduleSeconds ?? 60,
    secretEnv: options.secretEnv ?? null,
    at: new Date(0).toISOString(),
  });
  if (!added) throw new Error(`source ${name} exists`);
  return added;
}

/** A stage runner that remembers what it was handed and how often it settled. */
export function recordingRunner(): StageRunner & { ids: number[]; settles: number } {
  const runner = {
    kind: 'in-process' as const,
    ids: [] as number[],
    settles: 0,
    async stored(ids: readonly number[]) {
      runner.ids.push(...ids);
    },
    async settle() {
      runner.settles++;
      return {
        analyze: { analyzed: 0, by_action: {}, items_per_second: 0 },
        match: null,
        media: null,
        events: null,
        delivery: null,
        failed: [],
      } as unknown as Awaited<ReturnType<StageRunner['settle']>>;
    },
    async close() {},
  };
  return runner;
}
