import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDefaultDetector } from '../../src/analyze/load.js';
import type { NormalizedItem } from '../../src/domain/index.js';
import { planInputs } from '../../src/ingest/registry.js';
import { runAnalyze } from '../../src/pipeline/analyze-run.js';
import { runEvents } from '../../src/pipeline/events-run.js';
import { runIngest } from '../../src/pipeline/ingest-run.js';
import { runMatch } from '../../src/pipeline/match-run.js';
import { shippedEventData } from '../../src/presets/embedded.js';
import { ensureAdmin } from '../../src/presets/workspace.js';
import { hashPassword } from '../../src/shared/credentials.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { OpenedStore } from '../../src/store/store.js';

const ROOT = join(import.meta.dirname, '../..');

/** The analyst every end-to-end suite signs in as. */
export const ANALYST = { username: 'ana', password: 'analyst-password-1' } as const;

/**
 * A fresh SQLite workspace built from the bundled samples and `extra` items, run through every
 * stage (analyse, match, events) as `vigil scan` would, with an admin and the analyst `ANALYST`.
 * Returns the store and the ids the extra items were stored under, in order.
 */
export async function sampleWorkspace(
  extra: NormalizedItem[] = [],
): Promise<{ store: OpenedStore; extraIds: number[] }> {
  const store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'vigil-e2e-')), 'vigil.db'));
  const { files } = await planInputs([join(ROOT, 'samples/telegram'), join(ROOT, 'samples/news')], 'auto');
  await runIngest(store.items, files);
  const extraIds = (await store.items.ingestItems(extra)).map((o) => o.itemId);
  await runAnalyze(store.analyses, loadDefaultDetector());
  await runMatch(store.clusters, store.alerts);
  await runEvents(store.events, store.alerts, shippedEventData());
  await ensureAdmin(store, { VIGIL_ADMIN_PASSWORD: 'admin-password-1' });
  await store.users.create(ANALYST.username, 'analyst', await hashPassword(ANALYST.password), {
    actor: 'test',
  });
  return { store, extraIds };
}
