/** The `articles` table's summary columns, shared by the SQLite and PostgreSQL stores. */
import type { ArticleSummary } from "./types.js";

/** Summary columns of one `articles` row, as both drivers return them. */
export interface ArticleRow {
  id: string;
  version: number;
  title: string | null;
  outlet: string | null;
  domain: string | null;
  url: string | null;
  published: string | null;
  date_source: string;
  language: string | null;
  ingested_at: string;
}

export function toSummary(r: ArticleRow): ArticleSummary {
  return {
    id: r.id,
    version: r.version,
    title: r.title,
    outlet: r.outlet,
    domain: r.domain,
    url: r.url,
    published: r.published,
    dateSource: r.date_source,
    language: r.language,
    ingestedAt: r.ingested_at,
  };
}
