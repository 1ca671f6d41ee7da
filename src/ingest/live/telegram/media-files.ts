import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { VigilError } from '../../../domain/index.js';

/** Photos larger than this are described, not downloaded (`VIGIL_TELEGRAM_PHOTO_MAX_BYTES`). */
export const DEFAULT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Downloaded photos are deleted this long after download (`VIGIL_TELEGRAM_MEDIA_RETENTION_DAYS`). */
export const DEFAULT_MEDIA_RETENTION_DAYS = 90;

export interface MediaSettings {
  photoMaxBytes: number;
  /** 0 keeps files forever. */
  retentionDays: number;
}

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new VigilError('BAD_CONFIG', `${name}: expected a whole number`);
  return Number(value);
}

export function mediaSettings(env: NodeJS.ProcessEnv): MediaSettings {
  return {
    photoMaxBytes: nonNegativeInteger(env, 'VIGIL_TELEGRAM_PHOTO_MAX_BYTES', DEFAULT_PHOTO_MAX_BYTES),
    retentionDays: nonNegativeInteger(
      env,
      'VIGIL_TELEGRAM_MEDIA_RETENTION_DAYS',
      DEFAULT_MEDIA_RETENTION_DAYS,
    ),
  };
}

/** Writes a downloaded file once, whole (beside and renamed), and returns its absolute path. */
export async function storeMediaFile(dataDir: string, relative: string, bytes: Buffer): Promise<string> {
  const path = join(dataDir, relative);
  if (existsSync(path)) return path;
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, bytes, { mode: 0o600 });
  await rename(temporary, path);
  return path;
}

/**
 * Deletes downloaded media older than the retention period. Hashes (SHA-256, PDQ) stay in the
 * store, so matching keeps working after the file is gone; only the bytes are not kept.
 */
export async function pruneMedia(folder: string, retentionDays: number, now: Date): Promise<number> {
  if (retentionDays <= 0 || !existsSync(folder)) return 0;
  const cutoff = now.getTime() - retentionDays * 86_400_000;
  let removed = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await stat(path)).mtimeMs < cutoff) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
