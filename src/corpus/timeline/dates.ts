/**
 * TIMEX3 values → calendar dates with their precision. Only values that name one day, one month or
 * one year become timeline dates; weeks, seasons, quarters, durations and underspecified values
 * ("XXXX-01", "PRESENT_REF") do not.
 */
import type { DatePrecision } from "../../model/article.js";

/** A calendar date at some precision: "2017-01-05" (day), "2017-01" (month), "2017" (year). */
export interface CalendarDate {
  value: string;
  precision: DatePrecision;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T|$)/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const YEAR_RE = /^(\d{4})$/;

/** The calendar date a TIMEX3 value names, or null. TIME values ("2010-04-23T20:00") give their day. */
export function calendarDate(value: string): CalendarDate | null {
  let m = DAY_RE.exec(value);
  if (m) {
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    return { value: `${m[1]}-${m[2]}-${m[3]}`, precision: "day" };
  }
  m = MONTH_RE.exec(value);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? { value, precision: "month" } : null;
  }
  return YEAR_RE.test(value) ? { value, precision: "year" } : null;
}

/** The day part of an ISO date or timestamp ("2018-07-27T10:00Z" → "2018-07-27"), or null. */
export function dayOf(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(iso);
  return m ? m[1] : null;
}

/** Days since 1970-01-01 for a "YYYY-MM-DD" day (UTC). */
export function dayNumber(day: string): number {
  return Math.floor(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000,
  );
}

/** Whether `inner` lies within the month or year `outer` ("2017-01-05" within "2017-01"). */
export function within(inner: string, outer: string): boolean {
  return inner.length > outer.length && inner.startsWith(outer);
}
