/**
 * A polite HTTP client over Node's built-in fetch (undici):
 *  - a clear user agent, robots.txt respected (RFC 9309), Crawl-delay honoured up to a cap;
 *  - at most N requests in flight per host;
 *  - a timeout per request (headers and body), a size cap enforced while streaming;
 *  - redirects followed by hand, within a limit, each hop checked against robots.txt;
 *  - retries with exponential backoff on 429/5xx and transient network errors, honouring Retry-After;
 *  - conditional GET (If-None-Match / If-Modified-Since) when the caller passes validators.
 * Failures throw `FetchError` with a stable code and a message that names the URL.
 */
import { createRequire } from "node:module";
import { HostLimiter, sleep } from "./hosts.js";

interface RobotsTxt {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS whose typings declare an ES default export; under NodeNext that default
// would be the module object, so load it through require to get the function itself.
const robotsParser = createRequire(import.meta.url)("robots-parser") as (
  url: string,
  text: string,
) => RobotsTxt;

export const USER_AGENT = "Storyline/0.1 (+https://github.com/storyline)";
/** The product token matched against robots.txt `User-agent` lines. */
export const ROBOTS_AGENT = "Storyline";

/** Per-request timeout, ms: covers connecting, headers and body. News pages arrive in well under 5 s;
 * 20 s tolerates slow sites without stalling a batch for long. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Largest response body we accept, bytes (after content decoding). News pages are rarely above 3 MB;
 * 10 MiB covers heavy pages and large feeds while keeping memory bounded. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Redirect hops followed per request. Browsers allow 20; real articles need 1–3 (http→https, www,
 * a tracking hop); 5 is plenty and keeps loops short. */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Requests in flight to one host at once. 2 is the traditional polite limit for crawlers. */
export const DEFAULT_PER_HOST = 2;
/** Retries after the first attempt on 429/5xx or a transient network error. */
export const DEFAULT_RETRIES = 2;
/** First backoff delay, ms; doubled on every retry, with up to 50% jitter. */
export const DEFAULT_BACKOFF_MS = 1000;
/** Longest Retry-After we wait for, ms. A server asking for more is reported as failing. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
/** Longest robots.txt Crawl-delay honoured, ms. Some sites ask for 30–120 s, which would stall a
 * batch; 10 s still spaces requests politely. */
export const MAX_CRAWL_DELAY_MS = 10_000;
/** How long a fetched robots.txt is trusted, ms (RFC 9309 allows up to 24 h). Matters for `watch`. */
export const ROBOTS_TTL_MS = 60 * 60 * 1000;
/** How soon an unreachable robots.txt is asked for again, ms. */
const ROBOTS_RETRY_MS = 60_000;
/** robots.txt bytes read (RFC 9309: parse at least the first 500 KiB). */
const ROBOTS_MAX_BYTES = 512 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Network error codes worth another try (a reset connection, a busy server), not DNS or TLS failures. */
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);
const ACCEPT =
  "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json," +
  "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";

export type FetchErrorCode =
  | "BAD_URL"
  | "ROBOTS_DISALLOWED"
  | "TIMEOUT"
  | "TOO_LARGE"
  | "TOO_MANY_REDIRECTS"
  | "HTTP_STATUS"
  | "NETWORK"
  | "ABORTED";

/** A failed fetch, with a stable code for callers and a message naming the reason. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

/** HTTP cache validators kept between fetches of one URL. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetcherOptions {
  userAgent?: string;
  /** Per-request timeout, ms. */
  timeoutMs?: number;
  /** Response size cap, bytes. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Requests in flight per host. */
  perHost?: number;
  retries?: number;
  /** First backoff delay, ms (tests use a few ms). */
  backoffMs?: number;
  maxRetryAfterMs?: number;
  /** Respect robots.txt (default true). */
  robots?: boolean;
  /** Aborts every request in flight and every backoff wait. */
  signal?: AbortSignal;
}

export interface FetchResponse {
  status: "ok";
  /** The URL asked for. */
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  httpStatus: number;
  contentType: string | null;
  bytes: Buffer;
  /** ISO time the response arrived. */
  fetchedAt: string;
  /** Validators to send next time (null when the server gave none). */
  validators: Validators | null;
}

export interface NotModified {
  status: "not-modified";
  url: string;
  fetchedAt: string;
}

export type FetchResult = FetchResponse | NotModified;

interface Hop {
  status: number;
  statusText: string;
  headers: Headers;
  bytes: Buffer;
}

type RobotsRules = { isAllowed(url: string, ua?: string): boolean | undefined } | "allow-all" | "deny-all";

interface RobotsEntry {
  rules: Promise<{ rules: RobotsRules; why?: string; ttl: number }>;
  at: number;
}

/** The polite HTTP client. One instance per batch (or per `watch` session) so robots.txt and host
 * limits are shared across requests. */
export class Fetcher {
  readonly opts: Required<Omit<FetcherOptions, "signal">> & { signal?: AbortSignal };
  private readonly limiter: HostLimiter;
  private readonly robotsCache = new Map<string, RobotsEntry>();

  constructor(opts: FetcherOptions = {}) {
    this.opts = {
      userAgent: opts.userAgent ?? USER_AGENT,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
      maxRedirects: opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      perHost: opts.perHost ?? DEFAULT_PER_HOST,
      retries: opts.retries ?? DEFAULT_RETRIES,
      backoffMs: opts.backoffMs ?? DEFAULT_BACKOFF_MS,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
      robots: opts.robots ?? true,
      signal: opts.signal,
    };
    this.limiter = new HostLimiter(this.opts.perHost);
  }

  /**
   * GETs `url`, following redirects. With `validators`, sends a conditional request and returns
   * `not-modified` on 304. Throws `FetchError` for everything else that is not a 2xx page.
   */
  get(url: string, validators?: Validators | null): Promise<FetchResult> {
    return this.chain(url, validators ?? null, this.opts.robots, this.opts.maxBytes, this.opts.retries);
  }

  private async chain(
    url: string,
    validators: Validators | null,
    checkRobots: boolean,
    maxBytes: number,
    retries: number,
  ): Promise<FetchResult> {
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw new FetchError("BAD_URL", `not a valid URL`, url);
    }
    const chain = [current.href];
    for (let hop = 0; ; hop++) {
      if (current.protocol !== "http:" && current.protocol !== "https:")
        throw new FetchError("BAD_URL", `unsupported scheme "${current.protocol}"`, url);
      if (checkRobots) await this.checkRobots(current, url);
      const headers: Record<string, string> = { "user-agent": this.opts.userAgent, accept: ACCEPT };
      // Validators belong to the URL asked for; send them on the first hop only.
      if (hop === 0 && validators?.etag) headers["if-none-match"] = validators.etag;
      if (hop === 0 && validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
      const res = await this.withRetries(current, headers, url, maxBytes, retries);
      if (REDIRECT_STATUSES.has(res.status)) {
        const loc = res.headers.get("location");
        if (!loc) throw new FetchError("HTTP_STATUS", `HTTP ${res.status} redirect without a Location`, url);
        let next: URL;
        try {
          next = new URL(loc, current);
        } catch {
          throw new FetchError("BAD_URL", `redirect to an invalid URL "${loc}"`, url);
        }
        next.hash = "";
        if (chain.includes(next.href))
          throw new FetchError(
            "TOO_MANY_REDIRECTS",
            `redirect loop: ${[...chain, next.href].join(" → ")}`,
            url,
          );
        chain.push(next.href);
        if (hop + 1 > this.opts.maxRedirects)
          throw new FetchError(
            "TOO_MANY_REDIRECTS",
            `more than ${this.opts.maxRedirects} redirects: ${chain.join(" → ")}`,
            url,
          );
        current = next;
        continue;
      }
      const fetchedAt = new Date().toISOString();
      if (res.status === 304 && hop === 0 && validators) return { status: "not-modified", url, fetchedAt };
      if (res.status < 200 || res.status > 299)
        throw new FetchError(
          "HTTP_STATUS",
          `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`,
          url,
          res.status,
        );
      const etag = res.headers.get("etag") ?? undefined;
      const lastModified = res.headers.get("last-modified") ?? undefined;
      return {
        status: "ok",
        url,
        finalUrl: current.href,
        httpStatus: res.status,
        contentType: res.headers.get("content-type"),
        bytes: res.bytes,
        fetchedAt,
        validators: etag || lastModified ? { etag, lastModified } : null,
      };
    }
  }

  /** One hop with retries on 429/5xx and transient network errors. */
  private async withRetries(
    target: URL,
    headers: Record<string, string>,
    asked: string,
    maxBytes: number,
    retries: number,
  ): Promise<Hop> {
    const { backoffMs, maxRetryAfterMs } = this.opts;
    for (let attempt = 0; ; attempt++) {
      let res: Hop | null = null;
      let netError: FetchError | null = null;
      try {
        res = await this.limiter.run(target.host, () => this.request(target, headers, asked, maxBytes));
      } catch (e) {
        if (!(e instanceof FetchError) || e.code !== "NETWORK" || !(e as NetworkError).retryable) throw e;
        netError = e;
      }
      const retryable = netError !== null || (res !== null && (res.status === 429 || res.status >= 500));
      if (!retryable) return res!;
      const tries = `${attempt + 1} attempt${attempt ? "s" : ""}`;
      if (attempt >= retries) {
        if (netError) throw new FetchError("NETWORK", `${netError.message} (after ${tries})`, asked);
        throw new FetchError(
          "HTTP_STATUS",
          `HTTP ${res!.status}${res!.statusText ? ` ${res!.statusText}` : ""} (after ${tries})`,
          asked,
          res!.status,
        );
      }
      let delay = backoffMs * 2 ** attempt * (1 + Math.random() * 0.5);
      const retryAfter = res ? parseRetryAfter(res.headers.get("retry-after")) : null;
      if (retryAfter !== null) {
        if (retryAfter > maxRetryAfterMs)
          throw new FetchError(
            "HTTP_STATUS",
            `HTTP ${res!.status}: server asks to retry after ${Math.round(retryAfter / 1000)} s, more than the ${Math.round(maxRetryAfterMs / 1000)} s we wait`,
            asked,
            res!.status,
          );
        delay = Math.max(delay, retryAfter);
      }
      try {
        await sleep(delay, this.opts.signal);
      } catch {
        throw new FetchError("ABORTED", "stopped", asked);
      }
    }
  }

  /** A single HTTP request: no redirects followed, body streamed up to the size cap. */
  private async request(
    target: URL,
    headers: Record<string, string>,
    asked: string,
    maxBytes: number,
  ): Promise<Hop> {
    const { timeoutMs } = this.opts;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = this.opts.signal ? AbortSignal.any([this.opts.signal, timeout]) : timeout;
    const aborted = (): FetchError =>
      this.opts.signal?.aborted
        ? new FetchError("ABORTED", "stopped", asked)
        : new FetchError("TIMEOUT", `timed out after ${formatSeconds(timeoutMs)}`, asked);
    let res: Response;
    try {
      res = await fetch(target, { headers, redirect: "manual", signal });
    } catch (e) {
      if (signal.aborted) throw aborted();
      throw networkError(e, asked);
    }
    const declared = Number(res.headers.get("content-length"));
    const encoded = res.headers.get("content-encoding");
    // Only bodies we are going to use are read; a redirect or error body is dropped unread.
    if (REDIRECT_STATUSES.has(res.status) || res.status === 304 || res.status >= 400) {
      await res.body?.cancel().catch(() => {});
      return { status: res.status, statusText: res.statusText, headers: res.headers, bytes: Buffer.alloc(0) };
    }
    if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel().catch(() => {});
      throw new FetchError(
        "TOO_LARGE",
        `response of ${declared} bytes exceeds the ${maxBytes}-byte limit`,
        asked,
      );
    }
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      if (res.body) {
        for await (const chunk of res.body) {
          total += chunk.byteLength;
          if (total > maxBytes) {
            await res.body.cancel().catch(() => {});
            throw new FetchError("TOO_LARGE", `response exceeds the ${maxBytes}-byte limit`, asked);
          }
          chunks.push(Buffer.from(chunk));
        }
      }
    } catch (e) {
      if (e instanceof FetchError) throw e;
      if (signal.aborted) throw aborted();
      throw networkError(e, asked);
    }
    return {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
      bytes: Buffer.concat(chunks),
    };
  }

  /** Throws ROBOTS_DISALLOWED when robots.txt forbids `target` to us. */
  private async checkRobots(target: URL, asked: string): Promise<void> {
    const origin = target.origin;
    let entry = this.robotsCache.get(origin);
    if (entry && Date.now() - entry.at > (await entry.rules).ttl) entry = undefined;
    if (!entry) {
      entry = { rules: this.loadRobots(target), at: Date.now() };
      this.robotsCache.set(origin, entry);
    }
    const { rules, why } = await entry.rules;
    if (rules === "allow-all") return;
    if (rules === "deny-all")
      throw new FetchError("ROBOTS_DISALLOWED", `robots.txt: ${why ?? "disallowed"}`, asked);
    if (rules.isAllowed(target.href, ROBOTS_AGENT) === false)
      throw new FetchError(
        "ROBOTS_DISALLOWED",
        `robots.txt of ${origin} disallows ${target.pathname}${target.search}`,
        asked,
      );
  }

  /** Fetches and parses robots.txt per RFC 9309: 4xx means no rules; 5xx or no answer means
   * everything is disallowed (the site may be overloaded), re-checked after a minute. */
  private async loadRobots(target: URL): Promise<{ rules: RobotsRules; why?: string; ttl: number }> {
    const robotsUrl = new URL("/robots.txt", target.origin);
    try {
      const res = await this.chain(robotsUrl.href, null, false, ROBOTS_MAX_BYTES, 1);
      if (res.status !== "ok") return { rules: "allow-all", ttl: ROBOTS_TTL_MS };
      const rules = robotsParser(robotsUrl.href, res.bytes.toString("utf8"));
      const delay = rules.getCrawlDelay(ROBOTS_AGENT);
      if (delay && delay > 0)
        this.limiter.setInterval(target.host, Math.min(delay * 1000, MAX_CRAWL_DELAY_MS));
      return { rules, ttl: ROBOTS_TTL_MS };
    } catch (e) {
      const err = e as FetchError;
      if (err.code === "ABORTED") throw err;
      const clientError = err.code === "HTTP_STATUS" && err.status !== undefined && err.status < 500;
      // A missing robots.txt (4xx), or one we cannot use (too large, redirect loop): no rules apply.
      if (
        clientError ||
        err.code === "TOO_LARGE" ||
        err.code === "TOO_MANY_REDIRECTS" ||
        err.code === "BAD_URL"
      )
        return { rules: "allow-all", ttl: ROBOTS_TTL_MS };
      return {
        rules: "deny-all",
        why: `${robotsUrl.href} unavailable (${err.message}); the site counts as disallowed (RFC 9309)`,
        ttl: ROBOTS_RETRY_MS,
      };
    }
  }
}

interface NetworkError extends FetchError {
  retryable: boolean;
}

function networkError(e: unknown, asked: string): FetchError {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? (err as NodeJS.ErrnoException).code;
  const detail = code ?? err.cause?.message ?? err.message;
  const fe = new FetchError("NETWORK", `network error: ${detail}`, asked) as NetworkError;
  fe.retryable = code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
  return fe;
}

/** Retry-After as ms: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - Date.now());
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
