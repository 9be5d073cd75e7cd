/**
 * Page metadata: the parser (segment.ts) collects <meta>, <link>, <title>, JSON-LD, microdata and
 * <time> hints in its single pass; the resolvers below pick title, byline, outlet, canonical URL and the
 * declared language from them, strongest source first.
 */
import { Parser } from "htmlparser2";
import { RE } from "./patterns.js";

/** A <time> element or an element with itemprop=datePublished/dateModified. */
export interface TimeHint {
  value: string;
  /** itemprop or the `pubdate` attribute said "published" / "modified". */
  role: "published" | "modified" | null;
  /** Class/id of the element or an ancestor mentions publishing ("published", "date", "time"). */
  text: string;
}

export interface PageMeta {
  /** Lower-cased name/property/itemprop/http-equiv -> first non-empty content. */
  meta: Map<string, string>;
  /** JSON-LD objects, flattened (@graph and arrays expanded). */
  jsonLd: Record<string, unknown>[];
  /** Raw text of the JSON-LD scripts, as found. */
  jsonLdRaw: string[];
  titleTag: string | null;
  canonical: string | null;
  htmlLang: string | null;
  times: TimeHint[];
  /** Text of elements marked rel=author or with a byline/author class (first few). */
  authorHints: string[];
  /** Text of the first <h1>. */
  h1: string | null;
}

function flattenJsonLd(value: unknown, out: Record<string, unknown>[], depth = 0): void {
  if (depth > 6 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) flattenJsonLd(v, out, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  out.push(obj);
  if (obj["@graph"]) flattenJsonLd(obj["@graph"], out, depth + 1);
  if (obj.mainEntity && typeof obj.mainEntity === "object") flattenJsonLd(obj.mainEntity, out, depth + 1);
}

/** Parses one JSON-LD script (tolerating raw control characters) into flat objects. */
export function parseJsonLd(raw: string, out: Record<string, unknown>[]): void {
  const text = raw.trim().replace(RE.commentWrapper, "").replace(RE.cdataWrapper, "");
  if (!text) return;
  try {
    flattenJsonLd(JSON.parse(text), out);
  } catch {
    // Common breakage: raw newlines/tabs inside strings. Replace control characters and retry.
    try {
      flattenJsonLd(JSON.parse(text.replace(RE.controlChars, " ")), out);
    } catch {
      // Unparseable JSON-LD is ignored: the other hints still apply.
    }
  }
}

// ---------------------------------------------------------------------------------------------
// JSON-LD helpers

const str = (v: unknown): string | null => {
  if (typeof v === "string") return v.trim() || null;
  if (Array.isArray(v)) return str(v[0]);
  return null;
};

function types(obj: Record<string, unknown>): string[] {
  const t = obj["@type"];
  if (typeof t === "string") return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === "string");
  return [];
}

/** The JSON-LD objects that describe the article, most specific first. */
export function articleObjects(meta: PageMeta): Record<string, unknown>[] {
  const articles = meta.jsonLd.filter((o) => types(o).some((t) => RE.articleType.test(t)));
  const pages = meta.jsonLd.filter((o) => types(o).some((t) => RE.webPageType.test(t)));
  return [...articles, ...pages];
}

function names(v: unknown, out: string[], depth = 0): void {
  if (depth > 3 || v == null) return;
  if (typeof v === "string") {
    const s = v.trim();
    if (s && !RE.urlLike.test(s)) out.push(s);
  } else if (Array.isArray(v)) for (const x of v) names(x, out, depth + 1);
  else if (typeof v === "object") names((v as Record<string, unknown>).name, out, depth + 1);
}

// ---------------------------------------------------------------------------------------------
// Resolvers

/**
 * Decodes HTML entities in a metadata string (JSON-LD values often carry "&#8217;"), with
 * htmlparser2's own decoder rather than a second entity table.
 */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  const parts: string[] = [];
  const parser = new Parser({ ontext: (t) => parts.push(t) }, { decodeEntities: true });
  parser.end(s.replace(RE.lessThan, "&lt;"));
  return parts.join("");
}

function cleanText(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = decodeEntities(s).replace(RE.whitespace, " ").trim();
  return t || null;
}

/** The site name: og:site_name, JSON-LD publisher, application-name. */
export function resolveOutletName(meta: PageMeta): string | null {
  const og = cleanText(meta.meta.get("og:site_name"));
  if (og) return og;
  for (const o of articleObjects(meta)) {
    const out: string[] = [];
    names(o.publisher, out);
    if (out.length) return cleanText(out[0]);
  }
  for (const o of meta.jsonLd) {
    if (types(o).some((t) => RE.organizationType.test(t))) {
      const n = str(o.name);
      if (n) return cleanText(n);
    }
  }
  return cleanText(meta.meta.get("application-name")) ?? null;
}

/** The headline, without a " | Site name" suffix. */
export function resolveTitle(meta: PageMeta, siteName: string | null): string | null {
  let title: string | null = null;
  for (const o of articleObjects(meta)) {
    title = cleanText(str(o.headline) ?? null);
    if (title) break;
  }
  title ??=
    cleanText(meta.meta.get("og:title")) ??
    cleanText(meta.meta.get("twitter:title")) ??
    cleanText(meta.h1) ??
    cleanText(meta.titleTag);
  if (!title) return null;
  return stripSiteName(title, siteName);
}

export function stripSiteName(title: string, siteName: string | null): string {
  const parts = title.split(RE.titleSeparators);
  if (parts.length < 2) return title;
  const site = siteName?.toLowerCase().replace(RE.leadingThe, "") ?? "";
  const isSite = (p: string): boolean => {
    const q = p.toLowerCase().replace(RE.leadingThe, "");
    return (site !== "" && (q === site || q.includes(site) || site.includes(q))) || RE.domainLike.test(q);
  };
  if (isSite(parts[parts.length - 1])) return parts.slice(0, -1).join(" - ").trim() || title;
  if (isSite(parts[0])) return parts.slice(1).join(" - ").trim() || title;
  return title;
}

/** The byline: JSON-LD authors, author meta tags, rel=author / byline elements. */
export function resolveByline(meta: PageMeta): string | null {
  for (const o of articleObjects(meta)) {
    const out: string[] = [];
    names(o.author, out);
    if (out.length) return joinNames(out);
  }
  for (const key of ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"]) {
    const v = cleanText(meta.meta.get(key));
    if (v && !RE.urlLike.test(v)) return cleanByline(v);
  }
  for (const h of meta.authorHints) {
    const v = cleanText(h);
    if (v && v.length < 120) return cleanByline(v);
  }
  return null;
}

/**
 * Cleans a byline: "Analysis by Jane Doe | Outlet" → "Jane Doe"; drops @handles, a trailing
 * date and an outlet after a separator.
 */
function cleanByline(s: string): string {
  let v = decodeEntities(s).replace(RE.whitespace, " ").trim();
  v = v.split(RE.bylineSeparator)[0];
  v = v.replace(RE.bylineLead, "").replace(RE.bylinePrefix, "");
  v = v.replace(RE.twitterHandle, "").replace(RE.bylineTrailingDate, "");
  return v.replace(RE.trailingPunct, "").trim();
}

function joinNames(list: string[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of list) {
    const v = cleanByline(n.replace(RE.whitespace, " ").trim());
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      out.push(v);
    }
  }
  return out.join(", ");
}

function absolute(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

/** Canonical URL: <link rel=canonical>, og:url, JSON-LD url, else the fetched URL. */
export function resolveUrl(meta: PageMeta, pageUrl: string | undefined): string | null {
  const candidates: (string | null | undefined)[] = [meta.canonical, meta.meta.get("og:url")];
  for (const o of articleObjects(meta)) {
    candidates.push(str(o.url));
    const main = o.mainEntityOfPage;
    if (typeof main === "string") candidates.push(main);
    else if (main && typeof main === "object") candidates.push(str((main as Record<string, unknown>)["@id"]));
  }
  for (const c of candidates) {
    const abs = absolute(c, pageUrl);
    if (abs && RE.httpUrl.test(abs)) return abs;
  }
  return pageUrl ? absolute(pageUrl, undefined) : null;
}

/** Second-level labels under which a registrable domain has three labels (example.co.uk). */
const SECOND_LEVEL = new Set([
  "co",
  "com",
  "org",
  "net",
  "gov",
  "ac",
  "edu",
  "ne",
  "or",
  "go",
  "gob",
  "nic",
  "mil",
]);

/** The registrable domain of a URL, approximately (no public-suffix list): "www.bbc.co.uk" -> "bbc.co.uk". */
export function domainOf(url: string | null): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  if (!host || RE.ipHost.test(host) || host.includes(":")) return host || null;
  const labels = host.split(".").filter(Boolean);
  if (labels.length <= 2) return labels.join(".");
  const tld = labels[labels.length - 1];
  const sld = labels[labels.length - 2];
  const keep = tld.length === 2 && SECOND_LEVEL.has(sld) ? 3 : 2;
  return labels.slice(-keep).join(".");
}

/** Declared language: html lang, content-language, og:locale, JSON-LD inLanguage (primary subtag). */
export function declaredLanguage(meta: PageMeta): string | null {
  const raw =
    meta.htmlLang ??
    meta.meta.get("content-language") ??
    meta.meta.get("og:locale") ??
    articleObjects(meta)
      .map((o) => str(o.inLanguage))
      .find(Boolean) ??
    null;
  if (!raw) return null;
  const m = RE.languageTag.exec(raw.trim());
  return m ? m[1].toLowerCase() : null;
}

/** JSON-LD articleBody (longest), if any. */
export function jsonLdArticleBody(meta: PageMeta): string | null {
  let best: string | null = null;
  for (const o of articleObjects(meta)) {
    const b = str(o.articleBody) ?? str(o.text);
    if (b && (!best || b.length > best.length)) best = b;
  }
  return best;
}
