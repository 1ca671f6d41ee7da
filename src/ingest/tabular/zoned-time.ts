/**
 * Local times written with a zone abbreviation ("2021-07-05 18:02:45 BRT"), as CrowdTangle
 * exports them. An abbreviation names a zone; the offset for that date comes from the zone's
 * IANA rules (Node's ICU), so daylight-saving changes and abolished DST (Brazil, 2019) are right.
 */

/**
 * The zones CrowdTangle's abbreviations stand for. Ambiguous ones are resolved deliberately:
 * IST is India (not Ireland or Israel), CST US Central (not China or Cuba), BST British Summer
 * (not Bangladesh). `--tz` names another zone for the file.
 */
const ZONE_OF: Record<string, string> = {
  UTC: 'UTC',
  GMT: 'UTC',
  Z: 'UTC',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  AST: 'America/Halifax',
  ADT: 'America/Halifax',
  NST: 'America/St_Johns',
  NDT: 'America/St_Johns',
  BRT: 'America/Sao_Paulo',
  BRST: 'America/Sao_Paulo',
  ART: 'America/Argentina/Buenos_Aires',
  CLT: 'America/Santiago',
  CLST: 'America/Santiago',
  COT: 'America/Bogota',
  PET: 'America/Lima',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  BST: 'Europe/London',
  IST: 'Asia/Kolkata',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  MSK: 'Europe/Moscow',
  TRT: 'Europe/Istanbul',
  GST: 'Asia/Dubai',
  PKT: 'Asia/Karachi',
  NPT: 'Asia/Kathmandu',
  ICT: 'Asia/Bangkok',
  WIB: 'Asia/Jakarta',
  SGT: 'Asia/Singapore',
  MYT: 'Asia/Kuala_Lumpur',
  HKT: 'Asia/Hong_Kong',
  PHT: 'Asia/Manila',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  AWST: 'Australia/Perth',
  ACST: 'Australia/Adelaide',
  ACDT: 'Australia/Adelaide',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
  WAT: 'Africa/Lagos',
  CAT: 'Africa/Maputo',
  EAT: 'Africa/Nairobi',
  SAST: 'Africa/Johannesburg',
};

/** Whether a name is a time zone this runtime knows (IANA). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC, in milliseconds, at the instant `ms`. */
function offsetAt(zone: string, ms: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return (
    Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second) -
    Math.floor(ms / 1000) * 1000
  );
}

/** A wall-clock time in `zone` as UTC milliseconds (the earlier instant when a time repeats). */
export function wallTimeToUtc(wall: number, zone: string): number {
  const first = wall - offsetAt(zone, wall);
  const second = wall - offsetAt(zone, first);
  return Math.min(first, second);
}

/**
 * `2021-07-05 18:02:45 BRT` → ISO UTC. Without an abbreviation the time is read in `fallbackZone`
 * (UTC when none is given); an abbreviation not in the table is read in `fallbackZone` when one is
 * given, else it is unreadable (null), never guessed.
 */
export function parseZonedTime(value: string, fallbackZone?: string): string | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?\s*([A-Z]{1,5})?$/.exec(value.trim());
  if (!m) return null;
  const abbreviation = m[7];
  const zone = abbreviation ? (ZONE_OF[abbreviation] ?? fallbackZone) : (fallbackZone ?? 'UTC');
  if (zone === undefined) return null;
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
  if (Number.isNaN(wall)) return null;
  return new Date(wallTimeToUtc(wall, zone)).toISOString();
}
