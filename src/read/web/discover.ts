/**
 * Feed discovery for `storyline feeds add`: the URL is fetched once; a feed is taken as it is, and an
 * HTML page is searched for `<link rel="alternate">` feed links (how sites announce their feeds).
 */
import { parseFeedText } from "./feeds.js";
import type { Fetcher } from "./fetcher.js";
import { decodeBody } from "./read.js";

export interface DiscoveredFeed {
  /** The feed's URL (the one given, or the one the page links to). */
  url: string;
  title: string | null;
  format: string;
  items: number;
  /** True when the URL given was a page linking to the feed. */
  viaPage: boolean;
}

const FEED_TYPES = /^application\/(?:rss\+xml|atom\+xml|feed\+json|rdf\+xml)$/i;

/** Feed URLs announced by an HTML page, in page order. */
export function feedLinks(html: string, baseUrl: string): string[] {
  const out: string[] = [];
  const head = html.slice(0, Math.max(html.search(/<body[\s>]/i), 0) || html.length);
  for (const tag of head.match(/<link\b[^>]*>/gi) ?? []) {
    const attrs: Record<string, string> = {};
    for (const m of tag.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g))
      attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? "";
    const rel = (attrs.rel ?? "").toLowerCase().split(/\s+/);
    if (!rel.includes("alternate") || !FEED_TYPES.test((attrs.type ?? "").trim()) || !attrs.href) continue;
    try {
      const href = new URL(attrs.href.replace(/&amp;/g, "&"), baseUrl).href;
      if (!out.includes(href)) out.push(href);
    } catch {
      // An unusable href: ignore.
    }
  }
  return out;
}

/** Fetches `url` and returns the feed it is or announces. Throws an Error with a readable reason. */
export async function discoverFeed(fetcher: Fetcher, url: string, viaPage = false): Promise<DiscoveredFeed> {
  const res = await fetcher.get(url);
  if (res.status !== "ok") throw new Error("unexpected 304");
  const body = decodeBody(res, fetcher.opts.maxBytes);
  if (typeof body === "string") throw new Error(body);
  if (body.kind === "feed") {
    const feed = parseFeedText(body.text, res.finalUrl);
    return { url, title: feed.title, format: feed.format, items: feed.items.length, viaPage };
  }
  if (body.kind === "html" && !viaPage) {
    const links = feedLinks(body.text, res.finalUrl);
    if (links.length === 0) throw new Error('a web page that announces no feed (no <link rel="alternate">)');
    return discoverFeed(fetcher, links[0], true);
  }
  throw new Error(`not a feed (got ${body.kind === "html" ? "an HTML page" : `a ${body.kind}`})`);
}
