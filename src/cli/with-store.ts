import { openStore } from '../presets/open-store.js';
import type { Store } from '../store/store.js';

/** Opens the configured store for one command and always closes it. */
export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
