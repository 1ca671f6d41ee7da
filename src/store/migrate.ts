import { type Kysely, Migrator } from 'kysely';
import { VigilError } from '../domain/index.js';
import type { DialectProfile } from './dialect-profile.js';
import { CodeMigrationProvider } from './migrations.js';
import type { Database } from './schema.js';

/** Brings the schema up to date; safe to run on every start. */
export async function migrateToLatest(
  db: Kysely<Database>,
  profile: DialectProfile,
  /** The PostgreSQL schema the store lives in, when not the default. */
  schema?: string,
): Promise<void> {
  const { error, results } = await profile.withMigrationLock(db, (locked) =>
    new Migrator({
      db: locked,
      provider: new CodeMigrationProvider(profile),
      // Kysely looks for its bookkeeping tables in every schema unless told which; another store's
      // tables in `public` would otherwise hide this one's.
      ...(schema ? { migrationTableSchema: schema } : {}),
    }).migrateToLatest(),
  );
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new VigilError('INTERNAL', `store: migration ${failed} failed: ${(error as Error).message}`);
  }
}
