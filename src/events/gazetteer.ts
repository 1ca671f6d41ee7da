import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { VigilError } from '../domain/index.js';
import { escapeRegExp } from '../shared/regexp.js';

export interface Place {
  name: string;
  country: string | null;
  aliases: string[];
}

/** Places and aliases, matched as whole words, case-sensitively on the first letter. */
export class Gazetteer {
  private readonly entries: { pattern: RegExp; place: Place; alias: string }[] = [];

  constructor(readonly places: readonly Place[]) {
    for (const place of places) {
      for (const alias of [place.name, ...place.aliases]) {
        this.entries.push({
          pattern: new RegExp(`(?<![\\p{L}])${escapeRegExp(alias)}(?![\\p{L}])`, 'u'),
          place,
          alias,
        });
      }
    }
    // Longer aliases first, so "London Bridge" wins over "London".
    this.entries.sort((a, b) => b.alias.length - a.alias.length);
  }

  /** Places named in the text, with the offset of their first mention, in text order. */
  find(text: string): { place: Place; index: number; alias: string }[] {
    const found: { place: Place; index: number; alias: string }[] = [];
    const taken: [number, number][] = [];
    for (const e of this.entries) {
      const m = e.pattern.exec(text);
      if (!m) continue;
      const span: [number, number] = [m.index, m.index + m[0].length];
      if (taken.some(([s, t]) => span[0] < t && span[1] > s)) continue;
      taken.push(span);
      if (!found.some((f) => f.place === e.place))
        found.push({ place: e.place, index: m.index, alias: e.alias });
    }
    return found.sort((a, b) => a.index - b.index);
  }

  lookup(name: string): Place | undefined {
    const n = name.toLowerCase();
    return this.places.find(
      (p) => p.name.toLowerCase() === n || p.aliases.some((a) => a.toLowerCase() === n),
    );
  }
}

/** Reads a gazetteer YAML (`Name: { country, aliases }`), failing with the file and entry on bad data. */
export function readGazetteer(file: string): Place[] {
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new VigilError('BAD_CONFIG', `gazetteer ${file}: expected a map of places`);
  return Object.entries(doc as Record<string, unknown>).map(([name, v]) => {
    const value = (v ?? {}) as { country?: unknown; aliases?: unknown };
    if (value.aliases !== undefined && !Array.isArray(value.aliases))
      throw new VigilError('BAD_CONFIG', `gazetteer ${file}: ${name}.aliases must be a list`);
    return {
      name,
      country: typeof value.country === 'string' ? value.country : null,
      aliases: ((value.aliases as unknown[]) ?? []).map(String),
    };
  });
}
