/**
 * Pattern rules for time expressions, HeidelTime style: each rule is one regular expression,
 * compiled once at load, and a builder that turns a match into a candidate with a normaliser.
 * Overlaps between rules are settled in `index.ts` (longest match wins, then rule order).
 *
 * Every pattern is linear-time safe: alternations of fixed words, bounded repetitions, no nested
 * unbounded quantifiers, and each match is anchored by word-boundary look-arounds.
 */
import type { TimexType } from "../../model/article.js";
import { addDays, formatDay, pad2, pad4, type ShiftUnit, shiftValue, weekday } from "./calendar.js";
import {
  AMBIGUOUS_MONTHS,
  AMBIGUOUS_WEEKDAYS,
  DAY_PARTS,
  FIXED_HOLIDAYS,
  FUTURE_WORDS,
  MONTHS,
  MOVABLE_HOLIDAYS,
  NUMBER_WORDS,
  ORDINALS,
  PAST_WORDS,
  PRESENT_WORDS,
  SEASONS,
  UNIT_VARIANTS,
  UNITS,
  VAGUE_QUANTITIES,
  WEEKDAYS,
} from "./data.js";
import {
  atAnchorGranularity,
  type Direction,
  holidayDay,
  type ResolveContext,
  resolveAnaphoricQuarter,
  resolveMonth,
  resolveMonthDay,
  resolveOffset,
  resolveQuarter,
  resolveRelative,
  resolveSeason,
  resolveWeekday,
  resolveWeekend,
  resolveYearAgo,
  underspecified,
  weekdayDay,
  yearForMonth,
} from "./resolve.js";

/** How a candidate may combine with its neighbours ("Friday" + "evening", "10 p.m." + "Wednesday"). */
export type Role = "day" | "clock" | "part" | "none";

export interface Candidate {
  start: number;
  end: number;
  type: TimexType;
  role: Role;
  /** For clocks and parts of the day: the time suffix, "T22:00" or "TMO". */
  clock?: string;
  /** The normaliser. */
  value: (ctx: ResolveContext) => string;
  /** Anaphoric values (relative to another mention) do not become anchors themselves. */
  anaphoric?: boolean;
  /** Index of the rule that produced it (lower = preferred on ties). */
  rule: number;
}

type Build = (m: RegExpExecArray, text: string) => Omit<Candidate, "rule"> | null;
export interface Rule {
  name: string;
  re: RegExp;
  build: Build;
  /** A cheap test: when it fails on a text, the rule cannot match there and is skipped. */
  trigger?: RegExp;
}

/**
 * Triggers per rule (speed only, never results): literal words every match must contain. A text
 * without them skips the rule's full pattern. Rules without a trigger always run.
 */
const TRIGGERS: Record<string, RegExp> = {
  iso: /\d{4}-\d\d-/,
  slash: /\d\/\d/,
  "month-day": /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i,
  "day-month": /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i,
  "month-year": /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i,
  month: /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i,
  "spoken-year": /nineteen|eighteen|twenty|thousand/i,
  decade: /\d0['’]?s|ties/i,
  century: /century/i,
  quarter: /quarter|half/i,
  "quarter-rel": /quarter|period/i,
  "year-earlier-adj": /year-(?:earlier|ago)/i,
  year: /1[5-9]\d\d|20\d\d/,
  season: /spring|summer|fall|autumn|winter/i,
  holiday: /christmas|easter|thanksgiving|year|day|eve|halloween|july/i,
  weekday: /mon|tue|wed|thu|fri|sat|sun/i,
  "rel-day": /yesterday|today|tomorrow|tonight/i,
  "year-end": /year.{0,3}end/i,
  offset: /ago|earlier|later|before|after|from\s+now|hence|previously/i,
  "duration-vague": /seconds|minutes|hours|days|weeks|months|years|decades|centuries/i,
  set: /every|each|per|daily|nightly|weekly|monthly|yearly|hourly|twice/i,
  clock: /\d\s*(?:a\.?m|p\.?m|o'clock)|\d:\d\d/i,
  "day-part": /morning|afternoon|evening|night|noon|midday|dawn|daybreak|dusk/i,
  "rel-unit": /week|month|year|decade|century|day/i,
};

// ---------------------------------------------------------------------------------------------
// Pattern fragments, compiled from the word lists.

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
const alt = (words: Iterable<string>): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join("|");

const B = "(?<![A-Za-z0-9])"; // left word boundary
const E = "(?![A-Za-z0-9])"; // right word boundary
const FULL_MONTHS = Object.keys(MONTHS).filter(
  (k) => k.length > 4 || k === "may" || k === "june" || k === "july",
);
const ABBR_MONTHS = Object.keys(MONTHS).filter((k) => !FULL_MONTHS.includes(k));
const MONTH = `(?:(?:${alt(FULL_MONTHS)})${E}|(?:${alt(ABBR_MONTHS)})(?:\\.|${E}))`;
const FULL_WEEKDAYS = Object.keys(WEEKDAYS).filter((k) => k.endsWith("day"));
const WEEKDAY = `(?:(?:${alt(FULL_WEEKDAYS)})${E}|(?:${alt(Object.keys(WEEKDAYS).filter((k) => !k.endsWith("day")))})(?:\\.|${E}))`;
const DAY = `(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`;
const YEAR = `(?:1[5-9]\\d\\d|20\\d\\d)`;
const SMALL_NUMS = Object.keys(NUMBER_WORDS).filter((w) => NUMBER_WORDS[w] < 20 && w !== "a" && w !== "an");
const TENS = Object.keys(NUMBER_WORDS).filter((w) => NUMBER_WORDS[w] >= 20 && NUMBER_WORDS[w] < 100);
const NUM_WORD = `(?:(?:${alt(TENS)})(?:[- ](?:${alt(SMALL_NUMS)}))?|${alt(SMALL_NUMS)}|a\\s+hundred|one\\s+hundred|hundreds|a\\s+couple\\s+of|a\\s+few|${alt([...VAGUE_QUANTITIES].filter((q) => q !== "a few"))}|a|an)`;
const NUM = `(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|${NUM_WORD})`;
const ALL_UNITS = [...Object.keys(UNITS), ...Object.keys(UNIT_VARIANTS)];
const UNIT = `(?:${alt(ALL_UNITS)})`;
TRIGGERS.duration = new RegExp(alt(ALL_UNITS), "i");
const ORD = `(?:${alt(Object.keys(ORDINALS))}|1st|2nd|3rd|4th)`;
const DIGITS = SMALL_NUMS.filter((w) => NUMBER_WORDS[w] > 0 && NUMBER_WORDS[w] < 10);
const SPOKEN_YEAR = `(?:(?:nineteen|eighteen|twenty)[- ](?:${alt(TENS)})(?:[- ](?:${alt(DIGITS)}))?|two\\s+thousand(?:\\s+and\\s+(?:${alt(SMALL_NUMS)}))?)`;

/** A year written with digits or spelled out ("nineteen ninety-six", "two thousand and one"). */
function parseYear(s: string): number | null {
  if (/^\d{4}$/.test(s)) return +s;
  const words = s.toLowerCase().split(/[\s-]+/);
  if (words[0] === "two" && words[1] === "thousand")
    return 2000 + (words[3] ? (NUMBER_WORDS[words[3]] ?? 0) : 0);
  const century =
    words[0] === "nineteen" ? 1900 : words[0] === "eighteen" ? 1800 : words[0] === "twenty" ? 2000 : null;
  if (century === null) return null;
  return century + (NUMBER_WORDS[words[1]] ?? 0) + (words[2] ? (NUMBER_WORDS[words[2]] ?? 0) : 0);
}

const MOD_PREFIX = `(?:(?:about|around|nearly|almost|approximately|roughly|some|more\\s+than|less\\s+than|fewer\\s+than|at\\s+least|at\\s+most|up\\s+to|no\\s+more\\s+than|a\\s+full|the\\s+better\\s+part\\s+of)\\s+)`;
const POS_WORDS = `early|late|mid|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+start\\s+of|the\\s+middle\\s+of|the\\s+first\\s+half\\s+of|the\\s+second\\s+half\\s+of|the\\s+rest\\s+of|the\\s+remainder\\s+of|the\\s+balance\\s+of|end\\s+of|start\\s+of`;
const POS_MOD = `(?:(?:${POS_WORDS})(?:\\s+|-))`;

const MONTH_KEY = (s: string): number => MONTHS[s.toLowerCase().replace(/\.$/, "")];
const WEEKDAY_KEY = (s: string): number => WEEKDAYS[s.toLowerCase().replace(/\.$/, "")];
const dayNum = (s: string): number => Number.parseInt(s, 10);

/** Parses a number written with digits or words ("twenty-four", "a couple of", "several" → NaN = vague). */
export function parseNumber(s: string): number {
  const t = s.toLowerCase().replace(/\s+/g, " ").trim();
  if (/^[\d,.]+$/.test(t)) return Number.parseFloat(t.replace(/,/g, ""));
  if (t === "a couple of") return 2;
  if (t === "a hundred" || t === "one hundred") return 100;
  if (VAGUE_QUANTITIES.has(t) || t === "hundreds") return Number.NaN;
  const parts = t.split(/[- ]/);
  let n = 0;
  for (const p of parts) {
    const v = NUMBER_WORDS[p];
    if (v === undefined) return Number.NaN;
    n += v;
  }
  return n;
}

function unitOf(s: string): { code: string; time: boolean; name: string } {
  const t = s.toLowerCase().replace(/\s+/g, " ");
  const name = UNIT_VARIANTS[t] ?? t;
  return { ...UNITS[name], name };
}

/** ISO 8601 duration for n units ("P3Y", "PT2H", "PXY" when n is vague, "P2Y6M" for 2.5 years). */
export function durationValue(n: number, unit: { code: string; time: boolean; name: string }): string {
  let code = unit.code;
  if (unit.name === "fortnight") n *= 2;
  if (code === "DE" || code === "CE") {
    if (Number.isNaN(n)) return code === "DE" ? "PXDE" : "PXCE";
    n *= code === "DE" ? 10 : 100;
    code = "Y";
  }
  const t = unit.time ? "T" : "";
  if (Number.isNaN(n)) return `P${t}X${code}`;
  if (Number.isInteger(n)) return `P${t}${n}${code}`;
  const whole = Math.floor(n);
  const frac = n - whole;
  const sub: Record<string, [string, number, boolean]> = {
    Y: ["M", 12, false],
    M: ["D", 30, false],
    W: ["D", 7, false],
    D: ["H", 24, true],
    H: ["M", 60, true],
  };
  if (unit.time && code === "M")
    return whole ? `PT${whole}M${Math.round(frac * 60)}S` : `PT${Math.round(frac * 60)}S`;
  const s = sub[code];
  if (!s) return `P${t}${n}${code}`;
  const part = Math.round(frac * s[1]);
  const head = whole ? `${whole}${code}` : "";
  if (s[2] && !unit.time) return `P${head}T${part}${s[0]}`;
  return `P${t}${head}${part}${s[0]}`;
}

function shiftUnit(code: string): ShiftUnit {
  return code === "DE" || code === "CE" || code === "Y" || code === "Q" || code === "M" || code === "W"
    ? (code as ShiftUnit)
    : code === "H"
      ? "H"
      : "D";
}

const lit =
  (value: string) =>
  (_ctx: ResolveContext): string =>
    value;

const REL_WORD: Record<string, Direction> = {
  last: -1,
  past: -1,
  previous: -1,
  preceding: -1,
  prior: -1,
  next: 1,
  coming: 1,
  following: 1,
  this: 0,
  current: 0,
  present: 0,
  same: 0,
};

function relOf(word: string | undefined): Direction | null {
  if (!word) return null;
  const w = word
    .toLowerCase()
    .replace(/^the\s+/, "")
    .trim();
  return w in REL_WORD ? REL_WORD[w] : null;
}

const REL_WORDS = `(?:the\\s+)?(?:last|past|previous|preceding|prior|next|coming|following|this|current|present|same)`;

/** Words that make a following bare month name or season a date ("in May", "since March"). */
const TEMPORAL_PREP = new Set([
  "in",
  "since",
  "until",
  "till",
  "by",
  "during",
  "through",
  "throughout",
  "from",
  "to",
  "of",
  "before",
  "after",
  "early",
  "late",
  "mid",
  "last",
  "next",
  "this",
  "that",
  "each",
  "every",
  "on",
  "between",
  "and",
  "or",
  "around",
  "about",
  "for",
  "the",
  "past",
  "coming",
  "end",
  "beginning",
]);

function prevWord(text: string, idx: number): string {
  let i = idx - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "-")) i--;
  const end = i + 1;
  while (i >= 0 && /[A-Za-z]/.test(text[i])) i--;
  return text.slice(i + 1, end).toLowerCase();
}

function nextWord(text: string, idx: number): string {
  let i = idx;
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n")) i++;
  const start = i;
  while (i < text.length && /[A-Za-z']/.test(text[i])) i++;
  return text.slice(start, i);
}

const isCap = (s: string): boolean => s[0] >= "A" && s[0] <= "Z";

// ---------------------------------------------------------------------------------------------
// The rules, in priority order (on equal spans the earlier rule wins).

const R = (src: string, flags = "gi"): RegExp => new RegExp(src, flags);

const rules: Rule[] = [];
const rule = (name: string, re: RegExp, build: Build): void => {
  rules.push({ name, re, build, trigger: TRIGGERS[name] });
};

/** Offset of the first non-space character of a group inside the match. */
function span(m: RegExpExecArray, trimLeading = 0): { start: number; end: number } {
  return { start: m.index + trimLeading, end: m.index + m[0].length };
}

// ISO dates and timestamps: 1998-02-27, 1998-02-27T08:17
rule("iso", R(`${B}(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::\\d{2})?)?${E}`, "g"), (m) => {
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const time = m[4] ? `T${m[4]}:${m[5]}` : "";
  return { ...span(m), type: time ? "TIME" : "DATE", role: time ? "none" : "day", value: lit(date + time) };
});

// US numeric dates: 10/26/1989, 10/26/89
rule("slash", R(`${B}(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${E}`, "g"), (m) => {
  const mo = +m[1];
  const d = +m[2];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const y = m[3].length === 2 ? (+m[3] < 30 ? 2000 : 1900) + +m[3] : +m[3];
  return { ...span(m), type: "DATE", role: "day", value: lit(`${pad4(y)}-${pad2(mo)}-${pad2(d)}`) };
});

// Month day [year]: "Oct. 13", "October 13, 1989", "Oct. 13 1989"; with an optional weekday in front.
rule(
  "month-day",
  R(
    `${B}(?:(${WEEKDAY}),?\\s+)?(${MONTH})\\s+(${DAY})(?![0-9]|,\\d{3})(?:(?:,\\s*|\\s+)(${YEAR})${E}|(?![A-Za-z]))`,
  ),
  (m) => {
    const mo = MONTH_KEY(m[2]);
    const d = dayNum(m[3]);
    if (d > 31) return null;
    if (AMBIGUOUS_MONTHS.has(m[2].toLowerCase()) && !isCap(m[2])) return null;
    const y = m[4] ? +m[4] : null;
    return {
      ...span(m),
      type: "DATE",
      role: "day",
      value: (ctx) => (y !== null ? `${pad4(y)}-${pad2(mo)}-${pad2(d)}` : resolveMonthDay(ctx, mo, d)),
    };
  },
);

// Day month [year]: "13 October 1989", "the 13th of October"
rule("day-month", R(`${B}(?:the\\s+)?(${DAY})(?:\\s+of)?\\s+(${MONTH})(?:,?\\s+(${YEAR})${E})?`), (m) => {
  const mo = MONTH_KEY(m[2]);
  const d = dayNum(m[1]);
  if (d > 31) return null;
  if (AMBIGUOUS_MONTHS.has(m[2].toLowerCase()) && !isCap(m[2])) return null;
  const y = m[3] ? +m[3] : null;
  return {
    ...span(m),
    type: "DATE",
    role: "day",
    value: (ctx) => (y !== null ? `${pad4(y)}-${pad2(mo)}-${pad2(d)}` : resolveMonthDay(ctx, mo, d)),
  };
});

// Month year: "January 2017", "Jan. 2017", "August of 1988", with position modifiers.
rule("month-year", R(`${B}${POS_MOD}?(${MONTH})(?:\\s+of|,)?\\s+(${YEAR}|${SPOKEN_YEAR})${E}`), (m) => {
  const mo = MONTH_KEY(m[1]);
  if (AMBIGUOUS_MONTHS.has(m[1].toLowerCase()) && !isCap(m[1])) return null;
  const y = parseYear(m[2]);
  if (y === null) return null;
  return { ...span(m), type: "DATE", role: "none", value: lit(`${pad4(y)}-${pad2(mo)}`) };
});

// Month alone, optionally "last/next/this June", "early/late/mid-November", "June last year".
rule(
  "month",
  R(`${B}${POS_MOD}?(?:(last|next|this|coming|past)\\s+)?(${MONTH})(?:\\s+(last|next|this)\\s+year${E})?`),
  (m, text) => {
    const word = m[2];
    const mo = MONTH_KEY(word);
    const lower = word.toLowerCase().replace(/\.$/, "");
    if (!isCap(word)) return null;
    // "Jan Kavan": an abbreviation without its dot is a month only before a day or year (other rules)
    if (!FULL_MONTHS.includes(lower) && !word.endsWith(".")) return null;
    // "May", "March", "Jan" alone need a temporal preposition or a modifier to count as months
    if (
      (AMBIGUOUS_MONTHS.has(lower) || word.length <= 4) &&
      m[0] === word &&
      !TEMPORAL_PREP.has(prevWord(text, m.index))
    )
      return null;
    const rel = relOf(m[1]);
    const yearShift = m[3] ? (relOf(m[3]) ?? 0) : null; // "June last year"
    return {
      ...span(m),
      type: "DATE",
      role: "none",
      value: (ctx) => {
        if (yearShift === null) return resolveMonth(ctx, mo, rel);
        return ctx.dct ? `${pad4(ctx.dct.y + yearShift)}-${pad2(mo)}` : `XXXX-${pad2(mo)}`;
      },
    };
  },
);

// Spoken years: "nineteen ninety-six", "the year two thousand"
rule("spoken-year", R(`${B}(?:the\\s+year\\s+)?(${SPOKEN_YEAR})${E}`), (m) => {
  // "two thousand" alone is usually a number
  if (/^two\s+thousand$/i.test(m[1]) && !/^the/i.test(m[0])) return null;
  const y = parseYear(m[1]);
  return y === null ? null : { ...span(m), type: "DATE", role: "none", value: lit(pad4(y)) };
});

// Decades: "the 1990s", "the '80s", "the early 1990s", "the nineties"
const DECADE_WORDS: Record<string, number> = {
  twenties: 2,
  thirties: 3,
  forties: 4,
  fifties: 5,
  sixties: 6,
  seventies: 7,
  eighties: 8,
  nineties: 9,
};
rule(
  "decade",
  R(
    `${B}(?:the\\s+)?${POS_MOD}?(?:(1[5-9]|20)(\\d)0['’]?s|['’](\\d)0s|(${alt(Object.keys(DECADE_WORDS))}))${E}`,
  ),
  (m) => {
    if (m[4] && !/^the/i.test(m[0])) return null;
    const dec = m[1] ? `${m[1]}${m[2]}` : `19${m[3] ?? DECADE_WORDS[m[4].toLowerCase()]}`;
    return { ...span(m), type: "DATE", role: "none", value: lit(dec) };
  },
);

// Centuries: "the 20th century", "the nineteenth century"
rule(
  "century",
  R(
    `${B}(?:the\\s+)?${POS_MOD}?(\\d{1,2})(?:st|nd|rd|th)\\s+century${E}|${B}(?:the\\s+)?(${alt(Object.keys(ORDINALS))})\\s+century${E}`,
  ),
  (m) => {
    const n = m[1] ? +m[1] : ORDINALS[m[2].toLowerCase()];
    return { ...span(m), type: "DATE", role: "none", value: lit(pad2(n - 1)) };
  },
);

/**
 * Leading words that are not part of the expression: possessives always ("its third quarter"),
 * and articles before an adjectival, hyphenated form ("a third-quarter loss", "a two-year term").
 */
function skipDeterminer(m: RegExpExecArray, hyphenated: boolean): number {
  const lead =
    /^(?:its|their|his|her|our)\s+/i.exec(m[0]) ?? (hyphenated ? /^(?:a|an|the)\s+/i.exec(m[0]) : null);
  return lead ? lead[0].length : 0;
}

// Quarters and halves with an ordinal: "the third quarter", "third-quarter", "the fiscal first
// quarter", "this year's third quarter", "the fourth quarter of 1989", "the year-ago third quarter".
rule(
  "quarter",
  R(
    `${B}(?:(?:the|this|last|next|its|their|a|fiscal|calendar|comparable|year-earlier|year-ago|year-before|prior-year|(?:this|last|next)\\s+year's|(${YEAR})(?:'s)?|fiscal\\s+(${YEAR}))\\s+){0,3}(${ORD}|final|last)[- ](quarter|half|quarters)${E}(?:\\s+of\\s+(?:fiscal\\s+|the\\s+)?(?:(${YEAR})|(this|last|next)\\s+year|the\\s+year)${E})?`,
  ),
  (m) => {
    const ordWord = m[3].toLowerCase();
    const isHalf = m[4].toLowerCase() === "half";
    const ord =
      ordWord === "final" || ordWord === "last"
        ? isHalf
          ? 2
          : 4
        : (ORDINALS[ordWord] ?? Number.parseInt(ordWord, 10));
    if (!(ord >= 1 && ord <= (isHalf ? 2 : 4))) return null;
    if (ordWord === "last" && !m[5] && !m[6]) return null; // "last quarter" is relative, below
    const lower = m[0].toLowerCase();
    const yearBack = /\b(?:year-earlier|year-ago|year-before|prior-year)\b/.test(lower);
    const yearRel = m[6]
      ? relOf(m[6])
      : /\blast year's/.test(lower)
        ? -1
        : /\bnext year's/.test(lower)
          ? 1
          : /\bthis year's/.test(lower)
            ? 0
            : null;
    const explicitYear = m[5] ? +m[5] : m[1] ? +m[1] : m[2] ? +m[2] : null;
    const hyphen = m[0][m[0].length - m[4].length - 1] === "-" && !m[5] && !m[6];
    const skip = skipDeterminer(m, hyphen);
    if (m[4].toLowerCase() === "quarters")
      return { ...span(m, skip), type: "SET", role: "none", value: lit(`XXXX-Q${ord}`) };
    return {
      ...span(m, skip),
      type: "DATE",
      role: "none",
      anaphoric: yearBack,
      value: (ctx) => {
        let y: number | null = explicitYear;
        if (y === null && yearRel !== null) y = ctx.dct ? ctx.dct.y + yearRel : null;
        if (isHalf) {
          if (y === null) y = ctx.dct ? ctx.dct.y : null;
          return `${y === null ? "XXXX" : pad4(y)}-H${ord}`;
        }
        const v = y === null && !ctx.dct ? `XXXX-Q${ord}` : resolveQuarter(ctx, ord, y);
        return yearBack ? (shiftValue(v, "Y", -1) ?? v) : v;
      },
    };
  },
);

/** "... ended Sept. 30[, 1989]" right after a period noun. */
const ENDED_RE = new RegExp(
  `^\\s+(?:ended|ending)\\s+(${MONTH})\\s+(${DAY})(?![0-9])(?:,\\s*(${YEAR}))?`,
  "i",
);

// Anaphoric quarters and periods: "the quarter", "the latest quarter", "the year-earlier quarter",
// "the year-ago period", "the same period", "the 1988 quarter", "last quarter", "this quarter".
rule(
  "quarter-rel",
  R(
    `${B}(?:(the|that|its|their)\\s+)?(?:(latest|same|comparable|current|recent|most\\s+recent|previous|prior|just-ended|just\\s+ended|fiscal|year-earlier|year-ago|year-before|prior-year|last|this|next|past|coming|first|${YEAR})\\s+)?(?:(year-earlier|year-ago|year-before|prior-year|fiscal)\\s+)?(quarter|period)${E}`,
  ),
  (m, text) => {
    const det = (m[1] ?? "").toLowerCase();
    const w1 = (m[2] ?? "").toLowerCase().replace(/\s+/g, " ");
    const w2 = (m[3] ?? "").toLowerCase();
    const noun = m[4].toLowerCase();
    const yearBack = /year-|prior-year/.test(w1 + w2);
    const skip = det === "its" || det === "their" ? m[1].length + 1 : 0;
    if (text[m.index + m[0].length] === "-") return null; // "quarter-to-quarter", "quarter-century"
    if (!det && !w1 && !w2) return null;
    if (w1 === "first" || w1 === "past") return null;
    if (/^\d{4}$/.test(w1)) {
      // "the 1988 quarter", "the 1989 period": that year's quarter under discussion
      const y = +w1;
      return {
        ...span(m, skip),
        type: "DATE",
        role: "none",
        anaphoric: true,
        value: (ctx) => {
          const q = resolveAnaphoricQuarter(ctx, 0);
          return /-Q\d$/.test(q) ? `${pad4(y)}${q.slice(4)}` : pad4(y);
        },
      };
    }
    const latest =
      w1 === "latest" ||
      w1 === "most recent" ||
      w1 === "recent" ||
      w1 === "just-ended" ||
      w1 === "just ended";
    if (noun === "period" && !(yearBack || latest || w1 === "same" || w1 === "comparable")) return null;
    if (w1 === "last" || w1 === "this" || w1 === "next" || w1 === "coming" || w1 === "current") {
      if (noun !== "quarter") return null;
      const n = w1 === "last" ? -1 : w1 === "next" || w1 === "coming" ? 1 : 0;
      return { ...span(m, skip), type: "DATE", role: "none", value: (ctx) => resolveRelative(ctx, "Q", n) };
    }
    const ended = yearBack
      ? null
      : ENDED_RE.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
    if (ended) {
      // "the quarter ended July 31": the calendar quarter holding most of it (its middle month),
      // unless the article already named the quarter
      const endMonth = MONTH_KEY(ended[1]);
      const endDay = dayNum(ended[2]);
      const explicit = ended[3] ? +ended[3] : null;
      return {
        ...span(m, skip),
        type: "DATE",
        role: "none",
        value: (ctx) => {
          // a quarter named before ("the fiscal first quarter") keeps the article's own numbering
          if (ctx.lastQuarter) return resolveAnaphoricQuarter(ctx, 0);
          const y = explicit ?? yearForMonth(ctx, endMonth, endDay, null);
          const mid = endMonth === 1 ? 12 : endMonth - 1;
          const yy = y === null ? null : endMonth === 1 ? y - 1 : y;
          return `${yy === null ? "XXXX" : pad4(yy)}-Q${Math.floor((mid - 1) / 3) + 1}`;
        },
      };
    }
    if (latest && !yearBack) {
      // the most recent completed quarter before publication
      return { ...span(m, skip), type: "DATE", role: "none", value: (ctx) => resolveRelative(ctx, "Q", -1) };
    }
    return {
      ...span(m, skip),
      type: "DATE",
      role: "none",
      anaphoric: true,
      value: (ctx) => resolveAnaphoricQuarter(ctx, yearBack ? 1 : 0),
    };
  },
);

// "year-earlier", "year-ago" used as adjectives ("year-earlier profit"): the same quarter a year before.
rule("year-earlier-adj", R(`${B}(year-earlier|year-ago)${E}`), (m) => ({
  ...span(m),
  type: "DATE",
  role: "none",
  anaphoric: true,
  value: (ctx) => resolveAnaphoricQuarter(ctx, 1),
}));

/** Words after a bare number that make it a count, not a year. */
const COUNT_NOUNS =
  /^(?:percent|per|times|feet|foot|meters|metres|miles|km|tons|tonnes|barrels|units|points|people|men|women|children|police|staff|personnel|cattle|dollars|euros|pounds|yen)$/;
/** Words before a bare number that make it a quantity. */
const QUANTIFIERS = new Set([
  "about",
  "some",
  "nearly",
  "almost",
  "approximately",
  "roughly",
  "around",
  "than",
  "least",
  "only",
  "just",
  "over",
]);

// Years: "1993", "fiscal 1989", "the end of 1990", "early 1991", "the year 1990"
rule(
  "year",
  R(
    `(?<![\\d$£€.,:/-])${B}(?:(?:fiscal|calendar|the\\s+year|the\\s+fiscal\\s+year|${POS_MOD})\\s*)?(${YEAR})(?!\\d|,\\d|\\.\\d|%|-\\d)(?:['’]s(?![A-Za-z]))?`,
  ),
  (m, text) => {
    const after = nextWord(text, m.index + m[0].length).toLowerCase();
    // "2000 people", "about 1500 troops": a count, not a year (only for bare numbers).
    if (m[0].length === 4 && COUNT_NOUNS.test(after)) return null;
    // "about 2000 ...", "more than 1990 ...": a quantity
    if (m[0].length === 4 && QUANTIFIERS.has(prevWord(text, m.index)) && /^[a-z]/.test(after)) return null;
    return { ...span(m), type: "DATE", role: "none", value: lit(m[1]) };
  },
);

// Seasons: "this summer", "last fall", "the winter of 1989", "spring 1990"
rule(
  "season",
  R(
    `${B}(?:(the|this|last|next|past|coming|early|late|mid|this\\s+past)(?:\\s+|-))?(spring|summer|fall|autumn|winter)(?:\\s+(?:of\\s+)?(${YEAR}|${SPOKEN_YEAR})${E}|${E})`,
  ),
  (m, text) => {
    const pre = (m[1] ?? "").toLowerCase().replace(/\s+/g, " ");
    if (!pre && !m[3] && !TEMPORAL_PREP.has(prevWord(text, m.index))) return null;
    if (m[2].toLowerCase() === "fall" && !pre && !m[3]) return null;
    // "the fall of the regime", "the spring of hope": a noun with its own complement
    if (!m[3] && /^\s+of\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return null;
    const code = SEASONS[m[2].toLowerCase()];
    const rel = pre === "past" || pre === "this past" ? -1 : relOf(pre || undefined);
    const y = m[3] ? parseYear(m[3]) : null;
    return { ...span(m), type: "DATE", role: "none", value: (ctx) => resolveSeason(ctx, code, rel, y) };
  },
);

// Holidays: "Christmas", "Thanksgiving Day", "last Easter"
const HOLIDAY_NAMES = [...Object.keys(FIXED_HOLIDAYS), ...MOVABLE_HOLIDAYS];
rule(
  "holiday",
  R(`${B}(?:(last|next|this)\\s+)?(${alt(HOLIDAY_NAMES)})(?:\\s+(${YEAR}))?${E}`, "gi"),
  (m) => {
    if (!isCap(m[2]) && !/^the/.test(m[2])) return null;
    const name = m[2].toLowerCase().replace(/\s+/g, " ");
    const rel = relOf(m[1]);
    const y = m[3] ? +m[3] : null;
    const fixed = FIXED_HOLIDAYS[name];
    const probe = (yy: number): { m: number; d: number } | null => {
      if (fixed) return { m: +fixed.slice(0, 2), d: +fixed.slice(3) };
      const day = holidayDay(name, yy);
      return day ? { m: day.m, d: day.d } : null;
    };
    return {
      ...span(m),
      type: "DATE",
      role: "day",
      value: (ctx) => {
        let year = y;
        if (year === null) {
          if (!ctx.dct) return fixed ? `XXXX-${fixed}` : "XXXX-XX-XX";
          const md = probe(ctx.dct.y);
          if (!md) return "XXXX-XX-XX";
          year = yearForMonth(ctx, md.m, md.d, rel) ?? ctx.dct.y;
        }
        const md = probe(year);
        return md ? `${pad4(year)}-${pad2(md.m)}-${pad2(md.d)}` : pad4(year);
      },
    };
  },
);

// Weekdays: "Friday", "last Friday", "next Monday", "the previous Friday"; plural "Mondays" is a SET.
rule(
  "weekday",
  R(
    `${B}(?:(?:early|late)\\s+(?=[A-Z]))?(?:(?:the\\s+)?(last|next|this|coming|past|previous|following)\\s+)?(${WEEKDAY})(s${E})?`,
  ),
  (m) => {
    const word = m[2];
    if (!isCap(word)) return null;
    const bare = word.toLowerCase().replace(/\.$/, "");
    if (AMBIGUOUS_WEEKDAYS.has(bare) && !word.endsWith(".")) return null;
    const dow = WEEKDAY_KEY(word);
    if (m[3]) {
      if (m[1]) return null;
      return { ...span(m), type: "SET", role: "none", value: lit(`XXXX-WXX-${dow}`) };
    }
    const relWord = (m[1] ?? "").toLowerCase();
    if (/\bthe\s/i.test(m[0]) && (relWord === "previous" || relWord === "following")) {
      // "the previous Friday": the one before/after the day last mentioned
      const n = relWord === "previous" ? -1 : 1;
      return {
        ...span(m),
        type: "DATE",
        role: "day",
        anaphoric: true,
        value: (ctx) => {
          const base = ctx.dct ? weekdayDay(ctx, dow, -1) : null;
          if (!base) return `XXXX-WXX-${dow}`;
          return formatDay(addDays(base, n === -1 ? -7 : 7));
        },
      };
    }
    const rel = relOf(relWord || undefined);
    return { ...span(m), type: "DATE", role: "day", value: (ctx) => resolveWeekday(ctx, dow, rel) };
  },
);

// Days relative to the DCT: "yesterday", "today", "tomorrow", "the day before yesterday", "late yesterday".
rule(
  "rel-day",
  R(
    `${B}(?:(?:early|late|earlier|later)\\s+)?(the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow|yesterday|today|tomorrow|tonight)${E}`,
  ),
  (m) => {
    const w = m[1].toLowerCase().replace(/\s+/g, " ");
    const n = w.includes("before")
      ? -2
      : w.includes("after")
        ? 2
        : w === "yesterday"
          ? -1
          : w === "tomorrow"
            ? 1
            : 0;
    if (w === "tonight") {
      return { ...span(m), type: "TIME", role: "none", value: (ctx) => `${resolveRelative(ctx, "D", 0)}TNI` };
    }
    return { ...span(m), type: "DATE", role: "day", value: (ctx) => resolveRelative(ctx, "D", n) };
  },
);

// The end of the year: "year-end", "year end", "year's end" (the DCT's year; the last one in a past clause).
rule("year-end", R(`${B}(?:around\\s+)?year(?:-|\\s+|['’]s\\s+)end${E}`), (m, text) => {
  if (text[m.index + m[0].length] === "-") return null; // "year-end results" is still the year end, but "year-end-" compounds are rare
  return {
    ...span(m),
    type: "DATE",
    role: "none",
    value: (ctx) => (ctx.dct ? pad4(ctx.dct.y - (ctx.tense() === "past" ? 1 : 0)) : "XXXX"),
  };
});

// "this week", "last month", "next year", "earlier this year", "early next year", "the past year",
// "the end of this week", "this weekend", "the weekend", "that year", "the full year", "the year".
rule(
  "rel-unit",
  R(
    `${B}((?:earlier|later|${POS_WORDS})(?:\\s+|-))?(${REL_WORDS}|the(?:\\s+full|\\s+entire|\\s+whole)?|that)\\s+(week|weekend|month|year|decade|century|fiscal\\s+year|day|days|weeks|months|years)${E}`,
  ),
  (m) => {
    const relWord = m[2].toLowerCase().replace(/\s+/g, " ");
    const rawUnit = m[3];
    let unitWord = rawUnit.toLowerCase().replace(/\s+/g, " ");
    const modified = !!m[1];
    // "This Week" (a programme title): units are lower case in running text
    if (isCap(rawUnit)) return null;
    if (unitWord.endsWith("s")) {
      // "the coming weeks", "the past months": vague durations
      unitWord = unitWord.slice(0, -1);
      const dir = relOf(relWord);
      if (relWord === "this" || relWord === "that" || dir === 0 || dir === null) return null;
      return { ...span(m), type: "DURATION", role: "none", value: lit(`PX${UNITS[unitWord].code}`) };
    }
    const fiscal = unitWord === "fiscal year";
    if (fiscal) unitWord = "year";
    if (relWord === "the same") return null;
    if (unitWord === "weekend") {
      if (relWord === "the" || relWord === "this") {
        return {
          ...span(m),
          type: "DATE",
          role: "none",
          value: (ctx) => {
            if (!ctx.dct) return "XXXX-WXX-WE";
            const dow = weekday(ctx.dct);
            // the weekend just past, unless the clause looks ahead or it is the weekend now
            const back = dow < 6 && ctx.tense() !== "future" && relWord === "the";
            return resolveWeekend(ctx, back ? -1 : 0);
          },
        };
      }
      const dir = relOf(relWord);
      if (dir === null) return null;
      return { ...span(m), type: "DATE", role: "none", value: (ctx) => resolveWeekend(ctx, dir) };
    }
    const unit = shiftUnit(UNITS[unitWord].code);
    if (relWord === "that") {
      // "that year", "that day": the period of the date last mentioned
      return {
        ...span(m),
        type: "DATE",
        role: unit === "D" ? "day" : "none",
        anaphoric: true,
        value: (ctx) => {
          const v = ctx.anchor ? atAnchorGranularity(ctx.anchor, unit) : null;
          return v ?? underspecified(unit);
        },
      };
    }
    // "the day" is too often generic ("later in the day", "the day after the vote")
    if (unitWord === "day") return null;
    if (relWord === "the" && !modified && unitWord === "year" && !fiscal) {
      // "for the year", "the year ended": mostly the length of a (fiscal) year in TimeBank
      return { ...span(m), type: "DURATION", role: "none", value: lit("P1Y") };
    }
    if (relWord === "the" && fiscal && !modified) {
      return { ...span(m), type: "DURATION", role: "none", value: lit("P1Y") };
    }
    if (
      relWord === "the following" ||
      relWord === "the previous" ||
      relWord === "the preceding" ||
      relWord === "the prior"
    ) {
      const n = relWord === "the following" ? 1 : -1;
      return {
        ...span(m),
        type: "DATE",
        role: "none",
        anaphoric: true,
        value: (ctx) => resolveOffset(ctx, unit, n, true, true),
      };
    }
    const dir =
      relWord.startsWith("the") && !/^the (?:past|last|next|coming|current|present)$/.test(relWord)
        ? 0
        : relOf(relWord);
    if (dir === null) return null;
    return { ...span(m), type: "DATE", role: "none", value: (ctx) => resolveRelative(ctx, unit, dir) };
  },
);

// Offsets: "three years ago", "a year earlier", "two weeks later", "six months before", "a year
// from now", "nearly four years ago".
rule(
  "offset",
  R(
    `${B}${MOD_PREFIX}?(${NUM})(?:\\s+and\\s+a\\s+half)?(?:\\s+|-)(?:more\\s+)?(${UNIT})\\s+(ago|earlier|later|before|after|from\\s+now|hence|previously)${E}`,
  ),
  (m, text) => {
    const n = parseNumber(m[1]);
    const unit = unitOf(m[2]);
    const dirWord = m[3].toLowerCase().replace(/\s+/g, " ");
    if (
      (dirWord === "before" || dirWord === "after") &&
      !/^[\s"'”’]*[.,;:!?)]/.test(text.slice(m.index + m[0].length))
    )
      return null; // "two days before the vote": relative to an event, the duration is tagged alone
    const sign =
      dirWord === "ago" || dirWord === "earlier" || dirWord === "before" || dirWord === "previously" ? -1 : 1;
    if (Number.isNaN(n)) {
      return { ...span(m), type: "DATE", role: "none", value: lit(sign < 0 ? "PAST_REF" : "FUTURE_REF") };
    }
    const anaphoric = dirWord !== "ago" && dirWord !== "from now" && dirWord !== "hence";
    const su = shiftUnit(unit.code);
    if (unit.time) {
      return { ...span(m), type: "DATE", role: "none", value: (ctx) => resolveOffset(ctx, "D", 0, false) };
    }
    const isYear = su === "Y" && n === 1;
    return {
      ...span(m),
      type: "DATE",
      role: su === "D" ? "day" : "none",
      anaphoric,
      value: (ctx) =>
        isYear ? resolveYearAgo(ctx, 1, anaphoric) : resolveOffset(ctx, su, sign * Math.round(n), anaphoric),
    };
  },
);

// Durations: "49 years", "three-year", "the past two months", "the first nine months", "nearly two
// months", "a minute and a half", "2 1/2 years", "two to three weeks", "45-year-old".
rule(
  "duration",
  R(
    `${B}${MOD_PREFIX}?(?:(?:the|a|an|its|their|each\\s+of\\s+the)\\s+)?(?:(first|last|past|next|previous|coming|following|final|additional|further|latest|initial|remaining|entire|full|whole|same|year-earlier|year-ago|recent)\\s+)?(${NUM})(?:\\s+(?:and\\s+a\\s+half|1/2)|\\s+(?:to|or|-)\\s+(?:${NUM}))?(\\s+|-)(?:(?:more|additional|full|straight|consecutive|trading|business|working|calendar|fiscal|long|short)\\s+)?(${UNIT})(?:\\s+and\\s+a\\s+half)?(?:-(?:old|long))?${E}`,
  ),
  (m, text) => {
    const numText = m[2];
    let n = parseNumber(numText);
    if (/\band\s+a\s+half\b|1\/2/.test(m[0])) n += 0.5;
    const unit = unitOf(m[4]);
    if (!unit.code) return null;
    if (unit.code === "Q" && /^\d{4}$/.test(numText)) return null; // "the 1988 quarter"
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    // ages ("52 years old", "a 136-year-old bank") are not annotated as durations
    if (/-old$/i.test(m[0]) || /^\s+old\b/.test(rest)) return null;
    // fractions: "three-quarters of", "a quarter of the market", "quarter-century"
    if (unit.code === "Q" && (/^\s+of\b|^-/.test(rest) || (/quarters$/i.test(m[4]) && m[3] === "-")))
      return null;
    // "a second group": the ordinal, not the unit
    if (
      unit.name === "second" &&
      /^(?:a|an|one)$/i.test(numText) &&
      !/^\s*(?:[.,;:!?)]|later|ago|earlier|before|after|or|and)/i.test(rest)
    )
      return null;
    const article = /^(?:a|an)\s+/i.exec(m[0]);
    const skip =
      article && !/^(?:a|an)$/i.test(numText) && !m[1] ? article[0].length : skipDeterminer(m, m[3] === "-");
    // "a year" after an amount ("$5 a year", "twice a year") is a frequency.
    if (/^(?:a|an)$/i.test(numText) && !m[1]) {
      const before = text.slice(Math.max(0, m.index - 30), m.index).toLowerCase();
      if (
        /(?:\d|twice|once|times|million|billion|percent|%)\s*[a-z]*\s*$/.test(before) &&
        !/\bfor\s*$/.test(before)
      ) {
        return { ...span(m), type: "SET", role: "none", value: lit(durationValue(1, unit)) };
      }
    }
    return { ...span(m, skip), type: "DURATION", role: "none", value: lit(durationValue(n, unit)) };
  },
);

// Vague durations: "years", "several years", "recent weeks", "the coming months", "the past few days",
// "months ago" (a vague past point).
rule(
  "duration-vague",
  R(
    `${B}(?:(?:the\\s+)?(?:past|last|next|coming|recent|following|previous|early|first)\\s+)?(?:(?:few|several|many)\\s+)?(seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?:\\s+(ago|ahead))?${E}`,
  ),
  (m, text) => {
    const unit = unitOf(m[1]);
    if (m[2]?.toLowerCase() === "ago") {
      return { ...span(m), type: "DATE", role: "none", value: lit("PAST_REF") };
    }
    if (m[0].toLowerCase() === m[1].toLowerCase()) {
      // bare plural: only after "for", "in", "over", "within" ("for years"), else too vague
      const pw = prevWord(text, m.index);
      if (!/^(?:for|over|within|in|lasting|took|take|takes|spent)$/.test(pw)) return null;
    }
    return { ...span(m), type: "DURATION", role: "none", value: lit(durationValue(Number.NaN, unit)) };
  },
);

// SETs: "every week", "each month", "every other day", "each Thursday", "daily". ("quarterly" and
// "annually" are left out: in TimeBank they are mostly adjectives of amounts and are not tagged.)
const SET_ADVERBS: Record<string, string> = {
  daily: "P1D",
  nightly: "P1D",
  weekly: "P1W",
  biweekly: "P2W",
  monthly: "P1M",
  yearly: "P1Y",
  hourly: "PT1H",
  "twice a year": "P1Y",
  "twice a month": "P1M",
  "twice a week": "P1W",
  "twice a day": "P1D",
};
rule(
  "set",
  R(
    `${B}(?:(?:every|each|per)\\s+(?:(other|single)\\s+)?(?:(${NUM})\\s+)?(${UNIT}|${WEEKDAY}|${MONTH}|morning|afternoon|evening|night|spring|summer|fall|autumn|winter)|(${alt(Object.keys(SET_ADVERBS))}))${E}`,
  ),
  (m) => {
    if (m[4]) {
      const w = m[4].toLowerCase().replace(/\s+/g, " ");
      return { ...span(m), type: "SET", role: "none", value: lit(SET_ADVERBS[w]) };
    }
    const w = m[3].toLowerCase().replace(/\.$/, "");
    const every = m[1] ? 2 : 1;
    if (w in WEEKDAYS)
      return { ...span(m), type: "SET", role: "none", value: lit(`XXXX-WXX-${WEEKDAYS[w]}`) };
    if (w in MONTHS) return { ...span(m), type: "SET", role: "none", value: lit(`XXXX-${pad2(MONTHS[w])}`) };
    if (w in SEASONS) return { ...span(m), type: "SET", role: "none", value: lit(`XXXX-${SEASONS[w]}`) };
    if (w in DAY_PARTS)
      return { ...span(m), type: "SET", role: "none", value: lit(`XXXX-XX-XXT${DAY_PARTS[w]}`) };
    const unit = unitOf(w);
    const n = m[2] ? parseNumber(m[2]) : every;
    return { ...span(m), type: "SET", role: "none", value: lit(durationValue(n, unit)) };
  },
);

// Clock times: "10 p.m.", "7:15 p.m. EST", "around 4 a.m.", "14:30 GMT", "noon", "midnight".
const TZ = `(?:\\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|local\\s+time|\\((?:\\d{4}\\s+)?GMT\\)|Eastern(?:\\s+(?:Standard|Daylight))?(?:\\s+time)?))?`;
rule(
  "clock",
  R(
    `${B}(?:(?:around|about|approximately|shortly\\s+(?:before|after)|just\\s+(?:before|after))\\s+)?(?:(\\d{1,2})(?:[:.](\\d{2}))?\\s*(a\\.m\\.?|p\\.m\\.?|am${E}|pm${E}|o'clock${E})|(\\d{1,2}):(\\d{2})${E}(?=${TZ.slice(0, -1)}))${TZ}`,
  ),
  (m) => {
    let h: number;
    let mi: number;
    if (m[4] !== undefined) {
      if (!/[A-Za-z(]/.test(m[0].slice(m[0].indexOf(m[5]) + 2))) return null; // bare "3:15" needs a zone
      h = +m[4];
      mi = +m[5];
    } else {
      h = +m[1];
      mi = m[2] ? +m[2] : 0;
      const ap = m[3].toLowerCase();
      if (ap.startsWith("p") && h < 12) h += 12;
      if (ap.startsWith("a") && h === 12) h = 0;
    }
    if (h > 24 || mi > 59) return null;
    const clock = `T${pad2(h)}:${pad2(mi)}`;
    return {
      ...span(m),
      type: "TIME",
      role: "clock",
      clock,
      value: (ctx) => `${resolveRelative(ctx, "D", 0)}${clock}`,
    };
  },
);

// Parts of the day: "this morning", "last night", "the morning", "overnight", "noon", "midnight",
// "later this afternoon", "early morning"; bare "morning" combines with a day ("Friday morning").
rule(
  "day-part",
  R(
    `${B}(?:(this|that|last|yesterday|tomorrow|the|early|late|later\\s+this|earlier\\s+this|early\\s+this|late\\s+this|mid)(?:\\s+|-))?(morning|afternoon|evening|night|overnight|noon|midnight|midday|dawn|daybreak|dusk)${E}`,
  ),
  (m, text) => {
    const pre = (m[1] ?? "").toLowerCase().replace(/\s+/g, " ");
    const part = m[2].toLowerCase();
    const clock = `T${DAY_PARTS[part]}`;
    const isClock = clock.includes(":"); // noon, midnight, midday
    if (!pre && !isClock && part !== "overnight") {
      // bare "morning": only a TIME when it joins a day ("Friday morning"), see index.ts
      return { ...span(m), type: "TIME", role: "part", clock, value: () => "", anaphoric: true };
    }
    if (pre === "that") return null;
    if (isClock && /^high$/i.test(prevWord(text, m.index))) return null; // "high noon"
    if (pre === "the" || part === "overnight") {
      // "the morning", "overnight": of the day last mentioned, else of the DCT; "the night of Oct. 23"
      // and "the night" alone are too often generic
      if (part === "night" || part === "dawn" || part === "dusk" || part === "daybreak") return null;
      return {
        ...span(m),
        type: "TIME",
        role: "part",
        clock,
        value: (ctx) =>
          `${ctx.anchor && /^\d{4}-\d{2}-\d{2}$/.test(ctx.anchor) ? ctx.anchor : resolveRelative(ctx, "D", 0)}${clock}`,
      };
    }
    const n = pre === "last" || pre === "yesterday" ? -1 : pre === "tomorrow" ? 1 : 0;
    return {
      ...span(m),
      type: "TIME",
      role: "part",
      clock,
      value: (ctx) => `${resolveRelative(ctx, "D", n)}${clock}`,
    };
  },
);

// General references: "now", "currently", "recently", "the past", "the future".
rule("ref", R(`${B}(${alt([...PRESENT_WORDS, ...PAST_WORDS, ...FUTURE_WORDS])})${E}`), (m) => {
  const w = m[1].toLowerCase().replace(/\s+/g, " ");
  if (!ENABLED_REFS.has(w)) return null;
  const value = PRESENT_WORDS.includes(w)
    ? "PRESENT_REF"
    : PAST_WORDS.includes(w)
      ? "PAST_REF"
      : "FUTURE_REF";
  return { ...span(m), type: "DATE", role: "none", value: lit(value) };
});

/**
 * Reference words that are tagged. Others in the lists ("soon", "previously", "once", "earlier")
 * are time words too but are annotated in under 40 % of their uses in TimeBank, so tagging them
 * costs more precision than it gains recall.
 */
const ENABLED_REFS = new Set([
  "now",
  "currently",
  "current",
  "presently",
  "nowadays",
  "at present",
  "these days",
  "right now",
  "recently",
  "lately",
  "formerly",
  "the past",
  "in the past",
  "the future",
  "in the future",
  "the near future",
]);

export const RULES: readonly Rule[] = rules;
