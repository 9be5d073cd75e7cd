/**
 * Field mapping for structured records (news-please JSON, JSONL, CSV exports): each field
 * accepts its common synonyms, the first non-empty one wins.
 */
import type { RecordFields } from "../model/article.js";

/** Synonyms per field, in priority order. Keys are compared case-insensitively. */
export const FIELD_SYNONYMS: Record<keyof RecordFields | "id", readonly string[]> = {
  id: ["id", "uid", "article_id", "doc_id"],
  title: ["title", "headline"],
  text: ["text", "body", "maintext", "content", "article_text", "articlebody"],
  url: ["url", "link", "source_url", "canonical_url"],
  outlet: ["outlet", "source", "source_domain", "publisher", "site_name", "domain"],
  published: [
    "published",
    "date",
    "date_publish",
    "dct",
    "scrape_time",
    "pubdate",
    "published_at",
    "datetime",
  ],
  byline: ["byline", "authors", "author"],
  language: ["language", "lang"],
  description: ["description", "summary", "lead"],
};

/** A value found in a record, flattened to a string (arrays of authors are joined). */
function asString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(asString).filter((v): v is string => v !== undefined);
    return parts.length ? parts.join(", ") : undefined;
  }
  if (typeof value === "object") {
    // e.g. {"name": "Reuters"} for a publisher or author object
    const name = (value as Record<string, unknown>).name;
    return asString(name);
  }
  return undefined;
}

/** Maps a parsed record's keys onto Storyline's fields. */
export function mapRecord(record: Record<string, unknown>): { id?: string; fields: RecordFields } {
  const lower = new Map<string, unknown>();
  for (const [k, v] of Object.entries(record)) lower.set(k.toLowerCase(), v);
  const pick = (names: readonly string[]): string | undefined => {
    for (const n of names) {
      const v = asString(lower.get(n));
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const fields: RecordFields = {};
  for (const key of Object.keys(FIELD_SYNONYMS) as (keyof typeof FIELD_SYNONYMS)[]) {
    if (key === "id") continue;
    const v = pick(FIELD_SYNONYMS[key]);
    if (v !== undefined) fields[key] = v;
  }
  return { id: pick(FIELD_SYNONYMS.id), fields };
}
