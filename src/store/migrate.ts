import { type Kysely, Migrator } from 'kysely';
import { VigilError } from '../domain/index.js';
import type { DialectProfile } from './dialect-profile.js';
import { CodeMigrationProvider } from './migrations.js';
import type { Database } from './schema.js';

/** Brings the schema up to date; safe to run on every start. */
export async function migrateToLatest(db: Kysely<Database>, profile: DialectProfile): Promise<void> {
  const migrator = new Migrator({ db, provider: new CodeMigrationProvider(profile) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new VigilError('INTERNAL', `store: migration ${failed} failed: ${(error as Error).message}`);
  }
}
