/**
 * Named-entity recognition over raw English text.
 *
 * Workflow of `recognize(text, sentences?)`:
 * 1. Split into sentences (the given spans, else paragraphs and a simple end-of-sentence rule).
 * 2. Tokenise each sentence with character offsets (./tokenize.ts, CoNLL conventions).
 * 3. Featurise the whole text as one document (./features.ts) and tag it with the averaged
 *    perceptron + Viterbi model shipped in models/ner.bin.gz (./model.ts).
 * 4. Apply the facility rules (./facility.ts) and map CoNLL types to the article model's types.
 */
import type { EntityType, Span } from "../../model/article.js";
import { applyFacilityRules, type TypedSpan } from "./facility.js";
import { extractFeatures } from "./features.js";
import { loadModel, type NerModel } from "./model.js";
import { spansFromBilou } from "./tags.js";
import { type Token, tokenize } from "./tokenize.js";

export { type Token, tokenize } from "./tokenize.js";

/** A mention found in the text, before entity resolution. Offsets are JS string indices. */
export interface RawMention extends Span {
  text: string;
  type: EntityType;
}

/** CoNLL types (and "FAC" from the facility rules) to the article model's entity types. */
export const TYPE_OF_CONLL: Readonly<Record<string, EntityType>> = {
  PER: "person",
  ORG: "organization",
  LOC: "place",
  MISC: "other",
  FAC: "facility",
};

/** The article model's entity types back to CoNLL types (facility counts as LOC, as in the issue). */
export const CONLL_OF_TYPE: Readonly<Record<EntityType, string>> = {
  person: "PER",
  organization: "ORG",
  place: "LOC",
  facility: "LOC",
  other: "MISC",
};

/**
 * Tags pre-tokenised sentences of one document. Returns, per sentence, typed token spans
 * (CoNLL types, plus "FAC" for facilities when `facilities` is true).
 */
export function tagTokens(
  doc: string[][],
  options: { model?: NerModel; facilities?: boolean } = {},
): TypedSpan[][] {
  const model = options.model ?? loadModel();
  const shown: string[][] = [];
  for (const words of doc) shown.push(headlineToCaps(words, model.commonWords));
  const df = extractFeatures(shown, model.gazetteer, false);
  const ids = model.tag(df);
  const out: TypedSpan[][] = [];
  for (let s = 0; s < doc.length; s++) {
    const words = doc[s];
    const spans = joinNameParticles(words, spansFromBilou(ids, df.sentStart[s], df.sentStart[s + 1]));
    out.push(options.facilities === false ? spans : applyFacilityRules(words, spans));
  }
  return out;
}

/**
 * The elements of `xs` mapped by `f`, in an array built by push. Word arrays are built this way
 * on purpose: Array.prototype.map gives packed arrays until V8 optimises the caller, then holey
 * ones, and every function reading word arrays would be re-optimised for the second shape.
 */
function mapPacked<T, U>(xs: readonly T[], f: (x: T) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i]));
  return out;
}

/** Capitalised words shorter than this are ignored by the headline test (unit: characters). */
const TITLE_WORD_MIN = 3;
/** Title case leaves only short function words in lower case ("in", "with"): a lowercase word this long (unit: characters) means running text. */
const TITLE_MAX_LOWER = 5;
/** A title-cased headline has at least this many capitalised common words... */
const TITLE_MIN_COMMON = 2;
/** ...making up at least this share of its capitalised words (after the first). */
const TITLE_COMMON_SHARE = 0.4;

/**
 * CoNLL headlines are in capitals; English web headlines are title-cased ("Russian Military Needed
 * in Syria Long Term, Assad Says"), which the model would read as a string of names. A sentence
 * with no long lowercase word and whose capitalised words are largely common words ("Needed",
 * "Long", "Says") is therefore shown to
 * the model in capitals, where it knows not to trust capitalisation. A line of names ("Somerset 83,
 * Leicestershire 296") has no capitalised common words and stays as it is.
 */
export function headlineToCaps(words: string[], common: ReadonlySet<string>): string[] {
  let caps = 0;
  let commonCaps = 0;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w.length >= TITLE_MAX_LOWER && /^\p{Ll}/u.test(w)) return words;
    if (w.length < TITLE_WORD_MIN || !/^\p{Lu}\p{Ll}/u.test(w)) continue;
    caps++;
    if (common.has(w.toLowerCase())) commonCaps++;
  }
  return commonCaps >= TITLE_MIN_COMMON && commonCaps / caps >= TITLE_COMMON_SHARE
    ? mapPacked(words, (w) => w.toUpperCase())
    : words;
}

/** Lowercase particles inside personal names ("Bashar al Assad", "Ursula von der Leyen"). */
const PERSON_PARTICLES: ReadonlySet<string> = new Set([
  "al",
  "el",
  "bin",
  "ibn",
  "abu",
  "von",
  "van",
  "der",
  "de",
  "da",
  "di",
  "du",
  "del",
  "la",
  "le",
  "bint",
]);
const HYPHEN_PARTICLE_RE = /^(?:al|el|bin|ibn|abu|abd)-\p{Lu}/u;
const CAPITALISED_RE = /^\p{Lu}\p{L}/u;

/**
 * Extends a person span over a following particle and name the tagger left out: CoNLL has few
 * Arabic names, so "Bashar al Assad" may come back as "Bashar" + untagged "al" + "Assad", and
 * "Mohammed al-Bashir" as "Mohammed" alone.
 */
export function joinNameParticles(words: string[], spans: TypedSpan[]): TypedSpan[] {
  let changed = false;
  for (const sp of spans) {
    if (sp.type !== "PER") continue;
    for (;;) {
      const e = sp.end;
      if (e < words.length && HYPHEN_PARTICLE_RE.test(words[e])) {
        sp.end = e + 1;
      } else {
        let k = e;
        while (k < words.length && PERSON_PARTICLES.has(words[k])) k++;
        if (k === e || k >= words.length || !CAPITALISED_RE.test(words[k])) break;
        sp.end = k + 1;
      }
      changed = true;
    }
  }
  if (!changed) return spans;
  // Drop spans swallowed by an extension.
  return spans.filter(
    (x) => !spans.some((y) => y !== x && y.type === "PER" && y.start <= x.start && y.end >= x.end),
  );
}

// A sentence ends after ., ! or ? (standalone tokens: abbreviations keep their period inside the
// token), optionally followed by closing quotes or brackets, when the next token starts a sentence.
const END_PUNCT = new Set([".", "!", "?", "…", "..."]);
const CLOSERS = new Set(['"', "”", "’", "'", ")", "]", "»"]);
const OPENERS = /^[\p{Lu}\p{N}"“‘'([«]/u;

/** Splits tokens of one paragraph into sentences (index ranges). */
function splitTokens(tokens: Token[]): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (!END_PUNCT.has(tokens[i].text)) continue;
    let end = i + 1;
    while (end < tokens.length && CLOSERS.has(tokens[end].text) && tokens[end].start === tokens[end - 1].end)
      end++;
    if (end < tokens.length && !OPENERS.test(tokens[end].text)) continue;
    out.push([start, end]);
    start = end;
    i = end - 1;
  }
  if (start < tokens.length) out.push([start, tokens.length]);
  return out;
}

/** Tokenised sentences of `text`: the given spans, else lines/paragraphs split by a simple rule. */
export function tokenizeSentences(text: string, sentences?: readonly Span[]): Token[][] {
  if (sentences) return sentences.map((s) => tokenize(text, s.start, s.end)).filter((t) => t.length > 0);
  const out: Token[][] = [];
  const lineRe = /[^\n]+/g;
  for (let m = lineRe.exec(text); m; m = lineRe.exec(text)) {
    const tokens = tokenize(text, m.index, m.index + m[0].length);
    for (const [a, b] of splitTokens(tokens)) out.push(tokens.slice(a, b));
  }
  return out;
}

/**
 * Finds the named-entity mentions of `text` (an article body, or any English text).
 * Pass `sentences` (spans into `text`) when a sentence splitter already ran; otherwise each line
 * is split by a simple end-of-sentence rule. Mentions are sorted by offset.
 */
export function recognize(text: string, sentences?: readonly Span[], model?: NerModel): RawMention[] {
  const sents = tokenizeSentences(text, sentences);
  const tagged = tagTokens(
    mapPacked(sents, (s) => mapPacked(s, (t) => t.text)),
    { model },
  );
  const out: RawMention[] = [];
  sents.forEach((toks, k) => {
    for (const sp of tagged[k]) {
      const start = toks[sp.start].start;
      const end = toks[sp.end - 1].end;
      out.push({ start, end, text: text.slice(start, end), type: TYPE_OF_CONLL[sp.type] ?? "other" });
    }
  });
  return out.sort((a, b) => a.start - b.start);
}
