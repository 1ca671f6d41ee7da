import { describe, expectTypeOf, it } from 'vitest';
import type { Spread } from '../../src/match/spread.js';
import type { itemMediaViews } from '../../src/server/item-media.js';
import type { ClusterView, ItemRow, LinkedItemView, QueueRow } from '../../src/store/store.js';

import type * as Api from '../../src/web/api-types.js';

// Type-level: `tsc --noEmit` (npm run lint) fails when the UI's declared shapes drift from the
// types the server and store actually return.
describe('the UI API types', () => {
  it('match the server and store types they mirror', () => {
    expectTypeOf<Api.ItemRow>().toEqualTypeOf<ItemRow>();
    expectTypeOf<Api.QueueRow>().toEqualTypeOf<QueueRow>();
    expectTypeOf<Api.ClusterView>().toEqualTypeOf<ClusterView>();
    expectTypeOf<Api.Spread>().toEqualTypeOf<Spread>();
    expectTypeOf<Api.LinkedItemView>().toEqualTypeOf<LinkedItemView>();
    expectTypeOf<Api.ItemMediaView[]>().toEqualTypeOf<Awaited<ReturnType<typeof itemMediaViews>>>();
  });
});
