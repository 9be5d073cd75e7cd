/**
 * Quote attribution: who said what, and through whom.
 *
 * Workflow:
 *  1. `findQuotations` pairs quotation marks (marks.ts), `tokenize` tags words with their sentence
 *     and quotation (tokens.ts), `attribute` finds one raw attribution per cue (attribute.ts),
 *     and `refine` (refine.ts, models/quotes.json) takes five learned decisions about the
 *     quotations: add an unclaimed one, merge a continuation, extend to the clause, keep.
 *  2. Folding: a cue whose content holds another cue of the same sentence and whose source is an
 *     intermediary ("..., Russian news agencies reported", "..., according to X", "as per Al
 *     Jazeera") becomes a link of the inner quote's `via` chain instead of a quote of its own.
 *     Relay verbs ("Interfax cited Assad as saying") and "told <news outlet>" add links too.
 *  3. Speakers: the source phrase's entity (from `ctx.mentions` when given, even empty, else
 *     capitalised-phrase fallback mentions; the analysis adds the speaker names its tagger missed,
 *     `unrecognisedSpeakers` in speakers.ts, and runs this step again); "he"/"she"/"the
 *     president" resolve to the latest person speaker of the last few sentences, else the nearest
 *     person mention before; "they"/"it"/"the ministry" likewise to organisations, where "the
 *     ministry" prefers one named "... Ministry" (with a modifier, "the health ministry", takes
 *     only such a one) and never takes a news outlet (but "the agency" may); indefinite
 *     descriptions ("a senior official") stay unresolved.
 *  4. Chains carry over: a quote with no intermediary of its own inherits the chain of the same
 *     speaker's earlier quotes when all of them came through one and the same chain (the article
 *     has established where it got that speaker's words).
 */
import { readFileSync } from "node:fs";
import { requireModelFile } from "../../data/models.js";
import type { Entity, Mention, Quote, QuoteSpeaker, Span } from "../../model/article.js";
import { splitSentences } from "../sentences.js";
import { attribute, coversCue, type PhraseSpan, type RawAttribution, refusedCue } from "./attribute.js";
import {
  ADVERBIAL_NOUN_SET,
  GROUP_ROLE_SET,
  NEWS_ORG_SET,
  NEWS_ORG_WORD_SET,
  PERSON_ROLE_SET,
} from "./lexicon.js";
import { findQuotations } from "./marks.js";
import {
  type Decide,
  isDirectContent,
  modelDecide,
  type QuotesModel,
  type RefineOptions,
  refine,
} from "./refine.js";
import {
  antecedentType,
  fallbackMentions,
  isBareRole,
  mentionIn,
  nameKey,
  personGenders,
  personRoles,
  pronounGender,
  type RoleBinding,
  roleHolder,
} from "./speakers.js";
import { type Tok, tokenize } from "./tokens.js";

export type { PhraseSpan, RawAttribution } from "./attribute.js";
export type { Candidate, Decide, DecisionName, LinearModel, QuotesModel } from "./refine.js";

/** How far back a pronoun looks for the latest speaker, in sentences. */
const SPEAKER_MEMORY_SENTENCES = 5;

/** Verbs whose comma-led frame after another quote relays it ("..., Interfax reported"). */
const RELAYING_BASES = new Set([
  "report",
  "say",
  "write",
  "tell",
  "quote",
  "cite",
  "announce",
  "claim",
  "state",
]);

export interface QuoteContext {
  sentences: Span[];
  mentions?: Mention[];
  entities?: Entity[];
}

/** A quote with the spans behind it, for highlighting and benchmarks. */
export interface ExtractedQuote extends Quote {
  /** Content parts: one per quotation or paragraph, marks excluded for direct quotes. */
  parts: Span[];
  /** Cue span. */
  cueSpan: Span | null;
  /** Spans of the intermediaries named in the text, in `via` order. */
  viaSpans: Span[];
}

interface Prepared {
  text: string;
  toks: Tok[];
  raw: RawAttribution[];
  quotationSpans: Span[];
}

function prepare(
  text: string,
  sentences: Span[],
  decide: Decide | null = defaultDecide(),
  options: RefineOptions = {},
): Prepared {
  const quotations = findQuotations(text);
  const toks = tokenize(text, sentences, quotations);
  let raw = attribute(text, toks, sentences, quotations);
  if (decide) raw = refine(text, toks, sentences, quotations, raw, decide, options);
  return { text, toks, raw, quotationSpans: quotations };
}

/** File name of the shipped refinement model, under `models/`. */
export const QUOTES_MODEL_FILE = "quotes.json";

/** Finds `models/<file>` by walking up from this module (works from src/ under tsx and from dist/). */
export function quotesModelPath(file = QUOTES_MODEL_FILE): string {
  return requireModelFile(file, "quotes model");
}

let cachedDecide: Decide | null = null;

/** The shipped model's decisions, loaded once per process (no network). */
function defaultDecide(): Decide {
  if (!cachedDecide) {
    const model = JSON.parse(readFileSync(quotesModelPath(), "utf8")) as QuotesModel;
    if (model.version !== 1) throw new Error(`unsupported quotes model version ${model.version}`);
    cachedDecide = modelDecide(model);
  }
  return cachedDecide;
}

/** Raw attributions in PolNeAR conventions (one per cue), for benchmarks and debugging. */
export function findAttributions(text: string, sentences: Span[] = splitSentences(text)): RawAttribution[] {
  return prepare(text, sentences).raw;
}

/**
 * Raw attributions with the refinement decisions taken by `decide` (null: rules only). Used by
 * scripts/train-quotes.ts to record decisions with gold answers.
 */
export function findAttributionsWith(
  text: string,
  sentences: Span[],
  decide: Decide | null,
): RawAttribution[] {
  return prepare(text, sentences, decide).raw;
}

const QUOTE_MARK_RE = /^(?:''|["“”„«»‘’'])/;
const QUOTE_MARK_END_RE = /(?:''|["“”„«»‘’'])$/;

/** Strips the quotation marks off a part that starts and ends with them. */
function innerPart(text: string, p: Span): Span {
  const s = text.slice(p.start, p.end);
  const a = QUOTE_MARK_RE.exec(s);
  const b = QUOTE_MARK_END_RE.exec(s);
  if (!a) return p;
  return {
    start: p.start + a[0].length,
    end: b && p.end - b[0].length > p.start + a[0].length ? p.end - b[0].length : p.end,
  };
}

/** A phrase in capitals, as transcript labels are written ("PENCE", "MR. TRUMP"). */
function isCapitalsLabel(phrase: string): boolean {
  return /\p{Lu}{2}/u.test(phrase) && phrase === phrase.toUpperCase();
}

/**
 * The person a capitals label names: a person mention whose name or surname is the label's last
 * word, any case ("PENCE" is Mike Pence), the nearest one before the label, else the first after.
 */
function labelledPerson(mentions: readonly Mention[], label: string, at: number): string | null {
  const last = label.split(/\s+/).pop()?.replace(/\.$/, "").toLowerCase();
  if (!last) return null;
  const fits = (x: Mention) => x.type === "person" && x.text.split(/\s+/).pop()?.toLowerCase() === last;
  return (mentions.findLast((x) => x.end <= at && fits(x)) ?? mentions.find(fits))?.entity ?? null;
}

/** Display name of an intermediary: "Interfax news agency" -> "Interfax", "the AP" -> "AP". */
export function intermediaryName(phrase: string): string {
  const words = phrase.replace(/^(?:the|The)\s+/, "").split(/\s+/);
  let end = words.length;
  // Lower-case descriptors go ("Interfax news agency"); capitalised ones are part of the name
  // ("The Washington Post", "Fox News").
  while (end > 1 && NEWS_ORG_WORD_SET.has(words[end - 1]) && words[end - 1] === words[end - 1].toLowerCase())
    end--;
  if (end < words.length) {
    const rest = words.slice(0, end);
    const restText = rest.join(" ");
    const isName = rest.every((w) => /^\p{Lu}/u.test(w)) && !/(?:an|ese|ish|i)$/.test(rest[rest.length - 1]);
    if (isName || NEWS_ORG_SET.has(restText.toLowerCase())) return restText;
  }
  return words.join(" ");
}

/** A news outlet's name ("reuters", "associated press", "the new york times"). */
function isNewsOrgName(name: string): boolean {
  const n = name.replace(/^the\s+/, "");
  return NEWS_ORG_SET.has(n) || n.split(/\s+/).some((w) => NEWS_ORG_WORD_SET.has(w));
}

/** "in an interview with", "speaking to", "in remarks to" ... before an outlet's name. */
const INTERVIEW_RE =
  /\b(?:[Ii]n\s+an?\s+(?:[\w-]+\s+)?(?:interview|conversation|podcast|appearance)\s+(?:with|on|for)|[Ss]peaking\s+(?:to|with|on)|[Ii]n\s+(?:comments|remarks)\s+to)\s+((?:the\s+)?\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+\p{Lu}[\p{L}\p{N}.&'’-]*){0,3})/gu;

/**
 * The news outlet an attribution's sentence says the words were given to ("In an interview with
 * the BBC, ...", "... said in an interview on CNN"), outside the quote's own content.
 */
function interviewOutlet(
  text: string,
  sentence: Span,
  a: RawAttribution,
): { name: string; span: Span } | null {
  if (sentence.start < 0) return null;
  const s = text.slice(sentence.start, sentence.end);
  for (const m of s.matchAll(INTERVIEW_RE)) {
    const start = sentence.start + m.index + m[0].length - m[1].length;
    const end = start + m[1].length;
    if (a.content.some((p) => p.start < end && p.end > start)) continue;
    const name = leadingOutlet(m[1]);
    if (name) return { name: intermediaryName(name), span: { start, end: start + name.length } };
  }
  return null;
}

/** Prepositions after which a description's head role is qualified ("the police chief in Cologne"). */
const ROLE_PREPOSITIONS = new Set(["in", "of", "at", "for", "from"]);

/**
 * Documents that carry words without being their speaker or an outlet ("according to a report",
 * "the statement said").
 */
const DOCUMENT_NOUNS = new Set([
  "statement",
  "letter",
  "release",
  "report",
  "reports",
  "article",
  "transcript",
  "document",
  "documents",
  "study",
  "survey",
  "poll",
  "excerpt",
  "excerpts",
]);
/**
 * Roles that anyone may hold, often unnamed ("a spokesman", "an official", "the witness"): "the
 * spokesman" is whoever the text introduced as one, never merely the latest person named.
 */
const ANONYMOUS_ROLE_SET = new Set([
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "official",
  "source",
  "analyst",
  "witness",
  "resident",
  "aide",
  "adviser",
  "advisor",
  "representative",
  "employee",
  "staffer",
  "insider",
  "observer",
  "expert",
  "passenger",
  "neighbor",
  "neighbour",
]);
/** The issuer named after a document: "by Russian media", "from the Interior Ministry". */
const ISSUER_RE = /\b(?:by|from|of)\s+((?:the\s+)?\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+\p{Lu}[\p{L}\p{N}.&'’-]*)*)/u;

/**
 * The longest run of a phrase's first words, at most `longest`, that names a news outlet ("the
 * BBC" of "the BBC's Today programme", "CNN" of "CNN Abe's opponents"), without a possessive.
 */
function leadingOutlet(phrase: string, longest = Number.POSITIVE_INFINITY): string | null {
  const words = phrase.split(/\s+/);
  for (let n = Math.min(longest, words.length); n > 0; n--) {
    const name = words
      .slice(0, n)
      .join(" ")
      .replace(/[’']s$/, "")
      .replace(/\.$/, "");
    if (/^(?:the\s+)?\p{Lu}/u.test(name) && isNewsOrgName(name.toLowerCase())) return name;
  }
  return null;
}

/** Whether a source phrase names an intermediary (outlet, agency, report) rather than a speaker. */
function isIntermediary(phrase: string, mention: Mention | null): boolean {
  const lower = phrase.toLowerCase();
  // A name with an outlet word ("Russian news agencies", "German channel n-tv"), a listed outlet,
  // or a description headed by one ("state media"); not "a news conference" or "the press office".
  const words = lower.split(/\s+/);
  const named = /^(?:(?:the|a|an)\s+)?\p{Lu}/u.test(phrase) && isNewsOrgName(lower);
  if (
    named ||
    NEWS_ORG_SET.has(lower.replace(/^the\s+/, "")) ||
    NEWS_ORG_WORD_SET.has(words[words.length - 1])
  )
    return true;
  return mention?.type === "organization" && /^[A-Z]/.test(phrase);
}

/**
 * Extracts quotes from `text`: direct quotations and reported speech with speaker, cue and the
 * chain of intermediaries. `ctx.sentences` must be `splitSentences(text)` (or compatible spans);
 * `ctx.mentions`, when given, are used for speakers instead of the capitalised-phrase fallback.
 */
export function extractQuotes(text: string, ctx: QuoteContext): ExtractedQuote[] {
  return speakQuotes(prepareQuotes(text, ctx.sentences), ctx.mentions);
}

/** The attributions of a text before speakers are resolved (see `speakQuotes`). */
export interface PreparedQuotes {
  readonly text: string;
  readonly toks: Tok[];
  readonly raw: RawAttribution[];
  /** Character span of each sentence, from its tokens (start -1: no tokens). */
  readonly sentenceSpans: Span[];
}

/** Step 1 of `extractQuotes`: quotations, cues, sources and contents, with the shipped model. */
export function prepareQuotes(text: string, sentences: Span[]): PreparedQuotes {
  const prepared = prepare(text, sentences, defaultDecide(), { chains: true });
  const { toks } = prepared;
  // "TfL declined to comment further because ...", "did not respond to a request for comment":
  // refusals to speak, no quotes (unless they quote words after all).
  const raw = prepared.raw.filter(
    (a) =>
      !(
        a.kind === "verb" &&
        a.cueTok >= 0 &&
        refusedCue(toks, a.cueTok) &&
        !isDirectContent(text, a.content)
      ),
  );
  const sentenceSpans: Span[] = [];
  for (const t of toks) {
    if (t.sent < 0) continue;
    while (sentenceSpans.length <= t.sent) sentenceSpans.push({ start: -1, end: -1 });
    const span = sentenceSpans[t.sent];
    if (span.start < 0) span.start = t.s;
    span.end = t.e;
  }
  return { text, toks, raw, sentenceSpans };
}

/**
 * Steps 2-4 of `extractQuotes` on prepared attributions: intermediaries, speakers, chains. The
 * analysis runs it again when new speaker mentions turn up (`unrecognisedSpeakers`). `mentions`
 * undefined: capitalised-phrase fallback mentions; given (even empty): only those.
 */
export function speakQuotes(prepared: PreparedQuotes, givenMentions?: Mention[]): ExtractedQuote[] {
  const { text, toks, raw, sentenceSpans } = prepared;
  const sentenceOf = (si: number): Span => sentenceSpans[si] ?? { start: -1, end: -1 };
  const mentions = givenMentions
    ? [...givenMentions].sort((a, b) => a.start - b.start)
    : fallbackMentions(toks).map((m) => ({ ...m, text: text.slice(m.start, m.end) }));

  // 2. Fold intermediaries into the quotes they relay.
  const folded = new Set<number>();
  const viaOf = new Map<number, { name: string; span: Span }[]>();
  const addVia = (i: number, name: string, span: Span) => {
    const list = viaOf.get(i) ?? [];
    if (!list.some((v) => v.name === name)) list.push({ name, span });
    viaOf.set(i, list);
  };
  // What folding `outer` into a quote it relays adds to that quote's chain: null when `outer` is
  // no intermediary frame, "none" when it folds without a link ("citing an interview").
  const relayLink = (outer: RawAttribution): { name: string; span: Span } | "none" | null => {
    if (!outer.source) return null;
    const srcText = text.slice(outer.source.start, outer.source.end);
    const isFoldable =
      outer.kind === "according" ||
      outer.kind === "citing" ||
      (outer.kind === "verb" && RELAYING_BASES.has(outer.cueBase) && outer.source.kind !== "pronoun");
    if (!isFoldable) return null;
    const mention = mentionIn(mentions, outer.source.start, outer.source.end);
    if (outer.kind === "verb" && !isIntermediary(srcText, mention)) return null;
    if (outer.kind === "citing" && !isIntermediary(srcText, mention)) return "none";
    if (outer.source.kind === "description") {
      // "according to an interview published by Russian media", "a statement from the ministry":
      // the document is no link; the name of whoever issued it is, when the phrase gives one.
      const words = srcText.toLowerCase().split(/\s+/);
      if (words.some((w) => ADVERBIAL_NOUN_SET.has(w) || DOCUMENT_NOUNS.has(w))) {
        const by = ISSUER_RE.exec(srcText);
        if (!by) return "none";
        const start = outer.source.start + by.index + by[0].length - by[1].length;
        return { name: intermediaryName(by[1]), span: { start, end: start + by[1].length } };
      }
      // Otherwise a description links the chain when it names an agent: "officials", "a source
      // close to the talks", "state media"; not "according to legend".
      const agent = words.some(
        (w) => PERSON_ROLE_SET.has(w) || GROUP_ROLE_SET.has(w) || NEWS_ORG_WORD_SET.has(w),
      );
      if (!agent && !/\p{Lu}/u.test(srcText)) return "none";
    }
    return { name: intermediaryName(srcText), span: outer.source };
  };
  const bySentence = new Map<number, number[]>();
  raw.forEach((a, i) => {
    const list = bySentence.get(a.sentence);
    if (list) list.push(i);
    else bySentence.set(a.sentence, [i]);
  });
  raw.forEach((outer, oi) => {
    const inner =
      bySentence.get(outer.sentence)?.find((ii) => ii !== oi && coversCue(outer.content, raw[ii])) ?? -1;
    if (inner < 0) return;
    const link = relayLink(outer);
    if (!link) return;
    folded.add(oi);
    if (link !== "none") addVia(inner, link.name, link.span);
  });
  // An intermediary frame dropped for claiming the same words as this quote's speaker.
  raw.forEach((a, i) => {
    const link = a.relayedBy ? relayLink(a.relayedBy) : null;
    if (link && link !== "none") addVia(i, link.name, link.span);
  });

  // 3. Speakers, in text order, remembering the latest resolved ones for pronouns.
  let genderMap: Map<string, "m" | "f"> | null = null;
  const genders = () => (genderMap ??= personGenders(text, mentions));
  let roleMap: Map<string, RoleBinding[]> | null = null;
  const roles = () => (roleMap ??= personRoles(text, mentions));
  // Descriptions used as speakers ("an aviation source", "The Japanese government") and whom they
  // named, even no one: the same description again names the same.
  const recentDescriptions: {
    sentence: number;
    head: string;
    mods: string[];
    type: string;
    entity: string | null;
  }[] = [];
  const rememberDescription = (sentence: number, words: string[], type: string, entity: string | null) =>
    recentDescriptions.push({
      sentence,
      head: words[words.length - 1].toLowerCase().replace(/[’']s$/, ""),
      mods: words.slice(1, -1).map((w) => w.toLowerCase()),
      type,
      entity,
    });
  const out: ExtractedQuote[] = [];
  const recent: { sentence: number; entity: string; type: string; end: number }[] = [];
  const chainsBySpeaker = new Map<string, Set<string>>();
  const lastChain = new Map<string, { name: string; span: Span }[]>();
  raw.forEach((a, i) => {
    if (folded.has(i)) return;
    const via = [...(viaOf.get(i) ?? [])];
    let speakerPhrase: PhraseSpan | null = a.source;
    if (a.kind === "relay") {
      // "it quotes a friend": a pronoun names no link of the chain.
      if (a.source && a.source.kind !== "pronoun")
        via.unshift({ name: intermediaryName(text.slice(a.source.start, a.source.end)), span: a.source });
      speakerPhrase = a.relayed;
    }
    let contentStart = -1;
    if (a.addressee) {
      const addr = text.slice(a.addressee.start, a.addressee.end);
      const m = mentionIn(mentions, a.addressee.start, a.addressee.end);
      if (isIntermediary(addr, m)) {
        // The outlet opening the phrase when the phrase runs on ("told CNN Abe's opponents are").
        const outlet = leadingOutlet(addr, addr.split(/\s+/).length - 1);
        const span = outlet
          ? { start: a.addressee.start, end: a.addressee.start + outlet.length }
          : a.addressee;
        via.unshift({ name: intermediaryName(outlet ?? addr), span });
        // The words after the outlet open the reported clause ("told CNN Abe's opponents are angry").
        if (outlet && a.content[0].start >= a.addressee.end) {
          let k = span.end;
          while (k < a.addressee.end && /\s/.test(text[k])) k++;
          if (k < a.addressee.end) contentStart = k;
        }
      }
    }
    // "In an interview with the BBC, X said ...", "X said in an interview with CNN": the outlet
    // that got the words.
    const outlet = interviewOutlet(text, sentenceOf(a.sentence), a);
    if (outlet && !via.some((v) => v.name === outlet.name)) via.unshift(outlet);
    let speaker: QuoteSpeaker | null = null;
    let speakerType: string | null = null;
    if (speakerPhrase) {
      const sText = text.slice(speakerPhrase.start, speakerPhrase.end);
      let entity: string | null = null;
      const words = sText.split(/\s+/);
      let want = speakerPhrase.kind === "relative" ? "relative" : antecedentType(words);
      // "Syrian President announced ...": the role refers back like "the president" does, unless
      // the phrase holds a name of its own.
      if (want === null && isBareRole(words)) {
        const m = mentionIn(mentions, speakerPhrase.start, speakerPhrase.end);
        if (!m || (m.type !== "person" && m.type !== "organization")) want = "person";
      }
      if (want === "person" || want === "organization") {
        // "the ministry" refers to an organisation named with its head word if there is one, and
        // never to a news outlet (the dateline's "Reuters"), unless it is "the agency" or "the paper".
        const head = words[words.length - 1].toLowerCase().replace(/[’']s$/, "");
        const description = want === "organization" && words.length > 1;
        const nameOfKey = (e: string) => e.slice(e.indexOf(":") + 1).toLowerCase();
        const fits = (e: string) =>
          !description || NEWS_ORG_WORD_SET.has(head) || !isNewsOrgName(nameOfKey(e));
        const named = (e: string) => description && nameOfKey(e).split(/\s+/).includes(head);
        const recentOf = (ok: (e: string) => boolean) =>
          recent.findLast(
            (r) =>
              r.type === want &&
              a.sentence - r.sentence <= SPEAKER_MEMORY_SENTENCES &&
              fits(r.entity) &&
              ok(r.entity),
          )?.entity;
        const mentionOf = (ok: (e: string) => boolean) =>
          mentions.findLast(
            (x) => x.end <= speakerPhrase!.start && x.type === want && fits(x.entity) && ok(x.entity),
          )?.entity;
        // "she" is no man the text calls "he"; "the police chief" is the one introduced as police
        // chief when there is one.
        const gender = words.length === 1 ? pronounGender(words[0]) : null;
        const any = gender ? (e: string) => genders().get(e) !== (gender === "m" ? "f" : "m") : () => true;
        const holder = () =>
          (want === "person" && words.length > 1 ? roleHolder(roles(), words, speakerPhrase!.start) : null) ??
          undefined;
        // A description holding a name of its own ("The Russian Defence Ministry") is that name.
        const own = description ? mentionIn(mentions, speakerPhrase.start, speakerPhrase.end) : null;
        // A description with a modifier ("the health ministry", "the U.S. military") names a
        // kind of organisation: one named with its head word or none, not merely the latest one
        // ("the company" may be any).
        // A document ("the statement", "the report") is an organisation's only when one is named
        // with its word; the latest organisation did not issue it.
        // "The Delta spokesman", "the official": a role anyone may hold names whoever the text
        // introduced with it (holder) or no one, not the latest person named.
        const specific =
          (description && (words.length > 2 || DOCUMENT_NOUNS.has(head))) ||
          (want === "person" && words.length > 1 && ANONYMOUS_ROLE_SET.has(head));
        // The same description again ("The Japanese government said ... The government said")
        // names whoever it named before, even no one.
        const mods = words.slice(1, -1).map((w) => w.toLowerCase());
        const prior =
          words.length > 1
            ? recentDescriptions.findLast(
                (r) =>
                  r.head === head &&
                  r.type === want &&
                  a.sentence - r.sentence <= SPEAKER_MEMORY_SENTENCES &&
                  mods.every((w) => r.mods.includes(w)),
              )
            : undefined;
        const hit = prior
          ? (prior.entity ?? undefined)
          : ((own?.type === want ? own.entity : undefined) ??
            (description ? (recentOf(named) ?? mentionOf(named)) : undefined) ??
            holder() ??
            (specific ? undefined : (recentOf(any) ?? mentionOf(any))));
        if (hit) {
          entity = hit;
          speakerType = want;
        }
        if (words.length > 1 && !prior) rememberDescription(a.sentence, words, want, hit ?? null);
      } else if (want === "relative") {
        const m = mentions.findLast((x) => x.end <= speakerPhrase!.start);
        if (m && m.type !== "other") {
          entity = m.entity;
          speakerType = m.type;
        }
      } else if (want === null && speakerPhrase.kind === "name") {
        const m = mentionIn(mentions, speakerPhrase.start, speakerPhrase.end);
        // A place or other name must be the phrase's head: "a senior Western diplomat" is no
        // "Western", "Ukraine's foreign ministry" no "Ukraine" ("Interfax news agency" stays Interfax).
        const headEnd =
          speakerPhrase.start + sText.replace(/\s*\([^()]*\)$/, "").replace(/[’']s$/, "").length;
        // A person after a preposition is no speaker either: "a lawyer for Smith", "Officials in
        // Kyiv" (a place the tagger took for a person), "a spokesman for Russian President Vladimir
        // Putin"; an organisation is ("a spokesman for Hamas").
        const afterPreposition =
          !!m &&
          /\b(?:in|at|for|of|from|with|near|to|by|on|under)\s+(?:[Tt]he\s+)?(?:\p{Lu}[\p{L}.’'-]*\s+){0,3}$/u.test(
            text.slice(speakerPhrase.start, m.start),
          );
        // An organisation speaks through its people "for" or "of" it ("a spokesman for Hamas"), not
        // through those "at" or "from" it ("a professor at Sophia University").
        const employer =
          !!m &&
          /\b(?:at|in|from|with|near|to|by|on|under)\s+(?:[Tt]he\s+)?$/u.test(
            text.slice(speakerPhrase.start, m.start),
          );
        // Nor is a place after a preposition: "the police chief in Cologne" is the police chief,
        // whom the text may have introduced ("Cologne Police Chief Wolfgang Albers").
        const nameOk =
          (m?.type === "organization" && !employer) ||
          (m?.type === "person" && !afterPreposition) ||
          (m && m.type !== "person" && m.end >= headEnd && !afterPreposition);
        const prep = words.findIndex((w, k) => k > 1 && ROLE_PREPOSITIONS.has(w.toLowerCase()));
        const core = prep > 0 ? words.slice(0, prep) : null;
        // A transcript label ("PENCE:", "MR. TRUMP:") names the person the text calls so, even
        // when the tagger typed the capitals otherwise ("HORSLEY" a place).
        const label =
          isCapitalsLabel(sText) && (!m || (a.turn && m.type !== "person"))
            ? labelledPerson(mentions, sText, speakerPhrase.start)
            : null;
        if (label) {
          entity = label;
          speakerType = "person";
        } else if (m && nameOk) {
          entity = m.entity;
          // A name the tagger typed "other" that the text calls "he" or "she" is a person.
          speakerType = m.type === "other" && genders().has(m.entity) ? "person" : m.type;
        } else if (core && antecedentType(core) === "person") {
          const holder = roleHolder(roles(), core, speakerPhrase.start);
          if (holder) {
            entity = holder;
            speakerType = "person";
          }
        }
      }
      // "an aviation source said ... according to the source": an indefinite description is whom
      // "the source" names next, even no one.
      const roleHead = words[words.length - 1].toLowerCase().replace(/[’']s$/, "");
      const roleType = PERSON_ROLE_SET.has(roleHead)
        ? "person"
        : GROUP_ROLE_SET.has(roleHead)
          ? "organization"
          : null;
      if (want !== "person" && want !== "organization" && roleType && words.length > 1)
        rememberDescription(a.sentence, words, roleType, entity);
      speaker = { start: speakerPhrase.start, end: speakerPhrase.end, text: sText, entity };
      if (entity && speakerType)
        recent.push({ sentence: a.sentence, entity, type: speakerType, end: a.cue.end });
    }

    // 4. Chains carry over for the same speaker when the article used one chain for them.
    const key = speaker?.entity ?? (speaker ? nameKey(speaker.text) : null);
    if (key) {
      const chain = via.map((v) => v.name).join(" > ");
      if (via.length) {
        const set = chainsBySpeaker.get(key) ?? new Set<string>();
        set.add(chain);
        chainsBySpeaker.set(key, set);
        lastChain.set(key, via);
      } else if (chainsBySpeaker.get(key)?.size === 1) {
        via.push(...(lastChain.get(key) ?? []));
      }
    }

    const isDirect = a.content.every((p) => QUOTE_MARK_RE.test(text.slice(p.start, p.end)));
    const parts = isDirect ? a.content.map((p) => innerPart(text, p)) : a.content.map((p) => ({ ...p }));
    if (!isDirect && contentStart >= 0) parts[0].start = contentStart;
    const start = parts[0].start;
    const end = parts[parts.length - 1].end;
    out.push({
      start,
      end,
      text: parts.map((p) => text.slice(p.start, p.end)).join(" "),
      direct: isDirect,
      // A quotation continued without a frame of its own has no cue word.
      cue: /^[\p{L}\p{N}:]/u.test(a.cueText) ? a.cueText : null,
      speaker,
      via: via.map((v) => v.name),
      parts,
      cueSpan: a.cue,
      viaSpans: via.map((v) => v.span),
    });
  });
  return out;
}
