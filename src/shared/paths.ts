import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder holding Vigil's shipped data (lexicons, models, data), from source or from dist/. */
export function projectRoot(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'lexicons')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error('vigil: cannot find its data folders (lexicons, models, data)');
}
