/**
 * Normalisation functions: turn the parts a pattern recognised (a weekday, a month without a year,
 * "last" + unit, "a year earlier" ...) into a TIMEX3 value, given the document creation time
 * (DCT), the tense of the clause and the dates mentioned earlier in the document.
 * Without a DCT, relative expressions stay underspecified (XXXX-...).
 */
import {
  addDays,
  atGranularity,
  easter,
  formatDay,
  isoWeek,
  nthWeekday,
  pad2,
  pad4,
  quarterOf,
  type ShiftUnit,
  shiftDay,
  shiftValue,
  weekday,
  type Ymd,
} from "./calendar.js";
import type { Tense } from "./tense.js";

/** What a normaliser may look at. */
export interface ResolveContext {
  /** Document creation time (publication date), or null. */
  dct: Ymd | null;
  /** Tense of the clause around the expression (computed lazily by the caller). */
  tense(): Tense;
  /** The most recent absolute date value mentioned before this expression (anaphora). */
  anchor: string | null;
  /** The most recent quarter value ("1989-Q3") mentioned before, for "the quarter", "year-earlier". */
  lastQuarter: string | null;
  /** Offset where that quarter was mentioned, and offset of the expression being resolved. */
  lastQuarterAt: number;
  at: number;
  /** Explicit year of the most recent fully specified date mentioned before (e.g. 1988), or null. */
  lastYear: number | null;
}

export type Direction = -1 | 0 | 1;

/** Tense → direction for an underspecified date: past → look back, future → look ahead. */
function tenseDirection(ctx: ResolveContext, fallback: Direction): Direction {
  const t = ctx.tense();
  return t === "past" ? -1 : t === "future" ? 1 : fallback;
}

/**
 * A weekday relative to the DCT. rel: -1 "last Friday", +1 "next Friday", 0 "this Friday",
 * null: by tense (past → the most recent one, today included; future → the coming one).
 */
export function resolveWeekday(ctx: ResolveContext, dow: number, rel: Direction | null): string {
  const day = weekdayDay(ctx, dow, rel);
  return day ? formatDay(day) : `XXXX-WXX-${dow}`;
}

/** Default direction for a bare weekday in news without tense cues (measured on TimeBank: past). */
const WEEKDAY_DEFAULT_DIRECTION: Direction = -1;

export function weekdayDay(ctx: ResolveContext, dow: number, rel: Direction | null): Ymd | null {
  if (!ctx.dct) return null;
  const today = weekday(ctx.dct);
  const dir: Direction = rel ?? tenseDirection(ctx, WEEKDAY_DEFAULT_DIRECTION);
  if (dir === -1) {
    const back = (today - dow + 7) % 7;
    return addDays(ctx.dct, rel === -1 && back === 0 ? -7 : -back);
  }
  if (dir === 1) {
    const ahead = (dow - today + 7) % 7;
    return addDays(ctx.dct, rel === 1 && ahead === 0 ? 7 : ahead);
  }
  // "this Friday": the one in the DCT's week
  return addDays(ctx.dct, dow - today);
}

/**
 * How strongly the clause's tense pulls an underspecified month or day away from the nearest
 * occurrence (a factor on the distance to occurrences on the "wrong" side of the DCT). News mostly
 * mentions dates within a few months of publication, and surface tense cues are noisy ("declared a
 * dividend payable Dec. 7"), so the nearest occurrence wins unless the other side is much further.
 * Chosen on TimeBank (values 1–3 tried), checked on AQUAINT.
 */
const TENSE_DISTANCE_FACTOR = 2;

/**
 * Year of a month (and optional day) given without a year: the occurrence nearest to the DCT,
 * weighted by tense (see TENSE_DISTANCE_FACTOR). rel -1/+1 ("last April", "next April") force
 * the direction and exclude the DCT's own month; rel 0 ("this April") is the DCT's year.
 */
export function yearForMonth(
  ctx: ResolveContext,
  m: number,
  d: number | null,
  rel: Direction | null,
): number | null {
  if (!ctx.dct) return null;
  const { y } = ctx.dct;
  const cmp = m !== ctx.dct.m ? m - ctx.dct.m : d === null ? 0 : d - ctx.dct.d;
  if (rel === -1) return cmp < 0 ? y : y - 1;
  if (rel === 1) return cmp > 0 ? y : y + 1;
  if (rel === 0 || cmp === 0) return y;
  const tense = ctx.tense();
  const here = ctx.dct.y * 372 + ctx.dct.m * 31 + (d === null ? 0 : ctx.dct.d);
  let best = y;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let yy = y - 1; yy <= y + 1; yy++) {
    const dist = yy * 372 + m * 31 + (d ?? 0) - here;
    let score = Math.abs(dist);
    if ((dist > 0 && tense === "past") || (dist < 0 && tense === "future")) score *= TENSE_DISTANCE_FACTOR;
    if (score < bestScore) {
      bestScore = score;
      best = yy;
    }
  }
  return best;
}

export function resolveMonth(ctx: ResolveContext, m: number, rel: Direction | null): string {
  const y = yearForMonth(ctx, m, null, rel);
  return `${y === null ? "XXXX" : pad4(y)}-${pad2(m)}`;
}

export function resolveMonthDay(ctx: ResolveContext, m: number, d: number): string {
  const y = yearForMonth(ctx, m, d, null);
  return `${y === null ? "XXXX" : pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** "yesterday", "last week", "next year", "this month": the DCT shifted by n units, at the unit's granularity. */
export function resolveRelative(ctx: ResolveContext, unit: ShiftUnit, n: number): string {
  if (!ctx.dct) return underspecified(unit);
  return atGranularity(shiftDay(ctx.dct, unit, n), unit);
}

export function underspecified(unit: ShiftUnit): string {
  switch (unit) {
    case "CE":
      return "XX";
    case "DE":
      return "XXX";
    case "Y":
      return "XXXX";
    case "Q":
      return "XXXX-QX";
    case "M":
      return "XXXX-XX";
    case "W":
      return "XXXX-WXX";
    default:
      return "XXXX-XX-XX";
  }
}

/** "this weekend", "last weekend", "the weekend". */
export function resolveWeekend(ctx: ResolveContext, n: number): string {
  if (!ctx.dct) return "XXXX-WXX-WE";
  const wk = isoWeek(shiftDay(ctx.dct, "W", n));
  return `${pad4(wk.y)}-W${pad2(wk.w)}-WE`;
}

/** The value of an anchor at a coarser granularity ("1988-10-26" at Y → "1988"), or null. */
export function atAnchorGranularity(anchor: string, unit: ShiftUnit): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q(\d))?/.exec(anchor);
  if (!m) return null;
  switch (unit) {
    case "Y":
      return m[1];
    case "Q":
      return m[4] ? `${m[1]}-Q${m[4]}` : m[2] ? `${m[1]}-Q${quarterOf(+m[2])}` : null;
    case "M":
      return m[2] ? `${m[1]}-${m[2]}` : null;
    case "D":
      return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : null;
    case "W":
      return m[3] ? atGranularity({ y: +m[1], m: +m[2], d: +m[3] }, "W") : null;
    default:
      return null;
  }
}

/**
 * "three years ago", "two weeks later", "the following year". Anaphoric forms (earlier/later/
 * following) count from the last mentioned date when there is one, else from the DCT at the
 * unit's granularity. `coarsen` first reduces the anchor to the unit's granularity ("the following
 * year" after "June 1995" is 1996); otherwise the anchor keeps its own granularity.
 */
export function resolveOffset(
  ctx: ResolveContext,
  unit: ShiftUnit,
  n: number,
  anaphoric: boolean,
  coarsen = false,
): string {
  if (anaphoric && ctx.anchor) {
    const base = coarsen ? atAnchorGranularity(ctx.anchor, unit) : ctx.anchor;
    const shifted = base ? shiftValue(base, unit, n) : null;
    if (shifted) return shifted;
  }
  if (!ctx.dct) return underspecified(unit);
  return atGranularity(shiftDay(ctx.dct, unit, n), unit);
}

/**
 * "a year ago", "a year earlier". In reports of quarterly results these mean the same quarter a
 * year before, so a quarter mentioned before wins; "a year earlier" otherwise shifts the last
 * mentioned date; "a year ago" otherwise is the DCT's year minus one.
 */
export function resolveYearAgo(ctx: ResolveContext, n: number, anaphoric: boolean): string {
  if (ctx.lastQuarter && ctx.at - ctx.lastQuarterAt <= QUARTER_CONTEXT_CHARS)
    return yearBefore(ctx, ctx.lastQuarter, n);
  return resolveOffset(ctx, "Y", -n, anaphoric);
}

/**
 * How far back (chars) a quarter mention still frames "a year ago" as that quarter a year before;
 * beyond it, the expression counts from the DCT or the last date. 250–2000 scored the same on TimeBank;
 * 1000 (a few paragraphs) keeps a distant quarter from framing unrelated text.
 */
const QUARTER_CONTEXT_CHARS = 1000;

/**
 * The same period n years before `base`; a base that already lies in an earlier year than the
 * DCT is the comparison period itself ("profit in the 1988 third quarter ... a year ago").
 */
function yearBefore(ctx: ResolveContext, base: string, n: number): string {
  if (ctx.dct && Number.parseInt(base, 10) < ctx.dct.y) return base;
  return shiftValue(base, "Y", -n) ?? base;
}

/** An ordinal quarter without a year ("the third quarter"): the DCT's year, or next year in a future clause. */
export function resolveQuarter(ctx: ResolveContext, q: number, year: number | null): string {
  if (year !== null) return `${pad4(year)}-Q${q}`;
  if (!ctx.dct) return `XXXX-Q${q}`;
  let y = ctx.dct.y;
  const cur = quarterOf(ctx.dct.m);
  const tense = ctx.tense();
  if (q < cur && tense === "future" && cur - q >= 2) y++;
  if (q > cur && tense === "past") y--;
  return `${pad4(y)}-Q${q}`;
}

/**
 * "the quarter", "the latest quarter", "the period": the quarter last mentioned, else the last
 * completed quarter before the DCT (results are reported after a quarter ends).
 */
export function resolveAnaphoricQuarter(ctx: ResolveContext, yearsBack: number): string {
  let base = ctx.lastQuarter;
  if (!base) base = ctx.dct ? atGranularity(shiftDay(ctx.dct, "Q", -1), "Q") : "XXXX-QX";
  if (!yearsBack) return base;
  return yearBefore(ctx, base, yearsBack);
}

/** A season without a year: DCT year; rel moves a year (for "last winter" in summer, the last one). */
export function resolveSeason(
  ctx: ResolveContext,
  code: string,
  rel: Direction | null,
  year: number | null,
): string {
  if (year !== null) return `${pad4(year)}-${code}`;
  if (!ctx.dct) return `XXXX-${code}`;
  const order = ["WI", "SP", "SU", "FA"];
  const idx = order.indexOf(code);
  const cur = ctx.dct.m === 12 ? 0 : Math.floor(ctx.dct.m / 3); // Dec–Feb 0, Mar–May 1, ...
  let y = ctx.dct.y;
  if (rel === -1) {
    if (idx >= cur) y--;
  } else if (rel === 1) {
    if (idx <= cur) y++;
  } else if (rel === null) {
    const dir = tenseDirection(ctx, 0);
    if (dir === -1 && idx > cur) y--;
    if (dir === 1 && idx < cur) y++;
  }
  if (code === "WI" && ctx.dct.m === 12 && rel !== -1) y = ctx.dct.y; // winter spanning years
  return `${pad4(y)}-${code}`;
}

/** Movable feasts → month-day in a year. */
export function holidayDay(name: string, y: number): Ymd | null {
  switch (name) {
    case "easter":
    case "easter sunday":
      return easter(y);
    case "good friday":
      return addDays(easter(y), -2);
    case "thanksgiving":
    case "thanksgiving day":
      return nthWeekday(y, 11, 4, 4);
    case "memorial day":
      return nthWeekday(y, 5, 1, -1);
    case "labor day":
      return nthWeekday(y, 9, 1, 1);
    case "election day": {
      const mon = nthWeekday(y, 11, 1, 1);
      return addDays(mon, 1);
    }
    case "mother's day":
      return nthWeekday(y, 5, 7, 2);
    case "father's day":
      return nthWeekday(y, 6, 7, 3);
    default:
      return null;
  }
}
