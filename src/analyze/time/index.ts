/**
 * Time expressions in English news text, normalised to TIMEX3 values against the publication date.
 *
 * Workflow (HeidelTime-style):
 *  1. Every pattern rule (`rules.ts`) scans the lines that hold its trigger words and proposes
 *     candidates.
 *  2. Overlaps are settled: the longest candidate wins, then the earlier rule.
 *  3. Neighbours combine: a day with a clock time or a part of the day ("Friday evening",
 *     "10 p.m. Wednesday") becomes one TIME expression.
 *  4. Candidates are normalised in document order, each seeing the tense of its clause and the
 *     dates mentioned before it (for "a year earlier", "the quarter").
 */
import type { TimeExpression } from "../../model/article.js";
import { parseDay } from "./calendar.js";
import type { ResolveContext } from "./resolve.js";
import { type Candidate, RULES } from "./rules.js";
import { sentenceStarts, type Tense, tenseAround } from "./tense.js";

export { parseDay } from "./calendar.js";

/** Gap allowed between a day and its clock time or part of the day: spaces and one comma. */
const JOIN_GAP = /^,?\s{1,3}$|^\s{0,2},\s{1,3}$|^\s+at\s+$/;

/**
 * Global copies of the rule triggers, to find every line that holds one. Rules with the same
 * trigger share one copy (the month rules), so each distinct trigger scans the text once.
 */
const LINE_TRIGGERS: (RegExp | null)[] = (() => {
  const byKey = new Map<string, RegExp>();
  return RULES.map(({ trigger }) => {
    if (!trigger) return null;
    const flags = `${trigger.flags.replace("g", "")}g`;
    const key = `${flags}/${trigger.source}`;
    let re = byKey.get(key);
    if (!re) {
      re = new RegExp(trigger.source, flags);
      byKey.set(key, re);
    }
    return re;
  });
})();

/** Start offsets of the lines of `text`, plus `text.length + 1` (one past the last line's end). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  starts.push(text.length + 1);
  return starts;
}

/** Runs rule `r` over text[from, to) and adds its candidates (offsets into the whole text). */
function scan(r: number, text: string, from: number, to: number, found: Candidate[]): void {
  const { re, build } = RULES[r];
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  re.lastIndex = 0;
  for (let m = re.exec(part); m; m = re.exec(part)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    m.index += from;
    const c = build(m, text) as Candidate | null;
    if (c && c.end > c.start) {
      c.rule = r;
      found.push(c);
    }
  }
}

/**
 * Step 1. A time expression never spans a line break, so each rule runs line by line, and only on
 * the lines that hold its trigger: most lines hold no month, weekday or number word, and the long
 * patterns cost time at every position they try.
 */
function collect(text: string): Candidate[] {
  const found: Candidate[] = [];
  const starts = lineStarts(text);
  // Lines (indexes into `starts`) holding each trigger, computed once per distinct trigger.
  const linesOf = new Map<RegExp, number[]>();
  for (let r = 0; r < RULES.length; r++) {
    const trigger = LINE_TRIGGERS[r];
    if (!trigger) {
      for (let l = 0; l + 1 < starts.length; l++) scan(r, text, starts[l], starts[l + 1] - 1, found);
      continue;
    }
    let lines = linesOf.get(trigger);
    if (!lines) {
      lines = triggerLines(trigger, text, starts);
      linesOf.set(trigger, lines);
    }
    for (const l of lines) scan(r, text, starts[l], starts[l + 1] - 1, found);
  }
  return found;
}

/** Indexes of the lines (see lineStarts) where the global regex `trigger` matches. */
function triggerLines(trigger: RegExp, text: string, starts: number[]): number[] {
  const out: number[] = [];
  trigger.lastIndex = 0;
  let l = 0;
  for (let t = trigger.exec(text); t; t = trigger.exec(text)) {
    while (starts[l + 1] <= t.index) l++;
    out.push(l);
    if (++l + 1 >= starts.length) break;
    trigger.lastIndex = starts[l];
  }
  return out;
}

/** Longest first, then rule order; keeps the candidates that overlap nothing already kept. */
function selectNonOverlapping(cands: Candidate[], textLength: number): Candidate[] {
  cands.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rule - b.rule || a.start - b.start);
  // A coverage mask keeps this linear in the total length of the candidates.
  const covered = new Uint8Array(textLength);
  const kept: Candidate[] = [];
  for (const c of cands) {
    let free = true;
    for (let i = c.start; i < c.end; i++) {
      if (covered[i]) {
        free = false;
        break;
      }
    }
    if (!free) continue;
    covered.fill(1, c.start, c.end);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Step 3: day + clock/part of day, either order. Unattached bare parts of the day are dropped. */
function combine(cands: Candidate[], text: string): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < cands.length; i++) {
    const a = cands[i];
    const b = cands[i + 1];
    if (b && JOIN_GAP.test(text.slice(a.end, b.start))) {
      const day = a.role === "day" ? a : b.role === "day" ? b : null;
      const time =
        a.role === "clock" || a.role === "part" ? a : b.role === "clock" || b.role === "part" ? b : null;
      if (day && time && day !== time) {
        const clock = time.clock ?? "";
        out.push({
          start: a.start,
          end: b.end,
          type: "TIME",
          role: "none",
          rule: Math.min(a.rule, b.rule),
          value: (ctx) => {
            const v = day.value(ctx);
            return /^[\dX]{4}-[\dX]{2}-[\dX]{2}$/.test(v) ? v + clock : v;
          },
        });
        i++;
        continue;
      }
    }
    if (a.role === "part" && a.anaphoric) continue; // bare "morning" without a day
    out.push(a);
  }
  return out;
}

const ABSOLUTE_RE = /^\d{4}(?:-|$)/;
const QUARTER_RE = /^\d{4}-Q[1-4]$/;

/**
 * Finds time expressions in `text` and normalises them against `referenceDate` (the publication
 * date, "YYYY-MM-DD" or an ISO timestamp). With a null reference date only absolute expressions
 * get full values; relative ones stay underspecified ("XXXX-XX-XX", "XXXX-WXX-5").
 * Offsets are JS string indices into `text`.
 */
export function extractTimes(text: string, referenceDate: string | null): TimeExpression[] {
  const dct = parseDay(referenceDate);
  const cands = combine(selectNonOverlapping(collect(text), text.length), text);
  if (!cands.length) return [];

  let starts: number[] | null = null;
  const sentenceOf = (pos: number): [number, number] => {
    if (!starts) starts = sentenceStarts(text);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return [starts[lo], lo + 1 < starts.length ? starts[lo + 1] : text.length];
  };

  const out: TimeExpression[] = [];
  let current: Candidate = cands[0];
  let tense: Tense | undefined;
  const ctx: ResolveContext = {
    dct,
    anchor: null,
    lastQuarter: null,
    lastQuarterAt: 0,
    at: 0,
    lastYear: null,
    tense: () => {
      if (tense === undefined) {
        const [s, e] = sentenceOf(current.start);
        tense = tenseAround(text, s, e, current.start, current.end);
      }
      return tense;
    },
  };
  for (const c of cands) {
    current = c;
    tense = undefined;
    ctx.at = c.start;
    const value = c.value(ctx);
    if (!value) continue;
    out.push({ start: c.start, end: c.end, text: text.slice(c.start, c.end), type: c.type, value });
    if ((c.type === "DATE" || c.type === "TIME") && ABSOLUTE_RE.test(value)) {
      if (!c.anaphoric) ctx.anchor = value;
      if (QUARTER_RE.test(value) && !c.anaphoric) {
        ctx.lastQuarter = value;
        ctx.lastQuarterAt = c.end;
      }
    }
  }
  return out;
}
