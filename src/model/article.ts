/**
 * The article model: one object flows through every stage (read → extract → analyze → store),
 * each stage adding its typed results and recording non-fatal problems as messages.
 */

/** Where a document came from, before extraction. */
export type InputKind = "file" | "url" | "feed" | "warc" | "record";

/** A raw document as produced by a reader, before extraction. */
export interface RawDocument {
  /** External id: the record's own id, or the file name without extension. */
  id: string;
  /** Path of the file it was read from (for messages and provenance). */
  file?: string;
  /** Row or record number inside the file, 1-based, when the file holds many records. */
  record?: number;
  /** How the document is encoded: decides which extractor runs. */
  format: "html" | "text" | "markdown" | "record";
  /** Decoded content for html/text/markdown; body text for records. */
  content: string;
  /** Fields a structured record already carries (JSON, JSONL, CSV). */
  fields?: RecordFields;
  /** Provenance. */
  provenance: Provenance;
}

/** Normalised fields of a structured record (after synonym mapping). */
export interface RecordFields {
  title?: string;
  text?: string;
  url?: string;
  outlet?: string;
  published?: string;
  byline?: string;
  language?: string;
  description?: string;
}

export interface Provenance {
  kind: InputKind;
  /** File path, URL, feed URL or WARC path. */
  location: string;
  /** ISO timestamp of ingestion or capture. */
  fetchedAt: string;
  /** For WARC: the record's target URI. For feeds: the item link. */
  targetUri?: string;
}

/** Where a publication date came from. "undated" is an honest state, never the ingest time. */
export type DateSource =
  | "record"
  | "json-ld"
  | "meta"
  | "time-element"
  | "url"
  | "text"
  | "inferred"
  | "undated";

export type DatePrecision = "day" | "month" | "year";

/** A non-fatal problem noticed by a stage (cf. vfile messages). */
export interface StageMessage {
  stage: string;
  reason: string;
  fatal?: boolean;
}

export interface Outlet {
  /** Display name, e.g. "The Moscow Times". */
  name: string | null;
  /** Registrable domain, e.g. "themoscowtimes.com". */
  domain: string | null;
}

/** A clean article: the output of extraction. */
export interface Article {
  id: string;
  title: string | null;
  byline: string | null;
  outlet: Outlet;
  url: string | null;
  /** ISO date (YYYY-MM-DD, or full ISO timestamp when the time is known), or null when undated. */
  published: string | null;
  dateSource: DateSource;
  datePrecision: DatePrecision | null;
  /** Last modification date, when the page states one. */
  modified?: string | null;
  language: string | null;
  /** Body paragraphs, in order, without page chrome. Headings and list items are paragraphs too. */
  paragraphs: string[];
  /** Lines removed as page chrome (menus, share prompts, captions...), kept for inspection. */
  chrome: string[];
  provenance: Provenance;
  /** sha256 of the normalised body + title: re-ingesting the same content is a no-op. */
  contentHash: string;
  messages: StageMessage[];
  /** Analysis results, present after the analyze stage. */
  analysis?: Analysis;
}

/** The body as one string: paragraphs joined by blank lines. Analysis offsets index into this. */
export function articleText(article: Pick<Article, "paragraphs">): string {
  return article.paragraphs.join("\n\n");
}

// ---------------------------------------------------------------------------------------------
// Analysis results. All offsets are JS string indices into `articleText(article)`.

export interface Span {
  start: number;
  end: number;
}

export type EntityType = "person" | "organization" | "place" | "facility" | "other";

export interface Mention extends Span {
  text: string;
  type: EntityType;
  /** Key of the entity this mention resolves to (within the article, then the corpus). */
  entity: string;
}

export interface Entity {
  /** Stable key, e.g. "person:bashar al-assad". */
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
}

export type TimexType = "DATE" | "TIME" | "DURATION" | "SET";

export interface TimeExpression extends Span {
  text: string;
  type: TimexType;
  /** TIMEX3-style value: 2018-07-26, 2017-01, 2015, P49Y, PRESENT_REF, XXXX-WXX-1 ... */
  value: string;
}

export interface QuoteSpeaker extends Span {
  text: string;
  /** Entity key when resolved, else null (a description such as "a senior official"). */
  entity: string | null;
}

export interface Quote extends Span {
  text: string;
  direct: boolean;
  cue: string | null;
  speaker: QuoteSpeaker | null;
  /** Intermediaries, outermost last: ["Interfax"] for "Interfax cited Assad as saying". */
  via: string[];
}

export interface Figure extends Span {
  text: string;
  /** Numeric value (the lower bound for ranges). */
  value: number;
  /** Upper bound for ranges. */
  valueMax?: number;
  /** "more than", "at least", "about", ... */
  approx?: string | null;
  unit: string | null;
  /** What it counts: "civilians killed", "years", "Iranian fighters". */
  counts: string | null;
  /** Who the article attributes it to. */
  source: string | null;
  sentence: Span;
}

export interface Analysis {
  sentences: Span[];
  mentions: Mention[];
  entities: Entity[];
  times: TimeExpression[];
  quotes: Quote[];
  figures: Figure[];
}
