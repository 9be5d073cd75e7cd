/**
 * Stable document ids for URLs. The same URL fetched again gets the same id, so changed content
 * becomes a new version of the same article (the store versions by id + content hash).
 *
 * The id is readable: host (without `www.`) and path, e.g.
 * `https://www.example.com/world/2018/07/assad-says/?utm_source=rss` → `example.com/world/2018/07/assad-says`.
 * Whenever that readable form loses information (a query string, upper case, characters outside
 * `[a-z0-9._-]`, or a path cut to length), a short hash of the normalised URL is appended
 * (`example.com/article-php-2d5f0c1a`), so distinct URLs never share an id. The scheme, the fragment,
 * a trailing slash and tracking parameters (`utm_*`, `fbclid`, ...) do not count: those URLs are the
 * same page.
 */
import { createHash } from "node:crypto";

/** Longest readable part of an id, in characters (ids show in CLI tables and URLs of the web UI). */
const MAX_ID_SLUG = 100;
/** Hex characters of sha256 appended when the readable part is lossy: 32 bits, collisions only
 * matter between URLs that share the same readable prefix, so this is ample. */
const ID_HASH_CHARS = 8;

/** Query parameters that only track the click, never select content. */
const TRACKING_PARAM =
  /^(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)$/i;

/** True for absolute http(s) URLs. */
export function isHttpUrl(s: string): boolean {
  return /^https?:\/\/[^\s/]/i.test(s);
}

/** Canonical form of a URL for identity: no fragment, no tracking parameters, sorted query. */
export function normaliseUrl(url: string): string {
  const u = new URL(url);
  u.hash = "";
  const kept = [...u.searchParams].filter(([k]) => !TRACKING_PARAM.test(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  u.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : "";
  return u.toString();
}

/** The document id for a URL (see the module comment). Throws on a malformed URL. */
export function urlDocumentId(url: string): string {
  const norm = normaliseUrl(url);
  const u = new URL(norm);
  const host = u.hostname.replace(/^www\./, "");
  const path = u.pathname.replace(/\/+$/, "");
  const raw = `${host}${path}`;
  let slug = raw.replace(/[^a-z0-9._/-]+/g, "-").replace(/\/{2,}/g, "/");
  let lossy = slug !== raw || u.search !== "";
  if (slug.length > MAX_ID_SLUG) {
    slug = slug.slice(0, MAX_ID_SLUG);
    lossy = true;
  }
  if (!lossy) return slug;
  // Hash the scheme-less form so http:// and https:// (and a trailing slash) still share an id.
  const key = `${raw}${u.search}`;
  const hash = createHash("sha256").update(key).digest("hex").slice(0, ID_HASH_CHARS);
  return `${slug.replace(/[-/]+$/, "")}-${hash}`;
}
