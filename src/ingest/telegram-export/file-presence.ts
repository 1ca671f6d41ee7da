import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Whether a file is on disk (following symbolic links, as `existsSync`). */
export type FilePresence = (path: string) => boolean;

/**
 * `existsSync`, asking about each folder once: a file in a folder that is not there is missing
 * without asking about the file. An export read without its media folders (the JSON copied on
 * its own, or media left out) names thousands of files in `photos/` or `files/`; a look-up per
 * file cost the CLI about 0.1 s of CPU per 7,000 of them. One per read: a folder created while
 * the read goes on is seen by the next read.
 */
export function filePresence(exists: (path: string) => boolean = existsSync): FilePresence {
  const folders = new Map<string, boolean>();
  return (path) => {
    const folder = dirname(path);
    let present = folders.get(folder);
    if (present === undefined) {
      present = exists(folder);
      folders.set(folder, present);
    }
    return present && exists(path);
  };
}
