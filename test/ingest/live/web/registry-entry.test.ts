import { describe, expect, it } from 'vitest';
import { collectorFactory } from '../../../../src/ingest/live/registry.js';
import { createFeedCollector } from '../../../../src/ingest/live/web/feed-collector.js';

describe('the rss entry of the collector registry', () => {
  it('loads the feed collector', async () => {
    const factory = await collectorFactory('rss');
    expect(factory).toBe(createFeedCollector);
    const collector = await factory({ allowHosts: ['127.0.0.1'], dataDir: '/nonexistent', env: {} });
    expect(collector.kind).toBe('rss');
  });
});
