/**
 * Word lists for figures: number words, multipliers, approximation phrases, units, event verbs.
 * Plain English; loaded once.
 */
import { CARDINAL_WORDS } from "../../data/numbers.js";

/** Cardinal number words. "one" is left out: it is mostly a pronoun ("one of them"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = CARDINAL_WORDS;

/**
 * Vague plural quantities ("dozens of", "thousands of"): the value is the lower bound (two of
 * the unit) and the word becomes the approximation.
 */
export const VAGUE_QUANTITIES: Readonly<Record<string, number>> = {
  dozens: 24,
  scores: 40,
  hundreds: 200,
  thousands: 2000,
  "tens of thousands": 20000,
  "hundreds of thousands": 200000,
  millions: 2000000,
  billions: 2000000000,
};

/** Multipliers after a number: "2.5 million". */
export const MULTIPLIERS: Readonly<Record<string, number>> = {
  hundred: 100,
  thousand: 1000,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  bn: 1e9,
  mn: 1e6,
};

/** Approximation and bound phrases before a number, longest first when matched. */
export const APPROXIMATIONS: readonly string[] = [
  "more than",
  "less than",
  "fewer than",
  "at least",
  "at most",
  "up to",
  "as many as",
  "as much as",
  "as few as",
  "no more than",
  "no fewer than",
  "close to",
  "upwards of",
  "in excess of",
  "an estimated",
  "approximately",
  "roughly",
  "about",
  "around",
  "nearly",
  "almost",
  "some",
  "over",
  "under",
  "below",
  "above",
  "only",
  "just",
  "estimated",
];

/** Currency symbols and words -> unit code. */
export const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  $: "USD",
  US$: "USD",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₽": "RUB",
};
export const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  dollars: "USD",
  dollar: "USD",
  euros: "EUR",
  euro: "EUR",
  pounds: "GBP",
  rubles: "RUB",
  roubles: "RUB",
  yuan: "CNY",
  yen: "JPY",
  lira: "TRY",
  liras: "TRY",
};

/** Units of measure after a number -> normalised unit. */
export const UNIT_WORDS: Readonly<Record<string, string>> = {
  percent: "percent",
  "per cent": "percent",
  "%": "percent",
  "percentage points": "percentage points",
  years: "year",
  year: "year",
  months: "month",
  month: "month",
  weeks: "week",
  week: "week",
  days: "day",
  day: "day",
  hours: "hour",
  hour: "hour",
  minutes: "minute",
  decades: "decade",
  centuries: "century",
  km: "km",
  kilometers: "km",
  kilometres: "km",
  miles: "mile",
  meters: "m",
  metres: "m",
  tons: "ton",
  tonnes: "ton",
  barrels: "barrel",
  kg: "kg",
  kilograms: "kg",
  square: "square",
  acres: "acre",
  hectares: "hectare",
};

/**
 * Verbs of what happened to the counted people or things: "6,000 civilians ... have been
 * killed", "displacing some 2.5 million people". Base forms; the participle is derived.
 */
export const EVENT_VERBS: Readonly<Record<string, string>> = {
  kill: "killed",
  wound: "wounded",
  injure: "injured",
  displace: "displaced",
  evacuate: "evacuated",
  arrest: "arrested",
  detain: "detained",
  capture: "captured",
  deploy: "deployed",
  rescue: "rescued",
  execute: "executed",
  flee: "fled",
  die: "died",
  deport: "deported",
  release: "released",
  free: "freed",
  return: "returned",
  kidnap: "kidnapped",
  abduct: "abducted",
  destroy: "destroyed",
  damage: "damaged",
  send: "sent",
  withdraw: "withdrawn",
  station: "stationed",
  strand: "stranded",
  affect: "affected",
  infect: "infected",
  hire: "hired",
  lay: "laid off",
  sell: "sold",
  spend: "spent",
  raise: "raised",
};

/** Words before a number that make it a label, not a quantity: "No. 1", "Article 5", "page 3". */
export const LABEL_WORDS: readonly string[] = [
  "no",
  "nos",
  "number",
  "article",
  "page",
  "chapter",
  "section",
  "resolution",
  "flight",
  "route",
  "room",
  "channel",
  "version",
  "level",
  "phase",
  "round",
  "game",
  "episode",
  "season",
  "vol",
  "volume",
  "p",
  "pp",
  "grade",
  "category",
  "gate",
  "highway",
  "road",
  "unit",
];

/** Words after a number that make it a time of day. */
export const TIME_WORDS: readonly string[] = ["a.m", "p.m", "am", "pm", "gmt", "utc", "o'clock", "hrs"];

/** Words that end the counted noun phrase: prepositions, conjunctions, verbs. */
export const COUNT_STOP_WORDS: readonly string[] = [
  "of",
  "in",
  "on",
  "at",
  "by",
  "for",
  "from",
  "to",
  "with",
  "and",
  "or",
  "but",
  "than",
  "that",
  "which",
  "who",
  "were",
  "was",
  "are",
  "is",
  "have",
  "has",
  "had",
  "been",
  "be",
  "will",
  "would",
  "could",
  "including",
  "since",
  "during",
  "after",
  "before",
  "over",
  "under",
  "into",
  "across",
  "per",
  "each",
  "a",
  "an",
  "the",
  "as",
  "ago",
];
