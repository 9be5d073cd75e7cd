/**
 * Figures: numbers with their unit, what they count, their approximation, the source the article
 * attributes them to, and their sentence.
 *
 * Workflow per sentence:
 *  1. Find numbers: digits ("6,000", "2.5"), number words ("three"), vague quantities ("thousands
 *     of"), with a currency before ("$1.5") and a multiplier after ("million").
 *  2. Skip what is not a quantity: years used as dates (a bare 1800-2100), days of a month
 *     ("July 27"), times ("10:30", "5 p.m."), ordinals ("21st"), labels ("No. 1", "page 3"),
 *     numbers inside URLs or codes ("F-16"), and lines too short to be prose (page chrome).
 *  3. Read around it: an approximation before ("more than", "at least", "some"), a range
 *     ("between 3 and 5", "3 to 5", "3-5"), a unit after ("percent", "years", "dollars"), the
 *     counted noun phrase ("civilians", "Iranian fighters") and what happened to it ("killed",
 *     from "have been killed" after it or "displacing" before it).
 *  4. Source: the speaker of the quote or reported clause that contains the figure
 *     ("..., the Syrian Network for Human Rights (SNHR) says", "according to SNHR").
 */
import type { Entity, Figure, Mention, Quote, Span } from "../../model/article.js";
import { extractQuotes } from "../quotes/index.js";
import {
  APPROXIMATIONS,
  COUNT_STOP_WORDS,
  CURRENCY_SYMBOLS,
  CURRENCY_WORDS,
  EVENT_VERBS,
  LABEL_WORDS,
  MULTIPLIERS,
  NUMBER_WORDS,
  TIME_WORDS,
  UNIT_WORDS,
  VAGUE_QUANTITIES,
} from "./data.js";

export interface FigureContext {
  sentences: Span[];
  mentions?: Mention[];
  entities?: Entity[];
  /** Quotes of the same text (from extractQuotes); computed when absent. */
  quotes?: Quote[];
}

/** Lines with fewer words than this are page chrome ("Newsfeed", "0"), not prose, in words. */
const MIN_LINE_WORDS = 4;
/** Number words that open another figure ("some two million", "hundreds"). */
const NUMBER_WORD_RE =
  /^(?:some|about|nearly|more|over|at|up|hundreds|thousands|millions|dozens|two|three|four|five|six|seven|eight|nine|ten)$/;
/** Longest counted noun phrase, in words ("Iranian-backed Shiite militia fighters"). */
const MAX_COUNT_WORDS = 4;
/** How far after the counted phrase "have been killed" may come, in words (over an appositive). */
const MAX_EVENT_GAP_WORDS = 8;
/** Plausible years: a bare integer in this range with no unit is a date, not a count. */
const YEAR_MIN = 1800;
const YEAR_MAX = 2100;

const MONTHS = new Set(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);
const STOP = new Set(COUNT_STOP_WORDS);
// The word tables as Maps: lookups by arbitrary words stay monomorphic for V8 (and never see
// Object.prototype names such as "constructor").
const VAGUE = new Map(Object.entries(VAGUE_QUANTITIES));
const NUMBERS = new Map(Object.entries(NUMBER_WORDS));
const MULTIPLIER_OF = new Map(Object.entries(MULTIPLIERS));
const UNITS = new Map(Object.entries(UNIT_WORDS));
const CURRENCIES = new Map(Object.entries(CURRENCY_WORDS));
const CURRENCY_OF = new Map(Object.entries(CURRENCY_SYMBOLS));
const LABELS = new Set(LABEL_WORDS);
const TIMES = new Set(TIME_WORDS);
const APPROX_SORTED = [...APPROXIMATIONS].sort((a, b) => b.length - a.length);
const EVENT_FORMS = new Map<string, string>();
for (const [base, part] of Object.entries(EVENT_VERBS)) {
  const stem = base.endsWith("e") ? base.slice(0, -1) : base;
  for (const f of [part, `${stem}ing`, base.endsWith("e") ? `${base}s` : `${base}s`])
    EVENT_FORMS.set(f, part);
}
EVENT_FORMS.set("dead", "killed");

// One number: optional currency, digits with thousands separators and decimals, or a number word
// or vague quantity. Lookarounds keep codes ("F-16", "a62363", "21st", "10:30") out.
const NUMBER_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,:/#-])(US\$|[$€£¥₽])?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{L}\p{N}]|[.,:]\d|:)|\b(${[
    ...Object.keys(VAGUE_QUANTITIES).sort((a, b) => b.length - a.length),
    ...Object.keys(NUMBER_WORDS),
  ].join("|")})\b`,
  "giu",
);
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*|%/gu;

interface Word {
  t: string;
  l: string;
  s: number;
  e: number;
}

function wordsIn(text: string, s: number, e: number): Word[] {
  const out: Word[] = [];
  WORD_RE.lastIndex = s;
  for (let m = WORD_RE.exec(text); m && m.index < e; m = WORD_RE.exec(text)) {
    let t = m[0];
    // Keep "a.m." and "U.S." dots but drop a sentence-final one.
    if (t.endsWith(".") && !/^(?:\p{L}\.)+$/u.test(t)) t = t.slice(0, -1);
    out.push({ t, l: t.toLowerCase(), s: m.index, e: m.index + t.length });
  }
  return out;
}

/** Extracts the figures of `text`. `ctx.sentences` are the sentence spans of the same text. */
export function extractFigures(text: string, ctx: FigureContext): Figure[] {
  const quotes = ctx.quotes ?? extractQuotes(text, { sentences: ctx.sentences, mentions: ctx.mentions });
  const out: Figure[] = [];
  // Display names of speakers' entities: the entity's name, else its longest named speaker phrase.
  const names = new Map<string, string>();
  for (const e of ctx.entities ?? []) names.set(e.key, e.name);
  for (const q of quotes) {
    const sp = q.speaker;
    if (!sp?.entity || !/^\p{Lu}/u.test(sp.text) || /^(?:He|She|They|It|The)\b/.test(sp.text)) continue;
    const cur = names.get(sp.entity);
    if (!ctx.entities?.length && (!cur || cur.length < sp.text.length))
      names.set(sp.entity, cleanSource(sp.text));
  }
  const numbers = new NumberScanner(text);
  // The line last measured (sentences come in order, so neighbours share it) and its word count.
  let lastLine = -1;
  let lastLineEnd = -1;
  let lastCount = 0;
  for (const sent of ctx.sentences) {
    // Most sentences hold no number: look for one before reading words.
    let m = numbers.from(sent.start);
    if (!m || m.index >= sent.end) continue;
    const lineStart = text.lastIndexOf("\n", sent.start - 1) + 1;
    let lineEnd = text.indexOf("\n", sent.end);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineStart !== lastLine || lineEnd !== lastLineEnd) {
      lastLine = lineStart;
      lastLineEnd = lineEnd;
      lastCount = countWords(text, lineStart, lineEnd, MIN_LINE_WORDS);
    }
    if (lastCount < MIN_LINE_WORDS) continue;
    const words = wordsIn(text, sent.start, sent.end);
    while (m && m.index < sent.end) {
      const fig = readFigure(text, sent, words, m, quotes, names);
      let next = m.index + m[0].length;
      if (fig) {
        out.push(fig);
        if (fig.end > next) next = fig.end;
      }
      m = numbers.from(next);
    }
  }
  return out;
}

/**
 * Leftmost matches of NUMBER_RE from any position, scanning the text once overall. Whether a match
 * starts at a position does not depend on where the scan began (lookbehinds read the whole text),
 * so the match found from `a` is also the answer for every position between `a` and its start.
 */
class NumberScanner {
  private scannedFrom = -1;
  private next: RegExpExecArray | null = null;
  constructor(private readonly text: string) {}

  from(pos: number): RegExpExecArray | null {
    if (this.scannedFrom >= 0 && pos >= this.scannedFrom && (this.next === null || pos <= this.next.index))
      return this.next;
    NUMBER_RE.lastIndex = pos;
    this.next = NUMBER_RE.exec(this.text);
    this.scannedFrom = pos;
    return this.next;
  }
}

/** Number of WORD_RE words in text[s, e), counting no further than `max`. */
function countWords(text: string, s: number, e: number, max: number): number {
  let n = 0;
  WORD_RE.lastIndex = s;
  for (let m = WORD_RE.exec(text); m && m.index < e && n < max; m = WORD_RE.exec(text)) n++;
  return n;
}

function readFigure(
  text: string,
  sent: Span,
  words: Word[],
  m: RegExpExecArray,
  quotes: Quote[],
  names: Map<string, string>,
): Figure | null {
  const currency = m[1] ? (CURRENCY_OF.get(m[1]) ?? null) : null;
  const digits = m[2];
  const word = m[3]?.toLowerCase();
  const numStart = digits ? m.index + m[0].indexOf(digits) : m.index;
  const numEnd = m.index + m[0].length;
  // Skip numbers inside URLs and paths.
  const chunkStart = text.lastIndexOf(" ", numStart) + 1;
  if (/https?:|www\.|\/\d/.test(text.slice(chunkStart, numEnd + 1))) return null;
  // And identifiers: a leading zero ("0207"), or digit groups in a row ("0207 782 4368").
  if (
    digits &&
    (/^0\d/.test(digits) ||
      /\d $/.test(text.slice(Math.max(0, numStart - 2), numStart)) ||
      /^ \d/.test(text.slice(numEnd, numEnd + 2)))
  )
    return null;

  let value: number;
  let approx: string | null = null;
  if (digits) value = Number(digits.replace(/,/g, ""));
  else if (word && VAGUE.has(word)) {
    value = VAGUE.get(word) ?? Number.NaN;
    approx = word;
  } else value = NUMBERS.get(word ?? "") ?? Number.NaN;
  if (!Number.isFinite(value)) return null;

  // Words before and after the number.
  let wi = words.findIndex((w) => w.e > numStart);
  if (wi < 0) return null;
  while (wi < words.length && words[wi].s < numEnd && words[wi].e <= numEnd) wi++;
  const after = words.slice(wi);
  const beforeIdx = words.findIndex((w) => w.e > numStart - (m[1]?.length ?? 0) - 1);
  const before = words.slice(0, beforeIdx < 0 ? words.length : beforeIdx).filter((w) => w.e <= numStart);
  const prev = before.length > 0 ? before[before.length - 1] : undefined;

  // Dates, times, labels, ordinals.
  if (prev && (MONTHS.has(prev.l) || LABELS.has(prev.l))) return null;
  // Reads past the ends of `after` test the length first: an out-of-bounds read would make V8
  // re-optimise this function.
  const first = after.length > 0 ? after[0] : undefined;
  if (first && MONTHS.has(first.l)) return null;
  if (first && TIMES.has(first.l.replace(/\.$/, ""))) return null;
  if (/^-year-old/.test(text.slice(numEnd, numEnd + 9))) return null; // an age, not a reported figure
  if (digits && !currency && /^\d{4}$/.test(digits) && value >= YEAR_MIN && value <= YEAR_MAX) {
    const next = first?.l ?? "";
    if (!UNITS.has(next) && !CURRENCIES.has(next) && !MULTIPLIER_OF.has(next)) return null;
  }
  if (word && (prev?.l === "the" || prev?.l === "these" || prev?.l === "those") && !VAGUE.has(word)) {
    // "the two countries": a definite reference, not a reported quantity.
    return null;
  }

  let k = 0; // index into `after`
  // Multiplier: "2.5 million", "three hundred".
  let mult = 1;
  while (k < after.length && MULTIPLIER_OF.has(after[k].l)) {
    mult *= MULTIPLIER_OF.get(after[k].l) ?? 1;
    k++;
  }
  value *= mult;
  // Vague "thousands of", "dozens of" take "of" before the counted phrase.
  if (word && VAGUE.has(word)) {
    if (k >= after.length || after[k].l !== "of") return null;
    k++;
  }

  // Range: "3 to 5", "3-5", "between 3 and 5".
  let valueMax: number | undefined;
  const rangeM = /^\s*(?:-|–|to|and)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)/.exec(
    text.slice(numEnd, numEnd + 20),
  );
  let end = numEnd;
  if (
    digits &&
    rangeM &&
    (rangeM[0].includes("-") || rangeM[0].includes("–") || prev?.l === "between" || /to/.test(rangeM[0]))
  ) {
    valueMax = Number(rangeM[1].replace(/,/g, "")) * mult;
    end = numEnd + rangeM[0].length;
    while (k < after.length && after[k].s < end) k++;
    while (k < after.length && MULTIPLIER_OF.has(after[k].l)) k++;
  }

  // Approximation before.
  let start = m.index;
  const head = text.slice(Math.max(sent.start, start - 24), start).toLowerCase();
  for (const a of APPROX_SORTED) {
    if (head.endsWith(`${a} `)) {
      approx = approx ?? a;
      start -= a.length + 1;
      break;
    }
  }
  if (prev?.l === "between" && valueMax !== undefined) {
    approx = approx ?? "between";
    start = prev.s;
  }

  // Unit.
  let unit: string | null = currency;
  const two = k + 1 < after.length ? `${after[k].l} ${after[k + 1].l}` : "";
  if (UNITS.has(two)) {
    unit = UNITS.get(two) ?? null;
    k += 2;
  } else if (k < after.length && UNITS.has(after[k].l) && !currency) {
    unit = UNITS.get(after[k].l) ?? null;
    k++;
  } else if (k < after.length && CURRENCIES.has(after[k].l)) {
    unit = CURRENCIES.get(after[k].l) ?? null;
    k++;
  }
  if (k > 0) end = Math.max(end, after[k - 1].e);

  // Counted noun phrase.
  let counts: string | null = null;
  const unitIsTime =
    unit === "year" || unit === "month" || unit === "week" || unit === "day" || unit === "hour";
  const countWords: Word[] = [];
  let c = k;
  if (unit && !unitIsTime && c < after.length && after[c].l === "of" && unit !== "percent") c++;
  while (c < after.length && countWords.length < MAX_COUNT_WORDS) {
    const w = after[c];
    if (STOP.has(w.l) || /^\d/.test(w.t) || MULTIPLIER_OF.has(w.l)) break;
    // Stop at punctuation between words.
    const gap = text.slice(countWords.length ? countWords[countWords.length - 1].e : end, w.s);
    if (/[,;:()"“”—]/.test(gap) || (countWords.length === 0 && /[,;:.()]/.test(gap))) break;
    if (EVENT_FORMS.has(w.l) && countWords.length) break;
    // A past-tense verb ends the phrase ("12 homes burned"); "Iranian-backed" does not.
    if (countWords.length && /^[a-z]+ed$/.test(w.t)) break;
    countWords.push(w);
    c++;
  }
  if (countWords.length && !unitIsTime && unit !== "percent") {
    counts = joinWords(countWords);
    end = countWords[countWords.length - 1].e;
  } else if (unitIsTime) counts = k > 0 ? after[k - 1].l : null;
  else if (unit === "percent" && countWords.length === 0 && k < after.length && after[k].l === "of") {
    // "30 percent of voters"
    const np = after
      .slice(k + 1, k + 1 + MAX_COUNT_WORDS)
      .filter((w, i, arr) => !STOP.has(w.l) && (i === 0 || !STOP.has(arr[i - 1].l)));
    if (np.length) counts = joinWords(np);
  }
  if (!unit && !counts && !approx && word) return null; // a bare number word is rarely a figure

  // What happened to them: "displacing some 2.5 million people", "have been killed".
  if (counts && !unitIsTime) {
    let event: string | null = null;
    for (let b = before.length - 1; b >= Math.max(0, before.length - 3); b--) {
      if (/[,;:.]/.test(text.slice(before[b].e, start))) break;
      const f = EVENT_FORMS.get(before[b].l);
      if (f) {
        event = f;
        break;
      }
    }
    if (!event) {
      for (let g = c; g < Math.min(after.length, c + MAX_EVENT_GAP_WORDS); g++) {
        const f = EVENT_FORMS.get(after[g].l);
        if (f) {
          event = f;
          break;
        }
        if (["said", "says", "according", "but", "while"].includes(after[g].l)) break;
        // "claimed 20,000 lives and displaced 2.6 million people": that event is the next figure's.
        if (
          (after[g].l === "and" || after[g].l === "or") &&
          EVENT_FORMS.has(after[g + 1]?.l ?? "") &&
          after.slice(g + 2, g + 5).some((w) => /^\d/.test(w.t) || NUMBER_WORD_RE.test(w.l))
        )
          break;
      }
    }
    if (event && !counts.toLowerCase().endsWith(event)) counts = `${counts} ${event}`;
  }

  // Source: the quote or reported clause containing the number.
  let source: string | null = null;
  for (const q of quotes) {
    const parts = (q as Quote & { parts?: Span[] }).parts ?? [q];
    if (q.speaker && parts.some((p) => p.start <= numStart && p.end >= numEnd)) {
      source = (q.speaker.entity && names.get(q.speaker.entity)) || cleanSource(q.speaker.text);
      break;
    }
  }

  return {
    start,
    end,
    text: text.slice(start, end),
    value,
    ...(valueMax !== undefined ? { valueMax } : {}),
    approx,
    unit,
    counts,
    source,
    sentence: { start: sent.start, end: sent.end },
  };
}

/**
 * The words' texts joined by spaces. A loop, not .map: mapped arrays change shape once V8 optimises
 * the caller, which would re-optimise readFigure.
 */
function joinWords(words: Word[]): string {
  let s = "";
  for (let i = 0; i < words.length; i++) s += i === 0 ? words[i].t : ` ${words[i].t}`;
  return s;
}

/** "the Syrian Network for Human Rights (SNHR)" -> "Syrian Network for Human Rights (SNHR)". */
function cleanSource(s: string): string {
  return s.replace(/^(?:the|The)\s+/, "");
}
