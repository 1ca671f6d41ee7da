import robotsModule from 'robots-parser';
import type { FetchResult } from './safe-fetch.js';
import { ROBOTS_TOKEN } from './safe-fetch.js';

// A CommonJS module exporting the function itself, typed as an ES default export.
const robotsParser = robotsModule as unknown as typeof robotsModule.default;
type Robots = ReturnType<typeof robotsParser>;

/** Largest robots.txt read; Google reads 500 KiB. */
export const MAX_ROBOTS_BYTES = 512 * 1024;

/**
 * robots.txt, fetched once per site (scheme, host and port) and kept for `ttlMs`. Per RFC 9309:
 * a missing file (4xx) allows everything; an unreachable one (5xx, network failure) disallows
 * everything until it is fetched again. A site Vigil may not connect to at all is left to the
 * request itself, which is refused and reported.
 */
export class RobotsRules {
  private readonly cache = new Map<
    string,
    { at: number; rules: Promise<Robots | 'allow' | { unavailable: string }> }
  >();

  constructor(
    private readonly fetchText: (url: string, options: { unpaced: boolean }) => Promise<FetchResult>,
    private readonly ttlMs = 3_600_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Null when Vigil may fetch the URL, else why not. */
  async refusal(url: URL, options: { unpaced: boolean } = { unpaced: false }): Promise<string | null> {
    const rules = await this.rulesFor(url, options);
    if (rules === 'allow') return null;
    // Why it could not be read (a name that does not resolve, an HTTP 503) is what an analyst acts on.
    if ('unavailable' in rules) return `robots.txt could not be fetched: ${rules.unavailable}`;
    return rules.isDisallowed(url.href, ROBOTS_TOKEN) ? 'disallowed by robots.txt' : null;
  }

  private rulesFor(
    url: URL,
    options: { unpaced: boolean },
  ): Promise<Robots | 'allow' | { unavailable: string }> {
    const origin = url.origin;
    const cached = this.cache.get(origin);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.rules;
    const robotsUrl = `${origin}/robots.txt`;
    const rules = this.fetchText(robotsUrl, options).then((result) => {
      if (result.status === 'ok') return robotsParser(robotsUrl, result.body.toString('utf8'));
      if (result.status === 'refused' || result.status === 'disallowed') return 'allow' as const;
      if (
        result.status === 'failed' &&
        result.code !== undefined &&
        result.code >= 400 &&
        result.code < 500 &&
        result.code !== 429
      )
        return 'allow' as const;
      return { unavailable: result.status === 'failed' ? result.reason : 'not modified' };
    });
    this.cache.set(origin, { at: this.now(), rules });
    return rules;
  }
}
