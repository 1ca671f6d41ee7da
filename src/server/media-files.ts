import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/** Files larger than this are not decoded for display (a photo is a few megabytes at most). */
export const DISPLAY_MAX_BYTES = 50 * 1024 * 1024;

/** Where a stored media file is, judged against the data folder. */
export type MediaLocation =
  /** A regular file inside the data folder, by its real path (links resolved). */
  | { status: 'inside'; realPath: string }
  /** Nothing on disk: the source left it out, or retention deleted it. */
  | { status: 'absent' }
  /** On disk, but elsewhere than the data folder, or reached through a link that leads out of it. */
  | { status: 'outside' };

/**
 * Locates a stored media path inside the data folder. Both are resolved to their real paths first,
 * so neither `..` in a stored path nor a symbolic link inside the folder can lead out of it. The
 * path comes from the store, never from a request.
 */
export async function locateMedia(root: string | null, path: string | null): Promise<MediaLocation> {
  if (path === null) return { status: 'absent' };
  let real: string;
  try {
    real = await realpath(path);
    if (!(await stat(real)).isFile()) return { status: 'absent' };
  } catch {
    return { status: 'absent' };
  }
  if (root === null) return { status: 'outside' };
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { status: 'outside' };
  }
  const within = relative(realRoot, real);
  if (within === '' || within === '..' || within.startsWith(`..${sep}`) || isAbsolute(within))
    return { status: 'outside' };
  return { status: 'inside', realPath: real };
}

/** The size of a stored media file when it is on disk as a regular file, else null. */
export async function mediaSize(path: string | null): Promise<number | null> {
  if (path === null) return null;
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

/**
 * Reads a located file's bytes without following a link put in its place since it was located,
 * up to `DISPLAY_MAX_BYTES`; null when it is gone, no longer a regular file, or larger.
 */
export async function readLocated(realPath: string): Promise<Buffer | 'too_large' | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(realPath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return null;
  }
  try {
    const s = await handle.stat();
    if (!s.isFile()) return null;
    if (s.size > DISPLAY_MAX_BYTES) return 'too_large';
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
