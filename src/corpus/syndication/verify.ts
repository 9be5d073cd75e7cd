/**
 * Verification of a candidate pair: is one article a copy of (part of) the other?
 *
 * The rule follows the usual definition of a republished copy: at least half of the shorter
 * article's sentences appear in the other (sentences compared after normalisation: case,
 * punctuation and spacing ignored). A copy edited throughout (a word changed in most
 * sentences) keeps few identical sentences but most of its word 5-shingles, so a pair also
 * counts when EDITED_COPY_SHINGLE_CONTAINMENT (70 %) of the smaller shingle set is in the other.
 */
import { intersectionSize as intersect } from "./shingles.js";
import { type Sketch, sketchSentences as sentencesOf, sketchShingles as shinglesOf } from "./sketch.js";

// Module-local copies of per-candidate imports (some ESM loaders make imports getter calls).
const intersectionSize = intersect;
const sketchSentences = sentencesOf;
const sketchShingles = shinglesOf;

/**
 * Share of the shorter article's sentences (those of ≥ MIN_SENTENCE_WORDS words, counted
 * once) that must appear in the other. 0.5 is the definition ("at least half"), not a fitted value.
 */
export const COPY_CONTAINMENT = 0.5;
/**
 * The shorter article must have at least this many sentences for the sentence rule: with fewer,
 * one shared sentence (a quote, a boilerplate line) would make half of it. Same as the gold rule.
 */
export const MIN_SENTENCES = 3;
/**
 * Share of the smaller shingle set found in the other for the edited-copy rule. 0.7: articles
 * about one event that quote the same statements but are not copies reach 0.62 on the spotify
 * set (the highest non-copy pair there; census non-copies stay under 0.2), while a copy with one
 * word changed in 3 sentences out of 5 keeps ~0.8 of its 5-shingles (each changed word kills up
 * to 5 shingles of a ~20-word sentence). A word changed in *every* sentence (~0.67) is not
 * told apart from related reporting by shingles alone.
 */
export const EDITED_COPY_SHINGLE_CONTAINMENT = 0.7;
/** The edited-copy rule needs at least this many distinct shingles in the smaller set (~35 words). */
export const MIN_SHINGLES = 30;

/** How much of the shorter of two articles is found in the other. */
export interface PairScore {
  /** Share of the shorter article's sentences found in the other (0 when it has < MIN_SENTENCES). */
  sentenceContainment: number;
  /** Share of the smaller shingle set found in the other. */
  shingleContainment: number;
  /** True when one is a copy of (part of) the other under the rules above. */
  isCopy: boolean;
  /**
   * The measure that decided: sentenceContainment when the sentence rule holds or neither
   * holds, shingleContainment when only the edited-copy rule holds.
   */
  containment: number;
}

/** Scores a pair of sketches (symmetric). */
export function comparePair(a: Sketch, b: Sketch): PairScore {
  const sa = sketchSentences(a);
  const sb = sketchSentences(b);
  const m = Math.min(sa.length, sb.length);
  const sentenceContainment = m >= MIN_SENTENCES ? intersectionSize(sa, sb) / m : 0;
  const ha = sketchShingles(a);
  const hb = sketchShingles(b);
  const mh = Math.min(ha.length, hb.length);
  const shingleContainment = mh >= MIN_SHINGLES ? intersectionSize(ha, hb) / mh : 0;
  const bySentences = sentenceContainment >= COPY_CONTAINMENT;
  const byShingles = shingleContainment >= EDITED_COPY_SHINGLE_CONTAINMENT;
  return {
    sentenceContainment,
    shingleContainment,
    isCopy: bySentences || byShingles,
    containment: !bySentences && byShingles ? shingleContainment : sentenceContainment,
  };
}

/**
 * Share of `origin`'s text that `copy` carries, by shingles: |O ∩ C| / |O|. Unlike the pair
 * containment this is not symmetric: an excerpt carries a small share of its origin.
 */
export function originShare(origin: Sketch, copy: Sketch): number {
  const o = sketchShingles(origin);
  return o.length === 0 ? 0 : intersectionSize(o, sketchShingles(copy)) / o.length;
}
