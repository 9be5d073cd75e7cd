/**
 * Raw attributions: one per cue, with the grammatical source phrase, the cue and the content, in
 * the conventions of PolNeAR (content = the quotation with its marks, or the reported clause;
 * source = the phrase that says it, the pronoun itself for "he said").
 *
 * Workflow per sentence:
 *  1. Find cue candidates outside quotations: "according to"/"as per", inflected speech, thought
 *     and relay verbs (lower case, except "Says"/"Said" in headlines).
 *  2. Find each cue's source: the phrase before it (skipping "also", "has"), through an
 *     appositive ("Assad, who is in Moscow for talks, also said"), the phrase after an inverted
 *     cue (`,” said Ken Cuccinelli`), or, for a participle after a comma ("..., saying"), the
 *     source of the clause before. Relay verbs ("Interfax cited Assad as saying") have the
 *     intermediary as source and the speaker as `relayed`.
 *  3. Find the content: after the cue (skipping the addressee of "told", time and manner
 *     phrases, "that"), up to the next comma-led cue frame or the sentence end; or, when nothing
 *     follows, before the cue's frame (`“...,” he said`, `..., according to X`). A quotation
 *     right at the content's start is the content, however many sentences it spans.
 *  4. Verbs of thought and weak speech verbs nested in another attribution's content are dropped
 *     ("said he expects ..."); transcript turns (`PENCE: ...` paragraphs, three or more with a
 *     label used twice), headline lines `Name: ‘words’` and attribution lines after a quotation
 *     (`“...” ― Name`, `"..."⏎⏎- Name.`) become attributions.
 *  5. Quotations no cue claimed: mid-sentence ones take the clause's subject (`Trump issued a
 *     statement: “...”`), sentence-initial ones the frame after them (`“...” tweeted a user`).
 *  6. Quotations that fill a whole sentence and belong to no attribution continue the nearest
 *     preceding direct quote in the same paragraph, or the next paragraph when the first one ends
 *     with the quote's own frame (`“A,” he said. “B.”`): one attribution. The rest follow a
 *     sentence ending in a colon, or continue the quotation of the sentence before when no other
 *     cue lies between (PolNeAR makes `“A,” X said during ... . ⏎⏎“B.”` one attribution).
 */
import { TEXT_PATTERNS } from "../../extract/text-patterns.js";
import type { Span } from "../../model/article.js";
import {
  ACCORDING_PAIRS,
  ADVERBIAL_SET,
  CUE_FORMS,
  CUE_MODIFIER_SET,
  type CueForm,
  GROUP_PRONOUN_SET,
  NAMING_BASES,
  PERSON_PRONOUN_SET,
  RELATIVE_PRONOUN_SET,
  THAT_ONLY_SET,
  TIME_UNIT_SET,
  WEAK_NESTED_SET,
  WEEKDAY_SET,
} from "./lexicon.js";
import type { Quotation } from "./marks.js";
import {
  DETERMINERS,
  isCueNoun,
  type Phrase,
  PREPOSITION_STARTS,
  phraseAfter,
  phraseBefore,
  skipAdverbials,
} from "./phrases.js";
import { lowerWordEnding, sentenceRanges, type Tok } from "./tokens.js";

/** A phrase with its token range and character span. */
export interface PhraseSpan extends Span, Phrase {}

export type CueKind = "verb" | "according" | "relay" | "citing" | "continuation" | "frame";

export interface RawAttribution {
  kind: CueKind;
  /** Cue span (one or more words). */
  cue: Span;
  cueText: string;
  /** Base form of the cue verb ("say"), or the phrase for "according to". */
  cueBase: string;
  /** The grammatical source: who says it (for relay verbs, the intermediary). */
  source: PhraseSpan | null;
  /** For relay verbs ("cited Assad as saying"): the speaker phrase. */
  relayed: PhraseSpan | null;
  /** Addressee of "told" when it is given ("told Sputnik"). */
  addressee: PhraseSpan | null;
  /** Content parts (quotations include their marks). */
  content: Span[];
  /** Index of the sentence holding the cue. */
  sentence: number;
  /** For a participle sharing the subject of an earlier cue: that attribution's index. */
  sharesSourceWith: number;
  /** Token index of the cue. */
  cueTok: number;
  /**
   * An intermediary frame that claimed the very same content and was dropped for this one
   * (`Putin said ... “...”, as per Al Jazeera`, with both contents the quotation): it joins the
   * quote's chain. Only set when refining with `chains` (the product path).
   */
  relayedBy?: RawAttribution;
  /** A transcript turn (`PENCE: ...`): its label and words are certain, whatever the keep decision. */
  turn?: boolean;
}

/** Whether a content (`outer`) holds the cue of attribution `inner`. */
export function coversCue(outer: readonly Span[], inner: RawAttribution): boolean {
  return outer.some((p) => p.start <= inner.cue.start && p.end >= inner.cue.end);
}

/** Verbs whose object is the addressee, skipped before the content: "told reporters that". */
const ADDRESSEE_VERBS = new Set(["tell", "inform", "assure", "remind", "brief", "advise", "notify", "warn"]);
/** Verbs that may invert with their subject after a quotation: `,” said Ken Cuccinelli`. */
const INVERTING_VERBS = new Set([
  "say",
  "add",
  "write",
  "ask",
  "tell",
  "continue",
  "explain",
  "note",
  "reply",
]);
/** Verbs that are cues only next to a quotation: `“...,” he continued`, but not "Russia continued to". */
const QUOTE_ONLY_VERBS = new Set([
  "continue",
  "read",
  "cry",
  "shout",
  "yell",
  "scream",
  "joke",
  "quip",
  "interject",
  "counter",
  "retort",
  "post",
  "exclaim",
  "whisper",
  "repeat",
  "project",
  "rule",
  "charge",
  "brief",
  "signal",
  "answer",
  "observe",
]);
/** -s forms that are more often plural nouns ("Western demands for"): need a clause after them. */
const NOUN_LIKE_FORMS = new Set([
  "demands",
  "protests",
  "claims",
  "reports",
  "calls",
  "comments",
  "charges",
  "promises",
  "notes",
  "posts",
  "shows",
  "states",
  "answers",
  "plans",
  "hopes",
  "fears",
  "doubts",
  "warnings",
  "remarks",
  "pledges",
  "vows",
  "threats",
  "concerns",
  "findings",
  "statements",
  "tweets",
  "rules",
  "signals",
  "projects",
  "forecasts",
  "estimates",
  "counters",
  "cries",
]);
/** Words that cannot open reported content: a passive "by", or a preposition after a noun. */
const PREPOSITIONS = new Set([
  "by",
  "for",
  "of",
  "on",
  "in",
  "at",
  "from",
  "with",
  "before",
  "after",
  "over",
  "to",
]);

/**
 * Fewest words for a quotation without a cue to count as someone's words. Counted in words of the
 * quotation; on PolNeAR train, 88% of quotations of 4-5 words lie in a direct attribution's content
 * against 58-75% of those with 1-3 (mostly scare quotes inside indirect speech, which the cue of
 * that speech already covers).
 */
const MIN_FALLBACK_WORDS = 4;
/** How far back a whole-sentence quotation without a cue looks for the latest speaker, in sentences. */
const FALLBACK_SPEAKER_SENTENCES = 1;

/** Furthest an appositive may run between the commas of "X, the head of Y, said", in tokens. */
const MAX_APPOSITIVE_TOKENS = 25;
/** Furthest "as saying" may follow a relay verb ("quoted a senior official as saying"), in tokens. */
const MAX_RELAY_OBJECT_TOKENS = 12;

interface Cand {
  kind: "verb" | "according" | "relay";
  k: number;
  kEnd: number; // first token after the cue words
  form: CueForm | null;
}

interface Ctx {
  text: string;
  toks: Tok[];
  quotations: Quotation[];
  sentences: Span[];
}

/** Token `k` closes a double quotation whose words end in a comma (`"Morning Joe,"`). */
function commaClosesQuotation(ctx: Ctx, k: number): boolean {
  if (!closesQuotation(ctx, k)) return false;
  const qt = ctx.quotations[ctx.toks[k].q];
  return /,["”’»']+$/.test(ctx.text.slice(qt.start, qt.end));
}

/**
 * Token `k` is a time word right after a closing mark: it starts a tail, not more of the reported
 * clause (`his campaign manager as a "very decent man" Tuesday, hours after ...`; PolNeAR train's
 * content ends at the mark 60 times in 64).
 */
export function timeTail(toks: Tok[], k: number): boolean {
  const t = toks[k];
  return !!t && k > 0 && t.word && t.q < 0 && ADVERBIAL_SET.has(t.l) && toks[k - 1].q >= 0;
}

/** Token `k` is the last of a double quotation (its closing mark). */
function closesQuotation(ctx: Ctx, k: number): boolean {
  const t = ctx.toks[k];
  return !!t && t.q >= 0 && !ctx.quotations[t.q].single && ctx.quotations[t.q].end === t.e;
}

/**
 * Token `k` closes a quotation that ends in "?" or "!" (so the sentence splitter ended a sentence
 * there, though `“Why?” he asked.` is one sentence) and the next token is in the same paragraph
 * (a paragraph opening "Fields accused ..." frames nothing before it).
 */
function endsQuestion(ctx: Ctx, k: number): boolean {
  const t = ctx.toks[k];
  if (!t || t.q < 0) return false;
  const qt = ctx.quotations[t.q];
  if (qt.end !== t.e) return false;
  const next = ctx.toks[k + 1];
  if (next && ctx.text.slice(t.e, next.s).includes("\n")) return false;
  const inner = ctx.text.slice(qt.start, qt.end).replace(/["'”’»]+$/, "");
  return /[?!…-]$/.test(inner);
}

/**
 * Words after a cue that make a reported clause rather than a trailing adverbial ("said if ...",
 * "said Trump would ..." against "said Tuesday"): the skipped adverbials are not counted.
 */
const MIN_CLAUSE_AFTER_WORDS = 3;

function reportedClauseWords(ctx: Ctx, content: Span[] | null): number {
  let n = 0;
  // "said of the plan", "said during a rally": a prepositional phrase is no reported clause.
  const first = content?.length
    ? /^[\p{L}]+/u.exec(ctx.text.slice(content[0].start, content[0].start + 20))
    : null;
  if (first && (PREPOSITIONS.has(first[0].toLowerCase()) || /(?:ing|ly)$/.test(first[0]))) return 0;
  for (const p of content ?? []) n += ctx.text.slice(p.start, p.end).match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return n;
}

/** The content holds a whole double quotation. */
function holdsQuotation(ctx: Ctx, content: Span[]): boolean {
  return ctx.quotations.some(
    (q) => !q.single && content.some((p) => p.start <= q.start && p.end >= q.parts[0].end),
  );
}

function startsWithMark(ctx: Ctx, content: Span[]): boolean {
  return /^(?:''|["“„«‘])/.test(ctx.text.slice(content[0].start, content[0].start + 2));
}

/** The text before offset `end` closes with a quotation mark (a content ending in a quotation). */
function endsWithMark(text: string, end: number): boolean {
  return /["“”„«»'’]$/.test(text.slice(end - 1, end));
}

/** A quotation that opens its clause (sentence start, or after a colon), so a cue after it frames it. */
function clauseInitialQuote(ctx: Ctx, q: number, lo: number, si: number, strict = false): boolean {
  const qt = ctx.quotations[q];
  const { toks } = ctx;
  let first = lo;
  while (first > 0 && toks[first - 1].e > qt.start) first--;
  while (first < toks.length && toks[first].s < qt.start) first++;
  if (first === lo || first === 0) return true;
  const prev = toks[first - 1];
  // A quotation that opened in an earlier sentence (`... to chants of "Marco! Marco!," the senator
  // said ...`) is clause-initial where it opened.
  const sentence = first < lo ? toks[first].sent : si;
  if (prev.sent !== sentence || prev.t === ":" || prev.t === ",") return true;
  if (strict) return false;
  // US style keeps the comma inside a framed quotation: `“...,” he said`.
  return /[,?!](?:''|["”’])$/.test(ctx.text.slice(qt.end - 3, qt.end));
}

/** Verbs of refusing or failing before an infinitive cue ("declined to comment"). */
const REFUSALS = new Set([
  "declined",
  "declines",
  "decline",
  "declining",
  "refused",
  "refuses",
  "refuse",
  "refusing",
  "failed",
]);
/** Verbs whose negation is a refusal to speak ("did not respond", "would not comment"). */
const NO_ANSWER_BASES = new Set(["respond", "comment", "return", "answer", "reply", "say", "elaborate"]);

/**
 * The cue at `k` is a refusal to speak: "declined to comment", "refused to say", "did not
 * respond", "would not comment". PolNeAR annotates these as attributions (the benchmark keeps
 * them); the product drops them, as they report no words (index.ts prepareQuotes).
 */
export function refusedCue(toks: Tok[], k: number): boolean {
  const prev = toks[k - 1];
  const prev2 = toks[k - 2];
  if (prev?.l === "to" && prev2 && REFUSALS.has(prev2.l)) return true;
  const base = CUE_FORMS.get(toks[k].l)?.base;
  if (!base || !NO_ANSWER_BASES.has(base)) return false;
  for (let m = k - 1; m >= 0 && m >= k - 3; m--) {
    const l = toks[m].l;
    if (l === "not" || l === "never" || /n[’']t$/.test(l)) return true;
  }
  return false;
}

/** Verbs that raise their subject over "to" and a cue ("appears to show", "seemed to suggest"). */
const RAISING_VERBS = new Set([
  "appear",
  "appears",
  "appeared",
  "seem",
  "seems",
  "seemed",
  "tend",
  "tends",
  "tended",
]);

/** Finite auxiliaries and copulas, which never open reported speech right after its cue. */
const FINITE_AUXILIARIES = new Set(
  "is are was were has have had will would can could should may might must does did".split(" "),
);

/** Subjects after which a cue is a verb even before a finite verb ("who he says is", "what she calls"). */
const isPronounWord = (l: string) =>
  PERSON_PRONOUN_SET.has(l) || GROUP_PRONOUN_SET.has(l) || RELATIVE_PRONOUN_SET.has(l) || l === "what";

/** Rejects a verb cue whose content cannot be reported speech. */
function badContentStart(ctx: Ctx, cand: Cand, k: number, end: number, content: Span[]): boolean {
  const { toks } = ctx;
  const form = cand.form!;
  // A learned cue word ("decried", "referred") reports words it quotes: its content opens with a
  // quotation, or (learned cues only) holds one ("decried the GOP for “turning its back” on ...").
  if (form.quoteOnly && !startsWithMark(ctx, content) && !holdsQuotation(ctx, content)) return true;
  if (QUOTE_ONLY_VERBS.has(form.base) && !startsWithMark(ctx, content)) return true;
  let m = k;
  while (m < end && toks[m].q < 0 && !toks[m].word) m++;
  const first = toks[m];
  if (!first || first.q >= 0) return false;
  if (THAT_ONLY_SET.has(form.base) && first.l !== "that" && toks[m - 1]?.t !== ":") return true;
  if (first.l === "by") return true;
  // "Injury claims are up", "more updated reports said he was five": a finite verb (or another
  // cue verb) right after a cue word in -s makes that word the subject's noun, not a verb of
  // saying. Not after a pronoun: "who he says is" reports the clause.
  const cueWord = toks[cand.k];
  const before = toks[cand.k - 1];
  const firstForm = first.cap ? undefined : CUE_FORMS.get(first.l);
  const verbNext = FINITE_AUXILIARIES.has(first.l) || (!!firstForm && !firstForm.participle);
  if (
    verbNext &&
    m === k &&
    cand.kEnd === cand.k + 1 &&
    /[^s]s$/.test(cueWord.l) &&
    cueWord.l !== "says" &&
    before?.word &&
    !isPronounWord(before.l)
  )
    return true;
  // "who asked not to be named": a request for anonymity.
  if (first.l === "not" && toks[m + 1]?.l === "to" && toks[m + 2]?.l === "be") return true;
  if (NOUN_LIKE_FORMS.has(toks[cand.k].l) && PREPOSITIONS.has(first.l)) return true;
  // A lone particle is a phrasal verb, not reported content: "readers wrote in", "he spoke up".
  if (PARTICLES.has(first.l) && content.length === 1 && content[0].end === first.e) return true;
  return false;
}

/**
 * How many tokens may lie between a frame after a quotation and a quotation that resumes it after
 * a comma (`“A,” he said of the Clinton campaign, “B.”`, `"A," said X, director of Y, "but B."`).
 */
const MAX_RESUME_GAP_TOKENS = 20;

/**
 * The first token of a quotation that resumes the quote before a frame whose words end at `k`:
 * it opens right after `k`'s commas or colon, or after a comma that closes a short phrase (an
 * appositive, "of the plan") holding no cue and no other quotation; else -1.
 */
function resumedQuotation(ctx: Ctx, k: number, end: number): number {
  const { toks, quotations } = ctx;
  const opens = (m: number) => m < end && toks[m].q >= 0 && quotations[toks[m].q].start === toks[m].s;
  let m = k;
  while (m < end && toks[m].q < 0 && (toks[m].t === "," || toks[m].t === ":")) m++;
  if (opens(m)) return m;
  for (; m < end && m - k <= MAX_RESUME_GAP_TOKENS; m++) {
    const t = toks[m];
    // `“A,” he said, but “B.”`: "but" after the comma (not "and": on PolNeAR train a quotation
    // after ", and" as often starts a quote of its own).
    const afterComma =
      isComma(toks[m - 1]) || (RESUMING_CONJUNCTIONS.has(toks[m - 1].l) && isComma(toks[m - 2]));
    if (t.q >= 0) return afterComma && opens(m) ? m : -1;
    if (CUE_FORMS.has(t.l) && !t.cap) return -1;
  }
  return -1;
}

/** Conjunctions between a frame's comma and a resumed quotation. */
const RESUMING_CONJUNCTIONS = new Set(["but"]);

/** Particles of phrasal verbs ("wrote in", "spoke up", "called back"). */
const PARTICLES = new Set(["in", "up", "out", "back", "off", "on", "down", "away", "over"]);

/**
 * The first token after a quotation that opens the sentence at `lo` and ends with its comma
 * (`“...,” Name`), if that token lies within MAX_APPOSITIVE_TOKENS before `p`; else -1.
 */
function quotationOpening(ctx: Ctx, lo: number, p: number): number {
  const { toks, quotations } = ctx;
  const t = toks[lo];
  // The sentence may open inside the quotation, when it holds a full stop (`''... do. It also
  // would have ...,'' the press secretary, Josh Earnest, said`).
  if (!t || t.q < 0 || quotations[t.q].single) return -1;
  let k = lo;
  while (k < p && toks[k].q === t.q) k++;
  if (k >= p || p - k > MAX_APPOSITIVE_TOKENS) return -1;
  if (!/,\s*["”’']+$/.test(ctx.text.slice(quotations[t.q].end - 3, quotations[t.q].end))) return -1;
  return k;
}

/** A "frame" attribution: the cue token, a source (or none) and the quotation parts as content. */
export function frameAttribution(
  toks: Tok[],
  cueTok: number,
  source: PhraseSpan | null,
  parts: readonly Span[],
  sentence: number,
): RawAttribution {
  const cue = toks[cueTok];
  return {
    kind: "frame",
    cue: { start: cue.s, end: cue.e },
    cueText: cue.t,
    cueBase: cue.l,
    source,
    relayed: null,
    addressee: null,
    content: parts.map((p) => ({ ...p })),
    sentence,
    sharesSourceWith: -1,
    cueTok,
  };
}

function isComma(t: Tok | undefined): boolean {
  return !!t && t.q < 0 && (t.t === "," || t.t === ";" || t.t === "—" || t.t === "–");
}

/** Extracts raw attributions from tokenised text. */
export function attribute(
  text: string,
  toks: Tok[],
  sentences: Span[],
  quotations: Quotation[],
): RawAttribution[] {
  const ctx: Ctx = { text, toks, quotations, sentences };
  const out: RawAttribution[] = [];
  const ranges = sentenceRanges(toks, sentences.length);
  for (let si = 0; si < ranges.length; si++) {
    const [k0, k1] = ranges[si];
    if (k1 > k0) sentenceAttributions(ctx, si, k0, k1, out);
  }
  dropWeakNested(out);
  for (let si = 0; si < ranges.length; si++) claimNouns(ctx, si, ranges[si][0], ranges[si][1], out);
  transcriptTurns(ctx, out);
  headlineQuotes(ctx, out);
  dashLineQuotes(ctx, out);
  framedQuotations(ctx, ranges, out, false);
  continuations(ctx, out);
  framedQuotations(ctx, ranges, out, true);
  out.sort((x, y) => x.content[0].start - y.content[0].start);
  return out;
}

/** Nouns of saying that take a that-clause: "Trump's claim that ...", "his repeated assertion that ...". */
const CLAIM_NOUNS = new Set(
  "claim claims assertion assertions suggestion suggestions promise promises warning warnings insistence contention allegation allegations argument arguments statement pledge vow charge declaration accusation accusations prediction predictions remark remarks".split(
    " ",
  ),
);
/** Possessive determiners that name the speaker of a claim noun. */
const POSSESSIVE_PRONOUNS = new Set(["his", "her", "their", "its", "my", "our", "your"]);
/** Most adjectives between a possessive and its claim noun ("his repeated, false claim"). */
const MAX_CLAIM_MODIFIERS = 2;

/**
 * Reported speech in a noun phrase: a possessive, a noun of saying and its that-clause, "Donald
 * Trump’s claim that there have been “thousands of shootings”" (PolNeAR annotates these; the
 * possessive is the source, the clause the content).
 */
function claimNouns(ctx: Ctx, si: number, lo: number, hi: number, out: RawAttribution[]): void {
  const { toks, text } = ctx;
  for (let k = lo + 1; k + 1 < hi; k++) {
    const t = toks[k];
    if (t.q >= 0 || !CLAIM_NOUNS.has(t.l) || toks[k + 1].l !== "that" || toks[k + 1].q >= 0) continue;
    let p = k - 1;
    while (
      p > lo &&
      k - p <= MAX_CLAIM_MODIFIERS &&
      toks[p].word &&
      !toks[p].cap &&
      toks[p].q < 0 &&
      !isPossessive(toks[p])
    )
      p--;
    const poss = toks[p];
    if (!poss || poss.q >= 0 || !isPossessive(poss)) continue;
    let a = p;
    if (!POSSESSIVE_PRONOUNS.has(poss.l))
      while (a > lo && toks[a - 1].cap && toks[a - 1].word && toks[a - 1].q < 0) a--;
    if (out.some((o) => o.cue.start <= t.s && o.cue.end >= t.e)) continue;
    // Inside a fronted phrase ("Contrary to his claim that ..., there would be"), the main clause
    // after it ends the content.
    const content = contentAfter(ctx, k + 1, hi, { subordinate: a > lo });
    if (!content) continue;
    const source: PhraseSpan = {
      a,
      b: p,
      kind: POSSESSIVE_PRONOUNS.has(poss.l) ? "pronoun" : "name",
      start: toks[a].s,
      end: poss.e,
    };
    out.push({
      kind: "verb",
      cue: { start: t.s, end: t.e },
      cueText: text.slice(t.s, t.e),
      cueBase: t.l.replace(/s$/, ""),
      source,
      relayed: null,
      addressee: null,
      content,
      sentence: si,
      sharesSourceWith: -1,
      cueTok: k,
    });
  }
}

/** A possessive: "Trump’s", "the senators'", "his". */
function isPossessive(t: Tok): boolean {
  return POSSESSIVE_PRONOUNS.has(t.l) || /\p{L}(?:['’]s|s['’])$/u.test(t.t);
}

/** Drops verbs of thought and weak speech verbs whose cue lies inside another attribution's content. */
function dropWeakNested(out: RawAttribution[]): void {
  const weak = (a: RawAttribution) =>
    a.kind === "verb" && (WEAK_NESTED_SET.has(a.cueBase) || CUE_FORMS.get(a.cueBase)?.cls === "cognition");
  const drop = new Set<RawAttribution>();
  for (const a of out) {
    if (!weak(a)) continue;
    if (out.some((o) => o !== a && coversCue(o.content, a))) drop.add(a);
  }
  removeAttributions(out, drop);
}

/** Removes `drop` from `out` in place, keeping the `sharesSourceWith` links of the rest right. */
function removeAttributions(out: RawAttribution[], drop: Set<RawAttribution>): void {
  if (!drop.size) return;
  const keep = out.filter((a) => !drop.has(a));
  // Indices of `sharesSourceWith` point into `out`: remap them.
  const index = new Map(keep.map((a, i) => [a, i]));
  const old = [...out];
  out.length = 0;
  for (const a of keep) {
    const shared = a.sharesSourceWith >= 0 ? old[a.sharesSourceWith] : undefined;
    out.push({ ...a, sharesSourceWith: shared && index.has(shared) ? index.get(shared)! : -1 });
  }
}

/**
 * A transcript turn: a paragraph opening (after an optional quotation mark) with a speaker label in
 * capitals and a colon, `PENCE: Well, look, ...` or `"MR. TRUMP: ...`.
 */
const TURN_RE =
  /^[^\S\r\n]*["“]?((?:\p{Lu}[\p{Lu}.'’-]+)(?:[^\S\r\n]+\p{Lu}[\p{Lu}.'’-]+){0,2}):[^\S\r\n]+(\S[^\n]*?)[^\S\r\n]*$/gmu;
/** Capitalised paragraph labels that name a section, not a speaker (`UPDATE: ...`). */
const NON_SPEAKER_LABELS = new Set([
  "update",
  "updated",
  "note",
  "editor's note",
  "editor’s note",
  "correction",
  "clarification",
  "video",
  "photo",
  "photos",
  "watch",
  "read",
  "related",
  "breaking",
  "exclusive",
  "email",
  "byline",
  "source",
  "sources",
  "credit",
  "see also",
  "more",
]);
/** A transcript needs this many turns, one of its labels at least twice (speakers take turns). */
const MIN_TRANSCRIPT_TURNS = 3;

/**
 * Transcript turns are their speakers' quotes, one per paragraph: the words after the label, with
 * the label as the source and the colon as the cue. An attribution that spans several turns (the
 * frame "Partial transcript as follows:" over the whole exchange) gives way to them.
 */
function transcriptTurns(ctx: Ctx, out: RawAttribution[]): void {
  const { text, toks } = ctx;
  if (!text.includes(":")) return;
  const turns: { label: string; lStart: number; lEnd: number; parts: Span[] }[] = [];
  TURN_RE.lastIndex = 0;
  for (let m = TURN_RE.exec(text); m; m = TURN_RE.exec(text)) {
    const [, label, words] = m;
    if (NON_SPEAKER_LABELS.has(label.toLowerCase())) continue;
    const lStart = m.index + m[0].indexOf(label);
    const end = m.index + m[0].length;
    const part = turnPart(text, end - words.length, end);
    if (!part) continue;
    const parts = [part];
    // Paragraphs that open with a quotation mark and no label go on with the turn (a transcript
    // quoted paragraph by paragraph), up to the next label or an aside such as "(CROSSTALK.)".
    let lineStart = end + 1;
    for (;;) {
      const m2 = NEXT_PARAGRAPH_RE.exec(text.slice(lineStart, lineStart + 10_000));
      if (!m2 || TURN_LABEL_RE.test(m2[1])) break;
      const pStart = lineStart + m2[0].length - m2[1].length;
      const next = turnPart(text, pStart, pStart + m2[1].length);
      // "(CROSSTALK.)" ends the turn, and so does page chrome ("Follow Pam Key on Twitter").
      if (!next || text[pStart] === "(" || TEXT_PATTERNS.followAuthor.test(text.slice(next.start, next.end)))
        break;
      parts.push(next);
      lineStart = pStart + m2[1].length + 1;
    }
    turns.push({ label, lStart, lEnd: lStart + label.length, parts });
  }
  if (turns.length < MIN_TRANSCRIPT_TURNS) return;
  const labels = new Set(turns.map((t) => t.label));
  if (labels.size === turns.length) return;
  // Turns are in text order: a binary search finds the first turn inside a content part.
  const firsts = turns.map((t) => t.parts[0]);
  const turnsInside = (p: Span) => {
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (firsts[mid].start < p.start) lo = mid + 1;
      else hi = mid;
    }
    let n = 0;
    for (let j = lo; j < firsts.length && firsts[j].start < p.end && n < 2; j++)
      if (firsts[j].end <= p.end) n++;
    return n;
  };
  const spansTurns = (a: RawAttribution) => a.content.reduce((n, p) => n + turnsInside(p), 0) >= 2;
  removeAttributions(out, new Set(out.filter(spansTurns)));
  for (const t of turns) {
    const a = tokAt(toks, t.lStart, 0, toks.length);
    let b = a;
    while (b + 1 < toks.length && toks[b + 1].e <= t.lEnd) b++;
    const colon = b + 1;
    if (toks[colon]?.t !== ":" || toks[colon].sent < 0) continue;
    const source: PhraseSpan = { a, b, kind: "name", start: t.lStart, end: t.lEnd };
    out.push({ ...frameAttribution(toks, colon, source, t.parts, toks[colon].sent), turn: true });
  }
}

/** The next non-empty line after blank ones, when it opens with a quotation mark: its text after the mark. */
const NEXT_PARAGRAPH_RE = /^(?:[^\S\n]*\n)*[^\S\n]*["“]([^\n]+)/;
/** A line opening with a speaker label (TURN_RE's label and colon). */
const TURN_LABEL_RE = /^\p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]+){0,2}:\s/u;

/**
 * A turn's words from `start` to `end` (a line), trimmed: without a closing mark that has no
 * opening one in the line (the mark of a quotation wrapping the whole transcript); null if empty.
 */
function turnPart(text: string, start: number, end: number): Span | null {
  while (end > start && /\s/.test(text[end - 1])) end--;
  const words = text.slice(start, end);
  if ((words.match(/["“”]/g) ?? []).length % 2 === 1 && /["”]$/.test(words)) end--;
  return end > start ? { start, end } : null;
}

/** A headline or short line that gives a speaker and their words: `Cruz: Trump ‘Would Put Liberals On Court’`. */
const HEADLINE_RE = /^(\p{Lu}[^:\n]{0,60}?):[ \t]+(\S[^\n]*?)[ \t]*$/gmu;
/** Longest such line, in characters: longer lines are prose with a colon, not headlines. */
const MAX_HEADLINE_CHARS = 200;
/** Most words before the colon of a headline quote (a name or a short description). */
const MAX_HEADLINE_SPEAKER_WORDS = 7;
const HEADLINE_QUOTE_RE = /["“”‘’]|(?<![\p{L}\p{N}])'(?=[\p{L}\p{N}])/u;

/**
 * Headline quotes: a short line "Speaker: words" whose words hold a quotation mark. The speaker
 * part must read as a capitalised name or title phrase (every word capitalised, or a short link).
 */
function headlineQuotes(ctx: Ctx, out: RawAttribution[]): void {
  const { text, toks } = ctx;
  HEADLINE_RE.lastIndex = 0;
  for (let m = HEADLINE_RE.exec(text); m; m = HEADLINE_RE.exec(text)) {
    if (m[0].length > MAX_HEADLINE_CHARS) continue;
    const [, who, words] = m;
    if (!HEADLINE_QUOTE_RE.test(words)) continue;
    const ws = who.split(/\s+/);
    if (ws.length > MAX_HEADLINE_SPEAKER_WORDS) continue;
    if (!ws.every((w) => /^[\p{Lu}\d(]/u.test(w) || /^(?:of|on|for|the|and|in|to|at|with|a)$/.test(w)))
      continue;
    const sStart = m.index;
    const sEnd = sStart + who.length;
    // (The line may end in spaces, which the match holds after the words.)
    const cStart = m.index + m[0].indexOf(words, who.length + 1);
    const cEnd = cStart + words.length;
    if (out.some((a) => a.content.some((p) => p.start < cEnd && p.end > cStart))) continue;
    let k = 0;
    while (k < toks.length && toks[k].s < sStart) k++;
    let b = k;
    while (b + 1 < toks.length && toks[b + 1].e <= sEnd) b++;
    const colon = b + 1;
    if (toks[colon]?.t !== ":" || toks[k].sent < 0) continue;
    const source: PhraseSpan = { a: k, b, kind: "name", start: toks[k].s, end: toks[b].e };
    out.push(frameAttribution(toks, colon, source, [{ start: cStart, end: cEnd }], toks[colon].sent));
  }
}

/**
 * An attribution line after a quotation that opens its line: `“...” ― Sonya Herridge`, or the
 * fact-check layout `"..."⏎⏎- Bernie Sanders.` (a dash, a name, an optional description after a
 * comma, and nothing else up to the line end). The dash may follow on the same line or open one of
 * the next two lines.
 */
const DASH_LINE_RE =
  /^[^\S\r\n]*(?:\r?\n[^\S\r\n]*){0,2}([―—–-])[^\S\r\n]*(\p{Lu}[\p{L}\p{M}'’.-]*(?:[^\S\r\n]+(?:\p{Lu}[\p{L}\p{M}'’.-]*|(?:de|del|da|van|von|al|bin|la|le)))*)[^\S\r\n]*(?:[,(][^\n]{0,100})?\.?[^\S\r\n]*(?=\r?\n|$)/u;
/** Most words in the name of an attribution line. */
const MAX_DASH_NAME_WORDS = 5;

function dashLineQuotes(ctx: Ctx, out: RawAttribution[]): void {
  const { text, toks, quotations } = ctx;
  for (const q of quotations) {
    if (q.single) continue;
    const lineStart = text.lastIndexOf("\n", q.start - 1) + 1;
    if (text.slice(lineStart, q.start).trim() !== "") continue;
    const m = DASH_LINE_RE.exec(text.slice(q.end, q.end + 240));
    if (!m) continue;
    const name = m[2].replace(/\.$/, "");
    if (name.split(/\s+/).length > MAX_DASH_NAME_WORDS) continue;
    if (out.some((a) => a.content.some((p) => p.start < q.end && p.end > q.start))) continue;
    const dash = q.end + m[0].indexOf(m[1]);
    const sStart = q.end + m[0].indexOf(m[2], dash - q.end);
    const sEnd = sStart + name.length;
    const a = tokAt(toks, sStart, 0, toks.length);
    let b = a;
    while (b + 1 < toks.length && toks[b + 1].e <= sEnd) b++;
    const cueTok = tokAt(toks, dash, 0, toks.length);
    if (a >= toks.length || cueTok >= toks.length) continue;
    const source: PhraseSpan = { a, b, kind: "name", start: sStart, end: sEnd };
    out.push(frameAttribution(toks, cueTok, source, q.parts, Math.max(0, toks[cueTok].sent)));
  }
}

/** Words in a quotation, for the fallback's minimum. */
function wordCount(ctx: Ctx, q: Quotation): number {
  let n = 0;
  for (const p of q.parts) {
    const m = ctx.text.slice(p.start, p.end).match(/[\p{L}\p{N}]+/gu);
    n += m ? m.length : 0;
  }
  return n;
}

/**
 * Quotations that no cue claimed: in news prose nearly every quotation of a few words is someone's
 * words. Mid-sentence ones (`Trump issued a statement: “...”`, `Stated Stone: “...”`) take the
 * clause's subject as source; sentence-initial ones with a frame after them (`“...” tweeted a
 * user`) take the phrase of that frame. With `standalone`, the rest (whole sentences that did not
 * continue a quote) take the subject of a sentence ending in a colon right before them, else the
 * source of the latest attribution within a few sentences, else none.
 */
function framedQuotations(ctx: Ctx, ranges: [number, number][], out: RawAttribution[], standalone: boolean) {
  const { toks, quotations } = ctx;
  if (!quotations.length) return;
  const covered = (q: Quotation) =>
    out.some((a) => a.content.some((p) => p.start < q.parts[0].end && p.end > q.start));
  let k = 0;
  for (const q of quotations) {
    if (q.single || covered(q)) continue;
    // Short quotations only with a frame right after them (`“Why?” asked Smith`).
    const short = wordCount(ctx, q) < MIN_FALLBACK_WORDS;
    while (k < toks.length && toks[k].s < q.start) k++;
    const qTok = k;
    const t = toks[qTok];
    if (!t || t.sent < 0) continue;
    const si = t.sent;
    const [lo, hi] = ranges[si];
    let qEnd = qTok;
    while (qEnd + 1 < toks.length && toks[qEnd + 1].s < q.parts[0].end) qEnd++;
    // A quotation of several sentences (`“Let me be blunt. I can win,” the email read.`): its frame
    // is in the sentence where it closes.
    const hiEnd = toks[qEnd].sent > si ? ranges[toks[qEnd].sent][1] : hi;
    let source: Phrase | null = null;
    let cueTok = -1;
    if (qTok > lo) {
      // Mid-sentence: the clause's subject, the nearest word before the quotation as cue.
      if (standalone || short) continue;
      source = frameSubject(toks, lo, qTok);
      cueTok = qTok - 1;
      while (cueTok > lo && !toks[cueTok].word && toks[cueTok].t !== ":") cueTok--;
      if (!source && toks[qTok - 1].t !== ":") continue;
    } else if (qEnd + 1 < hiEnd && toks[qEnd + 1].word) {
      // `“...” tweeted a German user`, `“...” state Sen. X said`: a cue verb right after the
      // quotation, or a phrase and a cue verb.
      if (standalone) continue;
      const n = qEnd + 1;
      // A verb the lexicon lacks frames a quotation that ends in a comma, "!" or "?", when a
      // speaker phrase ends the clause with it (`“This is fantastic!” beamed Donald Hartley`,
      // `“...,” I confessed.`).
      const open = /[,!?](?:''|["”’])$/.test(ctx.text.slice(q.parts[0].end - 3, q.parts[0].end));
      const verbLike = (m: number) =>
        m < hiEnd && !toks[m].cap && (CUE_FORMS.has(toks[m].l) || (open && unknownSpeechVerb(toks[m])));
      if (verbLike(n)) {
        source = phraseAfter(toks, n + 1, hiEnd);
        cueTok = n;
        if (source && !CUE_FORMS.has(toks[n].l) && !invertedName(toks, n + 1, hiEnd)) continue;
      } else {
        source = phraseAfter(toks, n, hiEnd);
        cueTok = source ? source.b + 1 : -1;
        if (cueTok < 0 || !verbLike(cueTok)) continue;
        if (!CUE_FORMS.has(toks[cueTok].l) && toks[cueTok + 1]?.word && cueTok + 1 < hiEnd) continue;
      }
      if (!source) continue;
    } else {
      if (!standalone || short) continue;
      // A whole-sentence quotation after a sentence that ends in a colon, else the speaker of
      // the latest quotation in the sentence before (quotes without a frame go on a conversation).
      const prev = si > 0 ? ranges[si - 1] : null;
      if (prev && prev[1] > prev[0] && toks[prev[1] - 1].t === ":") {
        source = frameSubject(toks, prev[0], prev[1] - 1);
        cueTok = prev[1] - 1;
      } else {
        let last: RawAttribution | null = null;
        for (const a of out)
          if (
            a.content[0].start < q.start &&
            si - a.sentence <= FALLBACK_SPEAKER_SENTENCES &&
            startsWithMark(ctx, a.content) &&
            (!last || a.content[0].start > last.content[0].start)
          )
            last = a;
        if (!last?.source) continue;
        // The latest quote ends right before this one (no other cue between): its continuation.
        const tail = last.content[last.content.length - 1];
        if (
          endsWithMark(ctx.text, tail.end) &&
          !out.some((a) => a !== last && a.cue.start > tail.end && a.cue.start < q.start)
        ) {
          last.content.push(...q.parts.map((p) => ({ ...p })));
          continue;
        }
        source = last.source;
        cueTok = qTok;
      }
    }
    const src = source && "start" in source ? (source as PhraseSpan) : spanOf(toks, source);
    const cueSentence = hiEnd !== hi && cueTok > qEnd ? toks[cueTok].sent : si;
    out.push(frameAttribution(toks, cueTok, src, q.parts, cueSentence));
  }
}

/** A lower-case past-tense verb ("beamed", "confessed"): after a quotation, speech. */
function unknownSpeechVerb(t: Tok): boolean {
  return t.word && t.q < 0 && !t.cap && t.l.length > 4 && t.l.endsWith("ed");
}

/**
 * Nouns without a plural -s that take a plural verb ("the police say"), so a base-form cue after
 * them is a verb.
 */
const COLLECTIVE_NOUNS = new Set(["police", "people", "media", "public", "staff", "military", "government"]);
/** Articles before a compound noun (possessives are left out: "her campaign say" ends a subject). */
const ARTICLES = new Set(["a", "an", "the"]);

/**
 * The base-form cue at `k` heads a compound noun: a determiner and one modifier word come right
 * before it ("a conference call", "the TV show", "The phone call came"), and the modifier is no
 * plural or collective subject ("the officials say", "the police say").
 */
function compoundHead(toks: Tok[], k: number): boolean {
  const mod = toks[k - 1];
  const det = toks[k - 2];
  if (!mod || !det || mod.q >= 0 || !mod.word || mod.sent !== toks[k].sent) return false;
  if (!ARTICLES.has(det.l) || det.sent !== mod.sent) return false;
  // "the Government say" (British agreement) is a clause; "a Twitter comment", "an NBC
  // interview" are nouns (an indefinite article takes no plural verb).
  if (mod.cap && !/^[A-Z]{2,5}$/.test(mod.t) && det.l === "the") return false;
  if (/s$/.test(mod.l) || COLLECTIVE_NOUNS.has(mod.l) || CUE_MODIFIER_SET.has(mod.l) || /ly$/.test(mod.l))
    return false;
  return !CUE_FORMS.has(mod.l);
}

/** Words after "tell" that make it "know" ("too early to tell whether"). */
const WHETHER = new Set(["whether", "if"]);

function findCandidates(toks: Tok[], lo: number, hi: number): Cand[] {
  const cands: Cand[] = [];
  for (let k = lo; k < hi; k++) {
    const t = toks[k];
    if (t.q >= 0 || !t.word) continue;
    const second = ACCORDING_PAIRS.get(t.l);
    if (second && toks[k + 1]?.l === second && toks[k + 1].q < 0) {
      cands.push({ kind: "according", k, kEnd: k + 2, form: null });
      k++;
      continue;
    }
    const form = CUE_FORMS.get(t.l);
    if (!form) continue;
    if (t.cap && t.t !== "Says" && t.t !== "Said" && t.t !== "Tells" && t.t !== "Warns") continue;
    // "the report released on Monday", "a statement": after a determiner, a noun.
    if (NOUN_DETERMINERS.has(toks[k - 1]?.l ?? "") && isCueNoun(t)) continue;
    // "a conference call", "the TV show": a base form after a determiner and a singular noun.
    if (t.l === form.base && compoundHead(toks, k)) continue;
    // "his showing", "a 22 percent showing", "the warning": an -ing form after a determiner is a noun.
    if (t.l.endsWith("ing") && (NOUN_DETERMINERS.has(toks[k - 1]?.l ?? "") || toks[k - 1]?.l === "percent"))
      continue;
    // "too early to tell whether", "time will tell if": to know, not to speak.
    if (form.base === "tell" && WHETHER.has(toks[k + 1]?.l ?? "")) continue;
    // "as saying" belongs to a relay verb before it.
    if (toks[k - 1]?.l === "as" && form.base === "say" && cands.some((c) => c.kind === "relay")) continue;
    // "point out"
    let kEnd = k + 1;
    if (form.base === "point") continue;
    if ((t.l === "points" || t.l === "pointed" || t.l === "pointing") && toks[k + 1]?.l === "out") kEnd++;
    // "called on Congress to act": an appeal, whose content is everything after "on", not a naming.
    let cueForm = form;
    if (form.base === "call" && toks[k + 1]?.l === "on" && toks[k + 1].q < 0 && toks[k + 2]?.q < 0) {
      kEnd++;
      cueForm = { ...form, base: "call on" };
    }
    cands.push({ kind: form.cls === "relay" ? "relay" : "verb", k, kEnd, form: cueForm });
  }
  return cands;
}

/** Token index of the first token at or after char offset `pos`, within [lo, hi). */
function tokAt(toks: Tok[], pos: number, lo: number, hi: number): number {
  // Binary search: tokens are in text order.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].s < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Content running from token `k` to `hi` (exclusive), as one span, trimmed of edge punctuation. */
function clauseSpan(ctx: Ctx, k: number, hi: number): Span | null {
  const { toks } = ctx;
  while (k < hi && !toks[k].word && toks[k].q < 0) k++; // leading "," ":" "—"
  let e = hi - 1;
  while (e >= k && !toks[e].word && toks[e].q < 0 && toks[e].t !== "%") e--; // trailing "." "," (not the "%" of "5%")
  if (e < k) return null;
  return { start: toks[k].s, end: toks[e].e };
}

/**
 * Words after which "and"/"but" starts a new predicate rather than continuing the clause ("said
 * ... and did not ...", "and has since"). Auxiliaries that more often continue the reported clause
 * ("said the deal is bad and would hurt workers") are not here: on PolNeAR train, "and/but" +
 * would, will, was, were, is, are, not, also, then, could, had lie inside an annotated content
 * 201 times and right after one 44.
 */
const PREDICATE_STARTS = new Set(["did", "does", "do", "has", "have", "should", "later"]);
/** Subject pronouns that, after ", but", open a new clause of the writer's. */
const BUT_SUBJECTS = new Set(["he", "she", "they", "it", "we", "i", "you"]);
/** Relative and subordinating words that, after a comma, end the reported clause. */
const CLAUSE_BREAKS = new Set(["which", "where", "while", "whereas", "although", "though"]);

/**
 * -ing words after a comma that go on with the reported clause, unlike a participle's new
 * predicate: prepositions (", including ...", ", during ...") and ", referring to ...", which says
 * whom the clause means.
 * PolNeAR train, quotations aside: "including" inside an annotated content 112 times, right after
 * one 14; "referring" 20 and 1; "during" 7 and 0.
 */
const ING_CONTINUATIONS = new Set([
  "including",
  "during",
  "regarding",
  "concerning",
  "excluding",
  "referring",
]);

/** Longest dash aside kept inside a reported clause, in tokens. */
const MAX_DASH_ASIDE_TOKENS = 25;

/** Token `m` is a hyphen standing for a dash, with spaces around it (`Islamic State - said at`). */
function spacedHyphen(toks: Tok[], m: number): boolean {
  const t = toks[m];
  // Every other character is a token, so a gap between tokens is white space.
  return t.t === "-" && m > 0 && m + 1 < toks.length && toks[m - 1].e < t.s && toks[m + 1].s > t.e;
}

/**
 * Where the reported clause after a cue ends, before `hi`: PolNeAR's content stops before a new
 * predicate of the speaker ("... and accused him of ...", "..., claiming that ..."), a comma-led
 * relative clause (", which ..."), or a dash aside; inside quotations nothing breaks.
 */
function clauseEnd(ctx: Ctx, k: number, hi: number, opts: ClauseOptions = {}): number {
  const { coordinated = false, subordinate = false } = opts;
  const { toks } = ctx;
  for (let m = k + 1; m < hi; m++) {
    const t = toks[m];
    if (m + 1 < hi && timeTail(toks, m + 1)) return m + 1;
    if (t.q >= 0) continue;
    const next = toks[m + 1];
    if (coordinated && m > k + 1 && m + 2 < hi && newPredicate(toks, m)) return m;
    if ((isComma(t) || spacedHyphen(ctx.toks, m)) && next && next.q < 0) {
      if (t.t === "—" || t.t === "–" || t.t === "-") {
        // A dash aside closed by a second dash with more of the clause after it ("Clinton’s call
        // to “make America whole” — itself a rebuttal — was an inferior slogan") stays inside.
        let m2 = m + 1;
        while (m2 < hi && toks[m2].t !== t.t) m2++;
        if (m2 + 1 < hi && toks[m2 + 1].word && m2 - m <= MAX_DASH_ASIDE_TOKENS) {
          m = m2;
          continue;
        }
        return m;
      }
      if (
        !next.cap &&
        next.l.length > 4 &&
        next.l.endsWith("ing") &&
        !ING_CONTINUATIONS.has(next.l) &&
        m + 1 < hi
      )
        return m;
      // ", implicitly putting his name on the line": an adverb before the participle.
      const after = toks[m + 2];
      if (/^\p{Ll}+ly$/u.test(next.t) && after && m + 2 < hi && lowerWordEnding(after, "ing")) return m;
      if (CLAUSE_BREAKS.has(next.l)) return m;
      // "Though she called it “outrageous”, Clinton restricted ...": the main clause after a
      // fronted subordinate clause holding the cue.
      if (subordinate && (next.cap || BUT_SUBJECTS.has(next.l))) {
        const np = phraseAfter(toks, m + 1, hi);
        const verb = np ? toks[np.b + 1] : undefined;
        if (np && verb && np.b + 1 < hi && verb.word && !verb.cap && verb.q < 0) return m;
      }
    }
    if ((t.l === "and" || t.l === "but") && next && next.q < 0 && !next.cap && m > k + 2) {
      const form = CUE_FORMS.get(next.l);
      if ((form && !form.participle) || PREDICATE_STARTS.has(next.l)) return m;
      // "..., but he pressed Clinton to do more": "but" and a new subject.
      // So does `“jobs, jobs, jobs,” but he has ...`, the comma inside the closing mark.
      if (t.l === "but" && BUT_SUBJECTS.has(next.l)) {
        if (isComma(toks[m - 1])) return m - 1;
        if (commaClosesQuotation(ctx, m - 1)) return m;
      }
    }
    if (t.l === "while" || t.l === "whereas") return m;
  }
  return hi;
}

/** Object pronouns and "that", which open a verb's complement ("and accusing him", "and asserting that"). */
const COMPLEMENT_STARTS = new Set(["him", "her", "them", "it", "us", "me", "you", "that"]);

/**
 * "and"/"but"/"or" at `m` opens a new predicate: a lower-case -ing or -ed verb with an object after
 * it ("calling him a “stiff” and accusing him of ...", "called him a “wreck” and contrasted the
 * candidate with ..."). After an -ed or -ing word with no object it is an adjective ("“reckless”
 * and misguided"), and the clause goes on.
 */
function newPredicate(toks: Tok[], m: number): boolean {
  const t = toks[m];
  const verb = toks[m + 1];
  const obj = toks[m + 2];
  if ((t.l !== "and" && t.l !== "but" && t.l !== "or") || verb.q >= 0 || obj.q >= 0) return false;
  if (verb.cap || verb.l.length <= 4 || !/(?:ing|ed)$/.test(verb.l)) return false;
  return DETERMINERS.has(obj.l) || COMPLEMENT_STARTS.has(obj.l);
}

/** How a reported clause may end besides the general breaks (clauseEnd). */
interface ClauseOptions {
  /** A naming or participle cue, whose content holds no finite verb of its own: a coordinated predicate ends it (`newPredicate`). */
  coordinated?: boolean;
  /** The cue is inside a fronted subordinate clause ("Though she called ..., Clinton said"): its main clause ends it. */
  subordinate?: boolean;
}

/** Finite auxiliaries and modals: after a quotation, they make it the subject of a clause. */
const FINITE_AFTER_SUBJECT = new Set(
  "is are was were will would can could should must may might has have had does do did".split(" "),
);

/** Quotation `q` is followed, in the clause, by a finite verb it is the subject of ('"local forces" must lead'). */
function subjectQuotation(ctx: Ctx, q: number, hi: number): boolean {
  const { toks, quotations } = ctx;
  const end = quotations[q].end;
  const m = tokAt(toks, end, 0, toks.length);
  if (m >= hi || toks[m].q >= 0) return false;
  return toks[m].word && FINITE_AFTER_SUBJECT.has(toks[m].t);
}

/**
 * Content after a cue: the quotation opening right there (all its parts), else the clause up to
 * `hi`; a quotation that starts inside the clause and runs past `hi` extends it.
 */
function contentAfter(ctx: Ctx, k: number, hi: number, opts: ClauseOptions = {}): Span[] | null {
  const { toks, quotations } = ctx;
  while (k < hi && toks[k].q < 0 && (toks[k].t === "," || toks[k].t === ":" || toks[k].t === "—")) k++;
  if (k >= hi) return null;
  const t = toks[k];
  if (t.q >= 0) {
    const qt = quotations[t.q];
    // Quotation at the start: if the clause goes on after it (", he said, and ..."), keep the
    // quotation alone; the rest belongs to other cues. Unless the quotation is the subject of the
    // reported clause ("Bush said "local forces" must lead the way").
    if (qt.start === t.s && !subjectQuotation(ctx, t.q, hi))
      return qt.parts.map((p) => ({ start: p.start, end: p.end }));
  }
  hi = clauseEnd(ctx, k, hi, opts);
  const span = clauseSpan(ctx, k, hi);
  if (!span) return null;
  // A quotation that opens inside the clause and closes after the sentence: extend.
  let lastQ = -1;
  for (let m = k; m < hi; m++) if (toks[m].q >= 0) lastQ = toks[m].q;
  if (lastQ >= 0 && quotations[lastQ].end > span.end && quotations[lastQ].start >= span.start) {
    const qt = quotations[lastQ];
    const parts: Span[] = [{ start: span.start, end: qt.parts[0].end }];
    for (let p = 1; p < qt.parts.length; p++) parts.push({ ...qt.parts[p] });
    return parts;
  }
  return [span];
}

/** A quotation opening at `pos` with a capital letter (`“Sure.`), as a full sentence does. */
function capitalQuotation(ctx: Ctx, pos: number): boolean {
  return /^["“'‘]+\p{Lu}/u.test(ctx.text.slice(pos, pos + 3));
}

/**
 * Content before a cue frame starting at token `f`: the quotation ending right there, else the
 * clause from `lo` to the comma before the frame.
 */
function contentBefore(ctx: Ctx, f: number, lo: number, si: number): Span[] | null {
  const { toks, quotations } = ctx;
  let p = f - 1;
  const hadComma = p >= lo && isComma(toks[p]);
  if (hadComma) p--;
  if (p < 0) return null;
  const t = toks[p];
  if (t.q >= 0) {
    const qt = quotations[t.q];
    if (qt.end === t.e && !qt.single && clauseInitialQuote(ctx, t.q, lo, si))
      return qt.parts.map((x) => ({ ...x }));
  }
  if (!hadComma || p < lo) return null;
  const span = clauseSpan(ctx, quotedSentenceStart(ctx, lo), p + 1);
  return span ? [span] : null;
}

/**
 * The first token of a sentence that opens inside a quotation holding full stops (`GOP nominees
 * “were stiff. They weren’t fun. There was no joy” in comparison, Gingrich said.`): the start of
 * the sentence where that quotation's paragraph part opens; else `lo`.
 */
function quotedSentenceStart(ctx: Ctx, lo: number): number {
  const { toks, quotations } = ctx;
  const t = toks[lo];
  if (!t || t.q < 0 || quotations[t.q].single) return lo;
  const part = quotations[t.q].parts.find((x) => x.start <= t.s && x.end >= t.e);
  if (!part || part.start >= t.s) return lo;
  let a = lo;
  while (a > 0 && toks[a - 1].s >= part.start) a--;
  if (a > 0 && toks[a - 1].e > part.start) return lo;
  const sa = toks[a].sent;
  while (a > 0 && toks[a - 1].sent === sa && sa >= 0) a--;
  return a;
}

function sentenceAttributions(ctx: Ctx, si: number, lo: number, hi: number, out: RawAttribution[]): void {
  const { toks, text } = ctx;
  const cands = findCandidates(toks, lo, hi);
  if (!cands.length) return;
  interface Framed {
    cand: Cand;
    source: Phrase | null;
    relayed: Phrase | null;
    addressee: Phrase | null;
    /** First token of the cue frame (source phrase or cue, and a comma before it). */
    frame: number;
    commaLed: boolean;
    shares: number;
    afterStart: number;
    /** The source is the clause subject, not a phrase at the cue. */
    guessed: boolean;
    /** The source is the name after an inverted cue (", said Frank Coleman"). */
    inverted: boolean;
    /** The frame starts at a quotation's closing mark whose words end in a comma (`“...,” adding`). */
    closingFrame: boolean;
  }
  const framed: Framed[] = [];
  for (const cand of cands) {
    const { k, kEnd, form } = cand;
    let source: Phrase | null = null;
    let relayed: Phrase | null = null;
    let addressee: Phrase | null = null;
    let frame = k;
    let shares = -1;
    let afterStart = kEnd;
    let guessed = false;
    let inverted = false;
    let closingFrame = false;
    let timedFrame = false;
    if (cand.kind === "according") {
      source = phraseAfter(toks, kEnd, hi);
      if (!source) continue;
      // "According to a statement from the Israeli military, ...": opening the sentence, the
      // source runs on through its modifiers to the comma that ends the frame.
      if (k === lo) {
        let m = source.b + 1;
        while (m < hi && m - source.b <= MAX_SOURCE_MODIFIER_TOKENS && toks[m].q < 0 && toks[m].t !== ",")
          m++;
        if (m < hi && m > source.b + 1 && toks[m].t === "," && PP_OPENERS.has(toks[source.b + 1].l))
          source = { ...source, b: m - 1 };
      }
      afterStart = source.b + 1;
    } else {
      // Walk back over "also", "has", "would", "however", "Sunday" ...
      let p = k - 1;
      while (
        p >= lo &&
        toks[p].q < 0 &&
        ((!toks[p].cap &&
          (CUE_MODIFIER_SET.has(toks[p].l) || (toks[p].l.endsWith("ly") && toks[p].l.length > 3))) ||
          WEEKDAY_SET.has(toks[p].l))
      )
        p--;
      // "Footage from KRT appears to show": a raising verb and "to" between subject and cue.
      if (p - 1 >= lo && toks[p].l === "to" && RAISING_VERBS.has(toks[p - 1].l) && toks[p - 1].q < 0) {
        p -= 2;
        while (p >= lo && toks[p].q < 0 && !toks[p].cap && CUE_MODIFIER_SET.has(toks[p].l)) p--;
      }
      // "Dianne Feinstein (D-Calif.) last week said": a time phrase between subject and cue.
      if (p - 1 >= lo && TIME_UNIT_SET.has(toks[p].l) && TIME_DEICTICS.has(toks[p - 1].l) && toks[p].q < 0)
        p -= 2;
      // "is pledging", "was saying": a finite verb in the progressive, not a participle clause
      // sharing the subject before a comma.
      let progressive = false;
      for (let m = p + 1; m < k; m++) if (BE_AUXILIARIES.has(toks[m].l)) progressive = true;
      const participle = (form?.participle ?? false) && !progressive;
      // `..., adding` and `... on "Morning Joe," adding`: the comma may close a quotation.
      // So does "Cruz replied, before adding that ...", "... after hinting that ...": a participle
      // after a preposition of time takes the subject of the clause before it.
      const timed = participle && p - 1 >= lo && PARTICIPLE_PREPOSITIONS.has(toks[p].l) && toks[p].q < 0;
      if (participle && p >= lo && (isComma(toks[p]) || commaClosesQuotation(ctx, p) || timed)) {
        // "..., saying": the subject of the clause before.
        const prior = framed.length ? framed[framed.length - 1] : null;
        if (prior?.source) {
          source = prior.source;
          shares = framed.length - 1;
        } else if (cand.kind !== "relay") {
          const first = firstSubject(toks, lo, p);
          if (!first) continue;
          source = first;
        }
        frame = p;
        timedFrame = timed;
        closingFrame = !isComma(toks[p]) && !timed;
      } else if (p >= lo && isComma(toks[p]) && !participle) {
        if (
          form &&
          form.base !== "tell" &&
          INVERTING_VERBS.has(form.base) &&
          k === p + 1 &&
          toks[kEnd]?.cap &&
          invertedName(toks, kEnd, hi)
        ) {
          // "..., said Frank Coleman, the group's vice president."
          source = phraseAfter(toks, kEnd, hi);
          if (source) afterStart = source.b + 1;
          inverted = !!source;
          frame = k;
        } else {
          // Several commas: `“...,” Harry Bond, 30, of Raleigh, N.C., who was polled, said`,
          // `''...,'' Representative Steve Cohen, Democrat of Tennessee, told`: the phrase right
          // after a quotation that opens the sentence.
          const first = quotationOpening(ctx, lo, p);
          if (first >= 0) {
            const np = phraseAfter(toks, first, p);
            if (np && isComma(toks[np.b + 1])) source = np;
          }
          source ??= appositiveSubject(toks, lo, p);
          if (source) frame = source.a;
        }
      } else if (p >= lo && toks[p].q >= 0) {
        // Inverted after a quotation: `,” said Ken Cuccinelli`.
        // Any speech verb inverts right after a quotation before a name: `,” tweeted Sen. X`.
        if (form && (INVERTING_VERBS.has(form.base) || (form.cls === "speech" && toks[kEnd]?.cap)))
          source = phraseAfter(toks, kEnd, hi);
        if (source) afterStart = source.b + 1;
        inverted = !!source;
        frame = k;
      } else if (p >= lo) {
        source = phraseBefore(toks, p, lo);
        // "A former candidate -- John McCain, who lost in 2008 -- said": the phrase before a dash
        // aside.
        if (!source && DASHES.has(toks[p].t)) source = beforeDashAside(toks, p, lo);
        // "the order released Friday said", "a statement issued Monday said": a participle and a
        // time between the subject and its cue.
        const timeAfter = p + 1 < k && (WEEKDAY_SET.has(toks[p + 1].l) || TIME_UNIT_SET.has(toks[p + 1].l));
        if (!source && timeAfter && p - 1 >= lo && lowerWordEnding(toks[p], "ed")) {
          const head = phraseBefore(toks, p - 1, lo);
          if (head?.kind === "description" && DETERMINERS.has(toks[head.a].l)) source = head;
        }
        // "A letter from the Legion obtained by The Associated Press warns": the agent of a
        // reduced relative clause is not the subject; the phrase it modifies is, with the clause.
        if (source && source.a - 3 >= lo && toks[source.a - 1].l === "by") {
          const part = toks[source.a - 2];
          if (part.word && !part.cap && part.q < 0 && /(?:ed|en)$/.test(part.l)) {
            const head = phraseBefore(toks, source.a - 3, lo);
            if (head && head.kind !== "pronoun" && head.kind !== "relative")
              source = { a: head.a, b: source.b, kind: head.kind };
          }
        }
        // "Protesters marching through the streets chanted": the phrase a participle clause
        // modifies speaks, not the object of its preposition.
        const prep = source && source.a - 3 >= lo ? toks[source.a - 1].l : "";
        if (source && (PREPOSITIONS.has(prep) || PREPOSITION_STARTS.has(prep))) {
          const part = toks[source.a - 2];
          if (lowerWordEnding(part, "ing") && !CUE_FORMS.has(part.l)) {
            const head = phraseBefore(toks, source.a - 3, lo);
            if (head && head.kind !== "pronoun" && head.kind !== "relative" && head.b === source.a - 3)
              source = head;
          }
        }
        // "Ban Ki-moon condemned what he called a “brazen breach”": the words are annotated with
        // the outer clause's subject, the pronoun's antecedent.
        if (
          source?.kind === "pronoun" &&
          form &&
          NAMING_BASES.has(form.base) &&
          source.a - 2 >= lo &&
          toks[source.a - 1].l === "what" &&
          toks[source.a - 2].word &&
          !toks[source.a - 2].cap
        ) {
          const outer = frameSubject(toks, lo, source.a - 2, true);
          if (outer && outer.kind !== "relative") source = outer;
        }
        // "Trump issued a statement saying": the participle's subject is the clause's, not the
        // object before it.
        // But "with Donald Trump tweeting that ...": the participle's own subject.
        if (
          source &&
          participle &&
          source.a - 1 >= lo &&
          toks[source.a - 1].word &&
          !toks[source.a - 1].cap &&
          toks[source.a - 1].l !== "with"
        ) {
          // The clause ends before its verb ("issued"), which a phrase walk would take as a word
          // of the subject.
          const subject = frameSubject(toks, lo, source.a - 1, true);
          if (subject) source = subject;
        }
        if (source) frame = source.a;
      } else if (form && INVERTING_VERBS.has(form.base) && k === lo && endsQuestion(ctx, k - 1)) {
        // `“Why?” asked Sen. Mikulski.`
        source = phraseAfter(toks, kEnd, hi);
        if (source) afterStart = source.b + 1;
      }
      if (cand.kind === "relay") {
        if (participle && form?.base === "cite") {
          // "..., citing an interview with the leader": a source for the clause before.
          const np = phraseAfter(toks, kEnd, hi);
          if (!np) continue;
          framed.push({
            cand: { ...cand, kind: "relay" },
            source: np,
            relayed: null,
            addressee: null,
            frame,
            commaLed: true,
            shares: -2, // marks "citing"
            afterStart: np.b + 1,
            guessed: false,
            inverted: false,
            closingFrame: false,
          });
          continue;
        }
        // "X quoted/cited Y as saying": find "as saying".
        let m = kEnd;
        while (
          m < hi &&
          m - kEnd <= MAX_RELAY_OBJECT_TOKENS &&
          !(toks[m].l === "as" && toks[m + 1]?.l === "saying")
        )
          m++;
        if (m >= hi || m - kEnd > MAX_RELAY_OBJECT_TOKENS) continue;
        relayed = phraseAfter(toks, kEnd, m);
        afterStart = m + 2;
      } else if (!source) {
        // No phrase right before the cue ("Another source familiar with Cruz’s thinking said",
        // "He then adopted an accent and joked,"): the subject of the cue's clause.
        if (form?.cls !== "speech" || k === lo) continue;
        // "Clinton slammed the shift as ... and accused Sanders of ...": a verb coordinated by
        // "and" shares the clause's first subject.
        const coordinated = p >= lo && (toks[p].l === "and" || toks[p].l === "but") && toks[p].q < 0;
        // "..., I laughed and said": first the phrase right before the one verb coordinated with
        // the cue, then the clause's first subject.
        const verbBefore = coordinated && p - 2 >= lo && lowerWordEnding(toks[p - 1], "ed");
        source =
          (verbBefore ? phraseBefore(toks, p - 2, lo) : null) ??
          (coordinated ? firstSubject(toks, lo, p) : null) ??
          frameSubject(toks, lo, k + 1, true);
        if (!source) continue;
        frame = k;
        guessed = true;
      }
      // "under Assad's rule": a possessive is a determiner, not a subject.
      if (source && cand.kind === "verb" && source.b < k && /[’']s$/.test(toks[source.b].t)) continue;
      if (form && ADDRESSEE_VERBS.has(form.base) && cand.kind === "verb") {
        // "told Sputnik", "told reporters on Friday that".
        const np = phraseAfter(toks, afterStart, hi);
        // "told" always names its addressee; "warned the ceasefire could collapse" does not.
        if (np && toks[np.b + 1]?.l !== "to" && (form.base === "tell" || toks[np.b + 1]?.l === "that")) {
          addressee = np;
          afterStart = np.b + 1;
        }
      }
    }
    const before =
      frame - 1 >= lo || (frame === lo && endsQuestion(ctx, frame - 1)) ? toks[frame - 1] : undefined;
    // `... “maniacal,” adding, “He lost ...”`: the comma closing a quotation leads the frame too.
    const commaLed =
      (!!before && (isComma(before) || (before.q >= 0 && ctx.quotations[before.q].end === before.e))) ||
      closingFrame ||
      timedFrame;
    framed.push({
      cand,
      source,
      relayed,
      addressee,
      frame,
      commaLed,
      shares,
      afterStart,
      guessed,
      inverted,
      closingFrame,
    });
  }

  for (let i = 0; i < framed.length; i++) {
    const f = framed[i];
    const { cand } = f;
    // The clause after the cue ends where the next comma-led frame begins.
    let end = hi;
    for (let j = i + 1; j < framed.length; j++) {
      const fj = framed[j];
      if (fj.commaLed && fj.frame >= f.afterStart) {
        const frameTok = toks[fj.frame];
        end = fj.closingFrame
          ? fj.frame + 1
          : isComma(frameTok) || (frameTok.word && PARTICIPLE_PREPOSITIONS.has(frameTok.l))
            ? fj.frame
            : fj.frame - 1;
        break;
      }
    }
    let k = skipAdverbials(toks, f.afterStart, end);
    if (cand.kind === "according") {
      // "According to X, CONTENT" or "CONTENT, according to X."
      k = f.afterStart;
    }
    const isCiting = f.shares === -2;
    let content: Span[] | null;
    // The quotation may end the previous sentence: `“Why?” Trump asked.`
    // So may a full stop inside it when the next sentence is nothing but the frame
    // (`“... missing.” Trump said.`).
    // In the same paragraph, not before a colon ("Cruz continued:" opens the next quotation).
    let frameOnly =
      f.frame === lo &&
      f.frame > 0 &&
      !text.slice(toks[f.frame - 1].e, toks[f.frame].s).includes("\n") &&
      toks[hi - 1].t !== ":";
    for (let m = k; frameOnly && m < hi; m++) if (toks[m].word || toks[m].q >= 0) frameOnly = false;
    const prevTok =
      f.frame - 1 >= lo ||
      (f.frame === lo && (endsQuestion(ctx, f.frame - 1) || (frameOnly && closesQuotation(ctx, f.frame - 1))))
        ? toks[f.frame - 1]
        : undefined;
    // A quotation after words of its own clause (`On Fox’s “Hannity,” Newt Gingrich said if ...`)
    // is no framed quote when a clause follows the cue: the content is that clause.
    const clauseAfter =
      !!prevTok &&
      (!f.source || f.source.a < cand.k) &&
      prevTok.q >= 0 &&
      !clauseInitialQuote(ctx, prevTok.q, lo, si, true) &&
      reportedClauseWords(ctx, contentAfter(ctx, k, end)) >= MIN_CLAUSE_AFTER_WORDS;
    // `''I don't like it,'' adding that ''they have anger ...''`: a cue followed by "that" reports
    // the clause after it, not the quotation before.
    const thatClause = k + 1 < end && toks[k].l === "that" && toks[k].q < 0 && cand.kind === "verb";
    if (
      prevTok &&
      prevTok.q >= 0 &&
      clauseInitialQuote(ctx, prevTok.q, lo, si) &&
      !isCiting &&
      !clauseAfter &&
      !thatClause
    ) {
      // `“A,” he said` and `“A,” he said, “B.”`: the quotation before, and one opening right after.
      content = ctx.quotations[prevTok.q].parts.map((x) => ({ ...x }));
      const m = resumedQuotation(ctx, k, end);
      if (m >= 0) content.push(...ctx.quotations[toks[m].q].parts.map((x) => ({ ...x })));
    } else if (f.inverted && isComma(toks[f.afterStart]) && (toks[f.afterStart + 1]?.q ?? -1) < 0) {
      // `... about the decision, said RoseAnn DeMoro, executive director of ...`: after an
      // inverted name and a comma comes an appositive, not the content.
      content = null;
    } else {
      const coordinated = !!cand.form && (cand.form.participle || NAMING_BASES.has(cand.form.base));
      const subordinate = SUBORDINATORS.has(toks[lo].l) && f.frame > lo;
      content = contentAfter(ctx, k, end, { coordinated, subordinate });
      if (content && cand.kind === "verb" && cand.form && badContentStart(ctx, cand, k, end, content))
        continue;
      // "Proposals so far ..., he added, amount to ''just tinkering''", "In any case, Mr.
      // DiPietro said, the golf industry was ...": a frame set off by commas inside a clause; the
      // words before the frame belong to the content too. Not when a capitalised quotation
      // follows the frame ("Asked about it, Ryan said, “Sure.”"): what precedes is the writer's
      // introduction. (PolNeAR train, frames before a clause with a subject of its own: the
      // annotated content held the words before 84 times and left them out 12; before a
      // capitalised quotation, 9 and 52.)
      if (
        content &&
        cand.kind === "verb" &&
        f.commaLed &&
        !f.inverted &&
        f.frame > lo &&
        isComma(toks[f.afterStart]) &&
        !framed.some((o) => o !== f && o.frame < f.frame) &&
        !capitalQuotation(ctx, content[0].start)
      ) {
        const before = contentBefore(ctx, f.frame, lo, si);
        if (before && !startsWithMark(ctx, before)) content = [...before, ...content];
      }
      // `"Boots on the ground" would be appropriate, Ben Carson said after the attacks`: a
      // prepositional phrase after a comma-led frame is no reported clause; the content is before.
      if (content && f.commaLed && reportedClauseWords(ctx, content) === 0) {
        const before = contentBefore(ctx, f.frame, lo, si);
        if (before && startsWithMark(ctx, before)) content = null;
      }
    }
    // "CONTENT, according to X, CONTENT." : the frame interrupts the clause; the words after
    // it (up to the next frame or the sentence end) belong to the content too.
    let interrupted: Span | null = null;
    if (content && cand.kind === "according" && f.commaLed && isComma(toks[f.afterStart])) {
      interrupted = content.length === 1 && !startsWithMark(ctx, content) ? content[0] : null;
      // "..., according to Nice-Matin, a local newspaper.": an appositive of the source (an
      // indefinite phrase) is no second part of the content.
      const next = toks[f.afterStart + 1];
      if (next && (next.l === "a" || next.l === "an")) interrupted = null;
    }
    if (isCiting || (content && cand.kind === "according" && f.commaLed)) content = null;
    if (!content && (f.commaLed || cand.kind === "according")) {
      // Content before the frame, from the sentence start: for "Assad said X, Interfax reported"
      // that includes the inner attribution, as nested reports are annotated.
      content = contentBefore(ctx, f.frame, lo, si);
      if (content && interrupted) {
        // A subordinate clause before the frame ("While most were ..., according to X, two
        // were ...") is background: the content is the main clause after it.
        const first = toks[tokAt(toks, content[0].start, lo, hi)];
        content = SUBORDINATORS.has(first?.l ?? "") ? [interrupted] : [...content, interrupted];
      }
      if (
        content &&
        cand.form &&
        (cand.form.quoteOnly || QUOTE_ONLY_VERBS.has(cand.form.base)) &&
        !startsWithMark(ctx, content)
      )
        continue;
    }
    if (!content?.length) continue;
    const cueStart = toks[cand.k].s;
    const cueEnd = toks[cand.kEnd - 1].e;
    out.push({
      kind: isCiting ? "citing" : cand.kind === "relay" ? "relay" : cand.kind,
      cue: { start: cueStart, end: cueEnd },
      cueText: text.slice(cueStart, cueEnd),
      cueBase: cand.form?.base ?? toks[cand.k].l + " " + toks[cand.k + 1].l,
      source: spanOf(toks, f.source),
      relayed: spanOf(toks, f.relayed),
      addressee: spanOf(toks, f.addressee),
      content,
      sentence: si,
      sharesSourceWith: f.shares >= 0 ? out.length - (i - f.shares) : -1,
      cueTok: cand.k,
    });
  }
}

function spanOf(toks: Tok[], p: Phrase | null): PhraseSpan | null {
  return p ? { ...p, start: toks[p.a].s, end: toks[p.b].e } : null;
}

/** Determiners after which a cue word's base or -s form is a noun ("the report", "a statement"). */
const NOUN_DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "this",
  "these",
  "its",
  "their",
  "his",
  "her",
  "no",
  "any",
  "every",
]);
/** Words opening a subordinate clause. */
const SUBORDINATORS = new Set([
  "while",
  "although",
  "though",
  "because",
  "if",
  "when",
  "since",
  "whereas",
  "as",
  "after",
  "before",
  "unless",
]);

/** Longest verb group between a speaker and a colon ("went even further:"), in tokens. */
const COLON_VERB_TOKENS = 3;

/** Words that open a new clause inside a sentence, for `frameSubject`. */
const CLAUSE_OPENERS = new Set(["and", "but", "as", "then", "while", ";", "—", "–"]);
/**
 * With `subordinate`, these open one too: "when he was embittered at ''...''", "after Mr. Singer
 * published ''...''" (the speaker of a scare quote is the subject nearest to it). "that" is left
 * out: its clause reports someone else's words ("Manafort told friends that the candidate ...").
 */
const SUBORDINATE_OPENERS = new Set([
  "when",
  "after",
  "before",
  "because",
  "since",
  "if",
  "although",
  "though",
  "until",
  "whereas",
  "once",
]);

/**
 * The speaker of a frame ending at token `hi` (a colon or an opening quotation): a name right
 * before a colon (`... doesn't surprise pollster Daron Shaw:`), else the subject of the last
 * clause that has one (`The Times made the claim, and Breitbart News responded:`), a phrase
 * followed by a lower-case word (its verb) or an appositive comma.
 */
export function frameSubject(
  toks: Tok[],
  lo: number,
  hi: number,
  verbNext = false,
  subordinate = false,
): Phrase | null {
  const colon = toks[hi]?.t === ":" ? hi : toks[hi - 1]?.t === ":" ? hi - 1 : -1;
  if (colon > lo) {
    const last = phraseBefore(toks, colon - 1, lo);
    if (last && last.kind === "name") {
      // "... surprise Republican pollster Daron Shaw:", "Continued Stone:": the name from its
      // first capitalised word that is no cue verb.
      let a = last.a;
      while (a < last.b && (!toks[a].cap || (CUE_FORMS.has(toks[a].l) && a === lo))) a++;
      // Not an object: "telling Breitbart London:", "to the newspaper NRC Handelsblad:".
      const before = a - 1 >= lo ? toks[a - 1] : undefined;
      const object =
        !!before && before.word && !before.cap && (PREPOSITIONS.has(before.l) || CUE_FORMS.has(before.l));
      if (toks[a].cap && !object) return { a, b: last.b, kind: "name" };
    }
    // "Mr. Christie gloated:", "he demurred:", "Trump went even further:": a name or pronoun
    // followed by a short verb group.
    for (let v = colon - 1; v >= lo && colon - v <= COLON_VERB_TOKENS; v--) {
      const t = toks[v];
      if (!t.word || t.cap || t.q >= 0) break;
      const np = phraseBefore(toks, v - 1, lo);
      if (np && (np.kind === "pronoun" || (np.kind === "name" && toks[np.a].cap))) return np;
    }
  }
  for (let b = hi - 1; b >= lo - 1; b--) {
    if (b >= lo && !CLAUSE_OPENERS.has(toks[b].l) && !(subordinate && SUBORDINATE_OPENERS.has(toks[b].l)))
      continue;
    // The sentence start comes after its dateline ("WASHINGTON — ...").
    let start = b < lo ? datelineEnd(toks, lo, hi) : b + 1;
    // "Though she called ... and called for ...": the subject follows an opening conjunction.
    if (b < lo) start = skipOpeners(toks, start, hi);
    let a = start;
    // A fronted adverbial at the sentence start: "On Monday, Trump said:". If what follows its
    // comma is no subject ("Mitch McConnell, R-Ky., delivered"), the sentence start is tried too.
    // A longer adverbial may hold commas of its own ("Following a swiftly called, late-afternoon
    // meeting, the Security Council issued"): a subject right before its verb after any of them.
    if (b < lo) {
      for (let m = start; m < hi && m - start < MAX_FRONTED_TOKENS; m++) {
        if (!isComma(toks[m])) continue;
        const np = subjectAt(toks, m + 1, hi, verbNext);
        if (!np) continue;
        // Its verb follows (no -ing word: "late-afternoon meeting" is a noun phrase), or is the
        // token at `hi` (verbNext).
        const verb = toks[np.b + 1];
        if (np.b + 1 >= hi ? verbNext : verb.word && !verb.cap && verb.q < 0 && !verb.l.endsWith("ing"))
          return np;
      }
      for (let m = start; m < hi && m - start < 6; m++) if (isComma(toks[m])) a = m + 1;
    }
    const np =
      subjectAt(toks, a, hi, verbNext) ?? (a !== start ? subjectAt(toks, start, hi, verbNext) : null);
    if (np) return np;
  }
  return null;
}

/** A subject phrase starting at token `a` and followed by its verb or an appositive comma. */
function subjectAt(toks: Tok[], a: number, hi: number, verbNext: boolean): Phrase | null {
  let np = phraseAfter(toks, a, hi);
  // "The campaign released an ad": a lower-case past form after the phrase's head is its verb.
  if (np && np.b > np.a && !toks[np.b].cap && /ed$/.test(toks[np.b].l) && !DETERMINERS.has(toks[np.b - 1].l))
    np = { ...np, b: np.b - 1 };
  if (!np || np.kind === "relative" || (np.b + 1 >= hi && !verbNext)) return null;
  // "then leaned in and boomed:": a verb after the opener, not a subject; look further back.
  const w0 = toks[np.a];
  if (!w0.cap && np.kind !== "pronoun" && w0.l.length > 4 && /(?:ed|ing)$/.test(w0.l)) return null;
  if (np.b + 1 >= hi) return np;
  const next = toks[np.b + 1];
  return (next.word && !next.cap) || isComma(next) ? np : null;
}

/**
 * The name after an inverted cue ends its clause (", said Frank Coleman, the group's ...", ",
 * said Clinton."): when a verb follows it, the name opens the reported clause instead ("Zeke
 * Emanuel, an oncologist ..., said Obamacare so far has been a success").
 */
function invertedName(toks: Tok[], k: number, hi: number): boolean {
  const np = phraseAfter(toks, k, hi);
  const next = np ? toks[np.b + 1] : undefined;
  return (
    !!np && !(next && np.b + 1 < hi && next.word && !next.cap && next.q < 0 && !ADVERBIAL_SET.has(next.l))
  );
}

/** Comma-separated segments an appositive subject search walks back over. */
const MAX_APPOSITIVE_SEGMENTS = 4;

/**
 * The subject of a cue after a comma at `p`: the name filling the segment right before it
 * ("Gov. John Kasich (R-OH), said"), else the phrase before an appositive ("X, the head of Y,
 * told"), walking back over asides that hold no subject: a place after a comma ("Columbus, Ohio,"),
 * an adverb ("Sanders, meanwhile, who ..., said"), the object of a preposition ("during a town
 * hall meeting in Columbus").
 */
function appositiveSubject(toks: Tok[], lo: number, p: number): Phrase | null {
  const segmentStart = (end: number) => {
    let c = end;
    while (c >= lo && !isComma(toks[c]) && end - c <= MAX_APPOSITIVE_TOKENS) c--;
    return c;
  };
  const adverb = (ph: Phrase) => ph.a === ph.b && adverbLike(toks[ph.a]);
  const objectOfPreposition = (ph: Phrase) => ph.a - 1 >= lo && PP_HEADS.has(toks[ph.a - 1].l);
  // The segment right before the comma, when a name fills it and is no place after another comma.
  const c0 = segmentStart(p - 1);
  const own = phraseBefore(toks, p - 1, lo);
  const place = own && c0 >= lo && own.a === own.b && toks[own.a].cap && toks[c0 - 1]?.cap;
  if (
    own &&
    own.kind === "name" &&
    toks[own.a].cap &&
    (own.a === c0 + 1 || own.a === lo) &&
    !place &&
    !adverb(own)
  )
    return own;
  let c = c0;
  for (let hop = 0; hop < MAX_APPOSITIVE_SEGMENTS && c >= lo && isComma(toks[c]); hop++) {
    const ph = phraseBefore(toks, c - 1, lo);
    if (ph && !adverb(ph) && !objectOfPreposition(ph)) return ph;
    c = segmentStart(c - 1);
  }
  return null;
}

/** Prepositions whose object is no subject ("during a meeting in Columbus, Ohio, said"). */
const PP_HEADS = new Set([...PREPOSITIONS, "during"]);

/** Adverbs of place that open a sentence ("Here in Columbia, Sanders ..."). */
const PLACE_ADVERBS = new Set([
  "here",
  "there",
  "outside",
  "inside",
  "nearby",
  "elsewhere",
  "abroad",
  "overseas",
]);

/** A time word or an -ly adverb ("Tuesday", "later", "Shortly"). */
function adverbLike(t: Tok): boolean {
  return ADVERBIAL_SET.has(t.l) || (t.l.length > 4 && t.l.endsWith("ly"));
}

/** A time, place or manner word that fronts a sentence before its subject. */
function adverbial(t: Tok): boolean {
  return adverbLike(t) || PLACE_ADVERBS.has(t.l);
}

/** Longest run of modifiers after an opening "According to X" before its comma, in tokens. */
const MAX_SOURCE_MODIFIER_TOKENS = 12;
/** Words opening a modifier of a source: prepositions and participles ("a statement from the
 * military", "figures released by X"). */
const PP_OPENERS = new Set([
  "from",
  "by",
  "of",
  "in",
  "at",
  "on",
  "with",
  "for",
  "to",
  "released",
  "issued",
  "published",
]);

/** Forms of "be" that make an -ing cue a finite verb ("is pledging"). */
const BE_AUXILIARIES = new Set(["is", "are", "was", "were", "been", "be", "am"]);

/** Most tokens of a dateline before its dash ("LONDON, Jan 5 (Reuters) -"). */
const MAX_DATELINE_TOKENS = 10;

/**
 * The first token after a dateline opening the sentence at `lo` ("WASHINGTON —", "MOSCOW
 * (Reuters) -", "BEIRUT, Lebanon (AP) —"): capitalised words, numbers, commas, dots and a
 * parenthesised agency, then a dash. `lo` when there is none.
 */
function datelineEnd(toks: Tok[], lo: number, hi: number): number {
  if (!toks[lo]?.cap) return lo;
  for (let m = lo + 1; m < hi && m - lo <= MAX_DATELINE_TOKENS; m++) {
    const t = toks[m];
    if (t.q >= 0) return lo;
    if (t.t === "—" || t.t === "–" || spacedHyphen(toks, m)) return m + 1;
    if (t.word ? !(t.cap || /^\d/.test(t.t)) : !/^[,.()]$/.test(t.t)) return lo;
  }
  return lo;
}

/** Words before a time unit that make a time phrase between a subject and its cue ("last week"). */
const TIME_DEICTICS = new Set(["last", "this", "next", "that"]);

const DASHES = new Set(["—", "–", "-"]);

/**
 * The phrase before a dash aside that ends at token `p` (`X -- an aside -- said`, a double hyphen
 * being two tokens): the aside opens with the nearest dash before it in the sentence.
 */
function beforeDashAside(toks: Tok[], p: number, lo: number): Phrase | null {
  let m = p - 1;
  if (m >= lo && toks[m].t === "-" && toks[p].t === "-") m--;
  const close = m;
  while (m >= lo && close - m <= MAX_APPOSITIVE_TOKENS && !DASHES.has(toks[m].t)) m--;
  if (m < lo || close - m > MAX_APPOSITIVE_TOKENS || m === close) return null;
  if (m - 1 >= lo && toks[m - 1].t === "-" && toks[m].t === "-") m--;
  return m - 1 >= lo ? phraseBefore(toks, m - 1, lo) : null;
}

/** Prepositions of time before a participle cue that shares the clause's subject ("before adding"). */
const PARTICIPLE_PREPOSITIONS = new Set(["before", "after", "while", "when", "since"]);

/** Longest fronted adverbial or participle clause before a subject, in tokens. */
const MAX_FRONTED_TOKENS = 14;

/** Adverbs and conjunctions that open a sentence before its subject, without a comma. */
const SENTENCE_CONNECTIVES = new Set([
  "and",
  "but",
  "so",
  "then",
  "yet",
  "still",
  "now",
  "later",
  "instead",
  "also",
  "meanwhile",
  "finally",
  "thus",
  "however",
  "moreover",
  "furthermore",
  "nevertheless",
  "nonetheless",
  "therefore",
  "indeed",
  "otherwise",
  "besides",
  "hence",
  "consequently",
  "accordingly",
  "likewise",
  "similarly",
  "additionally",
  "overall",
  "ultimately",
  "eventually",
  "soon",
]);

/** The first token after the connectives and conjunctions opening a sentence at `lo` (no comma after them). */
function skipOpeners(toks: Tok[], lo: number, hi: number): number {
  while (
    lo + 1 < hi &&
    (SENTENCE_CONNECTIVES.has(toks[lo].l) || SUBORDINATORS.has(toks[lo].l)) &&
    toks[lo + 1].word
  )
    lo++;
  return lo;
}

/** The subject phrase opening a clause (for a participle cue with no earlier cue). */
function firstSubject(toks: Tok[], lo: number, hi: number): Phrase | null {
  lo = datelineEnd(toks, lo, hi);
  // "Then he cut into Bush, calling ...", "And Trump went on, saying ...": a connective opens the
  // sentence before its subject.
  const opened = skipOpeners(toks, lo, hi);
  // "When my mother mentioned the devil, I laughed and said": after a subordinator the subject
  // of the main clause follows the comma that ends the subordinate one.
  let subordinate = false;
  if (opened > lo && SUBORDINATORS.has(toks[opened - 1].l))
    for (let m = opened; m < hi && m - opened < MAX_FRONTED_TOKENS; m++)
      if (isComma(toks[m])) subordinate = true;
  lo = opened;
  // A phrase followed by its verb, at the clause start or after a fronted adverbial or participle
  // clause ("Speaking at a town hall event in Salem, Trump went after Bush, calling ...").
  // The sentence opens with a participle clause ("Appearing before ..., Suu Kyi, 70, said"); an
  // appositive that opens with a capital ("in Salem, New Hampshire, Trump went") is no subject's.
  const participleOpening = lo < hi && toks[lo].cap && toks[lo].l.length > 4 && toks[lo].l.endsWith("ing");
  for (let m = lo - 1; m < hi && m - lo < MAX_FRONTED_TOKENS; m++) {
    if (m < lo && subordinate) continue;
    if (m >= lo && !isComma(toks[m]) && !spacedHyphen(toks, m)) continue;
    const fronted = m >= lo && participleOpening;
    const np = phraseAfter(toks, m + 1, hi);
    const next = np ? toks[np.b + 1] : undefined;
    // "Michael J. Petrilli, president of the Thomas B. Fordham Institute, tied ...": a name opening
    // the sentence before an appositive. A name before a dash is a dateline ("WASHINGTON —",
    // "Washington (AFP) – Democrat Hillary Clinton has ..."): the subject follows it.
    if (
      (m < lo || (fronted && !!np && !toks[np.b + 2]?.cap)) &&
      np?.kind === "name" &&
      toks[np.a].cap &&
      next?.t === "," &&
      np.b + 1 < hi &&
      !adverbial(toks[np.a]) &&
      !(np.a === np.b && SENTENCE_CONNECTIVES.has(toks[np.a].l))
    )
      return np;
    // Not a fronted time, place or manner ("Hours later,", "Here in Columbia,", "Shortly after ...,").
    if (
      np &&
      np.kind !== "relative" &&
      next?.word &&
      !next.cap &&
      np.b + 1 < hi &&
      !adverbial(next) &&
      !(np.a === np.b && adverbial(toks[np.a]))
    )
      return np;
  }
  let k = lo;
  // Skip a fronted adverbial up to its comma ("On Thursday, Putin ...").
  for (let m = lo; m < hi && m - lo < 6; m++) {
    if (isComma(toks[m])) {
      k = m + 1;
      break;
    }
  }
  const np = phraseAfter(toks, k, hi);
  return np && np.kind !== "relative" ? np : null;
}

/**
 * Whole-sentence quotations with no cue of their own continue the nearest preceding direct
 * attribution in the same paragraph (an extra part).
 */
function continuations(ctx: Ctx, out: RawAttribution[]): void {
  const { text, quotations, toks } = ctx;
  if (!out.length) return;
  const covered = (q: Quotation) =>
    out.some((a) => a.content.some((p) => p.start <= q.start && p.end >= q.parts[0].end));
  const sorted = [...out].sort((x, y) => x.content[0].start - y.content[0].start);
  for (const q of quotations) {
    if (q.single || covered(q)) continue;
    // Standalone: only spaces before it on its line, or a sentence end; only punctuation after.
    const lineStart = text.lastIndexOf("\n", q.start - 1) + 1;
    const before = text.slice(lineStart, q.start);
    const beforeTrim = before.trimEnd();
    const standaloneBefore = beforeTrim === "" || /[.!?]["”’']?$/.test(beforeTrim);
    const lineEnd = text.indexOf("\n", q.end);
    const after = text.slice(q.end, lineEnd < 0 ? text.length : lineEnd);
    const m = /^[\s.,;:!?]*/.exec(after);
    const afterRest = after.slice(m ? m[0].length : 0);
    const standaloneAfter = afterRest === "" || /^["“‘]?\p{Lu}/u.test(afterRest);
    // A sentence-initial quotation followed by words but no cue of its own (`“...,” said X. “B,”
    // which X thinks ...`) continues the quote too, within its paragraph.
    const qTok = toks.findIndex((t) => t.s >= q.start);
    const ownCue =
      qTok >= 0 &&
      out.some((a) => a.cueTok >= 0 && toks[a.cueTok]?.sent === toks[qTok].sent && a.cue.start > q.start);
    const openSentence = standaloneBefore && !standaloneAfter && !ownCue;
    if (!standaloneBefore || (!standaloneAfter && !openSentence)) continue;
    // The nearest earlier attribution whose content ends in a quotation, with no other cue
    // between it and this quotation but those of its own sentence (`"A," said Rep. X, who
    // suggested that ... "B."`).
    let prev: RawAttribution | null = null;
    for (const a of sorted) {
      const end = a.content[a.content.length - 1].end;
      if (end > q.start) break;
      if (a.cue.start < q.start && endsWithMark(text, end)) prev = a;
    }
    if (!prev) continue;
    const last = prev.content[prev.content.length - 1];
    if (
      out.some(
        (a) => a !== prev && a.sentence !== prev.sentence && a.cue.start > last.end && a.cue.start < q.start,
      )
    )
      continue;
    // Same paragraph, or the next one when this quotation opens it and the previous paragraph
    // ends with the quote's own frame (`“A,” he said.⏎⏎“B.”`): one more sentence at most.
    const between = text.slice(last.end, q.start);
    const nl = between.indexOf("\n");
    if (openSentence && nl >= 0) continue;
    if (nl >= 0) {
      if (before.trim() !== "" || between.slice(nl).trim() !== "") continue;
      if (/[.!?]["”’']?\s+\S/.test(between.slice(0, nl).trimEnd())) continue;
      // The words closing that paragraph are the quote's own frame, not a clause of the writer's
      // ("Though she called it “outrageous” ..., Clinton restricted comments ... .⏎⏎“B.”").
      if (/[\p{L}\p{N}]/u.test(between.slice(0, nl)) && prev.cue.start < last.end) continue;
    }
    prev.content.push(...q.parts.map((p) => ({ ...p })));
  }
}

export { tokAt };
