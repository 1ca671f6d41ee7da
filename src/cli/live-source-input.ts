import { VigilError } from '../domain/index.js';

/** The shortest schedule a source may have: politeness towards feeds and Telegram alike. */
export const MIN_EVERY_SECONDS = 30;

const usage = (message: string) => new VigilError('USAGE', message);

/** `--every` as seconds: a whole number followed by s, m or h (30s, 5m, 1h), at least 30 s. */
export function parseEvery(value: string): number {
  const m = /^(\d{1,7})(s|m|h)$/.exec(value.trim());
  if (!m) throw usage(`sources add: --every "${value}" is not a duration like 30s, 5m or 1h`);
  const seconds = Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'];
  if (seconds < MIN_EVERY_SECONDS)
    throw usage(`sources add: --every must be at least ${MIN_EVERY_SECONDS}s, not "${value}"`);
  return seconds;
}

/** A feed's URL: http or https, with a host and no credentials (a secret never sits in a URL). */
export function parseFeedUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usage(`sources add rss: "${value}" is not a URL (expected http:// or https://)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usage(`sources add rss: the URL must start with http:// or https://, not ${url.protocol}//`);
  if (url.hostname === '') throw usage('sources add rss: the URL has no host');
  if (url.username !== '' || url.password !== '')
    throw usage('sources add rss: the URL must not carry a user name or password');
  return url.toString();
}

/** A public channel as `@name` (also from `t.me/name`): 5 to 32 letters, digits or _, starting with a letter. */
export function parseChannel(value: string): string {
  const m = /^(?:@|(?:https?:\/\/)?t\.me\/)?([A-Za-z][A-Za-z0-9_]{3,31})\/?$/.exec(value.trim());
  if (!m) throw usage(`sources add telegram: "${value}" is not a channel (expected @name or t.me/name)`);
  return `@${m[1]}`;
}

/** The name of an environment variable (the secret stays in the environment). */
export function parseEnvName(value: string, option: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(value))
    throw usage(`sources add: ${option} "${value}" is not an environment variable name`);
  return value;
}

/**
 * A source's name: what `pause`, `resume` and `remove` take. Given with `--name` or taken from the
 * target (a feed's host, a channel), so the message points at `--name` either way.
 */
export function parseSourceName(value: string): string {
  if (!/^[\w.@:/-]{1,100}$/.test(value))
    throw usage(
      `sources add: --name "${value}" is not a valid source name (letters, digits and . _ - @ : /, at most 100)`,
    );
  return value;
}

/** `--since` for a channel's back-fill: a date (YYYY-MM-DD) or an ISO time. */
export function parseSince(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value)))
    throw usage(`sources add telegram: --since "${value}" is not a date (expected YYYY-MM-DD)`);
  return new Date(value).toISOString();
}
