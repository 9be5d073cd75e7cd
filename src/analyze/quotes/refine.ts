/**
 * Learned refinement of the rule attributions around quotations (models/quotes.json, trained on
 * PolNeAR train by scripts/train-quotes.ts).
 *
 * The rules in attribute.ts find cues, sources and contents; what they decide worst is what the
 * quotations themselves do. Five yes/no decisions, each a logistic regression over sparse string
 * features of the quotation and its context, are taken in this order:
 *  1. add    — a quotation no attribution covers is someone's words (source: the clause subject
 *              for a mid-sentence quotation, else the speaker of a quotation within the last
 *              sentences, else none). Trained as right when the quotation or the clause around
 *              it (which `extend` may choose next) matches: "Beck called Palin a “clown”" is
 *              annotated as the clause "Palin a “clown”", never as the quotation alone.
 *  2. merge  — a quotation opening a sentence continues the previous direct quote (one
 *              attribution with one more part) instead of being an attribution of its own.
 *  3. extend — a content made of one quotation inside a clause is the whole clause ("Trump's
 *              misinformation may be "strategic,"" said X), or, the other way round, a clause
 *              content is only its quotation.
 *  4. trim   — a clause content running on past its last quotation ends at the closing mark
 *              (`called him a “nice guy” and he didn't ...`).
 *  5. keep   — a direct attribution is kept (scare quotes, titles and slogans are dropped).
 *
 * Then, by rule: a source lying inside its own content, or before a passive cue ("is called",
 * "be dubbed"), becomes none; two cues claiming the very same content make one attribution (the
 * nearer cue); and of two direct attributions around one quotation where one's cue lies in the
 * other's content, only the inner one stays (intermediary frames excepted: they become chains).
 *
 * `refine` takes the decision function as a parameter, so training runs the very same code with
 * gold answers (teacher forcing) while it records the features of every decision.
 */
import type { Span } from "../../model/article.js";
import {
  coversCue,
  frameAttribution,
  frameSubject,
  type PhraseSpan,
  type RawAttribution,
  timeTail,
} from "./attribute.js";
import { CUE_FORMS, NAMING_BASES } from "./lexicon.js";
import { MAX_HEADLINE_LINE_CHARS, type Quotation } from "./marks.js";
import { DETERMINERS, isCueNoun, type Phrase, phraseAfter, phraseBefore } from "./phrases.js";
import { sentenceRanges, type Tok } from "./tokens.js";

export type DecisionName = "add" | "merge" | "extend" | "trim" | "keep";
export const DECISIONS: readonly DecisionName[] = ["add", "merge", "extend", "trim", "keep"];

/** One decision: what it would produce, for labelling in training. */
export interface Candidate {
  /** The content if the answer is yes. */
  yes: Span[];
  /** The content if the answer is no (empty: no attribution). */
  no: Span[];
  /** For merge: the attribution being continued (its content before the merge). */
  into?: Span[];
  /** For add: the source the added attribution would have (training labels need it right). */
  source?: Span | null;
  /** For add: the clause around the quotation, which the extend decision may choose afterwards
   * (so a quotation is worth adding when either content matches). */
  clause?: Span[] | null;
  /** What the rules chose, when they chose (extend: whether the content is the clause). */
  current?: boolean;
}

export type Decide = (d: DecisionName, feats: string[], cand: Candidate) => boolean;

/** How `refine` settles attributions that nest in an intermediary frame. */
export interface RefineOptions {
  /**
   * Keep quotes for their chains (the product): a cue inside the content of an intermediary frame
   * of its sentence (`He mentioned ..., Al Jazeera reported`) keeps its attribution whatever the
   * keep decision says, and of two cues claiming the very same content, a speaker's wins over an
   * intermediary's (`Putin said ... “...”, as per Al Jazeera`), which it records as `relayedBy`.
   * Off (benchmarks, training): PolNeAR's conventions, where each word belongs to one attribution.
   */
  chains?: boolean;
}

/**
 * An attribution that reports where words came from rather than who said them: "according to X",
 * "citing X", "as per X", or a reporting verb ("Al Jazeera reported"), X being a name.
 */
function isIntermediaryFrame(a: RawAttribution): boolean {
  return (
    a.source?.kind === "name" &&
    (a.kind === "according" || a.kind === "citing" || (a.kind === "verb" && REPORTING_BASES.has(a.cueBase)))
  );
}

/** A logistic regression over string features. */
export interface LinearModel {
  bias: number;
  /** Decision threshold on the probability, chosen on a held-out slice of train. */
  threshold: number;
  weights: Record<string, number>;
}

export interface QuotesModel {
  version: 1;
  decisions: Record<DecisionName, LinearModel>;
}

/** Probability of yes under `m`. */
export function probability(m: LinearModel, feats: string[]): number {
  let z = m.bias;
  for (const f of feats) z += m.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** The decision function of a trained model. */
export function modelDecide(model: QuotesModel): Decide {
  return (d, feats) => {
    const m = model.decisions[d];
    return probability(m, feats) >= m.threshold;
  };
}

/** How far back an added quotation looks for the speaker of an earlier quotation, in sentences. */
const ADD_SPEAKER_SENTENCES = 2;
/** How far a continued quotation may be from the quote it continues, in sentences. */
const MERGE_MAX_SENTENCES = 4;

/** Auxiliaries and adverbs between a subject and its verb ("has also", "would not"). */
const AUXILIARIES = new Set(
  "has have had is was were are be been will would could should can may might must did does do also not never once still even just already again".split(
    " ",
  ),
);

interface Ctx {
  text: string;
  toks: Tok[];
  quotations: Quotation[];
  /** Token range [first, end) of each sentence. */
  ranges: [number, number][];
  /** First and last token of each quotation (-1 when it has none). */
  qFirst: Int32Array;
  qLast: Int32Array;
}

const bucket = (n: number) =>
  n <= 0 ? "0" : n <= 3 ? String(n) : n <= 5 ? "4-5" : n <= 9 ? "6-9" : n <= 19 ? "10-19" : "20+";

function isCue(t: Tok | undefined): boolean {
  return !!t && t.q < 0 && t.word && CUE_FORMS.has(t.l) && (!t.cap || t.t === "Says" || t.t === "Said");
}

function lastChar(text: string, q: Quotation): string {
  const inner = text.slice(q.parts[q.parts.length - 1].start, q.end).replace(/["”’»']+$/, ""); // ('' is two ', and an alternation of the two backtracks exponentially)
  const c = inner[inner.length - 1] ?? "";
  return /[.,?!:;—-]/.test(c) ? c : "w";
}

/** Words of quotation `qi`. */
function wordsOf(ctx: Ctx, qi: number): number {
  const a = ctx.qFirst[qi];
  if (a < 0) return 0;
  let n = 0;
  for (let k = a; k <= ctx.qLast[qi]; k++) if (ctx.toks[k].word) n++;
  return n;
}

const wordKey = (t: Tok | undefined, fallback: string) =>
  !t ? fallback : t.q >= 0 ? "<q>" : t.word ? (t.cap ? `^${t.l}` : t.l) : t.t;

/** Features of quotation `qi` in its context, shared by every decision. */
function quotationFeatures(ctx: Ctx, qi: number, out: string[]): void {
  const { toks, text, quotations, ranges } = ctx;
  const q = quotations[qi];
  const a = ctx.qFirst[qi];
  const b = ctx.qLast[qi];
  const si = toks[a].sent;
  const [lo, hi] = si >= 0 ? ranges[si] : [a, b + 1];
  const n = wordsOf(ctx, qi);
  out.push(`w:${bucket(n)}`);
  const initial = a <= lo;
  let after = b + 1;
  while (after < hi && !toks[after].word && toks[after].q < 0) after++;
  const final = after >= hi;
  out.push(`pos:${initial ? "i" : "m"}${final ? "f" : "m"}`);
  const prev = a > lo ? toks[a - 1] : undefined;
  const prev2 = a - 1 > lo ? toks[a - 2] : undefined;
  const next = b + 1 < hi ? toks[b + 1] : undefined;
  const next2 = b + 2 < hi ? toks[b + 2] : undefined;
  out.push(`p1:${wordKey(prev, "<s>")}`, `p2:${wordKey(prev2, "<s>")}|${wordKey(prev, "<s>")}`);
  out.push(`n1:${wordKey(next, "</s>")}`, `n2:${wordKey(next, "</s>")}|${wordKey(next2, "</s>")}`);
  // Conjunctions the linear model cannot form itself: a short quotation after "called"/"the" is a
  // label or title, a long one a statement.
  const wb = n <= 3 ? "s" : "l";
  out.push(`wp1:${wb}|${wordKey(prev, "<s>")}`, `wn1:${wb}|${wordKey(next, "</s>")}`);
  // The nearest lower-case word before the quotation in its sentence that looks like a verb
  // ("dubbed", "described ... as", "calling").
  for (let k = a - 1; k >= lo && k >= a - 6; k--) {
    const t = toks[k];
    if (t.q >= 0 || !t.word || t.cap) continue;
    if (/(?:ed|ing|s)$/.test(t.l) && t.l.length > 3) {
      out.push(`pv:${wb}|${t.l}`);
      break;
    }
  }
  const inner0 = toks[a + 1];
  if (inner0?.word) out.push(`in1:${wb}|${inner0.cap ? "^" : ""}${inner0.l}`);
  if (isCue(prev) || isCue(prev2)) out.push("cue:before1");
  if (isCue(next) || isCue(next2) || (next?.word && next.cap && isCue(toks[b + 3]))) out.push("cue:after1");
  let cueBefore = false;
  let cueAfter = false;
  for (let k = lo; k < a; k++) if (isCue(toks[k])) cueBefore = true;
  for (let k = b + 1; k < hi; k++) if (isCue(toks[k])) cueAfter = true;
  out.push(`cue:${cueBefore ? "b" : ""}${cueAfter ? "a" : ""}`);
  out.push(`end:${lastChar(text, q)}`);
  const inner = toks.slice(a, b + 1).filter((t) => t.word);
  if (inner.length) {
    out.push(`cap1:${inner[0].cap}`);
    if (inner.length > 1 && inner.every((t) => t.cap || t.l.length <= 3)) out.push("title");
  }
  if (q.parts.length > 1) out.push("multi");
  const lineStart = text.lastIndexOf("\n", q.start - 1) + 1;
  if (text.slice(lineStart, q.start).trim() === "") out.push("line:start");
  const open = text.slice(Math.max(0, q.start - 2), q.start);
  if (/\($/.test(open.trimEnd())) out.push("paren");
  const mark = text[q.start];
  out.push(`mark:${mark === "'" ? "''" : mark}`);
  out.push(`bw:${bucket(a - lo)}`, `aw:${bucket(hi - 1 - b)}`);
  // The sentence before: ends in a colon, holds a quotation.
  if (si > 0 && initial) {
    const [plo, phi] = ranges[si - 1];
    if (phi > plo) {
      const last = toks[phi - 1];
      if (last.t === ":") out.push("prev:colon");
      let hasQ = false;
      for (let k = plo; k < phi; k++) if (toks[k].q >= 0) hasQ = true;
      if (hasQ) out.push("prev:q");
      if (text.slice(toks[phi - 1].e, q.start).includes("\n")) out.push("prev:para");
    }
  }
}

/** Quotation indices a content covers (by start). */
function quotationsIn(ctx: Ctx, content: Span[]): number[] {
  const res: number[] = [];
  ctx.quotations.forEach((q, i) => {
    if (!q.single && content.some((p) => p.start <= q.start && p.end >= q.parts[0].end)) res.push(i);
  });
  return res;
}

/** Whether `content` is exactly the parts of quotation `q`. */
function isQuotationAlone(content: Span[], q: Quotation): boolean {
  return (
    content.length === q.parts.length &&
    content.every((p, i) => p.start === q.parts[i].start && p.end === q.parts[i].end)
  );
}

const covers = (content: Span[], pos: number) => content.some((p) => p.start <= pos && p.end > pos);

/**
 * The clause around quotation `qi` for attribution `a`: from after the cue (cue before the
 * quotation) or from the sentence start (cue after it) to the quotation's end, or, when the cue
 * comes before, to the sentence end or the next comma before a cue frame.
 */
function clauseAround(ctx: Ctx, a: RawAttribution, qi: number): Span[] | null {
  const { toks, quotations, ranges } = ctx;
  const q = quotations[qi];
  const qa = ctx.qFirst[qi];
  const qb = ctx.qLast[qi];
  const si = toks[qa].sent;
  if (si < 0) return null;
  const [lo, hi] = ranges[si];
  let start = lo;
  const cueTok = a.cueTok;
  const cueInSentence = cueTok >= lo && cueTok < hi;
  if (a.kind === "frame" && a.source && a.source.b < qa && toks[a.source.a].sent === si) {
    // A quotation framed by its clause subject ("Trump has hailed X as “fantastic,”"): the
    // content starts after the subject's verb group.
    start = a.source.b + 1;
    while (start < qa && toks[start].q < 0 && (AUXILIARIES.has(toks[start].l) || /ly$/.test(toks[start].l)))
      start++;
    if (start < qa && toks[start].q < 0 && toks[start].word && !toks[start].cap) start++;
    // A title-case headline verb ("Chris Christie Calls Hillary Clinton ‘A Disgrace’").
    else if (start === a.cueTok && start < qa - 1) start++;
  } else if (cueInSentence && cueTok < qa) {
    start = cueTok + 1;
    if (a.addressee && toks[start]?.s === a.addressee.start)
      while (start < qa && toks[start].e <= a.addressee.end) start++;
    if (a.relayed) while (start < qa && toks[start].s < a.relayed.end + 1) start++;
    while (start < qa && toks[start].l === "as" && toks[start + 1]?.l === "saying") start += 2;
  } else if (a.source && a.source.start < q.start && a.source.start >= toks[lo].s) {
    // "X, who ... , said ..." frames before the quotation: start after the frame.
    return null;
  }
  while (start < qa && !toks[start].word && toks[start].q < 0) start++;
  if (start >= qa) return null;
  let end = qb;
  if (cueInSentence && cueTok < qa) {
    // Up to the next comma followed by a cue frame, or the sentence end.
    let k = qb + 1;
    for (; k < hi; k++) {
      const t = toks[k];
      if (timeTail(toks, k)) break;
      if (t.q >= 0) continue;
      if ((t.t === "," || t.t === ";" || t.t === "—" || t.t === "–") && !isQuotationStart(ctx, k + 1)) {
        let m = k + 1;
        while (m < hi && m - k <= 4 && !isCue(toks[m])) m++;
        if (m < hi && isCue(toks[m])) break;
      }
    }
    end = k - 1;
    while (end > qb && !toks[end].word && toks[end].q < 0) end--;
  }
  const parts: Span[] = [{ start: toks[start].s, end: Math.max(toks[end].e, q.parts[0].end) }];
  for (let p = 1; p < q.parts.length; p++) parts.push({ ...q.parts[p] });
  return parts;
}

function isQuotationStart(ctx: Ctx, k: number): boolean {
  const t = ctx.toks[k];
  return !!t && t.q >= 0 && ctx.quotations[t.q].start === t.s;
}

/** Features of an attribution (for extend, merge and keep). */
function attributionFeatures(a: RawAttribution, prefix: string, out: string[]): void {
  out.push(`${prefix}k:${a.kind}`);
  out.push(`${prefix}cue:${a.kind === "frame" ? "frame" : a.cueBase}`);
  out.push(`${prefix}src:${a.source ? a.source.kind : "none"}`);
}

/**
 * Refines raw attributions (sorted by content start) in place of the rules' guesses; returns the
 * new list, sorted the same way.
 */
export function refine(
  text: string,
  toks: Tok[],
  sentences: Span[],
  quotations: Quotation[],
  raw: RawAttribution[],
  decide: Decide,
  options: RefineOptions = {},
): RawAttribution[] {
  if (!quotations.length) return raw;
  const ranges = sentenceRanges(toks, sentences.length);
  const qFirst = new Int32Array(quotations.length).fill(-1);
  const qLast = new Int32Array(quotations.length).fill(-1);
  toks.forEach((t, k) => {
    if (t.q < 0) return;
    if (qFirst[t.q] < 0) qFirst[t.q] = k;
    qLast[t.q] = k;
  });
  const ctx: Ctx = { text, toks, quotations, ranges, qFirst, qLast };
  let out = [...raw];
  const usable = (qi: number) => !quotations[qi].single && qFirst[qi] >= 0 && toks[qFirst[qi]].sent >= 0;

  // 1. add
  const coveredBy = (qi: number) => {
    const q = quotations[qi];
    return out.some((a) => a.content.some((p) => p.start < q.parts[0].end && p.end > q.start));
  };
  const added: RawAttribution[] = [];
  quotations.forEach((_q, qi) => {
    if (!usable(qi) || coveredBy(qi)) return;
    const feats: string[] = [];
    quotationFeatures(ctx, qi, feats);
    const a = addedAttribution(ctx, qi, out);
    feats.push(`how:${a.how}`);
    if (!a.attribution.source) feats.push("src:none");
    const clause = clauseAround(ctx, a.attribution, qi);
    // "Trump admires Putin as a “strong leader,”": a characterisation by a named or pronoun subject
    // is added whatever the decision (on PolNeAR train, 113 of 123 quotations after "as" are
    // annotated; held-out direct content F1 0.8934 -> 0.8935, e2e 0.8431 -> 0.8437).
    const named =
      a.how === "as" && (a.attribution.source?.kind === "name" || a.attribution.source?.kind === "pronoun");
    if (
      !decide("add", feats, { yes: a.attribution.content, no: [], source: a.attribution.source, clause }) &&
      !named
    )
      return;
    added.push(a.attribution);
  });
  if (added.length) out = [...out, ...added].sort((x, y) => x.content[0].start - y.content[0].start);
  // The contents as the rules gave them: whether a frame holds a speaker's cue ("Putin said ...,
  // as per Al Jazeera") does not depend on how far the decisions below cut the frame's content.
  const ruleContent = new Map(out.map((a) => [a, a.content]));
  const holdsCue = (outer: RawAttribution, inner: RawAttribution) =>
    coversCue(outer.content, inner) || coversCue(ruleContent.get(outer) ?? outer.content, inner);

  // 2. merge: a sentence-initial quotation that is its attribution's whole content.
  const merged = new Set<RawAttribution>();
  for (let i = 1; i < out.length; i++) {
    const p = out[i];
    if (p.content.length < 1) continue;
    const qs = quotationsIn(ctx, p.content);
    if (qs.length !== 1 || !isQuotationAlone(p.content, quotations[qs[0]])) continue;
    const qi = qs[0];
    const qa = qFirst[qi];
    const si = toks[qa].sent;
    if (qa !== ranges[si][0]) continue;
    // A quotation with a frame of its own after it (`“B,” Y said`, `“B” ― Name`) continues nothing.
    if (p.source && p.cue.start >= quotations[qi].end) continue;
    // The previous direct attribution, not merged away, ending before this one.
    let j = i - 1;
    while (j >= 0 && (merged.has(out[j]) || !isDirectContent(text, out[j].content))) j--;
    if (j < 0) continue;
    const prev = out[j];
    const last = prev.content[prev.content.length - 1];
    if (last.end > quotations[qi].start) continue;
    const lastTok = tokBefore(toks, last.end);
    if (lastTok < 0 || si - toks[lastTok].sent > MERGE_MAX_SENTENCES) continue;
    const feats: string[] = [];
    quotationFeatures(ctx, qi, feats);
    attributionFeatures(p, "p", feats);
    attributionFeatures(prev, "a", feats);
    const dist = si - toks[lastTok].sent;
    feats.push(`dist:${dist}`);
    const between = text.slice(last.end, quotations[qi].start);
    const paras = (between.match(/\n\s*\S/g) ?? []).length + (/\n\s*$/.test(between) ? 1 : 0);
    feats.push(`para:${Math.min(paras, 2)}`);
    const sameSource =
      !!p.source &&
      !!prev.source &&
      text.slice(p.source.start, p.source.end) === text.slice(prev.source.start, prev.source.end);
    feats.push(`same:${p.source ? (sameSource ? "y" : "n") : "none"}`);
    if (p.source && p.source.start === prev.source?.start) feats.push("same:span");
    const ownFrame = p.cue.start > quotations[qi].end || p.cue.end <= quotations[qi].start;
    feats.push(`ownframe:${ownFrame && p.kind !== "frame"}`);
    let cuesBetween = 0;
    for (let k = lastTok + 1; k < qa; k++) if (isCue(toks[k])) cuesBetween++;
    feats.push(`cb:${Math.min(cuesBetween, 2)}`);
    feats.push(`alast:${/["”’']$/.test(text.slice(last.end - 1, last.end)) ? "q" : "w"}`);
    const yes = [...prev.content, ...p.content];
    if (!decide("merge", feats, { yes, no: p.content, into: prev.content })) continue;
    prev.content = yes.map((s) => ({ ...s }));
    merged.add(p);
  }
  if (merged.size) out = out.filter((a) => !merged.has(a));

  // 3. extend (or shrink): one quotation inside a one-span clause.
  for (const a of out) {
    const qs = quotationsIn(ctx, a.content);
    if (qs.length !== 1) continue;
    const qi = qs[0];
    const q = quotations[qi];
    const alone = isQuotationAlone(a.content, q);
    let clause: Span[] | null;
    if (alone) {
      if (q.parts.length > 1 && a.content.length > q.parts.length) continue;
      clause = clauseAround(ctx, a, qi);
    } else {
      if (a.content.length !== 1 && !(a.content.length === q.parts.length && a.content[0].start < q.start))
        continue;
      if (!covers(a.content, q.start)) continue;
      clause = a.content.map((s) => ({ ...s }));
    }
    if (!clause) continue;
    const feats: string[] = [];
    quotationFeatures(ctx, qi, feats);
    attributionFeatures(a, "", feats);
    feats.push(`cur:${alone ? "alone" : "clause"}`);
    const extra = text.slice(clause[0].start, clause[clause.length - 1].end).length - (q.end - q.start);
    feats.push(`extra:${bucket(Math.round(extra / 6))}`);
    const cueBefore = a.cue.end <= q.start;
    feats.push(`cuepos:${cueBefore ? "b" : "a"}`);
    const words = text.slice(clause[0].start, q.start).match(/[\p{L}\p{N}]+/gu) ?? [];
    feats.push(`pre:${bucket(words.length)}`);
    if (words.length) feats.push(`pre1:${String(words[0]).toLowerCase()}`);
    const toClause = decide("extend", feats, {
      yes: clause,
      no: q.parts.map((s) => ({ ...s })),
      current: !alone,
    });
    a.content = toClause ? clause : q.parts.map((s) => ({ ...s }));
  }

  // 4. trim: a clause content that runs on past its last quotation ends at the closing mark
  // ("called him a “nice guy” and he didn't ...").
  for (const a of out) {
    if (a.content.length !== 1) continue;
    const qs = quotationsIn(ctx, a.content);
    if (qs.length === 0) continue;
    // The last quotation inside the clause ("were “meticulous” about ... “the JCPOA,” a formal
    // acronym for the Iran deal").
    const qi = qs[qs.length - 1];
    const q = quotations[qi];
    const c = a.content[0];
    if (q.parts.length !== 1 || q.end >= c.end || q.start < c.start) continue;
    const rest = text.slice(q.end, c.end).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (rest.length === 0) continue;
    const feats: string[] = [];
    quotationFeatures(ctx, qi, feats);
    attributionFeatures(a, "", feats);
    feats.push(`rest:${bucket(rest.length)}`, `rest1:${String(rest[0]).toLowerCase()}`);
    const gap = text.slice(q.end, q.end + 3).trimStart()[0] ?? "";
    feats.push(`gap:${/[,;:—–-]/.test(gap) ? gap : "w"}`);
    const cut = [{ start: c.start, end: q.end }];
    if (decide("trim", feats, { yes: cut, no: [{ ...c }], current: false })) a.content = cut;
  }

  // 5. keep (for chains, whatever the decision: the outermost statement of a named or pronoun
  // speaker inside an intermediary frame, "He mentioned ..., Al Jazeera reported")
  const relayedInner = new Set<RawAttribution>();
  if (options.chains)
    for (const a of out) {
      const nested = (o: RawAttribution) => o !== a && o.sentence === a.sentence && holdsCue(o, a);
      const form = CUE_FORMS.get(a.cueText.toLowerCase());
      const statement =
        a.kind === "verb" &&
        form?.cls === "speech" &&
        !form.participle &&
        !NAMING_BASES.has(a.cueBase) &&
        (a.source?.kind === "name" || a.source?.kind === "pronoun") &&
        !isPassiveCue(toks, a.cueTok);
      if (!statement || !out.some((o) => isIntermediaryFrame(o) && nested(o))) continue;
      if (!out.some((o) => !isIntermediaryFrame(o) && nested(o))) relayedInner.add(a);
    }
  const spans = new SpanIndex(out);
  const kept = out.filter((a) => {
    if (!isDirectContent(text, a.content)) return true;
    const qs = quotationsIn(ctx, a.content);
    const feats: string[] = [];
    if (qs.length) quotationFeatures(ctx, qs[0], feats);
    attributionFeatures(a, "", feats);
    feats.push(`nq:${Math.min(qs.length, 3)}`, `parts:${Math.min(a.content.length, 3)}`);
    const alone = qs.length === 1 && isQuotationAlone(a.content, quotations[qs[0]]);
    feats.push(`alone:${alone}`);
    const nested = spans.covering(a.cue.start, a.cue.end).some((o) => o !== a && coversCue(o.content, a));
    if (nested) feats.push("nested");
    // The content lies inside another one (`he called a “con artist.”` within a reported clause).
    const first = a.content[0].start;
    const last = a.content[a.content.length - 1].end;
    const within = spans.covering(first, last).some((o) => o !== a && !sameContent(o.content, a.content));
    if (within) feats.push("within");
    const keep = decide("keep", feats, { yes: a.content, no: [] });
    return keep || relayedInner.has(a) || !!a.turn;
  });
  if (options.chains)
    for (const d of out) {
      // An intermediary frame names where the words came from: those of the speaker whose cue it
      // holds, or whose content it shares. Dropped by the keep decision, it joins that speaker's
      // chain; kept, it does too when it holds the speaker's cue and shares words with the
      // speaker's content (one quote of the speaker, not a second one of the intermediary's).
      if (!isIntermediaryFrame(d)) continue;
      const wasKept = kept.includes(d);
      const shares = (k: RawAttribution) =>
        d.content.some((p) => k.content.some((q) => p.start < q.end && q.start < p.end));
      const inner = kept.find(
        (k) =>
          k !== d &&
          k.sentence === d.sentence &&
          !k.relayedBy &&
          !isIntermediaryFrame(k) &&
          (wasKept ? holdsCue(d, k) && shares(k) : holdsCue(d, k) || shares(k)),
      );
      if (!inner) continue;
      inner.relayedBy = d;
      if (wasKept) kept.splice(kept.indexOf(d), 1);
    }
  for (const a of kept) {
    // A source inside its own content was a guess from the clause that turned out to be the
    // content itself (`North Korea's latest "provocation ..."`): no source rather than a wrong one.
    const src = a.source;
    if (src && a.content.some((p) => p.start <= src.start && p.end >= src.end)) a.source = null;
    // "The new project will be dubbed the “...”", "many of them known as ''...''": a passive cue
    // names no speaker before it.
    if (src && src.end <= a.cue.start && isPassiveCue(toks, a.cueTok)) a.source = null;
  }
  return dropOuter(ctx, dropDuplicates(kept, !!options.chains)).sort(
    (x, y) => x.content[0].start - y.content[0].start,
  );
}

/**
 * Of two direct attributions around the same quotation, where one's cue lies in the other's
 * content (`issued a statement saying he would direct ICE “to immediately stop ...”`), only the
 * inner one: the words are annotated once, with their nearest frame. On PolNeAR train, when just
 * one of such a pair matched, it was the inner one 29 times out of 34. Intermediary frames
 * ("according to", "citing", relays) are not dropped: they are folded into the inner quote's chain.
 */
/**
 * Attributions by the overall span of their content (first part's start to last part's end), for
 * finding those that cover a position without comparing every pair: sorted by start, with the
 * running maximum of the ends, a search walks back only while some earlier span still reaches.
 */
class SpanIndex {
  private readonly items: RawAttribution[];
  private readonly starts: number[];
  private readonly maxEnd: number[];

  constructor(list: readonly RawAttribution[]) {
    this.items = [...list].sort((x, y) => x.content[0].start - y.content[0].start);
    this.starts = this.items.map((a) => a.content[0].start);
    let max = -1;
    this.maxEnd = this.items.map((a) => {
      max = Math.max(max, a.content[a.content.length - 1].end);
      return max;
    });
  }

  /** The attributions whose overall span covers [start, end), in start order (latest first). */
  covering(start: number, end: number): RawAttribution[] {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= start) lo = mid + 1;
      else hi = mid;
    }
    const out: RawAttribution[] = [];
    for (let j = lo - 1; j >= 0 && this.maxEnd[j] >= end; j--) {
      const a = this.items[j];
      if (a.content[a.content.length - 1].end >= end) out.push(a);
    }
    return out;
  }
}

/** Most words between "what" and a naming cue ("what Australian Prime Minister Malcolm Turnbull called"). */
const MAX_WHAT_SUBJECT_TOKENS = 6;

/** A naming cue in a free relative clause: "what he called ...", "what critics call ...". */
function whatClause(toks: Tok[], a: RawAttribution): boolean {
  if (!NAMING_BASES.has(a.cueBase) || a.kind !== "verb") return false;
  let m = a.cueTok - 1;
  while (
    m > 0 &&
    a.cueTok - m <= MAX_WHAT_SUBJECT_TOKENS &&
    toks[m].word &&
    toks[m].q < 0 &&
    toks[m].l !== "what"
  )
    m--;
  return m < a.cueTok - 1 && toks[m]?.l === "what";
}

function dropOuter(ctx: Ctx, list: RawAttribution[]): RawAttribution[] {
  const direct = list.filter((a) => isDirectContent(ctx.text, a.content));
  const quoted = new Map(direct.map((a) => [a, new Set(quotationsIn(ctx, a.content))]));
  const outer = new Set<RawAttribution>();
  const order = new Map(direct.map((a, i) => [a, i]));
  const spans = new SpanIndex(direct);
  for (const inner of direct)
    for (const o of spans
      .covering(inner.cue.start, inner.cue.end)
      .sort((x, y) => order.get(x)! - order.get(y)!)) {
      // Intermediaries ("according to CNN", "citing", "Interfax cited X as saying", "...,
      // Interfax reported") stay: they become the inner quote's `via` chain.
      if (
        o === inner ||
        outer.has(o) ||
        outer.has(inner) ||
        (o.kind !== "verb" && o.kind !== "frame") ||
        REPORTING_BASES.has(o.cueBase)
      )
        continue;
      const cueInside = coversCue(o.content, inner);
      if (!cueInside) continue;
      const qs = quoted.get(inner)!;
      if (![...quoted.get(o)!].some((q) => qs.has(q))) continue;
      // "urges Americans to check out what he called Machado’s “sex tape.”": a naming clause
      // opened by "what" is part of the outer statement, which is annotated instead.
      if (whatClause(ctx.toks, inner)) {
        outer.add(inner);
        continue;
      }
      outer.add(o);
      // The outer frame's speaker is the annotated one when the inner one is only a description
      // guessed from a clause ("a pastor at the church"; train: 9 times in 10), or when both are
      // names (train: 23 against 9 where just one of the two names was right).
      const outerWins =
        !inner.source ||
        inner.source.kind === "description" ||
        (inner.source.kind === "name" && o.source?.kind === "name");
      if (o.source && outerWins) inner.source = o.source;
    }
  return outer.size ? list.filter((a) => !outer.has(a)) : list;
}

/** Cues of a news outlet relaying what it reports ("..., Interfax reported"): chains, kept. */
const REPORTING_BASES = new Set(["report", "quote", "cite"]);

/** Forms of "be" before a passive participle. */
const BE_FORMS = new Set(["is", "was", "are", "were", "be", "been", "being"]);
/** Words between "be" and its participle ("was not", "be informally", "is best"). */
const PASSIVE_GAP = new Set(["not", "also", "best", "widely", "often", "now", "still", "never"]);

/**
 * The cue at token `k` is a past participle after a form of "be" ("is called", "be dubbed"), or
 * one modifying the noun before it ("many of them derisively known as", "places otherwise labeled").
 */
function isPassiveCue(toks: Tok[], k: number): boolean {
  const t = toks[k];
  if (!t || !(t.l.endsWith("ed") || t.l === "known" || t.l === "seen" || t.l === "written")) return false;
  let m = k - 1;
  while (m >= 0 && toks[m].sent === t.sent && (PASSIVE_GAP.has(toks[m].l) || /ly$/.test(toks[m].l))) m--;
  return m >= 0 && toks[m].sent === t.sent && (BE_FORMS.has(toks[m].l) || (m < k - 1 && !toks[m].word));
}

const sameContent = (x: Span[], y: Span[]) =>
  x.length === y.length && x.every((p, i) => p.start === y[i].start && p.end === y[i].end);

/** Distance from an attribution's cue to its content, in characters. */
const cueDistance = (a: RawAttribution) =>
  Math.max(0, a.content[0].start - a.cue.end, a.cue.start - a.content[a.content.length - 1].end);

/**
 * One attribution per content: two cues that claim the very same words (`posted a comment of her
 * own, saying, “...”`) report them once, with the cue nearest to them; with `chains`, a speaker's
 * cue wins over an intermediary frame's of its sentence, which it keeps as `relayedBy`.
 */
function dropDuplicates(list: RawAttribution[], chains: boolean): RawAttribution[] {
  const out: RawAttribution[] = [];
  // Index in `out` by content, so that finding the same content takes no scan.
  const at = new Map<string, number>();
  const key = (c: Span[]) => c.map((p) => `${p.start}-${p.end}`).join(",");
  for (const a of list) {
    const k = key(a.content);
    const i = at.get(k) ?? -1;
    if (i < 0) {
      at.set(k, out.length);
      out.push(a);
      continue;
    }
    const o = out[i];
    if (chains && a.sentence === o.sentence && isIntermediaryFrame(a) !== isIntermediaryFrame(o)) {
      // The speaker's attribution stays, with the intermediary in its chain.
      const [speaker, relay] = isIntermediaryFrame(a) ? [o, a] : [a, o];
      speaker.relayedBy = relay;
      out[i] = speaker;
    } else if (cueDistance(a) < cueDistance(o)) out[i] = a;
  }
  return out;
}

const DIRECT_RE = /["“”„«»‘]|(?<![\p{L}\p{N}])'(?=[\p{L}\p{N}])/u;

/** The scorer's notion of direct: a quotation mark in the content or right beside it. */
export function isDirectContent(text: string, content: Span[]): boolean {
  return content.some((p) => DIRECT_RE.test(text.slice(Math.max(0, p.start - 1), p.end + 1)));
}

/** Index of the last token ending at or before `pos`. */
function tokBefore(toks: Tok[], pos: number): number {
  let lo = 0;
  let hi = toks.length - 1;
  let res = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].e <= pos) {
      res = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return res;
}

/** Pronouns that can only be subjects: the word after one is its verb ("he figures"). */
const SUBJECT_PRONOUNS = new Set(["i", "he", "she", "we", "they"]);
/** How far back from a quotation the nearest verb is looked for, in tokens. */
const MAX_VERB_DISTANCE = 14;

/**
 * The subject of the verb nearest before token `qa` in its clause (`Maybe he figures that getting
 * ... on “Saturday Night Live”`, `It is strange that Trump would denounce “self-deportation”`,
 * `it was Obama who pressed for ... “Grand Bargain”`): a verb is a lower-case cue word, a past
 * form, or a word after an auxiliary; its subject is the phrase right before it (over auxiliaries
 * and -ly adverbs). A relative "that"/"which" sends the search on to the verb before.
 */
function verbSubject(toks: Tok[], lo: number, qa: number): Phrase | null {
  for (let v = qa - 1; v >= lo && qa - v <= MAX_VERB_DISTANCE; v--) {
    const t = toks[v];
    if (t.q >= 0 || !t.word || t.cap) continue;
    const prev = v - 1 >= lo ? toks[v - 1] : undefined;
    if (!prev || DETERMINERS.has(prev.l) || /[’']s$/.test(prev.t)) continue;
    const afterAux = AUXILIARIES.has(prev.l) && !AUXILIARIES.has(t.l);
    const afterPronoun = SUBJECT_PRONOUNS.has(prev.l);
    const verb =
      afterAux ||
      afterPronoun ||
      (CUE_FORMS.has(t.l) && !isCueNoun(t)) ||
      (t.l.length > 3 && /[^e]ed$/.test(t.l));
    if (!verb) continue;
    let p = v - 1;
    while (p >= lo && toks[p].q < 0 && !toks[p].cap && (AUXILIARIES.has(toks[p].l) || /ly$/.test(toks[p].l)))
      p--;
    if (p < lo) return null;
    const np = phraseBefore(toks, p, lo);
    if (!np) return null;
    if (np.kind === "relative" && toks[np.a].l !== "who") continue;
    return np;
  }
  return null;
}

/** Furthest the verb of an "as" characterisation lies before the quotation, in tokens. */
const MAX_AS_OBJECT_TOKENS = 10;

/**
 * The verb of a characterisation ending in quotation `qa`: "heralded the deal as a “...”",
 * "portray his candidacy as a “...”" — the nearest verb-like lower-case word before "as" (a cue
 * word, or a word in -ed, -ing or -s), within its clause; -1 when the quotation follows no "as".
 */
function asVerb(toks: Tok[], lo: number, qa: number): number {
  let k = qa - 1;
  if (k > lo && (toks[k].l === "a" || toks[k].l === "an" || toks[k].l === "the")) k--;
  if (k <= lo || toks[k].l !== "as" || toks[k].q >= 0) return -1;
  for (let v = k - 1; v > lo && k - v <= MAX_AS_OBJECT_TOKENS; v--) {
    const t = toks[v];
    if (t.q >= 0 || !t.word) return -1;
    if (t.cap || DETERMINERS.has(t.l)) continue;
    if (CUE_FORMS.has(t.l) || (t.l.length > 3 && /(?:ed|ing|[^s'’]s)$/.test(t.l))) return v;
  }
  return -1;
}

/** Words between a headline's subject and its verb ("Trump Is Now Calling", "Time Just Announced"). */
const HEADLINE_VERB_MODIFIERS = new Set([
  "is",
  "are",
  "was",
  "has",
  "have",
  "now",
  "just",
  "also",
  "still",
  "again",
]);

/** Offset `pos` lies on the text's first line, a headline (as marks.ts reads headlines). */
function inHeadline(text: string, pos: number): boolean {
  const first = text.search(/\S/);
  if (first < 0 || pos < first) return false;
  const nl = text.indexOf("\n", first);
  const end = nl < 0 ? text.length : nl;
  return pos < end && end - first <= MAX_HEADLINE_LINE_CHARS;
}

/**
 * The verb of a headline before token `qa`, in title case or not: the first cue word ("Calls",
 * "Rip", "slams"), else the first word in -s or -ed that is not a possessive ("blocks", "Shared").
 * Not the first word (the subject); -1 when there is none.
 */
function headlineVerb(toks: Tok[], lo: number, qa: number): number {
  let guess = -1;
  for (let k = lo + 1; k < qa; k++) {
    const t = toks[k];
    if (t.q >= 0 || !t.word) continue;
    if (CUE_FORMS.has(t.l) && !isCueNoun(t)) return k;
    if (guess < 0 && t.l.length > 3 && /(?:[^s'’u]s|ed)$/.test(t.l)) guess = k;
  }
  return guess;
}

/**
 * The attribution for an added quotation. Its source: the clause subject before a mid-sentence
 * quotation; a phrase and cue verb right after a sentence-initial one (`“...” reads an editorial`);
 * the subject of a sentence ending in a colon right before it; else the speaker of the latest
 * direct quote within a few sentences; else none.
 */
function addedAttribution(
  ctx: Ctx,
  qi: number,
  out: RawAttribution[],
): { attribution: RawAttribution; how: string } {
  const { toks, quotations, ranges, text } = ctx;
  const q = quotations[qi];
  const qa = ctx.qFirst[qi];
  const qb = ctx.qLast[qi];
  const si = toks[qa].sent;
  const [lo, hi] = ranges[si];
  let source: PhraseSpan | null = null;
  const span = (p: Phrase | null): PhraseSpan | null =>
    p ? { ...p, start: toks[p.a].s, end: toks[p.b].e } : null;
  let cueTok = qa > lo ? qa - 1 : qa;
  let how = "none";
  const hv = qa > lo && inHeadline(text, toks[qa].s) ? headlineVerb(toks, lo, qa) : -1;
  const av = hv < 0 && qa > lo ? asVerb(toks, lo, qa) : -1;
  if (av > lo) {
    // "Merkel heralded the deal with Turkey as a “breakthrough.”": the verb before the object and
    // "as", and its subject (a participle's being the clause's: "Axelrod emailed ..., addressing
    // her informally as “Hillary”").
    let p = av - 1;
    while (
      p > lo &&
      toks[p].q < 0 &&
      (AUXILIARIES.has(toks[p].l) || toks[p].l === "to" || /ly$/.test(toks[p].l))
    )
      p--;
    const own = toks[av].l.endsWith("ing") ? null : phraseBefore(toks, p, lo);
    source = span(own && own.kind !== "relative" ? own : verbSubject(toks, lo, av));
    cueTok = av;
    how = "as";
  } else if (hv > lo) {
    // "Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’", "Obama rips rhetoric over
    // 'radical Islam'": the headline's subject and verb frame the rest of it.
    let b = hv - 1;
    while (b > lo && HEADLINE_VERB_MODIFIERS.has(toks[b].l)) b--;
    source = span(phraseBefore(toks, b, lo) ?? { a: lo, b, kind: "description" });
    cueTok = hv;
    how = "headline";
  } else if (qa > lo) {
    source = span(verbSubject(toks, lo, qa) ?? frameSubject(toks, lo, qa, false, true));
    how = "subject";
  } else {
    let n = qb + 1;
    while (n < hi && toks[n].q < 0 && !toks[n].word) n++;
    if (n < hi && isCue(toks[n])) {
      source = span(phraseAfter(toks, n + 1, hi));
      cueTok = n;
      how = "after";
    } else if (n < hi) {
      const np = phraseAfter(toks, n, hi);
      if (np && isCue(toks[np.b + 1])) {
        source = span(np);
        cueTok = np.b + 1;
        how = "after";
      }
    }
    if (!source && si > 0) {
      const [plo, phi] = ranges[si - 1];
      if (phi > plo && toks[phi - 1].t === ":") {
        source = span(frameSubject(toks, plo, phi - 1));
        how = "colon";
      }
    }
  }
  if (!source) {
    // The speaker of the nearest attribution before it within a few sentences, with quotation
    // marks or not ("Bolton distanced himself ... by saying he would ...⏎“I'm going to support
    // him ...”"); a participle's being its clause subject's. On PolNeAR train, preferring the
    // latest quote with marks over a nearer attribution without gave the wrong speaker 23 times
    // in 24 when that quote lay two sentences back.
    const sourceOf = (a: RawAttribution) =>
      a.source ?? (a.sharesSourceWith >= 0 ? (out[a.sharesSourceWith]?.source ?? null) : null);
    let near: RawAttribution | null = null;
    for (const a of out)
      if (
        sourceOf(a) &&
        a.cue.start < q.start &&
        si - a.sentence <= ADD_SPEAKER_SENTENCES &&
        (!near || a.cue.start > near.cue.start)
      )
        near = a;
    source = near ? sourceOf(near) : null;
    const marks = near && isDirectContent(text, near.content) ? "" : "i";
    how = near ? `${marks}recent${Math.min(si - near.sentence, 2)}` : "none";
  }
  return { attribution: frameAttribution(toks, cueTok, source, q.parts, si), how };
}
