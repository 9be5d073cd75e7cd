/**
 * Timelines: what happened when, every entry with the articles and outlets behind it.
 *
 * Workflow (date selection after Tran et al. 2013 and Martschat & Markert 2018's date reference
 * graph; sentence selection after the "datewise" TF-IDF centroid summariser of Ghalandari & Ifrim
 * 2020):
 *  1. Evidence. Every sentence that names a day, a month or a year (a time expression resolved
 *     against its article's publication date) is a candidate for that date; the opening sentences
 *     and the title of an article that name no date are candidates for its publication day.
 *  2. Date ranking. A date scores one point per independent source that refers to it (copies of one
 *     wire story are one source), weighted by how much later the referring article appeared
 *     (going back to a day days later is strong evidence that something happened then), plus a
 *     point per source published on that day. Months and years score less than days: they are vaguer.
 *  3. Entries. Per selected date, near-identical sentences are merged into one entry carrying every
 *     article and outlet; entries are ranked by closeness to the TF-IDF centroid of all the date's
 *     candidates, boosted by their number of independent sources, and picked greedily without
 *     repeating one another.
 */
import type { DatePrecision, Span, TimeExpression } from "../../model/article.js";
import { STOPWORDS } from "./data/stopwords.js";
import { type CalendarDate, calendarDate, dayNumber, dayOf } from "./dates.js";

export { calendarDate, dayOf, dayNumber, within, type CalendarDate } from "./dates.js";

/** One article as the timeline sees it. */
export interface TimelineDoc {
  id: string;
  outlet: string | null;
  /** ISO publication date or timestamp, or null when undated. */
  published: string | null;
  /** Independent-source key: copies of one wire story share it (their version group id). */
  source: string;
  /** The text that `sentences` and `times` index into. */
  text: string;
  sentences: Span[];
  times: TimeExpression[];
  title?: string | null;
}

export interface TimelineOptions {
  /** How many dates to keep (the best-scored); all by default. */
  dates?: number;
  /** How many entries per date; DEFAULT_PER_DATE by default. */
  perDate?: number;
}

export interface TimelineEntry {
  text: string;
  articles: string[];
  outlets: string[];
  /** Independent sources (version groups) carrying this entry. */
  sources: number;
  /** "text": a sentence that names the date; "publication": a lead sentence or title published that day. */
  origin: "text" | "publication";
}

export interface TimelineDate {
  /** "YYYY-MM-DD", "YYYY-MM" or "YYYY". */
  date: string;
  precision: DatePrecision;
  /** The date's ranking score (see workflow step 2). */
  score: number;
  /** Independent sources that refer to the date or were published on it. */
  sources: number;
  entries: TimelineEntry[];
}

// ---------------------------------------------------------------------------------------------
// Tunables. Chosen on the Timeline17 topics (bench/timelines.ts, date F1 and date-aligned ROUGE-1);
// every value was picked from a few round numbers, none fitted finely.

/** Entries per date when the caller does not say. Timeline17 references carry 2–3 sentences a day. */
export const DEFAULT_PER_DATE = 2;
/** Opening sentences of an article that stand for its publication day when they name no date
 * (news leads report the day's event). Unit: sentences. */
export const LEAD_SENTENCES = 3;
/** A reference from a source published after the date it names weighs the gap in days, capped
 * here: going back to a day a week later marks it as significant, "yesterday" is routine. Unit:
 * days. On Timeline17, caps of 5–7 days give date F1 0.59–0.61, no cap 0.52, 1 day (plain count) 0.57. */
export const LATER_REFERENCE_CAP_DAYS = 5;
/** Weight of a reference from a source published on or before the date it names: a preview ("will
 * vote on Friday") is no evidence that anything happened, and a same-day source already counts
 * through PUBLICATION_WEIGHT. (0.5 instead costs 0.02 date F1 on Timeline17.) */
export const CONCURRENT_REFERENCE_WEIGHT = 0;
/** Weight of a reference from an undated source: the gap is unknown, counted as one day. */
export const UNDATED_REFERENCE_WEIGHT = 1;
/** Weight of one source published on a day, as evidence for that day (about one "yesterday"). */
export const PUBLICATION_WEIGHT = 1;
/** Score multiplier of months and years against days: vaguer dates need more evidence (a month
 * needs ten times the references of a day to rank with it). With 0.5/0.25, the story's own busy
 * months took a third of the slots on Timeline17 (date F1 0.47 instead of 0.62). */
export const COARSE_WEIGHT: Readonly<Record<DatePrecision, number>> = { day: 1, month: 0.1, year: 0.02 };
/** Sentences whose content-word sets overlap this much (Jaccard) are one entry (copied or lightly
 * edited wire sentences). */
export const DUPLICATE_JACCARD = 0.6;
/** A candidate this close (cosine) to an entry already picked for the date is redundant. */
export const REDUNDANCY_COSINE = 0.5;
/** Entry score multiplier per extra independent source, on a log scale. */
export const SOURCE_BOOST = 0.5;
/** Preference for sentences that name the date over lead sentences that merely share its day. */
export const EXPLICIT_BOOST = 1.2;
/** Sentences shorter than this (content words) say too little for a timeline entry. */
export const MIN_CONTENT_WORDS = 4;
/** Candidates summarised per date at most (merging copies is quadratic in them); sentences that
 * name the date are kept first. Far above any Timeline17 date (a few hundred). */
export const MAX_CANDIDATES_PER_DATE = 2000;
/** Sentences longer than this (characters) are usually run-on captions or lists. */
export const MAX_SENTENCE_CHARS = 400;

// ---------------------------------------------------------------------------------------------

interface Candidate {
  doc: number;
  text: string;
  terms: Map<number, number>;
  explicit: boolean;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

class Terms {
  readonly ids = new Map<string, number>();
  df: number[] = [];
  docs = 0;

  /** Term frequencies of a sentence's content words; also counts document frequency. */
  add(text: string): Map<number, number> {
    const tf = new Map<number, number>();
    for (const m of text.toLowerCase().matchAll(WORD_RE)) {
      const w = m[0];
      if (w.length < 2 || STOPWORDS.has(w)) continue;
      let id = this.ids.get(w);
      if (id === undefined) {
        id = this.df.length;
        this.ids.set(w, id);
        this.df.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) this.df[id]++;
    this.docs++;
    return tf;
  }

  idf(id: number): number {
    return Math.log((this.docs + 1) / (this.df[id] + 1)) + 1;
  }
}

function weigh(tf: Map<number, number>, terms: Terms): Map<number, number> {
  const v = new Map<number, number>();
  let norm = 0;
  for (const [id, n] of tf) {
    const w = (1 + Math.log(n)) * terms.idf(id);
    v.set(id, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [id, w] of v) v.set(id, w / norm);
  return v;
}

function cosine(a: Map<number, number>, b: Map<number, number>): number {
  if (a.size > b.size) [a, b] = [b, a];
  let s = 0;
  for (const [id, w] of a) {
    const x = b.get(id);
    if (x !== undefined) s += w * x;
  }
  return s;
}

function jaccard(a: Map<number, number>, b: Map<number, number>): number {
  if (a.size > b.size) [a, b] = [b, a];
  let inter = 0;
  for (const id of a.keys()) if (b.has(id)) inter++;
  const union = a.size + b.size - inter;
  return union ? inter / union : 0;
}

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Distinct calendar dates named by the time expressions inside [start, end). */
function datesIn(
  times: TimeExpression[],
  from: number,
  start: number,
  end: number,
): [CalendarDate[], number] {
  const out: CalendarDate[] = [];
  let i = from;
  while (i < times.length && times[i].start < start) i++;
  for (; i < times.length && times[i].start < end; i++) {
    const t = times[i];
    if (t.type !== "DATE" && t.type !== "TIME") continue;
    const c = calendarDate(t.value);
    if (c && !out.some((o) => o.value === c.value)) out.push(c);
  }
  return [out, i];
}

/** The last day a date covers: the date itself for a day, the month's or year's end otherwise. */
function lastDay(c: CalendarDate): string {
  if (c.precision === "day") return c.value;
  if (c.precision === "year") return `${c.value}-12-31`;
  const y = Number(c.value.slice(0, 4));
  const m = Number(c.value.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${c.value}-${String(last).padStart(2, "0")}`;
}

interface DateEvidence {
  date: CalendarDate;
  /** Best reference weight per independent source. */
  refs: Map<string, number>;
  /** Sources published on this day. */
  pubs: Set<string>;
  cands: Candidate[];
  score: number;
}

/** Builds a timeline from articles: dates ranked by evidence, then the best entries per date,
 * returned in chronological order. */
export function buildTimeline(docs: readonly TimelineDoc[], opts: TimelineOptions = {}): TimelineDate[] {
  const perDate = Math.max(1, opts.perDate ?? DEFAULT_PER_DATE);
  const terms = new Terms();
  const byDate = new Map<string, DateEvidence>();
  const evidence = (date: CalendarDate): DateEvidence => {
    let e = byDate.get(date.value);
    if (!e) byDate.set(date.value, (e = { date, refs: new Map(), pubs: new Set(), cands: [], score: 0 }));
    return e;
  };
  const candidate = (doc: number, text: string, explicit: boolean): Candidate | null => {
    const t = clean(text);
    if (t.length > MAX_SENTENCE_CHARS) return null;
    const tf = terms.add(t);
    if (tf.size < MIN_CONTENT_WORDS) return null;
    return { doc, text: t, terms: tf, explicit };
  };

  // 1. Evidence.
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d];
    const pub = dayOf(doc.published);
    const pubNum = pub ? dayNumber(pub) : null;
    const times = [...doc.times].sort((a, b) => a.start - b.start);
    let ti = 0;
    const pubEv = pub ? evidence({ value: pub, precision: "day" }) : null;
    pubEv?.pubs.add(doc.source);
    if (pubEv && doc.title) {
      const c = candidate(d, doc.title, false);
      if (c) pubEv.cands.push(c);
    }
    for (let s = 0; s < doc.sentences.length; s++) {
      const span = doc.sentences[s];
      const [dates, next] = datesIn(times, ti, span.start, span.end);
      ti = next;
      if (dates.length === 0) {
        if (pubEv && s < LEAD_SENTENCES) {
          const c = candidate(d, doc.text.slice(span.start, span.end), false);
          if (c) pubEv.cands.push(c);
        }
        continue;
      }
      const c = candidate(d, doc.text.slice(span.start, span.end), true);
      for (const date of dates) {
        const ev = evidence(date);
        const gap = pubNum === null ? Number.NaN : pubNum - dayNumber(lastDay(date));
        const w = Number.isNaN(gap)
          ? UNDATED_REFERENCE_WEIGHT
          : gap > 0
            ? Math.min(gap, LATER_REFERENCE_CAP_DAYS)
            : CONCURRENT_REFERENCE_WEIGHT;
        if (!ev.refs.has(doc.source) || ev.refs.get(doc.source)! < w) ev.refs.set(doc.source, w);
        if (c) ev.cands.push(c);
      }
    }
  }

  // 2. Date ranking.
  const ranked = [...byDate.values()].filter((e) => e.cands.length > 0);
  for (const e of ranked) {
    let refs = 0;
    for (const w of e.refs.values()) refs += w;
    e.score = (refs + PUBLICATION_WEIGHT * e.pubs.size) * COARSE_WEIGHT[e.date.precision];
  }
  ranked.sort((a, b) => b.score - a.score || a.date.value.localeCompare(b.date.value));
  // A month or a year that a finer date within it outranks adds nothing that date does not say
  // more precisely ("May 2010" under "20 May 2010"): it is left out.
  const covered = new Set<string>();
  const chosen: DateEvidence[] = [];
  const limit = opts.dates ?? Number.POSITIVE_INFINITY;
  for (const e of ranked) {
    if (chosen.length >= limit) break;
    const v = e.date.value;
    if (v.length > 4) covered.add(v.slice(0, 4));
    if (v.length > 7) covered.add(v.slice(0, 7));
    if (e.date.precision !== "day" && covered.has(v)) continue;
    chosen.push(e);
  }

  // 3. Entries.
  const out: TimelineDate[] = [];
  for (const e of chosen) {
    const cands =
      e.cands.length > MAX_CANDIDATES_PER_DATE
        ? [...e.cands.filter((c) => c.explicit), ...e.cands.filter((c) => !c.explicit)].slice(
            0,
            MAX_CANDIDATES_PER_DATE,
          )
        : e.cands;
    const entries = pickEntries(cands, docs, terms, perDate);
    const sources = new Set([...e.refs.keys(), ...e.pubs]);
    out.push({
      date: e.date.value,
      precision: e.date.precision,
      score: round(e.score),
      sources: sources.size,
      entries,
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

interface Merged {
  text: string;
  vec: Map<number, number>;
  terms: Map<number, number>;
  docs: Set<number>;
  explicit: boolean;
}

function pickEntries(
  cands: Candidate[],
  docs: readonly TimelineDoc[],
  terms: Terms,
  k: number,
): TimelineEntry[] {
  // Merge copies: one entry per near-identical sentence, carrying every article.
  const merged: Merged[] = [];
  const centroid = new Map<number, number>();
  for (const c of cands) {
    const vec = weigh(c.terms, terms);
    for (const [id, w] of vec) centroid.set(id, (centroid.get(id) ?? 0) + w);
    const same = merged.find((m) => jaccard(m.terms, c.terms) >= DUPLICATE_JACCARD);
    if (same) {
      same.docs.add(c.doc);
      same.explicit ||= c.explicit;
      continue;
    }
    merged.push({ text: c.text, vec, terms: c.terms, docs: new Set([c.doc]), explicit: c.explicit });
  }
  const sourcesOf = (m: Merged) => new Set([...m.docs].map((d) => docs[d].source)).size;
  const scored = merged.map((m) => {
    const sources = sourcesOf(m);
    const score =
      cosine(m.vec, centroid) * (1 + SOURCE_BOOST * Math.log(sources)) * (m.explicit ? EXPLICIT_BOOST : 1);
    return { m, sources, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const picked: typeof scored = [];
  for (const s of scored) {
    if (picked.length >= k) break;
    if (picked.some((p) => cosine(p.m.vec, s.m.vec) > REDUNDANCY_COSINE)) continue;
    picked.push(s);
  }
  return picked.map(({ m, sources }) => {
    const ids = [...m.docs].sort((a, b) => a - b);
    const outlets: string[] = [];
    for (const d of ids) {
      const o = docs[d].outlet;
      if (o && !outlets.includes(o)) outlets.push(o);
    }
    return {
      text: m.text,
      articles: ids.map((d) => docs[d].id),
      outlets,
      sources,
      origin: m.explicit ? "text" : "publication",
    };
  });
}
