/**
 * HTML article extraction: body paragraphs, title, byline, outlet, canonical URL, dates and
 * language from one page.
 *
 * Workflow (each step in its own module):
 *  1. Guard the input (size cap, binary check).
 *  2. segment.ts: parse once with htmlparser2's streaming parser into a flat element table,
 *     cutting the visible text into flagged blocks and collecting <meta>, <link>, <title>,
 *     JSON-LD, microdata and <time> hints on the way.
 *  3. metadata.ts: title, byline, outlet and canonical URL from those hints.
 *  4. content.ts: pick the main-content container and keep its prose blocks.
 *  5. Fallback cascade, when the primary result looks wrong:
 *     a. fewer than MIN_ARTICLE_CHARS kept → re-run step 4 in relaxed mode, ignoring class/id
 *        boilerplate hints, hidden elements and furniture tags (a body box named e.g.
 *        "story-share-enabled", or hidden by a modal in a saved page); the longer result wins;
 *     b. JSON-LD articleBody at least MIN_ARTICLE_BODY_CHARS long and the DOM result shorter than
 *        ARTICLE_BODY_OVERRIDE_RATIO of it → the articleBody (the DOM body was cut off, e.g. by a
 *        script-rendered page or a paywall, while the publisher's structured data is whole);
 *     c. still fewer than MIN_ARTICLE_CHARS → whole-document density extraction (every prose
 *        block outside page furniture; if none, every prose block at all), if that finds more;
 *     d. nothing at all → empty paragraphs and a message, never an exception.
 *  6. dates.ts, language.ts: dates with source and precision; language of the body text.
 */
import type { DatePrecision, DateSource, StageMessage } from "../../model/article.js";
import { detectLanguage } from "../language.js";
import { type ContentResult, densityExtract, isBoilerplateText, selectContent } from "./content.js";
import { resolveDates } from "./dates.js";
import {
  declaredLanguage,
  decodeEntities,
  domainOf,
  jsonLdArticleBody,
  resolveByline,
  resolveOutletName,
  resolveTitle,
  resolveUrl,
} from "./metadata.js";
import {
  ARTICLE_BODY_OVERRIDE_RATIO,
  MAX_CHROME_LINES,
  MAX_HTML_CHARS,
  MIN_ARTICLE_BODY_CHARS,
  MIN_ARTICLE_CHARS,
  RE,
} from "./patterns.js";
import { F_CHROME, parsePage, type Segmentation } from "./segment.js";

export type { DateResult } from "./dates.js";

/** The result of extracting one HTML page. */
export interface HtmlExtraction {
  title: string | null;
  byline: string | null;
  outlet: { name: string | null; domain: string | null };
  /** Canonical URL (absolute), else the page URL given in the options. */
  url: string | null;
  published: string | null;
  dateSource: DateSource;
  datePrecision: DatePrecision | null;
  modified: string | null;
  /** ISO 639-1 code of the body text (or the declared language when the body is too short). */
  language: string | null;
  /** Body paragraphs in order; headings, list items and block quotes are paragraphs too. */
  paragraphs: string[];
  /** Text blocks removed as page chrome, for inspection (at most MAX_CHROME_LINES). */
  chrome: string[];
  messages: StageMessage[];
}

export interface HtmlExtractOptions {
  /** The page's URL (fetched or recorded): resolves relative canonical links, dates from the path, domain. */
  url?: string;
}

const STAGE = "extract-html";
/** Share of control characters in the first bytes above which input is treated as binary. */
const MAX_CONTROL_SHARE = 0.1;
const BINARY_PROBE_CHARS = 4096;
/** How many blocks before the body's first block are searched for a visible date. */
const DATE_LINES_BEFORE = 40;
const DATE_LINES_AFTER = 3;

function looksBinary(s: string): boolean {
  const n = Math.min(s.length, BINARY_PROBE_CHARS);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control / n > MAX_CONTROL_SHARE;
}

function emptyResult(messages: StageMessage[], url: string | null): HtmlExtraction {
  return {
    title: null,
    byline: null,
    outlet: { name: null, domain: domainOf(url) },
    url,
    published: null,
    dateSource: "undated",
    datePrecision: null,
    modified: null,
    language: null,
    paragraphs: [],
    chrome: [],
    messages,
  };
}

/** Splits a JSON-LD articleBody into paragraphs (it may be plain text or HTML). */
function articleBodyParagraphs(body: string): string[] {
  if (RE.htmlTagInText.test(body)) {
    const { seg } = parsePage(body);
    return seg.blocks.filter((b) => !(b.flags & F_CHROME)).map((b) => b.text);
  }
  const decoded = body.includes("&") ? decodeEntities(body) : body;
  return decoded
    .split(RE.lineBreaks)
    .map((p) => p.replace(RE.whitespaceRun, " ").trim())
    .filter(Boolean);
}

/** Short lines around the start of the body: where a visible date usually sits. */
function dateLines(seg: Segmentation, result: ContentResult): string[] {
  const start = result.firstBlock >= 0 ? result.firstBlock : seg.blockStart[result.container];
  const from = Math.max(0, start - DATE_LINES_BEFORE);
  const to = Math.min(seg.blocks.length, start + DATE_LINES_AFTER);
  const out: string[] = [];
  for (let i = from; i < to; i++) if (seg.blocks[i].len <= 120) out.push(seg.blocks[i].text);
  return out;
}

/**
 * Extracts the article from an HTML page. Never throws on bad input: problems (binary data,
 * no text, oversized input) come back as messages with empty paragraphs.
 */
export function extractHtml(html: string, opts: HtmlExtractOptions = {}): HtmlExtraction {
  const messages: StageMessage[] = [];
  const pageUrl = opts.url ?? null;
  if (typeof html !== "string") {
    messages.push({ stage: STAGE, reason: "input is not a string", fatal: true });
    return emptyResult(messages, pageUrl);
  }
  // 1. Guards.
  if (html.length > MAX_HTML_CHARS) {
    messages.push({
      stage: STAGE,
      reason: `page is ${html.length} characters; only the first ${MAX_HTML_CHARS} were read`,
    });
    html = html.slice(0, MAX_HTML_CHARS);
  }
  if (looksBinary(html)) {
    messages.push({ stage: STAGE, reason: "input looks binary, not HTML text", fatal: true });
    return emptyResult(messages, pageUrl);
  }
  // 2. One streaming parse: segmentation and metadata hints.
  let parsed: ReturnType<typeof parsePage>;
  try {
    parsed = parsePage(html);
  } catch (err) {
    messages.push({ stage: STAGE, reason: `HTML parser failed: ${(err as Error).message}`, fatal: true });
    return emptyResult(messages, pageUrl);
  }
  const { seg, meta } = parsed;

  // 3. Metadata.
  const outletName = resolveOutletName(meta);
  const title = resolveTitle(meta, outletName);
  const url = resolveUrl(meta, opts.url);
  const byline = resolveByline(meta);

  // 4. Main content.
  let result: ContentResult = selectContent(seg, { title });

  // 5. Fallback cascade (see the header comment).
  if (result.chars < MIN_ARTICLE_CHARS) {
    const relaxed = selectContent(seg, { title, relaxed: true });
    if (relaxed.chars > result.chars) {
      result = relaxed;
      messages.push({
        stage: STAGE,
        reason: "body found only after ignoring class/id, hidden and furniture hints",
      });
    }
  }
  let paragraphs = result.paragraphs;
  const articleBody = jsonLdArticleBody(meta);
  if (
    articleBody &&
    articleBody.length >= MIN_ARTICLE_BODY_CHARS &&
    result.chars < ARTICLE_BODY_OVERRIDE_RATIO * articleBody.length
  ) {
    const fromLd = articleBodyParagraphs(articleBody).filter((p) => !isBoilerplateText(p, p.length));
    if (fromLd.length) {
      paragraphs = fromLd;
      messages.push({ stage: STAGE, reason: "body taken from JSON-LD articleBody (page body too short)" });
    }
  } else if (result.chars < MIN_ARTICLE_CHARS) {
    let dense = densityExtract(seg);
    if (dense.chars === 0) dense = densityExtract(seg, true);
    if (dense.chars > result.chars) {
      result = dense;
      paragraphs = dense.paragraphs;
      messages.push({ stage: STAGE, reason: "body found by whole-page density extraction" });
    }
  }
  if (paragraphs.length === 0) messages.push({ stage: STAGE, reason: "no article text found" });

  // 6. Dates and language.
  const dates = resolveDates(meta, url ?? pageUrl, dateLines(seg, result));
  const bodyText = paragraphs.join("\n");
  const declared = declaredLanguage(meta);
  const language = detectLanguage(bodyText, declared) ?? declared;

  return {
    title,
    byline,
    outlet: { name: outletName, domain: domainOf(url ?? pageUrl) },
    url,
    ...dates,
    language,
    paragraphs,
    chrome: result.chrome.slice(0, MAX_CHROME_LINES),
    messages,
  };
}
