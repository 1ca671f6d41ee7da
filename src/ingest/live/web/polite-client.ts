import type { HostPacer } from './host-pacer.js';
import { MAX_ROBOTS_BYTES, RobotsRules } from './robots.js';
import type { FetchRequest, FetchResult, SafeFetcher } from './safe-fetch.js';

/** A fetch result, or a URL robots.txt keeps Vigil from. */
export type PoliteResult = FetchResult | { status: 'disallowed'; host: string; reason: string };

/**
 * Every request a feed source makes: robots.txt asked first, then the request itself, one at a
 * time per host with a pause between, through the safe fetcher.
 */
export class PoliteClient {
  private readonly robots: RobotsRules;

  constructor(
    private readonly fetcher: SafeFetcher,
    private readonly pacer: HostPacer,
  ) {
    this.robots = new RobotsRules((url) =>
      this.paced(url, { url, accept: 'text/plain', maxBytes: MAX_ROBOTS_BYTES }),
    );
  }

  async get(request: FetchRequest): Promise<PoliteResult> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { status: 'refused', host: '', reason: 'not a URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return {
        status: 'refused',
        host: url.hostname,
        reason: `the scheme ${url.protocol} is not http or https`,
      };
    const disallowed = await this.robots.refusal(url);
    if (disallowed) return { status: 'disallowed', host: url.hostname, reason: disallowed };
    return this.paced(request.url, request);
  }

  private paced(url: string, request: FetchRequest): Promise<FetchResult> {
    return this.pacer.run(new URL(url).hostname, () => this.fetcher.fetch(request), request.signal);
  }
}
