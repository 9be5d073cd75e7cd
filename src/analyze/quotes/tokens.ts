/**
 * Word tokens with offsets, sentence and quotation membership: the input of the attribution rules.
 */
import type { Span } from "../../model/article.js";
import type { Quotation } from "./marks.js";

export interface Tok {
  /** Start and end offsets into the text. */
  s: number;
  e: number;
  /** Surface text and its lower-case form. */
  t: string;
  l: string;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** A word (letters or digits), not punctuation. */
  word: boolean;
  /** Index of the quotation containing the token, or -1. */
  q: number;
  /** Index of the sentence containing the token. */
  sent: number;
}

// Words with inner apostrophes, hyphens, periods and ampersands (al-Assad, Russia's, U.S, AT&T),
// numbers with slashes (9/11, 24/7), or one non-space character. UTF-8 read as Latin-1 in
// scraped text ("protegÃ©s", "FranÃÂ§ois") stays one word: a symbol after Ã or Â (composed or
// not) belongs to it.
// Soft hyphens (U+00AD, invisible line-break hints in scraped text: "Doug \u00adAndres") belong to
// the word and are dropped from its text.
// A personal pronoun's contracted auxiliary is a token of its own ("He's said", "I've told"), so
// the pronoun is the speaker and the auxiliary sits between it and the cue like "has".
const TOKEN_RE =
  /\b(?:[Hh]e|[Ss]he|I|[Ww]e|[Tt]hey|[Yy]ou)(?=[’'](?:s|ve|d)\b)|(?<=\b(?:[Hh]e|[Ss]he|I|[Ww]e|[Tt]hey|[Yy]ou))[’'](?:s|ve|d)\b|\u00ad*[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}\u00ad]|(?<=[ÃÂ]|A[\u0302\u0303])[\u0080-\u00bf])*(?:[’'\-.&][\p{L}\p{M}\p{N}\u00ad]+|(?<=\p{N})\/\p{N}+)*|\S/gu;
const SOFT_HYPHEN_RE = /\u00ad/g;
const UPPER_RE = /^\p{Lu}/u;
const WORD_RE = /^[\p{L}\p{M}\p{N}]/u;

/** A lower-case word outside quotations, longer than four letters, ending in `suffix` ("marching"). */
export function lowerWordEnding(t: Tok, suffix: string): boolean {
  return t.q < 0 && t.word && !t.cap && t.l.length > 4 && t.l.endsWith(suffix);
}

/**
 * The token range [first, end) of each sentence, in sentence order. Tokens outside every sentence
 * (sentence -1) fall in no range; a sentence without tokens gets an empty range.
 */
export function sentenceRanges(toks: Tok[], sentenceCount: number): [number, number][] {
  const ranges: [number, number][] = [];
  let k0 = 0;
  for (let si = 0; si < sentenceCount; si++) {
    while (k0 < toks.length && toks[k0].sent < si) k0++;
    let k1 = k0;
    while (k1 < toks.length && toks[k1].sent === si) k1++;
    ranges.push([k0, k1]);
    k0 = k1;
  }
  return ranges;
}

/**
 * Tokenises `text` and tags each token with its sentence (by offset) and quotation (by part).
 * Tokens outside every sentence get sentence -1.
 */
export function tokenize(text: string, sentences: Span[], quotations: Quotation[]): Tok[] {
  const out: Tok[] = [];
  // Flatten quotation parts in order for a merge walk.
  const parts: { s: number; e: number; q: number }[] = [];
  quotations.forEach((qt, qi) => {
    for (const p of qt.parts) parts.push({ s: p.start, e: p.end, q: qi });
  });
  parts.sort((a, b) => a.s - b.s);
  let si = 0;
  let pi = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    while (si < sentences.length && sentences[si].end <= s) si++;
    const sent = si < sentences.length && sentences[si].start <= s ? si : -1;
    while (pi < parts.length && parts[pi].e <= s) pi++;
    // Single-mark quotations may nest inside double ones: find the innermost part covering s.
    let q = -1;
    for (let k = pi; k < parts.length && parts[k].s <= s; k++) if (parts[k].e > s) q = parts[k].q;
    const t = m[0].includes("\u00ad") ? m[0].replace(SOFT_HYPHEN_RE, "") : m[0];
    if (t === "") continue;
    out.push({ s, e, t, l: t.toLowerCase(), cap: UPPER_RE.test(t), word: WORD_RE.test(t), q, sent });
  }
  return out;
}
