/**
 * Word lists for time-expression recognition: month and weekday names, numbers written as words,
 * duration units, seasons, parts of the day, holidays and tense cues. Data only, no logic; the
 * patterns in `patterns.ts` are compiled from these lists once, at module load.
 */
import { CARDINAL_WORDS } from "../../data/numbers.js";

/** Month names and abbreviations (lower case, without the trailing dot) → month number 1–12. */
export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/**
 * Month names that are also common words ("may", "march") or abbreviations that collide with
 * words ("mar", "jan" as a name): alone, they count as months only after a temporal preposition
 * or modifier, or when followed by a day number or a year.
 */
export const AMBIGUOUS_MONTHS = new Set(["may", "march", "mar", "jan", "jun", "jul", "sep", "dec", "apr"]);

/** Weekday names and abbreviations → ISO weekday (Monday = 1 … Sunday = 7). */
export const WEEKDAYS: Record<string, number> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tues: 2,
  tue: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thurs: 4,
  thu: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};

/** Weekday abbreviations that are ordinary words: they need a trailing dot to count. */
export const AMBIGUOUS_WEEKDAYS = new Set(["mon", "tue", "wed", "thu", "fri", "sat", "sun", "tues", "thurs"]);

/** Cardinal numbers written as words → value. */
export const NUMBER_WORDS: Record<string, number> = {
  ...CARDINAL_WORDS,
  zero: 0,
  a: 1,
  an: 1,
  one: 1,
  single: 1,
  half: 0.5,
  couple: 2,
};

/** Vague quantities: "several years" → PXY. */
export const VAGUE_QUANTITIES = new Set(["several", "few", "a few", "many", "some", "numerous", "countless"]);

/** Ordinal words → value (for quarters, halves, days of the month, centuries). */
export const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  "twenty-first": 21,
};

/**
 * Duration units (singular, lower case) → TIMEX3 duration unit and whether it is a time-of-day
 * unit (written after "T" in ISO 8601 durations). Plurals are derived by the patterns.
 */
export const UNITS: Record<string, { code: string; time: boolean }> = {
  second: { code: "S", time: true },
  minute: { code: "M", time: true },
  hour: { code: "H", time: true },
  day: { code: "D", time: false },
  night: { code: "D", time: false },
  week: { code: "W", time: false },
  fortnight: { code: "W", time: false },
  month: { code: "M", time: false },
  quarter: { code: "Q", time: false },
  year: { code: "Y", time: false },
  decade: { code: "DE", time: false },
  century: { code: "CE", time: false },
};

/** Irregular unit plurals and variants → singular unit. */
export const UNIT_VARIANTS: Record<string, string> = {
  seconds: "second",
  secs: "second",
  sec: "second",
  minutes: "minute",
  mins: "minute",
  min: "minute",
  hours: "hour",
  hrs: "hour",
  days: "day",
  nights: "night",
  weeks: "week",
  fortnights: "fortnight",
  months: "month",
  quarters: "quarter",
  years: "year",
  yrs: "year",
  decades: "decade",
  centuries: "century",
  "trading day": "day",
  "trading days": "day",
  "business day": "day",
  "business days": "day",
  "working days": "day",
};

/** Seasons → TIMEX3 season code. */
export const SEASONS: Record<string, string> = {
  spring: "SP",
  summer: "SU",
  fall: "FA",
  autumn: "FA",
  winter: "WI",
};

/** Parts of the day → TIMEX3 time suffix ("TMO") or clock time. */
export const DAY_PARTS: Record<string, string> = {
  morning: "MO",
  afternoon: "AF",
  "mid-afternoon": "AF",
  "mid afternoon": "AF",
  evening: "EV",
  night: "NI",
  overnight: "NI",
  midday: "12:00",
  noon: "12:00",
  midnight: "24:00",
  dawn: "MO",
  daybreak: "MO",
  dusk: "EV",
};

/**
 * Holidays with a fixed date (month-day). Movable feasts (Easter, Thanksgiving, Memorial Day,
 * Labor Day) are computed in `normalize.ts`.
 */
export const FIXED_HOLIDAYS: Record<string, string> = {
  "new year's day": "01-01",
  "new year's eve": "12-31",
  "christmas eve": "12-24",
  "christmas day": "12-25",
  christmas: "12-25",
  "boxing day": "12-26",
  "valentine's day": "02-14",
  "independence day": "07-04",
  "the fourth of july": "07-04",
  "fourth of july": "07-04",
  halloween: "10-31",
  "veterans day": "11-11",
  "armistice day": "11-11",
  "bastille day": "07-14",
  "may day": "05-01",
  "st. patrick's day": "03-17",
  "all saints' day": "11-01",
};

/** Movable US/Christian holidays, resolved by rule. */
export const MOVABLE_HOLIDAYS = new Set([
  "easter",
  "easter sunday",
  "good friday",
  "thanksgiving",
  "thanksgiving day",
  "memorial day",
  "labor day",
  "election day",
  "mother's day",
  "father's day",
]);

/** Words that mean the present time in general (TIMEX3 PRESENT_REF). */
export const PRESENT_WORDS = [
  "now",
  "currently",
  "current",
  "presently",
  "nowadays",
  "at present",
  "these days",
  "right now",
  "just now",
  "at the moment",
  "at this time",
  "at this point",
  "the present",
  "this time",
];

/** Words that mean the past in general (PAST_REF). */
export const PAST_WORDS = [
  "recently",
  "recent",
  "lately",
  "previously",
  "formerly",
  "the past",
  "once",
  "earlier",
  "before",
];

/** Words that mean the future in general (FUTURE_REF). */
export const FUTURE_WORDS = [
  "soon",
  "the future",
  "future",
  "shortly",
  "the near future",
  "the coming",
  "upcoming",
  "someday",
  "eventually",
];

/** Tense cues, see `tense.ts`. Future markers. */
export const FUTURE_CUES = new Set([
  "will",
  "'ll",
  "shall",
  "won't",
  "wo",
  "gonna",
  "tomorrow",
  "next",
  "upcoming",
  "scheduled",
  "plans",
  "plan",
  "planned",
  "expects",
  "expected",
  "expect",
  "intends",
]);

/** Present-tense auxiliaries and common verbs. */
export const PRESENT_CUES = new Set([
  "is",
  "are",
  "am",
  "has",
  "have",
  "does",
  "do",
  "says",
  "say",
  "remains",
  "continues",
  "can",
]);

/** Irregular past-tense verb forms (regular ones end in -ed). */
export const PAST_CUES = new Set([
  "was",
  "were",
  "had",
  "did",
  "said",
  "told",
  "made",
  "took",
  "came",
  "went",
  "got",
  "gave",
  "left",
  "met",
  "held",
  "began",
  "won",
  "lost",
  "paid",
  "sold",
  "bought",
  "became",
  "found",
  "spent",
  "rose",
  "fell",
  "saw",
  "knew",
  "thought",
  "brought",
  "put",
  "set",
  "cut",
  "hit",
  "led",
  "ran",
  "sent",
  "stood",
  "struck",
  "wrote",
  "spoke",
  "broke",
  "chose",
  "drove",
  "flew",
  "grew",
  "kept",
  "meant",
  "built",
  "felt",
  "heard",
  "shot",
  "slid",
  "sank",
  "swore",
  "threw",
  "understood",
  "woke",
  "ago",
  "yesterday",
  "last",
  "earlier",
]);

/** Words ending in "-ed" that are not past-tense verbs. */
export const NOT_PAST_ED = new Set([
  "need",
  "needs",
  "feed",
  "seed",
  "speed",
  "bed",
  "red",
  "shed",
  "hundred",
  "united",
  "limited",
  "indeed",
  "proceed",
  "succeed",
  "exceed",
  "breed",
  "greed",
  "weed",
  "creed",
  "deed",
  "led",
  "fed",
  "wed",
  "based",
  "related",
  "expected",
  "scheduled",
  "planned",
  "proposed",
  "concerned",
  "interested",
  "so-called",
  "detailed",
  "advanced",
  "armed",
  "qualified",
  "skilled",
  "talented",
]);
