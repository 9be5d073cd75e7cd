/**
 * Sitemaps (sitemaps.org): a `<urlset>` lists pages, a `<sitemapindex>` lists further sitemaps.
 * Google News sitemaps add `<news:publication_date>`, used as the entry's date when `<lastmod>` is
 * missing. Parsed with fast-xml-parser (no DTDs, no entity expansion beyond the XML built-ins).
 */
import { XMLParser } from "fast-xml-parser";

export interface SitemapEntry {
  loc: string;
  /** lastmod (or news:publication_date) as a Date, or null when absent or unreadable. */
  date: Date | null;
}

export interface ParsedSitemap {
  kind: "urlset" | "index";
  entries: SitemapEntry[];
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === "url" || name === "sitemap",
});

type Obj = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/** A W3C datetime (2024-05-01, 2024-05-01T10:00:00+02:00, 2024-05) as a Date, or null. */
export function parseSitemapDate(s: string | null): Date | null {
  if (!s) return null;
  const d = new Date(/^\d{4}-\d{2}$/.test(s) ? `${s}-01` : s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Parses a sitemap; throws an Error with a readable message when the text is not one. */
export function parseSitemap(xml: string, baseUrl?: string): ParsedSitemap {
  let doc: Obj;
  try {
    doc = parser.parse(xml) as Obj;
  } catch (e) {
    throw new Error(`invalid sitemap XML (${(e as Error).message})`);
  }
  const index = doc.sitemapindex as Obj | undefined;
  const urlset = doc.urlset as Obj | undefined;
  if (!index && !urlset) throw new Error("not a sitemap (no <urlset> or <sitemapindex> root)");
  const raw = ((index ? index.sitemap : urlset!.url) ?? []) as Obj[];
  const entries: SitemapEntry[] = [];
  for (const e of raw) {
    const loc = text(e.loc);
    if (!loc) continue;
    let href: string;
    try {
      href = new URL(loc, baseUrl).href;
    } catch {
      continue;
    }
    const news = e.news as Obj | undefined;
    const date = parseSitemapDate(text(e.lastmod)) ?? parseSitemapDate(text(news?.publication_date));
    entries.push({ loc: href, date });
  }
  return { kind: index ? "index" : "urlset", entries };
}

/** True when XML text is a sitemap by its root element. */
export function looksLikeSitemap(head: string): boolean {
  return /<(?:[\w-]+:)?(?:urlset|sitemapindex)[\s>]/.test(head);
}

/** Parses a `--since` value (YYYY-MM-DD or an ISO timestamp) as a Date; null when unreadable. */
export function parseSince(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) return null;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}
