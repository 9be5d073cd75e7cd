/**
 * Tense of the clause around a time expression, from surface cues (no POS tagger): the nearest
 * cue before the expression in its sentence decides, else the nearest one after it. This is what
 * HeidelTime does with POS tags ("last tense"), approximated with word lists and the -ed suffix.
 */
import { FUTURE_CUES, NOT_PAST_ED, PAST_CUES, PRESENT_CUES } from "./data.js";

export type Tense = "past" | "present" | "future" | null;

/** How many words on each side of the expression are inspected (words; HeidelTime uses the sentence). */
const MAX_WORDS_BACK = 14;
const MAX_WORDS_FORWARD = 8;

/** Character windows holding those words (chars; generous for 14 and 8 words of news prose). */
const MAX_CHARS_BACK = 160;
const MAX_CHARS_FORWARD = 100;

/** "until Friday", "as early as Tuesday", "no later than Monday": the coming one. */
const FUTURE_LEAD_RE = /\b(?:until|till|as\s+(?:soon|early|late)\s+as|no\s+later\s+than|by)\s+(?:on\s+)?$/i;
/** "since Tuesday": the last one. */
const PAST_LEAD_RE = /\bsince\s+(?:on\s+)?$/i;

const WORD_RE = /[A-Za-z][A-Za-z'’-]*/g;

const PERFECT_OR_PASSIVE_PAST = new Set(["had", "was", "were", "been"]);

function classify(word: string, next: string | undefined, prev: string | undefined): Tense {
  const w = word.toLowerCase().replace(/’/g, "'");
  if (w === "set" && (next === "to" || next === "for")) return "future";
  if (w === "next" && next === "to") return null; // "next to the embassy"
  if (FUTURE_CUES.has(w)) {
    if (w === "expected" || w === "planned" || w === "scheduled") {
      // "is expected to", "is scheduled for": a plan, i.e. future relative to the report;
      // "had been scheduled to": a plan in the past
      if (prev && PERFECT_OR_PASSIVE_PAST.has(prev)) return "past";
      return next === "to" || next === "for" ? "future" : null;
    }
    if (w === "plans" || w === "plan" || w === "expects" || w === "expect" || w === "intends") {
      return next === "to" ? "future" : null;
    }
    return "future";
  }
  if (w.endsWith("'ll")) return "future";
  if (w === "going" && next === "to") return "future";
  if (PAST_CUES.has(w)) return "past";
  if (PRESENT_CUES.has(w)) return "present";
  if (w.length > 4 && w.endsWith("ed") && !NOT_PAST_ED.has(w)) return "past";
  return null;
}

/**
 * Tense around [start, end) inside the sentence [sentStart, sentEnd) of `text`.
 */
export function tenseAround(
  text: string,
  sentStart: number,
  sentEnd: number,
  start: number,
  end: number,
): Tense {
  // Backwards: collect words of the sentence part before the expression, nearest first.
  // Bounded windows keep this constant-time per expression even in unpunctuated text.
  const before = text.slice(Math.max(sentStart, start - MAX_CHARS_BACK), start);
  // A deadline or starting point right before the expression decides on its own.
  if (FUTURE_LEAD_RE.test(before)) return "future";
  if (PAST_LEAD_RE.test(before)) return "past";
  const words: string[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(before); m; m = WORD_RE.exec(before)) words.push(m[0]);
  let seen = 0;
  for (let i = words.length - 1; i >= 0 && seen < MAX_WORDS_BACK; i--, seen++) {
    const t = classify(words[i], words[i + 1]?.toLowerCase(), words[i - 1]?.toLowerCase());
    if (t) return t;
  }
  const after = text.slice(end, Math.min(sentEnd, end + MAX_CHARS_FORWARD));
  WORD_RE.lastIndex = 0;
  const next: string[] = [];
  for (let m = WORD_RE.exec(after); m && next.length < MAX_WORDS_FORWARD + 1; m = WORD_RE.exec(after))
    next.push(m[0]);
  for (let i = 0; i < next.length && i < MAX_WORDS_FORWARD; i++) {
    const t = classify(next[i], next[i + 1]?.toLowerCase(), i > 0 ? next[i - 1].toLowerCase() : undefined);
    if (t) return t;
  }
  return null;
}

const ABBREV_RE =
  /(?:^|[\s(])(?:[A-Z]|[A-Z](?:\.[A-Z])+|[a-z]\.[a-z]|Mr|Mrs|Ms|Dr|Jr|Sr|St|Mt|No|vs|etc|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Rev|Prof|Inc|Corp|Co|Ltd|Bros|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)$/;

/**
 * Sentence boundaries (start offsets, ascending, first is 0) good enough for tense lookup and
 * for limiting anaphora: splits after . ! ? followed by space and an upper-case letter or quote,
 * except after short capitalised abbreviations (Oct., Mr., U.S.), and at blank lines.
 */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  const re = /[.!?]["'”’)\]]*\s+(?=["“'‘(]?[A-Z0-9])|\n\s*\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0][0] === ".") {
      const lookback = text.slice(Math.max(0, m.index - 6), m.index);
      if (ABBREV_RE.test(lookback)) continue;
    }
    starts.push(m.index + m[0].length);
  }
  return starts;
}
