/**
 * Extraction for text captures (.txt / .md / record bodies): title, byline, date, URL and outlet
 * written in the text, and the body without page chrome.
 *
 * Workflow:
 *  1. Split into blocks (blank-line separated) and lines; strip Markdown markup, remembering which
 *     lines were headings, bullets or links.
 *  2. Pull out metadata lines: "Original url" + URL, "By ..." bylines, lines that are only a date.
 *  3. Find the title: the first Markdown heading, else the first headline-like line near the top.
 *     Lines above the title are site header chrome.
 *  4. Classify the remaining lines as body or chrome by patterns (prompts, credits, teasers, footers),
 *     length, terminal punctuation and script; keep the chrome lines for inspection.
 */
import type { DateSource, StageMessage } from "../model/article.js";
import type { HtmlExtraction } from "./html/index.js";
import { normaliseLine } from "./recurring.js";
import { DATE_LINE, MONTHS, TEXT_PATTERNS as P, URL_DATE } from "./text-patterns.js";

/** A line with fewer words than this and no terminal punctuation is interface chrome (menus, labels). */
export const MIN_BODY_WORDS_UNPUNCTUATED = 8;
/** Headline-like lines have between these many words (inclusive). */
export const TITLE_MIN_WORDS = 3;
export const TITLE_MAX_WORDS = 30;
/** How many leading lines may be skipped (site header) before the title is looked for no further. */
export const TITLE_LOOKAHEAD_LINES = 6;
/** Share of capitalised words (of words with ≥ 4 letters) above which an unpunctuated line in the
 * body is a related-article teaser rather than prose; news prose sits far below, headlines near 1. */
export const TEASER_CAPITALISED_SHARE = 0.7;
/** A line whose letters are mostly non-Latin in an English capture is foreign-language chrome. */
export const NON_LATIN_SHARE = 0.5;

/** Text captures yield the same fields as HTML pages. */
export type TextExtraction = HtmlExtraction;

interface Line {
  text: string;
  raw: string;
  heading: number;
  bullet: boolean;
  /** Share of the line's characters inside Markdown link text. */
  linkShare: number;
  /** Starts a new blank-line separated block. */
  blockStart: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

function words(s: string): string[] {
  return s.match(WORD) ?? [];
}

/** Strips Markdown inline markup and measures how much of the line was link text. */
function stripMarkdown(raw: string): { text: string; linkShare: number } {
  let linkChars = 0;
  let text = raw.replace(P.mdEscape, "$1");
  text = text.replace(P.mdLink, (_m, label: string) => {
    linkChars += label.length;
    return label;
  });
  text = text.replace(P.mdAutolink, "$1");
  text = text.replace(P.mdEmphasis, "$2");
  text = text.replace(/\s+/g, " ").trim();
  return { text, linkShare: text.length ? Math.min(1, linkChars / text.length) : 0 };
}

/** A Markdown heading's text without its optional closing #s ("## Title ##" → "Title"). Linear. */
function headingText(rest: string): string {
  let end = rest.length;
  while (end > 0 && /\s/.test(rest[end - 1])) end--;
  let k = end;
  while (k > 0 && rest[k - 1] === "#") k--;
  // Closing #s only count after whitespace ("C#" keeps its #).
  if (k < end && (k === 0 || /\s/.test(rest[k - 1]))) end = k;
  return rest.slice(0, end).trim();
}

function toLines(content: string): Line[] {
  const out: Line[] = [];
  let blockStart = true;
  for (const rawLine of content.replace(/\r\n?/g, "\n").split("\n")) {
    const raw = rawLine.replace(/\u00a0/g, " ").trim();
    if (raw === "") {
      blockStart = true;
      continue;
    }
    const h = P.mdHeading.exec(raw);
    const bullet = !h && P.bullet.test(raw);
    const body = h ? headingText(raw.slice(h[0].length)) : bullet ? raw.replace(P.bullet, "") : raw;
    const { text, linkShare } = stripMarkdown(body);
    if (text === "") {
      blockStart = true;
      continue;
    }
    out.push({ text, raw, heading: h ? h[1].length : 0, bullet, linkShare, blockStart });
    blockStart = false;
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Parses a line that is only a date. Returns ISO YYYY-MM-DD or null. */
export function parseDateLine(line: string): string | null {
  const s = line.trim();
  if (s.length > 60) return null;
  let m = DATE_LINE.iso.exec(s);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  m = DATE_LINE.mdy.exec(s);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    if (month) return validDate(+m[3], month, +m[2]);
  }
  m = DATE_LINE.dmy.exec(s);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    if (month) return validDate(+m[3], month, +m[1]);
  }
  return null;
}

function validDate(y: number, mo: number, d: number): string | null {
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** A date in a URL path (/2018/07/27/), or null. */
export function dateFromUrl(url: string): string | null {
  const m = URL_DATE.exec(url);
  if (!m) return null;
  return m[1] ? validDate(+m[1], +m[2], +m[3]) : validDate(+m[4], +m[5], +m[6]);
}

/** Registrable-ish domain of a URL, without "www.". */
export function domainOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\d?\./i, "").toLowerCase() || null;
  } catch {
    return null;
  }
}

function isHeadlineLike(line: Line): boolean {
  if (line.linkShare > 0.5) return false;
  const n = words(line.text).length;
  if (n < TITLE_MIN_WORDS || n > TITLE_MAX_WORDS) return false;
  if (/[.:;,]$/.test(line.text) && !/\.\.\.$/.test(line.text)) return false;
  if (isChromePattern(line.text)) return false;
  if (parseDateLine(line.text)) return false;
  return true;
}

function nonLatinShare(s: string): number {
  const non = s.match(P.nonLatin)?.length ?? 0;
  if (non === 0) return 0;
  const lat = s.match(P.latinLetter)?.length ?? 0;
  return non / (non + lat);
}

/** Lines that are chrome whatever their position. */
function isChromePattern(text: string): boolean {
  return (
    P.prompt.test(text) ||
    P.credit.test(text) ||
    P.related.test(text) ||
    P.followAuthor.test(text) ||
    (P.slashCredit.test(text) && words(text).length <= 10)
  );
}

function capitalisedShare(text: string): number {
  const ws = words(text).filter((w) => w.length >= 4);
  if (ws.length === 0) return 0;
  return ws.filter((w) => /^\p{Lu}/u.test(w)).length / ws.length;
}

export interface TextExtractOptions {
  /** Treat the whole content as Markdown (headings mark the title). Plain text works too. */
  markdown?: boolean;
  /** Fields already known (from a record): they win over what the text says. */
  known?: { title?: string; url?: string; published?: string };
  /** Normalised lines known to recur across this outlet's captures (see recurring.ts): chrome. */
  recurring?: ReadonlySet<string>;
}

/** Extracts an article from a text capture. */
export function extractTextCapture(content: string, opts: TextExtractOptions = {}): TextExtraction {
  const lines = toLines(content.replace(/^\uFEFF/, ""));
  const chrome: string[] = [];
  const messages: StageMessage[] = [];
  const consumed = new Set<number>();
  let url: string | null = null;
  let byline: string | null = null;
  let published: string | null = null;
  let dateSource: DateSource = "undated";

  // 2. Metadata lines.
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    const ou = P.originalUrl.exec(lines[i].raw) ?? P.originalUrl.exec(t);
    if (ou && /^(original|source)/i.test(t)) {
      consumed.add(i);
      let candidate = ou[1] ? ou[1].replace(/^<|>$/g, "") : "";
      if (!candidate && i + 1 < lines.length) {
        const next = P.urlLine.exec(lines[i + 1].text) ?? P.urlLine.exec(lines[i + 1].raw);
        if (next) {
          candidate = next[1];
          consumed.add(i + 1);
        }
      }
      if (/^https?:\/\//i.test(candidate)) url = candidate;
      continue;
    }
    const by = P.byline.exec(t);
    if (by && !byline && words(by[1]).length <= 8 && !P.terminal.test(by[1].replace(/\.$/, "x"))) {
      byline = by[1].trim();
      consumed.add(i);
      continue;
    }
    const date = parseDateLine(t);
    if (date) {
      consumed.add(i);
      if (!published && !DATE_LINE.updated.test(t)) {
        published = date;
        dateSource = "text";
      }
    }
  }

  // 3. Title.
  let title: string | null = null;
  let titleIndex = -1;
  const firstHeading = lines.findIndex((l, i) => l.heading > 0 && !consumed.has(i));
  if (opts.known?.title) {
    title = opts.known.title.trim();
    // A capture often repeats the record's title as its first line.
    const dup = lines.findIndex((l) => l.text === title);
    if (dup >= 0 && dup < TITLE_LOOKAHEAD_LINES) titleIndex = dup;
  } else if (firstHeading >= 0 && firstHeading < TITLE_LOOKAHEAD_LINES + 2) {
    titleIndex = firstHeading;
  } else {
    let seen = 0;
    for (let i = 0; i < lines.length && seen < TITLE_LOOKAHEAD_LINES; i++) {
      if (consumed.has(i)) continue;
      seen++;
      if (isHeadlineLike(lines[i])) {
        titleIndex = i;
        break;
      }
    }
  }
  if (titleIndex >= 0) {
    if (!title) title = lines[titleIndex].text;
    consumed.add(titleIndex);
    for (let i = 0; i < titleIndex; i++) {
      if (!consumed.has(i)) {
        chrome.push(lines[i].text);
        consumed.add(i);
      }
    }
  }

  // 4. Body versus chrome.
  const paragraphs: string[] = [];
  let siteName: string | null = null;
  let footerSite: string | null = null;
  const suffixCounts = new Map<string, number>();
  for (const l of lines) {
    const m = P.siteSuffix.exec(l.text);
    if (m && !P.terminal.test(l.text)) suffixCounts.set(m[1], (suffixCounts.get(m[1]) ?? 0) + 1);
  }
  for (const [name, count] of suffixCounts)
    if (count >= 2 && (!siteName || name.length > siteName.length)) siteName = name;

  for (let i = 0; i < lines.length; i++) {
    if (consumed.has(i)) continue;
    const l = lines[i];
    const t = l.text;
    const n = words(t).length;
    const punctuated = P.terminal.test(t);
    let isChrome = false;
    if (isChromePattern(t) || P.footer.test(t)) isChrome = true;
    else if (opts.recurring?.has(normaliseLine(l.raw))) isChrome = true;
    else if (l.linkShare > 0.6) isChrome = true;
    else if (nonLatinShare(t) > NON_LATIN_SHARE) isChrome = true;
    else if (l.heading > 0) isChrome = n === 0;
    else if (!punctuated) {
      const suffix = P.siteSuffix.exec(t);
      if (suffix && (suffix[1] === siteName || suffixCounts.has(suffix[1]))) isChrome = true;
      else if (n < MIN_BODY_WORDS_UNPUNCTUATED) isChrome = true;
      else if (capitalisedShare(t) >= TEASER_CAPITALISED_SHARE && n <= TITLE_MAX_WORDS) isChrome = true;
    } else if (P.siteSuffix.test(t.replace(/[.]$/, "")) && siteName && t.includes(siteName)) isChrome = true;
    if (isChrome) {
      chrome.push(t);
      // A footer that promotes its own site names the outlet ("... follow all the headlines on Zee News.").
      const site = P.footer.test(t) ? P.footerSite.exec(t) : null;
      if (site && !siteName && !footerSite) footerSite = site[1].replace(/\.$/, "");
      continue;
    }
    // Lines of one block that were hard-wrapped belong to one paragraph.
    const prev = paragraphs.length ? paragraphs[paragraphs.length - 1] : null;
    if (
      prev !== null &&
      !l.blockStart &&
      !l.bullet &&
      !l.heading &&
      !P.terminal.test(prev) &&
      /^\p{Ll}/u.test(t)
    ) {
      paragraphs[paragraphs.length - 1] = `${prev} ${t}`;
    } else paragraphs.push(t);
  }

  if (opts.known?.url) url = opts.known.url;
  if (!published && url) {
    const d = dateFromUrl(url);
    if (d) {
      published = d;
      dateSource = "url";
    }
  }
  if (paragraphs.length === 0) messages.push({ stage: "extract", reason: "no body text found" });
  const domain = domainOf(url);
  return {
    title,
    byline,
    outlet: { name: siteName ?? footerSite ?? null, domain },
    url,
    published,
    dateSource: published ? dateSource : "undated",
    datePrecision: published ? "day" : null,
    modified: null,
    language: null,
    paragraphs,
    chrome,
    messages,
  };
}
