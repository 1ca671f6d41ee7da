import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { VigilError } from '../domain/index.js';
import { withoutDiacritics } from '../shared/diacritics.js';
import { escapeRegExp } from '../shared/regexp.js';
import type { City } from './geonames.js';

/** A curated place: a city (with its English name and other names), or a landmark or district of one. */
export interface Place {
  name: string;
  country: string | null;
  aliases: string[];
  /** For a landmark or district: the city it is in; null for a city. */
  city: string | null;
  /** A name that is also an ordinary word or a first name ("Reading", "Nice"): a place only in a locative frame. */
  ambiguous: boolean;
}

/** What data/gazetteer.yaml holds: curated cities and landmarks, and names that are never places. */
export interface GazetteerData {
  places: Place[];
  /** GeoNames names that are ordinary words in news text ("Police", "Union"): never taken as places. */
  notPlaces: string[];
}

/** A place named in a text: the city it belongs to and, for a landmark or district, its name. */
export interface PlaceHit {
  /** The city: the place itself, or the city a landmark is in; null for a landmark of unknown city. */
  city: string | null;
  country: string | null;
  landmark: string | null;
  index: number;
  end: number;
  /** How strongly the words around it say "a place": a dateline or "in X" count most; "from X" least. */
  frame: number;
  source: 'curated' | 'landmark-phrase' | 'geonames';
}

/** Options: GeoNames names are places only above this population (small towns named like words). */
export interface GazetteerOptions {
  minPopulation: number;
}

const CALENDAR = new Set(
  'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Christmas Easter Ramadan Eid Diwali Hanukkah Passover New Year'.split(
    ' ',
  ),
);
const LANDMARK_NOUNS =
  'station|bridge|square|gardens|garden|market|church|mosque|synagogue|cathedral|temple|stadium|arena|plaza|place|street|road|avenue|boulevard|park|centre|center|mall|hall|hotel|theatre|theater|nightclub|club|museum|university|school|college|airport|terminal|terminus|junction|interchange|promenade|quay|pier|wharf|waterfront|beach|cemetery|tower|fountain|bazaar|souk';
const caseless = (word: string) => `[${word[0]?.toUpperCase()}${word[0]}]${word.slice(1)}`;
const NAME_WORD = "\\p{Lu}[\\p{L}'’.-]*";
/** A proper name of one to three words followed by a landmark noun: "Piccadilly Gardens", "Eastbrook market". */
const LANDMARK_PHRASE = new RegExp(
  `(?<![\\p{L}'’-])((?:${NAME_WORD}\\s+){1,3})(${LANDMARK_NOUNS.split('|').map(caseless).join('|')})(?![\\p{L}])`,
  'gu',
);
/** Words that open a capitalised run without being part of a name. */
const LEADING_NON_NAME =
  /^(?:(?:The|A|An|At|In|On|Near|Outside|Inside|By|From|To|Of|And|Police|Officers|Witnesses|Last|This|Every|Our|Their|His|Her|Its|Local|City|Town)\s+)+/u;
const CAPITALISED_RUN = new RegExp(
  `(?<![\\p{L}\\p{N}'’-])${NAME_WORD}(?:[ -](?:${NAME_WORD}|de|del|la|le|am|upon|sur|on-Sea))*`,
  'gu',
);
const INCIDENT_AFTER =
  /^\s+(?:[\p{Ll}-]+\s+)?(?:attacks?|shootings?|stabbings?|bombings?|massacre|attacker|gunman|bomber|knifeman|rampage|siege|killings?|terror)\b/u;

const DATELINE_CAPS = /^\p{Lu}[\p{Lu} .'’-]+(?=\s*(?:[,—–:(]|-\s))/u;

/** Title-cased lines (headlines) make every word look like a name: only curated names count there. */
function isTitleCase(text: string): boolean {
  const words = (text.match(/\p{L}{4,}/gu) ?? []).slice(1);
  return words.length >= 3 && words.every((w) => /^\p{Lu}/u.test(w));
}

/** The frame a name at [index, end) of text stands in; 0: none (a bare capitalised word). */
function frameOf(text: string, index: number, end: number): number {
  const before = text.slice(Math.max(0, index - 20), index);
  const after = text.slice(end, end + 40);
  if (/\bfrom\s+$/i.test(before)) return -1;
  // A dateline: "DURBAN —", "DURBAN, South Africa —", "DURBAN, South Africa, April 4 —".
  if (/^\s*$/.test(before) && /^\s*(?:,\s*[\p{L}\p{N} .]{2,30}){0,2}\s*(?:[—–:(]|-\s)/u.test(after)) return 4;
  // "The busiest station in France outside Paris", "the largest city after London": a comparison,
  // never the place of what is told (below the -1 a place still stands in as a last resort).
  if (
    /\b(?:\w+est|most|second|third)\b[^.,;]{0,40}\b(?:outside|after|besides|except)\s+$/i.test(
      text.slice(Math.max(0, index - 60), index),
    )
  )
    return -2;
  if (
    // "in X", "in the X city centre", "in downtown X" ("at the X …" names a venue, not its city).
    /\b(?:in|at|near|outside|inside|across|around|into|of central|central|in the)\s+(?:(?:downtown|central|old|historic|greater|inner|north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?)\s+)?$/i.test(
      text.slice(Math.max(0, index - 40), index),
    )
  )
    return 3;
  if (
    /\b(?:city|town|village|edge|outskirts|suburbs?|centre|center|heart|streets|mayor|residents) of\s+$/i.test(
      text.slice(Math.max(0, index - 30), index),
    )
  )
    return 3;
  if (INCIDENT_AFTER.test(after)) return 2;
  // "Bilbao police said", "Leeds prosecutors": a place's own authorities.
  if (/^\s+(?:police|prosecutors|authorities|officials|mayor|council|fire (?:brigade|service))\b/.test(after))
    return 2;
  if (/^['’]s\s+\p{L}/u.test(after)) return 1;
  return 0;
}

/**
 * Places in news text. Curated entries (data/gazetteer.yaml: English names, exonyms, landmarks
 * with their city) are recognised anywhere; a landmark phrase (a proper name and a noun such as
 * station or gardens) is recognised as a landmark whose city comes from the text; a GeoNames city
 * only when it stands in a locative frame ("in X", "X's", "the X attack", a dateline), is populous
 * enough, and is not an ordinary word. A bare capitalised word is never a place.
 */
export class Gazetteer {
  private readonly curated: { pattern: RegExp; place: Place; alias: string }[] = [];
  private readonly byName = new Map<string, Place>();
  private readonly cities = new Map<string, City>();
  private readonly notPlaces: Set<string>;

  constructor(
    data: GazetteerData,
    cities: readonly City[] = [],
    options: GazetteerOptions = { minPopulation: 15_000 },
  ) {
    this.notPlaces = new Set(data.notPlaces.map((n) => n.toLowerCase()));
    for (const place of data.places) {
      for (const alias of [place.name, ...place.aliases]) {
        this.curated.push({
          pattern: new RegExp(`(?<![\\p{L}])${escapeRegExp(alias)}(?![\\p{L}])`, 'gu'),
          place,
          alias,
        });
        this.byName.set(alias.toLowerCase(), place);
      }
    }
    // Longer names first, so "London Bridge" wins over "London"; landmarks before cities.
    this.curated.sort(
      (a, b) => Number(!a.place.city) - Number(!b.place.city) || b.alias.length - a.alias.length,
    );
    for (const c of cities) {
      if (c.population < options.minPopulation) continue;
      this.cities.set(c.name, c);
      // English news writes Gdańsk, Kraków and Malmö without their diacritics.
      const plain = withoutDiacritics(c.name);
      const known = this.cities.get(plain);
      if (plain !== c.name && (!known || known.population < c.population)) this.cities.set(plain, c);
    }
  }

  /** A curated place by its name or any alias, case-insensitively. */
  lookup(name: string): Place | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  /**
   * The city a name stands for, wherever it stands (for names already known to be places, such as
   * "the X attack"): a curated city, the city of a curated landmark, or a populous GeoNames city.
   */
  cityOf(name: string): { city: string; country: string | null; landmark: string | null } | null {
    const place = this.lookup(name);
    if (place && !place.ambiguous)
      return place.city
        ? { city: place.city, country: place.country, landmark: place.name }
        : { city: place.name, country: place.country, landmark: null };
    const city = this.geoCity(name);
    return city ? { city: city.name, country: city.country, landmark: null } : null;
  }

  private geoCity(raw: string): City | undefined {
    // "Leipzig's old town": the possessive is no part of the name.
    const name = raw.replace(/['’]s$/u, '');
    if (this.notPlaces.has(name.toLowerCase()) || CALENDAR.has(name)) return undefined;
    const curated = this.lookup(name);
    if (curated) return undefined;
    return (
      this.cities.get(name) ??
      this.cities.get(name.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (c) => c.toUpperCase()))
    );
  }

  /**
   * The city a landmark's name starts with: its longest leading words that name a curated,
   * unambiguous city or landmark, or a populous GeoNames city; a hyphenated first word counts by
   * its first part ("Brussels-South").
   */
  private cityLeading(nameWords: string): { city: string; country: string | null } | null {
    const words = nameWords.split(/\s+/);
    // "Melbourne's Flinders Street Station" is Melbourne's: the possessive is no part of the name.
    const heads = words.map((_, i) =>
      words
        .slice(0, words.length - i)
        .join(' ')
        .replace(/['’]s$/u, ''),
    );
    const hyphenated = /^(\p{Lu}\p{L}+)-\p{Lu}/u.exec(words[0] ?? '');
    if (hyphenated) heads.push(hyphenated[1] as string);
    for (const head of heads) {
      const place = this.lookup(head);
      if (place) {
        if (place.ambiguous) return null;
        return { city: place.city ?? place.name, country: place.country };
      }
      const city = this.geoCity(head);
      if (city && city.population >= 100_000) return { city: city.name, country: city.country };
    }
    return null;
  }

  /** Places named in the text, in text order, each with its frame. */
  find(original: string): PlaceHit[] {
    // An upper-case dateline ("MANCHESTER —") reads as the name it is; offsets stay the same.
    const text = original.replace(DATELINE_CAPS, (m) =>
      m.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (c) => c.toUpperCase()),
    );
    const hits: PlaceHit[] = [];
    const taken: [number, number][] = [];
    const free = (s: number, e: number) => !taken.some(([a, b]) => s < b && e > a);
    const titled = isTitleCase(text);
    const addCurated = (landmarksOnly: boolean) => {
      for (const e of this.curated) {
        if (Boolean(e.place.city) !== landmarksOnly) continue;
        for (const m of text.matchAll(e.pattern)) {
          const end = m.index + m[0].length;
          if (!free(m.index, end)) continue;
          const frame = frameOf(text, m.index, end);
          if (e.place.ambiguous && frame < 1) continue;
          taken.push([m.index, end]);
          hits.push({
            city: e.place.city ?? e.place.name,
            country: e.place.country,
            landmark: e.place.city ? e.place.name : null,
            index: m.index,
            end,
            frame,
            source: 'curated',
          });
        }
      }
    };
    addCurated(true);
    if (!titled) {
      for (const m of text.matchAll(LANDMARK_PHRASE)) {
        const lead = LEADING_NON_NAME.exec(m[1] as string)?.[0].length ?? 0;
        const start = m.index + lead;
        const end = m.index + m[0].length;
        const nameWords = text.slice(start, end - (m[2] as string).length).trim();
        if (!nameWords || CALENDAR.has(nameWords) || this.notPlaces.has(nameWords.toLowerCase())) continue;
        if (!free(start, end)) continue;
        // "Manchester Arena", "Eastbrook market", "Brussels-South station": a landmark named after
        // its city (curated, or a populous GeoNames city), read from the name's leading words.
        const owner = this.cityLeading(nameWords);
        taken.push([start, end]);
        hits.push({
          city: owner?.city ?? null,
          country: owner?.country ?? null,
          landmark: text.slice(start, end),
          index: start,
          end,
          frame: frameOf(text, start, end),
          source: 'landmark-phrase',
        });
      }
    }
    addCurated(false);
    if (!titled) {
      for (const m of text.matchAll(CAPITALISED_RUN)) {
        const words = m[0].split(/\s+/);
        // The longest leading part that is a city: "El Paso", "Buffalo" of "Buffalo Police".
        for (let n = words.length; n >= 1; n--) {
          // A full stop ends the sentence, not the name ("… in Tampere."), though names may hold one ("St. Albans").
          const name = words.slice(0, n).join(' ').replace(/\.+$/, '');
          const end = m.index + name.replace(/['’]s$/u, '').length;
          const city = this.geoCity(name);
          if (!city || !free(m.index, end)) continue;
          const frame = frameOf(text, m.index, end);
          if (frame < 1 || (frame === 1 && city.population < 100_000)) break;
          taken.push([m.index, end]);
          hits.push({
            city: city.name,
            country: city.country,
            landmark: null,
            index: m.index,
            end,
            frame,
            source: 'geonames',
          });
          break;
        }
      }
    }
    return hits.sort((a, b) => a.index - b.index);
  }
}

const PlaceEntry = (file: string, section: string, name: string, v: unknown): Place => {
  const value = (v ?? {}) as { country?: unknown; aliases?: unknown; city?: unknown; ambiguous?: unknown };
  if (value.aliases !== undefined && !Array.isArray(value.aliases))
    throw new VigilError('BAD_CONFIG', `gazetteer ${file}: ${section}.${name}.aliases must be a list`);
  if (section === 'landmarks' && typeof value.city !== 'string')
    throw new VigilError('BAD_CONFIG', `gazetteer ${file}: landmarks.${name}.city must name its city`);
  return {
    name,
    country: typeof value.country === 'string' ? value.country : null,
    aliases: ((value.aliases as unknown[]) ?? []).map(String),
    city: section === 'landmarks' ? (value.city as string) : null,
    ambiguous: value.ambiguous === true,
  };
};

/**
 * Reads a gazetteer YAML (`cities: {Name: {country, aliases, ambiguous}}`, `landmarks: {Name:
 * {city, country, aliases}}`, `not_places: [...]`), failing with the file and entry on bad data.
 */
export function readGazetteer(file: string): GazetteerData {
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new VigilError('BAD_CONFIG', `gazetteer ${file}: expected cities, landmarks and not_places`);
  const { cities, landmarks, not_places } = doc as Record<string, unknown>;
  const section = (name: string, v: unknown) => {
    if (v === undefined || v === null) return [];
    if (typeof v !== 'object' || Array.isArray(v))
      throw new VigilError('BAD_CONFIG', `gazetteer ${file}: ${name} must be a map of places`);
    return Object.entries(v as Record<string, unknown>).map(([n, e]) => PlaceEntry(file, name, n, e));
  };
  if (not_places !== undefined && !Array.isArray(not_places))
    throw new VigilError('BAD_CONFIG', `gazetteer ${file}: not_places must be a list`);
  const places = [...section('cities', cities), ...section('landmarks', landmarks)];
  const cityNames = new Set(places.filter((p) => !p.city).map((p) => p.name));
  for (const p of places)
    if (p.city && !cityNames.has(p.city))
      throw new VigilError('BAD_CONFIG', `gazetteer ${file}: landmarks.${p.name}.city is not under cities`);
  return { places, notPlaces: ((not_places as unknown[]) ?? []).map(String) };
}
