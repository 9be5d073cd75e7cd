/**
 * Sentence splitter for English news text.
 *
 * Workflow, one linear pass per line:
 *  1. Every line break ends a sentence: news bodies put each paragraph (and each chrome line,
 *     heading, caption) on its own line, so a sentence never crosses one.
 *  2. Inside a line, a candidate boundary is a run of terminators (. ! ? …) followed by any
 *     closing quotes or brackets and then whitespace: `"…necessary," he said.` keeps its period,
 *     `…to return.”` keeps its closing quote.
 *  3. A candidate is rejected when the next word starts in lower case (`"Why?" he asked`), and,
 *     after a period, when the word before is a title (Mr., Gen., Sen.), an initial (George W.
 *     Bush), or a month or "No." before a number (Jan. 5, No. 1). Abbreviations that can end a
 *     sentence (U.S., Inc., a.m.) end one only when the next word is a typical sentence opener
 *     ("The", "He", "But") or an opening quote.
 *  Decimals (2.5) and dotted acronyms never reach step 3: they have no whitespace after the dot.
 *  Quotations that hold several sentences are split like any text; the closing mark after the
 *  last period stays with its sentence.
 */
import type { Span } from "../model/article.js";

// ---------------------------------------------------------------------------------------------
// Data: abbreviations (lower case, without the final period).

/** Titles and name parts that are always followed by more of the name: never a sentence end. */
const TITLES = new Set(
  (
    "mr mrs ms mssrs messrs dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep reps sens " +
    "pres supt insp det rev fr hon amb atty gens brig sr jr st mt ft ave blvd"
  ).split(" "),
);
// "Sr." and "Jr." end names ("Martin Luther King Jr. said") more often than sentences; "St." is
// mostly "St. Louis". They are in TITLES because a break after them is rarer than a non-break.

/** Month abbreviations and "No."/"Nos."/"Art."/"Vol.": not a sentence end before a number. */
const BEFORE_NUMBER = new Set(
  "jan feb mar apr jun jul aug sep sept oct nov dec no nos art vol fig p pp ch sec".split(" "),
);

/** Abbreviations that may end a sentence: break only before a typical sentence opener. */
const AMBIGUOUS = new Set(
  "inc corp co ltd llc plc bros etc vs approx dept univ est a.m p.m u.s u.k u.n e.u d.c".split(" "),
);

/** Abbreviations after which a sentence never ends ("e.g.", "i.e.", "cf.", "Roe v. Wade"). */
const NEVER_END = new Set("e.g i.e cf viz al v".split(" "));

/**
 * Words that typically open a sentence: they license a break after an ambiguous abbreviation. Not
 * "President" or "officials": after "U.S." they are mostly its noun ("U.S. President Barack Obama",
 * "U.S. officials said").
 */
const OPENERS = new Set(
  (
    "the a an he she it they we i you his her its their our my this that these those there here " +
    "but and so yet or nor if in on at as after before when while since although though however " +
    "meanwhile also still then now today yesterday last earlier later some many most several " +
    "mr mrs ms dr"
  ).split(" "),
);

// ---------------------------------------------------------------------------------------------

/** Characters that close a quotation or bracket: they belong to the sentence they end. */
const CLOSERS = "\"'”’»)]";
const OPENING_QUOTES = "\"“‘'«(";

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 13 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
}

function isLowerStart(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

// The scanning loop below reads character codes, not one-character strings: cheaper, and V8 keeps
// one optimised version for all strings.
const codesOf = (chars: string): ReadonlySet<number> => new Set([...chars].map((c) => c.charCodeAt(0)));
const CLOSER_CODES = codesOf(CLOSERS);
const OPENING_QUOTE_CODES = codesOf(OPENING_QUOTES);

/** isLowerStart for the UTF-16 unit at `i` (ASCII answered from the code). */
function isLowerStartAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 97 && c <= 122;
  return !Number.isNaN(c) && isLowerStart(text[i]); // NaN past the end of the text
}

function isTerminatorCode(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026; // . ! ? …
}

function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

/** The word right before position `end` (exclusive), without leading opening punctuation. */
function wordBefore(text: string, end: number, lineStart: number): string {
  let s = end;
  while (s > lineStart && !isSpace(text.charCodeAt(s - 1))) s--;
  let w = text.slice(s, end);
  while (w.length && OPENING_QUOTES.includes(w[0])) w = w.slice(1);
  return w;
}

/** The word starting at `start`, lower-cased and stripped of punctuation at its end. */
function wordAt(text: string, start: number, lineEnd: number): string {
  let e = start;
  while (e < lineEnd && !isSpace(text.charCodeAt(e))) e++;
  return text
    .slice(start, e)
    .replace(/[^\p{L}\p{N}]+$/u, "")
    .toLowerCase();
}

/** Decides whether a period ending `prev` (the word before it) ends the sentence before `next`. */
function periodEnds(prev: string, nextChar: string, nextWord: string, nextIsQuote: boolean): boolean {
  const lower = prev.toLowerCase();
  if (TITLES.has(lower) || NEVER_END.has(lower)) return false;
  // A title in a compound: "then-Sen. Barack Obama", "ex-Gov. Jeb Bush".
  const hyphen = lower.lastIndexOf("-");
  if (hyphen >= 0 && TITLES.has(lower.slice(hyphen + 1))) return false;
  // A single capital letter: an initial ("George W. Bush", "J. K. Rowling").
  if (prev.length === 1 && prev !== prev.toLowerCase()) return false;
  if (isDigit(nextChar)) {
    if (BEFORE_NUMBER.has(lower)) return false;
    // "at 5 p.m. 3 people..." is rare; a number after an ordinary word opens a sentence.
    return !AMBIGUOUS.has(lower);
  }
  // Dotted acronyms and ambiguous abbreviations: U.S., U.N., a.m., Inc.
  if (AMBIGUOUS.has(lower) || /^(?:\p{L}\.)+\p{L}$/u.test(prev)) {
    return nextIsQuote || OPENERS.has(nextWord);
  }
  return true;
}

/**
 * Splits `text` into sentences, as spans of JS string offsets (trimmed of surrounding whitespace,
 * in order, never overlapping). Linear in the length of the text.
 */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  let lineStart = 0;
  while (lineStart <= n) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = n;
    splitLine(text, lineStart, lineEnd, out);
    lineStart = lineEnd + 1;
  }
  return out;
}

function pushTrimmed(text: string, s: number, e: number, out: Span[]): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e });
}

function splitLine(text: string, lineStart: number, lineEnd: number, out: Span[]): void {
  let sentStart = lineStart;
  let i = lineStart;
  while (i < lineEnd) {
    if (!isTerminatorCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const termStart = i;
    while (i < lineEnd && isTerminatorCode(text.charCodeAt(i))) i++;
    let j = i;
    // Closing quotes and brackets right after the terminator belong to this sentence.
    while (j < lineEnd && CLOSER_CODES.has(text.charCodeAt(j))) j++;
    if (j < lineEnd && !isSpace(text.charCodeAt(j))) continue; // "2.5", "U.S.-led", "Yahoo!Inc"
    let k = j;
    while (k < lineEnd && isSpace(text.charCodeAt(k))) k++;
    if (k >= lineEnd) break; // the line break ends it anyway
    let wordStart = k;
    while (wordStart < lineEnd && OPENING_QUOTE_CODES.has(text.charCodeAt(wordStart))) wordStart++;
    const nextIsQuote = wordStart > k;
    if (isLowerStartAt(text, wordStart)) continue;
    if (i - termStart === 1 && text.charCodeAt(termStart) === 46 /* . */) {
      const nextChar = text[k];
      const prev = wordBefore(text, termStart, lineStart);
      if (!periodEnds(prev, nextChar, wordAt(text, wordStart, lineEnd), nextIsQuote)) continue;
    }
    pushTrimmed(text, sentStart, j, out);
    sentStart = k;
    i = k;
  }
  pushTrimmed(text, sentStart, lineEnd, out);
}
