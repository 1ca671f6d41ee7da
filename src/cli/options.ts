import { VigilError } from '../domain/index.js';
import { parseMapping } from '../ingest/tabular/field-mapping.js';
import { isTimeZone } from '../ingest/tabular/zoned-time.js';

/** A whole-number option, or a usage error naming it. */
export const positiveInt = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new VigilError('USAGE', `${name} must be a whole number, not "${v}"`);
  return n;
};

/** The input options `ingest` and `scan` share, checked: `--map` parsed, `--tz` a known zone. */
export function inputOptions(
  command: string,
  opts: { map?: string; tz?: string },
): { mapping: Record<string, string> | undefined; timeZone: string | undefined } {
  let mapping: Record<string, string> | undefined;
  if (opts.map !== undefined) {
    const parsed = parseMapping(opts.map);
    if (!parsed.ok) throw new VigilError('USAGE', `${command}: ${parsed.message}`);
    mapping = parsed.mapping;
  }
  if (opts.tz !== undefined && !isTimeZone(opts.tz))
    throw new VigilError(
      'USAGE',
      `${command}: --tz "${opts.tz}" is not an IANA time zone (e.g. Europe/Berlin)`,
    );
  return { mapping, timeZone: opts.tz };
}
