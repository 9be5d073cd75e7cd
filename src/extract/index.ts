/**
 * The extract stage: raw document → clean article. Dispatches on the document's format
 * (HTML page, text/Markdown capture, structured record) and fills in what each left open:
 * outlet from the URL, language, content hash.
 */
import type { Article, DatePrecision, DateSource, RawDocument, StageMessage } from "../model/article.js";
import { contentHash } from "../model/hash.js";

export { contentHash };
import { extractHtml } from "./html/index.js";
import { detectLanguage } from "./language.js";
import { outletKeyOf } from "./recurring.js";
import { domainOf, extractTextCapture, type TextExtraction } from "./text.js";

/** Separator used by some research exports between paragraphs of a record's text (e.g. "para ### para"). */
const RECORD_PARAGRAPH_SEPARATOR = /\s*###\s*/;

/** Normalises a date string from a record or a meta tag into ISO form with its precision. */
export function normaliseDate(
  value: string | undefined | null,
): { iso: string; precision: DatePrecision } | null {
  if (!value) return null;
  const s = value.trim();
  let m = /^(\d{4})$/.exec(s);
  if (m) return { iso: m[1], precision: "year" };
  m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m) return { iso: s, precision: "month" };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return { iso: s, precision: "day" };
  // A timestamp: keep the time (ordering copies needs it), normalised to UTC when it has a zone.
  m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s);
  if (m) {
    const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
    if (!Number.isNaN(d.getTime())) return { iso: d.toISOString().replace(".000Z", "Z"), precision: "day" };
    return { iso: `${m[1]}-${m[2]}-${m[3]}`, precision: "day" };
  }
  const d = new Date(s);
  if (!Number.isNaN(d.getTime()) && /\d{4}/.test(s)) {
    const y = d.getUTCFullYear();
    if (y >= 1900 && y <= 2100) return { iso: d.toISOString().slice(0, 10), precision: "day" };
  }
  return null;
}

function splitRecordText(text: string): string[] {
  const byBlank = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (byBlank.length === 1 && RECORD_PARAGRAPH_SEPARATOR.test(text)) {
    return text
      .split(RECORD_PARAGRAPH_SEPARATOR)
      .map((p) => p.replace(/\s+/g, " ").trim())
      .filter(Boolean);
  }
  if (byBlank.length === 1) {
    // One block with single newlines: each line is a paragraph (like plain captures).
    return text
      .split(/\n/)
      .map((p) => p.replace(/\s+/g, " ").trim())
      .filter(Boolean);
  }
  return byBlank;
}

/** Extracts a clean article from a raw document. Never throws: problems become messages. */
export interface ExtractOptions {
  /** Per outlet key (domain), normalised lines recurring across its captures: chrome. */
  recurring?: ReadonlyMap<string, ReadonlySet<string>>;
}

export function extract(raw: RawDocument, opts: ExtractOptions = {}): Article {
  let result: TextExtraction;
  const messages: StageMessage[] = [];
  const f = raw.fields ?? {};
  if (raw.format === "html") {
    result = extractHtml(raw.content, { url: f.url ?? raw.provenance.targetUri });
  } else if (raw.format === "record") {
    const looksHtml = /^\s*<(?:!doctype|html|body|div|p|article)\b/i.test(raw.content);
    if (looksHtml) result = extractHtml(raw.content, { url: f.url });
    else {
      result = extractTextCapture(raw.content, { known: { title: f.title, url: f.url } });
      // A record's text is the body already: keep its paragraphs, only drop the repeated title.
      const paras = splitRecordText(raw.content);
      if (f.title && paras[0] === f.title.trim()) paras.shift();
      if (result.paragraphs.length < paras.length * 0.5) result.paragraphs = paras;
    }
  } else {
    const key = opts.recurring?.size ? outletKeyOf(raw.content) : null;
    result = extractTextCapture(raw.content, {
      markdown: raw.format === "markdown",
      recurring: key ? opts.recurring?.get(key) : undefined,
    });
  }
  messages.push(...result.messages);

  let published = result.published;
  let dateSource: DateSource = result.dateSource;
  let datePrecision = result.datePrecision;
  if (f.published) {
    const nd = normaliseDate(f.published);
    if (nd) {
      published = nd.iso;
      dateSource = "record";
      datePrecision = nd.precision;
    } else messages.push({ stage: "extract", reason: `unparseable date "${f.published}" in record` });
  }
  if (!published) {
    dateSource = "undated";
    datePrecision = null;
  }
  const url = f.url ?? result.url ?? raw.provenance.targetUri ?? null;
  const domain = result.outlet.domain ?? domainOf(url) ?? (f.outlet && /\./.test(f.outlet) ? f.outlet : null);
  const outletName = f.outlet ?? result.outlet.name ?? domain;
  const title = f.title?.trim() || result.title;
  const paragraphs = result.paragraphs;
  const body = paragraphs.join("\n\n");
  return {
    id: raw.id,
    title,
    byline: f.byline ?? result.byline,
    outlet: { name: outletName ?? null, domain },
    url,
    published,
    dateSource,
    datePrecision,
    modified: result.modified ?? null,
    language: f.language ?? result.language ?? detectLanguage(body),
    paragraphs,
    chrome: result.chrome,
    provenance: raw.provenance,
    contentHash: contentHash(title, paragraphs),
    messages,
  };
}
