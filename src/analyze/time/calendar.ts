/**
 * Calendar arithmetic on TIMEX3 values: days, ISO weeks, quarters, seasons, and shifting a value
 * by a number of units while keeping its granularity ("1989-Q3" minus one year is "1988-Q3").
 * Plain integer arithmetic on proleptic Gregorian dates, no Date objects, no time zones.
 */

/** A calendar day. */
export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Zero-padded 2-digit number. */
export const pad2 = (n: number): string => (n < 10 ? "0" : "") + n;
/** Zero-padded 4-digit year (negative years are not supported). */
export const pad4 = (n: number): string => String(n).padStart(4, "0");

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1];
}

/** Days since 1970-01-01 (can be negative). Algorithm from H. Hinnant's `days_from_civil`. */
export function toDayNumber({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of `toDayNumber`. */
export function fromDayNumber(z: number): Ymd {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function weekday(day: Ymd): number {
  const z = toDayNumber(day); // 1970-01-01 was a Thursday (4)
  return ((((z + 3) % 7) + 7) % 7) + 1;
}

export function addDays(day: Ymd, n: number): Ymd {
  return fromDayNumber(toDayNumber(day) + n);
}

/** ISO 8601 week-numbering year and week of a day. */
export function isoWeek(day: Ymd): { y: number; w: number } {
  const thursday = addDays(day, 4 - weekday(day));
  const jan1 = toDayNumber({ y: thursday.y, m: 1, d: 1 });
  return { y: thursday.y, w: Math.floor((toDayNumber(thursday) - jan1) / 7) + 1 };
}

/** Monday of an ISO week. */
export function isoWeekMonday(y: number, w: number): Ymd {
  const jan4 = { y, m: 1, d: 4 };
  return addDays(jan4, (w - 1) * 7 - (weekday(jan4) - 1));
}

export function formatDay({ y, m, d }: Ymd): string {
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

export function formatWeek(day: Ymd): string {
  const { y, w } = isoWeek(day);
  return `${pad4(y)}-W${pad2(w)}`;
}

/** Parses the date part of an ISO date or timestamp ("1998-02-27T08:17:00"). */
export function parseDay(s: string | null | undefined): Ymd | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s.trim());
  if (!m) return null;
  const day = { y: +m[1], m: +m[2], d: +m[3] };
  if (day.m < 1 || day.m > 12 || day.d < 1 || day.d > daysInMonth(day.y, day.m)) return null;
  return day;
}

/** Quarter (1–4) of a month. */
export const quarterOf = (m: number): number => Math.floor((m - 1) / 3) + 1;

/** Units a value can be shifted by. */
export type ShiftUnit = "Y" | "Q" | "M" | "W" | "D" | "DE" | "CE" | "H";

/** The value of the reference day at a granularity: "1989", "1989-Q4", "1989-10", "1989-W43", "1989-10-26". */
export function atGranularity(day: Ymd, unit: ShiftUnit): string {
  switch (unit) {
    case "CE":
      return pad4(day.y).slice(0, 2);
    case "DE":
      return pad4(day.y).slice(0, 3);
    case "Y":
      return pad4(day.y);
    case "Q":
      return `${pad4(day.y)}-Q${quarterOf(day.m)}`;
    case "M":
      return `${pad4(day.y)}-${pad2(day.m)}`;
    case "W":
      return formatWeek(day);
    default:
      return formatDay(day);
  }
}

/** Shift a day by n units, returning a day (month arithmetic clamps the day of month). */
export function shiftDay(day: Ymd, unit: ShiftUnit, n: number): Ymd {
  switch (unit) {
    case "D":
      return addDays(day, n);
    case "W":
      return addDays(day, 7 * n);
    case "M":
    case "Q": {
      const months = unit === "Q" ? 3 * n : n;
      const idx = day.y * 12 + (day.m - 1) + months;
      const y = Math.floor(idx / 12);
      const m = idx - y * 12 + 1;
      return { y, m, d: Math.min(day.d, daysInMonth(y, m)) };
    }
    case "Y":
    case "DE":
    case "CE": {
      const y = day.y + n * (unit === "Y" ? 1 : unit === "DE" ? 10 : 100);
      return { y, m: day.m, d: Math.min(day.d, daysInMonth(y, day.m)) };
    }
    default:
      return day;
  }
}

const VALUE_RE =
  /^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|W(\d{2})|H([12])|(SP|SU|FA|WI)))?(?:(T.*))?$|^(\d{3})$|^(\d{2})$/;

/**
 * Shift a TIMEX3 date value by n units, keeping its granularity where that makes sense:
 * shiftValue("1989-Q3", "Y", -1) = "1988-Q3"; shiftValue("1989-10-26", "Y", -1) = "1988-10-26";
 * shiftValue("1989", "Q", -1) = "1988" is not meaningful, so a coarser value shifted by a finer
 * unit is returned at the unit's granularity from its first day only for Y/DE/CE values.
 * Returns null when the value cannot be shifted (PRESENT_REF, XXXX-...).
 */
export function shiftValue(value: string, unit: ShiftUnit, n: number): string | null {
  const m = VALUE_RE.exec(value);
  if (!m) return null;
  if (m[9] !== undefined) return unit === "DE" ? pad4((+m[9] + n) * 10).slice(0, 3) : null;
  if (m[10] !== undefined) return unit === "CE" ? String(+m[10] + n) : null;
  const y = +m[1];
  const years = unit === "Y" ? n : unit === "DE" ? 10 * n : unit === "CE" ? 100 * n : 0;
  if (m[4] !== undefined) {
    // quarter
    if (unit === "Q" || years) {
      const idx = y * 4 + (+m[4] - 1) + (unit === "Q" ? n : years * 4);
      return `${pad4(Math.floor(idx / 4))}-Q${(idx % 4) + 1}`;
    }
    return null;
  }
  if (m[6] !== undefined) return years ? `${pad4(y + years)}-H${m[6]}` : null;
  if (m[7] !== undefined) return years ? `${pad4(y + years)}-${m[7]}` : null;
  if (m[5] !== undefined) {
    const monday = isoWeekMonday(y, +m[5]);
    if (unit === "W" || unit === "D") return formatWeek(shiftDay(monday, unit, n));
    if (years) {
      const w = +m[5];
      return `${pad4(y + years)}-W${pad2(w)}`;
    }
    return null;
  }
  const time = m[8] ?? "";
  if (m[3] !== undefined) {
    return formatDay(shiftDay({ y, m: +m[2], d: +m[3] }, unit, n)) + time;
  }
  if (m[2] !== undefined) {
    if (unit === "D" || unit === "W") return null;
    const s = shiftDay({ y, m: +m[2], d: 1 }, unit, n);
    return `${pad4(s.y)}-${pad2(s.m)}`;
  }
  if (years) return pad4(y + years);
  return null;
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
export function easter(y: number): Ymd {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}

/** The n-th given weekday of a month (n = -1 for the last one). */
export function nthWeekday(y: number, m: number, dow: number, n: number): Ymd {
  if (n > 0) {
    const first = { y, m, d: 1 };
    return addDays(first, ((dow - weekday(first) + 7) % 7) + 7 * (n - 1));
  }
  const last = { y, m, d: daysInMonth(y, m) };
  return addDays(last, -((weekday(last) - dow + 7) % 7));
}
