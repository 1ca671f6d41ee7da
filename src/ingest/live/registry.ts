import { VigilError } from '../../domain/index.js';
import type { CollectorFactory, LiveSourceKind } from './collector.js';

/** Every kind of live source `vigil sources add` accepts. */
export const LIVE_SOURCE_KINDS = [
  'rss',
  'telegram',
  'telegram-bot',
] as const satisfies readonly LiveSourceKind[];

/** How each kind's collector is loaded: by dynamic import, so a run pays only for the kinds it uses. */
export type CollectorLoaders = Partial<Record<LiveSourceKind, () => Promise<CollectorFactory>>>;

/**
 * The collectors this build ships. Each module is imported only when a source of its kind runs
 * (GramJS and grammY are large, and most workspaces use one kind).
 */
export const COLLECTORS: CollectorLoaders = {
  rss: async () => (await import('./web/feed-collector.js')).createFeedCollector,
  telegram: async () => (await import('./telegram/mtproto-collector.js')).createMtprotoCollector,
  'telegram-bot': async () => (await import('./telegram/bot-collector.js')).createBotCollector,
};

/** The factory for `kind`, from `loaders` (tests pass their own); a kind this build lacks is a clear error. */
export async function collectorFactory(
  kind: LiveSourceKind,
  loaders: CollectorLoaders = COLLECTORS,
): Promise<CollectorFactory> {
  const load = loaders[kind];
  if (!load)
    throw new VigilError('BAD_CONFIG', `live sources: this build has no collector for kind "${kind}"`);
  return load();
}
