/**
 * Publication and modification dates, strongest source first:
 *   JSON-LD datePublished → meta tags (article:published_time, parsely, sailthru, Dublin Core…)
 *   → microdata / <time datetime> → URL path (/2018/07/27/) → visible text near the top.
 * Each result records its source and precision. Nothing credible → "undated": the ingest time is
 * never used, and relative phrases ("2 hours ago") are never resolved against the clock.
 */
import type { DatePrecision, DateSource } from "../../model/article.js";
import { articleObjects, type PageMeta } from "./metadata.js";
import { MODIFIED_META, PUBLISHED_META, RE } from "./patterns.js";

export interface DateResult {
  published: string | null;
  dateSource: DateSource;
  datePrecision: DatePrecision | null;
  modified: string | null;
}

interface Parsed {
  value: string;
  precision: DatePrecision;
}

/** Earliest year accepted as a publication date (older values are template noise). */
const MIN_YEAR = 1900;
/** Dates later than now plus this many days are rejected (time-zone slack, embargoes). Unit: days. */
const FUTURE_SLACK_DAYS = 2;

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

function valid(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = Date.UTC(y, m - 1, d);
  if (new Date(dt).getUTCDate() !== d) return false;
  return dt <= Date.now() + FUTURE_SLACK_DAYS * 86_400_000;
}

/** Parses an ISO-like, compact, Unix or "Month DD, YYYY" value into a normalised ISO string. */
export function parseDateValue(raw: string): Parsed | null {
  const s = raw.trim();
  if (!s) return null;
  let m = RE.isoDate.exec(s);
  if (m) {
    const y = +m[1];
    const mo = +m[2];
    const d = +m[3];
    if (!valid(y, mo, d)) return null;
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    if (m[4] === undefined) return { value: day, precision: "day" };
    let tz = m[7] ?? "";
    if (tz && tz !== "Z" && !tz.includes(":")) tz = `${tz.slice(0, 3)}:${tz.slice(3)}`;
    return { value: `${day}T${m[4]}:${m[5]}:${m[6] ?? "00"}${tz}`, precision: "day" };
  }
  m = RE.compactDate.exec(s);
  if (m && s.length <= 15 && RE.eightDigits.test(s)) {
    if (valid(+m[1], +m[2], +m[3])) return { value: `${m[1]}-${m[2]}-${m[3]}`, precision: "day" };
  }
  if (RE.unixTime.test(s)) {
    const ms = s.length === 13 ? +s : +s * 1000;
    const dt = new Date(ms);
    if (valid(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()))
      return { value: dt.toISOString().replace(".000Z", "Z"), precision: "day" };
    return null;
  }
  m = RE.yearMonthOnly.exec(s);
  if (m && valid(+m[1], +m[2], 1)) return { value: `${m[1]}-${m[2]}`, precision: "month" };
  m = RE.yearOnly.exec(s);
  if (m && valid(+m[1], 1, 1)) return { value: m[1], precision: "year" };
  return parseTextDate(s);
}

/** English month-name dates in free text: "July 27, 2018", "27 July 2018", "2018/07/27". */
export function parseTextDate(s: string): Parsed | null {
  let m = RE.textMonthDayYear.exec(s);
  if (m) {
    const mo = MONTHS[m[1].toLowerCase()];
    if (valid(+m[3], mo, +m[2])) return { value: `${m[3]}-${pad(mo)}-${pad(+m[2])}`, precision: "day" };
  }
  m = RE.textDayMonthYear.exec(s);
  if (m) {
    const mo = MONTHS[m[2].toLowerCase()];
    if (valid(+m[3], mo, +m[1])) return { value: `${m[3]}-${pad(mo)}-${pad(+m[1])}`, precision: "day" };
  }
  m = RE.textNumericDate.exec(s);
  if (m && valid(+m[1], +m[2], +m[3]))
    return { value: `${m[1]}-${pad(+m[2])}-${pad(+m[3])}`, precision: "day" };
  return null;
}

/** Date from a URL path: /2018/07/27/ (day), /20180727 (day), /2018/07/ (month). */
export function dateFromUrl(url: string | null | undefined): Parsed | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  let m = RE.urlDayPath.exec(path);
  if (m && valid(+m[1], +m[2], +m[3]))
    return { value: `${m[1]}-${pad(+m[2])}-${pad(+m[3])}`, precision: "day" };
  m = RE.urlCompactDay.exec(path);
  if (m && valid(+m[1], +m[2], +m[3])) return { value: `${m[1]}-${m[2]}-${m[3]}`, precision: "day" };
  m = RE.urlMonthPath.exec(path);
  if (m && valid(+m[1], +m[2], 1)) return { value: `${m[1]}-${pad(+m[2])}`, precision: "month" };
  return null;
}

function fromJsonLd(meta: PageMeta, key: "datePublished" | "dateModified"): Parsed | null {
  for (const o of articleObjects(meta)) {
    const v = o[key] ?? (key === "datePublished" ? o.dateCreated : undefined);
    if (typeof v === "string") {
      const p = parseDateValue(v);
      if (p) return p;
    }
  }
  return null;
}

function fromMeta(meta: PageMeta, keys: readonly string[]): Parsed | null {
  for (const k of keys) {
    const v = meta.meta.get(k);
    if (v) {
      const p = parseDateValue(v);
      if (p) return p;
    }
  }
  // parse.ly's JSON blob.
  const parsely = meta.meta.get("parsely-page");
  if (parsely && keys === PUBLISHED_META) {
    try {
      const pd = (JSON.parse(parsely) as { pub_date?: string }).pub_date;
      if (pd) return parseDateValue(pd);
    } catch {
      // not JSON: ignore
    }
  }
  return null;
}

function fromTimes(meta: PageMeta, role: "published" | "modified"): Parsed | null {
  // Explicit itemprop/pubdate first, then a <time> whose context names publishing (or, for
  // "published", the first <time> not marked as an update).
  for (const t of meta.times) {
    if (t.role === role) {
      const p = parseDateValue(t.value);
      if (p) return p;
    }
  }
  if (role === "modified") {
    for (const t of meta.times) {
      if (t.role === null && RE.updateHint.test(t.text)) {
        const p = parseDateValue(t.value);
        if (p) return p;
      }
    }
    return null;
  }
  for (const t of meta.times) {
    if (t.role === null && RE.publishHint.test(t.text)) {
      const p = parseDateValue(t.value);
      if (p) return p;
    }
  }
  for (const t of meta.times) {
    if (t.role === null && !RE.updateHint.test(t.text)) {
      const p = parseDateValue(t.value);
      if (p) return p;
    }
  }
  return null;
}

/** Lines that may state the date in text: "Published July 27, 2018", "27 July 2018 | 10:00". */
const MAX_DATE_LINE_CHARS = 120;

function fromText(lines: readonly string[], wantUpdate: boolean): Parsed | null {
  for (const line of lines) {
    if (line.length > MAX_DATE_LINE_CHARS || RE.updatedLine.test(line) !== wantUpdate) continue;
    const p = parseTextDate(line);
    if (p) return p;
  }
  return null;
}

/**
 * Resolves the dates of a page. `textLines` are the short lines near the top of the page (the
 * chrome around the headline), searched last.
 */
export function resolveDates(meta: PageMeta, url: string | null, textLines: readonly string[]): DateResult {
  const modified =
    fromJsonLd(meta, "dateModified") ??
    fromMeta(meta, MODIFIED_META) ??
    fromTimes(meta, "modified") ??
    fromText(textLines, true);
  const done = (p: Parsed, source: DateSource): DateResult => ({
    published: p.value,
    dateSource: source,
    datePrecision: p.precision,
    modified: modified?.value ?? null,
  });
  let p = fromJsonLd(meta, "datePublished");
  if (p) return done(p, "json-ld");
  p = fromMeta(meta, PUBLISHED_META);
  if (p) return done(p, "meta");
  p = fromTimes(meta, "published");
  if (p) return done(p, "time-element");
  p = dateFromUrl(url);
  if (p) return done(p, "url");
  p = fromText(textLines, false);
  if (p) return done(p, "text");
  return { published: null, dateSource: "undated", datePrecision: null, modified: modified?.value ?? null };
}
