import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { type AddressPolicy, isIpLiteral, stripBrackets } from './address-policy.js';

/** Resolves a host name to its addresses; injectable so tests can point names at loopback. */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** How Vigil introduces itself: site operators can tell who fetches and block it in robots.txt. */
export const VIGIL_USER_AGENT =
  'Vigil/0.1.0 (self-hosted news and channel monitoring; robots.txt token Vigil)';
/** The token Vigil answers to in robots.txt. */
export const ROBOTS_TOKEN = 'Vigil';

export interface FetchLimits {
  /** Time to open the connection (TLS included). */
  connectTimeoutMs: number;
  /** Time for the whole request, redirects and body included. */
  totalTimeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxRedirects: 5,
};

export interface FetchRequest {
  url: string;
  accept: string;
  /** Largest body accepted, counted after decompression. */
  maxBytes: number;
  /** Validators from the last fetch, for a conditional request. */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
  /**
   * Asked before each redirect is followed (robots.txt of the new URL): a reason stops there and
   * the result is `disallowed`.
   */
  checkRedirect?: (url: URL) => Promise<string | null>;
}

export type FetchResult =
  | {
      status: 'ok';
      /** The URL the body came from, after redirects. */
      url: string;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | { status: 'not-modified'; url: string }
  /** The link leads somewhere Vigil never connects to; nothing was fetched there. */
  | { status: 'refused'; host: string; reason: string }
  /** robots.txt keeps Vigil from the URL; nothing was fetched there. */
  | { status: 'disallowed'; host: string; reason: string }
  | { status: 'failed'; host: string; reason: string; code?: number; retryAfter?: Date };

class TooLarge extends Error {}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GETs a URL as a hostile link: only http and https; every host's addresses are resolved and
 * checked before connecting, on the first request and on every redirect, and the connection is
 * made to exactly the addresses checked (a pinned lookup), so a name cannot resolve to a public
 * address for the check and a private one for the connection. Bodies are decompressed here and
 * capped by their decompressed size.
 */
export class SafeFetcher {
  constructor(
    private readonly policy: AddressPolicy,
    private readonly resolve: Resolver = systemResolver,
    private readonly limits: FetchLimits = DEFAULT_FETCH_LIMITS,
  ) {}

  async fetch(request: FetchRequest): Promise<FetchResult> {
    const total = AbortSignal.timeout(this.limits.totalTimeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, total]) : total;
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { status: 'refused', host: '', reason: 'not a URL' };
    }
    for (let hop = 0; ; hop++) {
      const host = stripBrackets(url.hostname);
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return { status: 'refused', host, reason: `the scheme ${url.protocol} is not http or https` };
      const addresses = await this.checkedAddresses(host, signal);
      request.signal?.throwIfAborted();
      if (hop > 0 && !('refused' in addresses) && request.checkRedirect) {
        const reason = await request.checkRedirect(url);
        if (reason) return { status: 'disallowed', host, reason };
      }
      if ('refused' in addresses) return { status: 'refused', host, reason: addresses.refused };
      if ('failed' in addresses) return { status: 'failed', host, reason: addresses.failed };
      let response: Awaited<ReturnType<SafeFetcher['get']>>;
      try {
        response = await this.get(url, addresses.pinned, request, signal);
      } catch (error) {
        request.signal?.throwIfAborted();
        if (error instanceof TooLarge)
          return { status: 'failed', host, reason: `the body is larger than ${request.maxBytes} bytes` };
        return { status: 'failed', host, reason: describe(error, total.aborted) };
      }
      const { code, headers } = response;
      if (REDIRECTS.has(code) && typeof headers.location === 'string') {
        if (hop >= this.limits.maxRedirects)
          return { status: 'failed', host, reason: `more than ${this.limits.maxRedirects} redirects` };
        try {
          url = new URL(headers.location, url);
        } catch {
          return { status: 'failed', host, reason: 'a redirect to something that is not a URL' };
        }
        continue;
      }
      if (code === 304) return { status: 'not-modified', url: url.href };
      if (code < 200 || code >= 300)
        return { status: 'failed', host, reason: `HTTP ${code}`, code, retryAfter: retryAfter(headers) };
      return {
        status: 'ok',
        url: url.href,
        body: response.body ?? Buffer.alloc(0),
        contentType: headers['content-type'] ?? null,
        etag: typeof headers.etag === 'string' ? headers.etag : null,
        lastModified: headers['last-modified'] ?? null,
      };
    }
  }

  /** The host's addresses when every one may be connected to; a name resolving to any refused address is refused. */
  private async checkedAddresses(
    host: string,
    signal: AbortSignal,
  ): Promise<
    { pinned: { address: string; family: number }[] | null } | { refused: string } | { failed: string }
  > {
    const allowedByName = this.policy.allowsName(host);
    if (isIpLiteral(host)) {
      const refusal = allowedByName ? null : this.policy.refusal(host);
      return refusal ? { refused: `${host} is ${refusal}` } : { pinned: null };
    }
    let addresses: { address: string; family: number }[];
    try {
      addresses = await abortable(this.resolve(host), signal);
    } catch {
      return { failed: signal.aborted ? 'the request timed out' : 'the host name does not resolve' };
    }
    if (addresses.length === 0) return { failed: 'the host name does not resolve' };
    if (!allowedByName)
      for (const { address } of addresses) {
        const refusal = this.policy.refusal(address);
        if (refusal) return { refused: `the host resolves to ${refusal}` };
      }
    return { pinned: addresses };
  }

  /** One request, no redirects followed: the status, headers, and the decoded body of a 2xx. */
  private get(
    url: URL,
    pinned: { address: string; family: number }[] | null,
    request: FetchRequest,
    signal: AbortSignal,
  ): Promise<{ code: number; headers: IncomingMessage['headers']; body?: Buffer }> {
    const headers: Record<string, string> = {
      'user-agent': VIGIL_USER_AGENT,
      accept: request.accept,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    const lookup: LookupFunction | undefined = pinned
      ? (_host, options, callback) => {
          const first = pinned[0] as { address: string; family: number };
          if (options.all) (callback as (e: null, a: typeof pinned) => void)(null, pinned);
          else callback(null, first.address, first.family);
        }
      : undefined;
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(url, { method: 'GET', headers, lookup, agent: false, signal });
      const connectTimer = setTimeout(
        () => req.destroy(new Error('the connection timed out')),
        this.limits.connectTimeoutMs,
      );
      req.on('socket', (socket) => {
        socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () =>
          clearTimeout(connectTimer),
        );
      });
      let responded = false;
      req.on('error', (error) => {
        clearTimeout(connectTimer);
        // Once the response arrived, its body's reader reports what went wrong (a cap passed, a
        // broken stream) rather than the socket's closing that follows.
        if (!responded) reject(error);
      });
      req.on('response', (res) => {
        responded = true;
        clearTimeout(connectTimer);
        const code = res.statusCode ?? 0;
        if (code < 200 || code >= 300) {
          // Only the status and headers matter; a body here could be endless.
          res.destroy();
          resolve({ code, headers: res.headers });
          return;
        }
        readBody(res, request.maxBytes, signal).then(
          (body) => resolve({ code, headers: res.headers, body }),
          reject,
        );
      });
      req.end();
    });
  }
}

/** The body decompressed as it arrives, refused as soon as the decompressed size passes the cap. */
async function readBody(res: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const encoding = String(res.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : encoding === 'identity' || encoding === ''
            ? null
            : undefined;
  if (decoder === undefined) {
    res.destroy();
    throw new Error('an unknown content encoding');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw new TooLarge();
      chunks.push(chunk);
    }
  };
  try {
    if (decoder) await pipeline(res, decoder, collect, { signal });
    else await pipeline(res, collect, { signal });
  } catch (error) {
    // Node 20's pipeline reports an error thrown by its last stage as an AbortError.
    if (size > maxBytes) throw new TooLarge();
    throw error;
  }
  return Buffer.concat(chunks);
}

/** A resolution bounded by the request's time: a resolver that never answers must not hold the run. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function retryAfter(headers: IncomingMessage['headers']): Date | undefined {
  const value = headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return new Date(Date.now() + seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** A failure as the analyst reads it: what went wrong with the connection, never content. */
function describe(error: unknown, timedOut: boolean): string {
  if (timedOut) return 'the request timed out';
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return `the request failed (${code})`;
  if (error instanceof Error && /timed out|content encoding/.test(error.message)) return error.message;
  return 'the request failed';
}
