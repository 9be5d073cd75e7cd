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
  let dir: Direction = rel ?? tenseDirection(ctx, WEEKDAY_DEFAULT_DIRECTION);
  if (rel === null && ctx.tense() === "present") dir = 1;
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
 * Year of a month (and optional day) given without a year: the DCT's year, moved back a year when
 * the clause is past and the date would be after the DCT, forward when future and before it.
 * rel -1/+1 ("last April", "next April") force the direction and exclude the DCT's own month.
 */
export function yearForMonth(ctx: ResolveContext, m: number, d: number | null, rel: Direction | null): number | null {
  if (!ctx.dct) return null;
  const { y } = ctx.dct;
  const cmp = m !== ctx.dct.m ? m - ctx.dct.m : d === null ? 0 : d - ctx.dct.d;
  if (rel === -1) return cmp < 0 ? y : y - 1;
  if (rel === 1) return cmp > 0 ? y : y + 1;
  if (rel === 0) return y;
  const dir = tenseDirection(ctx, 0);
  if (dir === -1 && cmp > 0 && (d !== null || m - ctx.dct.m > MONTH_LOOKAHEAD_PAST)) return y - 1;
  if (dir === 1 && cmp < 0) return y + 1;
  return y;
}

/**
 * A month later than the DCT's month mentioned in a past-tense clause is taken from the previous
 * year only when it is more than this many months ahead (months): a past verb near "next month's
 * November meeting" often belongs to another clause. 0 = always move back.
 */
const MONTH_LOOKAHEAD_PAST = 0;

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

/**
 * "three years ago", "a year earlier", "two weeks later". Anaphoric forms (earlier/later/before/
 * after) count from the last mentioned date when there is one, keeping its granularity, else from
 * the DCT at the unit's granularity.
 */
export function resolveOffset(ctx: ResolveContext, unit: ShiftUnit, n: number, anaphoric: boolean): string {
  if (anaphoric && ctx.anchor) {
    const shifted = shiftValue(ctx.anchor, unit, n);
    if (shifted) return shifted;
  }
  if (!ctx.dct) return underspecified(unit);
  return atGranularity(shiftDay(ctx.dct, unit, n), unit);
}

/**
 * "a year ago" in a report about quarterly results means the same quarter a year before; otherwise
 * the DCT's year minus one. The last quarter mentioned decides.
 */
export function resolveYearAgo(ctx: ResolveContext, n: number): string {
  if (ctx.lastQuarter) {
    const s = shiftValue(ctx.lastQuarter, "Y", -n);
    if (s) return s;
  }
  return resolveOffset(ctx, "Y", -n, false);
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
  return shiftValue(base, "Y", -yearsBack) ?? base;
}

/** A season without a year: DCT year; rel moves a year (for "last winter" in summer, the last one). */
export function resolveSeason(ctx: ResolveContext, code: string, rel: Direction | null, year: number | null): string {
  if (year !== null) return `${pad4(year)}-${code}`;
  if (!ctx.dct) return `XXXX-${code}`;
  const order = ["WI", "SP", "SU", "FA"];
  const idx = order.indexOf(code);
  const cur = ctx.dct.m === 12 ? 0 : Math.floor(ctx.dct.m / 3); // Dec–Feb 0, Mar–May 1, ...
  let y = ctx.dct.y;
  if (ctx.dct.m === 12 && code !== "WI") y = y; // December: spring/summer/fall of this year are past
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
