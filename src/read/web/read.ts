/**
 * Reading from the live web: URLs (pages, feeds or sitemaps, told apart by their content), feed items
 * and sitemap entries become raw documents. Work runs as a small job queue: a feed or a sitemap adds
 * its items as new jobs, several jobs are in flight at once (the fetcher keeps per-host limits), and
 * documents are yielded as jobs finish. Every failure becomes a ReadItem error naming the URL.
 *
 * State kept in the store (when one is given), written only after the consumer has handled the
 * yielded document, so an interrupted run never records a page it did not store:
 *  - conditional-GET validators per URL (a 304 reports the page unchanged, not an error);
 *  - per feed, the items already taken (`newFeedItemsOnly` skips them; `watch` sets it);
 *  - a feed's own validators are saved only once all its items are done.
 */
import { gunzipSync } from "node:zlib";
import { decodeBytes } from "../../extract/charset.js";
import type { InputKind, RawDocument } from "../../model/article.js";
import type { Store } from "../../store/types.js";
import type { ReadItem } from "../files.js";
import { type FeedItem, looksLikeFeed, parseFeedText, SeenItems } from "./feeds.js";
import { FetchError, Fetcher, type FetcherOptions, type FetchResponse, type Validators } from "./fetcher.js";
import { looksLikeSitemap, parseSitemap } from "./sitemap.js";
import { normaliseUrl, urlDocumentId } from "./url-id.js";

/** Fetches in flight at once across all hosts (each host is further limited by the fetcher). */
export const DEFAULT_CONCURRENCY = 8;
/** Sitemap-index nesting followed. The protocol allows one level; a few sites nest one more. */
export const MAX_SITEMAP_DEPTH = 3;
/** Page URLs taken from sitemaps in one run: the protocol's per-file maximum. Big sites list millions
 * of URLs; use --since to narrow them. */
export const DEFAULT_MAX_SITEMAP_URLS = 50_000;
/** Bytes inspected to tell HTML, feeds and sitemaps apart when the Content-Type does not say. */
const SNIFF_CHARS = 2048;

/** State key prefix of conditional-GET validators. */
const VALIDATORS_PREFIX = "web:validators:";

export interface WebReadOptions {
  /** Where validators and feed memories live. Without it every fetch is unconditional. */
  store?: Store;
  /** A fetcher shared across runs (watch); otherwise one is made from `fetch`. */
  fetcher?: Fetcher;
  /** Options for the fetcher made when `fetcher` is not given. */
  fetch?: FetcherOptions;
  /** Stops starting new fetches; fetches in flight are aborted; documents already fetched are still
   * yielded. Pass the same signal to a shared fetcher. */
  signal?: AbortSignal;
  /** Jobs in flight at once. */
  concurrency?: number;
  /** Send stored validators (default true when a store is given). */
  conditional?: boolean;
  /** Skip feed items taken before (watch mode). */
  newFeedItemsOnly?: boolean;
  /** Keep only sitemap entries dated on or after this (entries without a date are dropped). */
  since?: Date | null;
  maxSitemapUrls?: number;
  /** Called when a page answered 304 Not Modified: it is unchanged since the last fetch. */
  onNotModified?: (url: string, id: string) => void;
}

/** What a URL names: a page, a feed or a sitemap (told from the content), or a sitemap by request. */
export interface WebInput {
  url: string;
  as?: "auto" | "sitemap";
}

/** Validators as stored, with what the URL turned out to be. */
interface StoredValidators extends Validators {
  kind?: "page" | "feed";
}

interface FeedContext {
  url: string;
  seen: SeenItems | null;
  /** Items not yet finished. */
  pending: number;
  validators: Validators | null;
}

type Job =
  | { kind: "auto"; url: string }
  | { kind: "page"; url: string }
  | { kind: "sitemap"; url: string; depth: number }
  | { kind: "item"; url: string; item: FeedItem; feed: FeedContext };

interface JobResult {
  items: ReadItem[];
  children: Job[];
  /** Runs after the consumer has handled `items` (state writes). */
  after?: () => Promise<void>;
}

const fail = (file: string, reason: string): ReadItem => ({ ok: false, error: { file, reason } });

/** Reads URLs from the web; see the module comment. */
export async function* readWeb(inputs: WebInput[], opts: WebReadOptions = {}): AsyncGenerator<ReadItem> {
  const reader = new WebReader(opts);
  yield* reader.run(inputs);
}

class WebReader {
  private readonly fetcher: Fetcher;
  private readonly conditional: boolean;
  private readonly taken = new Set<string>();
  private sitemapUrls = 0;
  private sitemapCapReported = false;

  constructor(private readonly opts: WebReadOptions) {
    this.fetcher = opts.fetcher ?? new Fetcher({ ...opts.fetch, signal: opts.signal ?? opts.fetch?.signal });
    this.conditional = (opts.conditional ?? true) && opts.store !== undefined;
  }

  private get aborted(): boolean {
    return this.opts.signal?.aborted === true;
  }

  async *run(inputs: WebInput[]): AsyncGenerator<ReadItem> {
    const queue: Job[] = [];
    for (const input of inputs) {
      const job = this.jobFor(input);
      if (typeof job === "string") yield fail(input.url, job);
      else if (job) queue.push(job);
    }
    const concurrency = Math.max(1, this.opts.concurrency ?? DEFAULT_CONCURRENCY);
    const running = new Map<number, Promise<{ id: number; result: JobResult }>>();
    let nextId = 0;
    while (queue.length > 0 || running.size > 0) {
      while (!this.aborted && queue.length > 0 && running.size < concurrency) {
        const job = queue.shift()!;
        const id = nextId++;
        running.set(
          id,
          this.work(job).then(
            (result) => ({ id, result }),
            (e: unknown) => ({ id, result: { items: [fail(job.url, (e as Error).message)], children: [] } }),
          ),
        );
      }
      if (running.size === 0) break;
      const { id, result } = await Promise.race(running.values());
      running.delete(id);
      // Children go first so a feed's items are read before the next input starts.
      if (!this.aborted) queue.unshift(...result.children);
      for (const item of result.items) yield item;
      await result.after?.();
    }
  }

  private jobFor(input: WebInput): Job | string | null {
    let url: string;
    try {
      url = new URL(input.url).href;
    } catch {
      return "not a valid URL";
    }
    if (input.as === "sitemap") return { kind: "sitemap", url, depth: 0 };
    if (!this.once(url)) return null;
    return { kind: "auto", url };
  }

  /** True the first time a page URL is met in this run (duplicates are read once). */
  private once(url: string): boolean {
    let key: string;
    try {
      key = normaliseUrl(url);
    } catch {
      return true;
    }
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }

  private async work(job: Job): Promise<JobResult> {
    switch (job.kind) {
      case "sitemap":
        return this.sitemap(job.url, job.depth);
      case "item":
        return this.item(job);
      default:
        return this.page(job.url, job.kind === "auto");
    }
  }

  private async loadValidators(url: string): Promise<StoredValidators | null> {
    if (!this.conditional) return null;
    return (await this.opts.store!.getState<StoredValidators>(VALIDATORS_PREFIX + normaliseUrl(url))) ?? null;
  }

  private async saveValidators(
    url: string,
    v: Validators | null,
    kind: "page" | "feed" = "page",
  ): Promise<void> {
    if (!this.opts.store || !v) return;
    await this.opts.store.setState(VALIDATORS_PREFIX + normaliseUrl(url), { ...v, kind });
  }

  /** A URL named by the user or listed in a sitemap: a page, or (for user inputs) a feed or sitemap. */
  private async page(url: string, auto: boolean): Promise<JobResult> {
    const validators = await this.loadValidators(url);
    const res = await this.get(url, validators);
    if (typeof res === "string") return { items: res ? [fail(url, res)] : [], children: [] };
    if (res.status === "not-modified") {
      // An unchanged feed has nothing new; only an unchanged page counts as an unchanged document.
      if (validators?.kind !== "feed") this.opts.onNotModified?.(url, urlDocumentId(url));
      return { items: [], children: [] };
    }
    const body = decodeBody(res, this.fetcher.opts.maxBytes);
    if (typeof body === "string") return { items: [fail(url, body)], children: [] };
    if (body.kind === "feed" && auto) return this.feed(res, body.text);
    if (body.kind === "sitemap" && auto) return this.sitemapFrom(res, body.text, 0);
    if (body.kind === "feed" || body.kind === "sitemap")
      return { items: [fail(url, `expected a page, got a ${body.kind}`)], children: [] };
    return {
      items: [docItem(res, body.kind, body.text, "url", url)],
      children: [],
      after: () => this.saveValidators(url, res.validators),
    };
  }

  /** Fetches; returns the response, or an error reason ("" when stopped: nothing to report). */
  private async get(url: string, validators: Validators | null) {
    try {
      return await this.fetcher.get(url, validators);
    } catch (e) {
      if (e instanceof FetchError) return e.code === "ABORTED" ? "" : e.message;
      throw e;
    }
  }

  private async feed(res: FetchResponse, text: string): Promise<JobResult> {
    const feedUrl = res.url;
    let parsed: ReturnType<typeof parseFeedText>;
    try {
      parsed = parseFeedText(text, res.finalUrl);
    } catch (e) {
      return { items: [fail(feedUrl, (e as Error).message)], children: [] };
    }
    const store = this.opts.store;
    const seen = store ? await SeenItems.load(store, feedUrl) : null;
    const ctx: FeedContext = { url: feedUrl, seen, pending: 0, validators: res.validators };
    const items: ReadItem[] = [];
    const children: Job[] = [];
    const skipped: string[] = [];
    for (const item of parsed.items) {
      if (this.opts.newFeedItemsOnly && seen?.has(item.key)) continue;
      if (!item.link) {
        items.push(fail(feedUrl, `item "${item.title ?? item.key}" has no link`));
        skipped.push(item.key);
        continue;
      }
      if (!this.once(item.link)) continue;
      children.push({ kind: "item", url: item.link, item, feed: ctx });
    }
    ctx.pending = children.length;
    // The feed's new validators are saved once every item is done: saved earlier, an interrupted
    // run would get 304 next time and never read the items it missed.
    return {
      items,
      children,
      after: async () => {
        for (const k of skipped) await seen?.taken(k);
        if (ctx.pending === 0) await this.saveValidators(feedUrl, ctx.validators, "feed");
      },
    };
  }

  private async item(job: Extract<Job, { kind: "item" }>): Promise<JobResult> {
    const { feed, item } = job;
    const finish = async (ok: boolean): Promise<string | null> => {
      let gaveUp: string | null = null;
      if (ok) await feed.seen?.taken(item.key);
      else if (await feed.seen?.failed(item.key)) gaveUp = " (given up after repeated failures)";
      feed.pending--;
      if (feed.pending === 0 && !this.aborted) await this.saveValidators(feed.url, feed.validators, "feed");
      return gaveUp;
    };
    const validators = await this.loadValidators(job.url);
    const res = await this.get(job.url, validators);
    if (res === "") return { items: [], children: [] };
    let error: string | null = null;
    let result: JobResult | null = null;
    if (typeof res === "string") error = res;
    else if (res.status === "not-modified") {
      this.opts.onNotModified?.(job.url, urlDocumentId(job.url));
      return { items: [], children: [], after: async () => void (await finish(true)) };
    } else {
      const body = decodeBody(res, this.fetcher.opts.maxBytes);
      if (typeof body === "string") error = body;
      else if (body.kind === "feed" || body.kind === "sitemap")
        error = `item link is a ${body.kind}, not a page`;
      else {
        const doc = docItem(res, body.kind, body.text, "feed", feed.url);
        result = {
          items: [doc],
          children: [],
          after: async () => {
            await this.saveValidators(job.url, res.validators);
            await finish(true);
          },
        };
      }
    }
    if (result) return result;
    // The seen-memory decides whether a later poll tries the item again.
    const gaveUp = await finish(false);
    return { items: [fail(job.url, (error ?? "unknown error") + (gaveUp ?? ""))], children: [] };
  }

  private async sitemap(url: string, depth: number): Promise<JobResult> {
    const res = await this.get(url, null);
    if (typeof res === "string") return { items: res ? [fail(url, res)] : [], children: [] };
    if (res.status !== "ok") return { items: [], children: [] };
    const body = decodeBody(res, this.fetcher.opts.maxBytes);
    if (typeof body === "string") return { items: [fail(url, body)], children: [] };
    return this.sitemapFrom(res, body.text, depth);
  }

  private sitemapFrom(res: FetchResponse, text: string, depth: number): JobResult {
    let parsed: ReturnType<typeof parseSitemap>;
    try {
      parsed = parseSitemap(text, res.finalUrl);
    } catch (e) {
      return { items: [fail(res.url, (e as Error).message)], children: [] };
    }
    const since = this.opts.since ?? null;
    const items: ReadItem[] = [];
    const children: Job[] = [];
    const cap = this.opts.maxSitemapUrls ?? DEFAULT_MAX_SITEMAP_URLS;
    for (const e of parsed.entries) {
      if (since) {
        // An index entry's date is when that sitemap last changed: older means nothing new inside.
        if (e.date && e.date < since) continue;
        if (!e.date && parsed.kind === "urlset") continue;
      }
      if (parsed.kind === "index") {
        if (depth + 1 > MAX_SITEMAP_DEPTH) {
          items.push(fail(e.loc, `sitemap nested deeper than ${MAX_SITEMAP_DEPTH} levels; not read`));
          continue;
        }
        children.push({ kind: "sitemap", url: e.loc, depth: depth + 1 });
        continue;
      }
      if (this.sitemapUrls >= cap) {
        if (!this.sitemapCapReported)
          items.push(fail(res.url, `more than ${cap} page URLs in sitemaps; the rest were skipped`));
        this.sitemapCapReported = true;
        break;
      }
      if (!this.once(e.loc)) continue;
      this.sitemapUrls++;
      children.push({ kind: "page", url: e.loc });
    }
    return { items, children };
  }
}

type Body = { kind: "html" | "text" | "feed" | "sitemap"; text: string };

/** Decodes a response body (gzip-wrapped files too) and tells what it is: from the Content-Type when
 * it is specific, else by sniffing the first characters. Returns an error reason for unusable bodies. */
export function decodeBody(res: FetchResponse, maxBytes: number): Body | string {
  let bytes: Buffer = res.bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // A gzip file served as such (sitemap.xml.gz), not a transfer encoding (fetch decodes those).
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (e) {
      return `cannot gunzip the response: ${(e as Error).message}`;
    }
  }
  if (bytes.length === 0) return "empty response";
  const type = (res.contentType ?? "").split(";")[0].trim().toLowerCase();
  const { text } = decodeBytes(bytes, res.contentType ?? undefined);
  if (text.trim() === "") return "empty response";
  const head = text.slice(0, SNIFF_CHARS);
  const markup = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*</.test(head);
  if (/^application\/(?:rss|atom|rdf)\+xml$|^application\/feed\+json$/.test(type))
    return { kind: "feed", text };
  if (type === "text/html" || type === "application/xhtml+xml") {
    // Some servers label everything text/html; a feed or sitemap shows itself in its first bytes.
    if (markup && /^\s*<\?xml/.test(head) && looksLikeFeed(head)) return { kind: "feed", text };
    if (markup && /^\s*<\?xml/.test(head) && looksLikeSitemap(head)) return { kind: "sitemap", text };
    return { kind: "html", text };
  }
  const sniffable =
    type === "" ||
    type === "text/xml" ||
    type === "application/xml" ||
    type === "text/plain" ||
    type === "application/json" ||
    type === "application/octet-stream" ||
    type === "application/x-gzip" ||
    type === "application/gzip";
  if (!sniffable) return `unsupported content type "${type}"`;
  if (/^\s*\{/.test(head)) {
    if (looksLikeFeed(head)) return { kind: "feed", text };
    return `JSON that is not a JSON Feed (content type "${type || "none"}")`;
  }
  if (markup) {
    if (looksLikeFeed(head)) return { kind: "feed", text };
    if (looksLikeSitemap(head)) return { kind: "sitemap", text };
    if (/<(?:!doctype\s+html|html|head|body|article|p|div)[\s>]/i.test(head)) return { kind: "html", text };
    return "XML that is neither a feed, a sitemap nor HTML";
  }
  if (type === "text/plain" || type === "") return { kind: "text", text };
  return `unsupported content type "${type}"`;
}

function docItem(
  res: FetchResponse,
  kind: "html" | "text",
  content: string,
  via: Extract<InputKind, "url" | "feed">,
  location: string,
): ReadItem {
  const doc: RawDocument = {
    id: urlDocumentId(res.url),
    file: res.url,
    format: kind,
    content,
    provenance: { kind: via, location, fetchedAt: res.fetchedAt, targetUri: res.finalUrl },
  };
  return { ok: true, doc };
}
