import type { HostPacer } from './host-pacer.js';
import { MAX_ROBOTS_BYTES, RobotsRules } from './robots.js';
import type { FetchRequest, FetchResult, SafeFetcher } from './safe-fetch.js';

export type PoliteResult = FetchResult;

/**
 * Every request a feed source makes: robots.txt asked first (and again for each redirect), then
 * the request itself, one at a time per host with a pause between, through the safe fetcher.
 */
export class PoliteClient {
  private readonly robots: RobotsRules;

  constructor(
    private readonly fetcher: SafeFetcher,
    private readonly pacer: HostPacer,
  ) {
    this.robots = new RobotsRules((url, { unpaced }) => {
      const request = { url, accept: 'text/plain', maxBytes: MAX_ROBOTS_BYTES };
      return unpaced ? this.fetcher.fetch(request) : this.paced(url, request);
    });
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
    // A redirect is checked against its own site's robots.txt while the first host's turn is
    // held, so that fetch is not paced again (a redirect within one host would wait on itself).
    return this.paced(request.url, {
      ...request,
      checkRedirect: (next) => this.robots.refusal(next, { unpaced: true }),
    });
  }

  private paced(url: string, request: FetchRequest): Promise<FetchResult> {
    return this.pacer.run(new URL(url).hostname, () => this.fetcher.fetch(request), request.signal);
  }
}
