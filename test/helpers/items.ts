import type { NormalizedItem } from '../../src/domain/index.js';

/** A small synthetic item; override any field. */
export function makeItem(overrides: Partial<NormalizedItem> = {}): NormalizedItem {
  const externalId = overrides.externalId ?? '1';
  return {
    platform: 'telegram',
    source: { platform: 'telegram', name: 'Example Channel', externalId: '1001', kind: 'public_channel' },
    externalId,
    author: 'Example Channel',
    authorId: 'channel1001',
    postedAt: '2024-03-01T10:00:00.000Z',
    editedAt: null,
    text: `synthetic message ${externalId}`,
    title: null,
    entities: [],
    url: null,
    forwardedFrom: null,
    forwardedFromId: null,
    replyTo: null,
    viaBot: null,
    media: [],
    raw: JSON.stringify({ id: externalId }),
    ...overrides,
  };
}
