/**
 * What a copy changed: paragraph alignment between an origin and a copy, and word-level
 * changes inside changed paragraphs (jsdiff's `diffWords`).
 *
 * Alignment
 *   1. Paragraphs are compared by their normalised words (see shingles.ts): identical word
 *      sequences are "equal" even if punctuation or case differ.
 *   2. Otherwise two paragraphs are similar when their word-bigram sets have Dice ≥
 *      PARAGRAPH_DICE, or when one (of ≥ MIN_CONTAINED_BIGRAMS bigrams) is CONTAINED_SHARE
 *      inside the other (a paragraph cut to its first sentence is a change, not a removal).
 *   3. A monotone alignment maximising the number of shared bigrams (an LCS-style dynamic
 *      programme, O(n·m) over paragraphs) pairs them in order; then leftover similar paragraphs
 *      are paired greedily as moved.
 *   4. Paired paragraphs are "equal" or "changed" (with word changes); unpaired origin ones are
 *      "removed", unpaired copy ones "added". The result lists them in reading order of the
 *      copy, each removed paragraph where it stood relative to its neighbours.
 */
import { diffWords } from "diff";
import { intersectionSize, sortedDistinct, tokenize } from "./shingles.js";

/**
 * Word-bigram Dice coefficient from which two paragraphs are versions of one another. 0.5: an
 * edit of a few words keeps most bigrams (one substitution in a 30-word paragraph: Dice ≈ 0.93),
 * while unrelated paragraphs of one story share a few names (Dice < 0.2 on the seeds).
 */
export const PARAGRAPH_DICE = 0.5;
/** Share of the smaller paragraph's bigrams inside the other for the "cut paragraph" rule. */
export const CONTAINED_SHARE = 0.8;
/** The smaller paragraph needs at least this many distinct bigrams (≈ 9 words) for that rule. */
export const MIN_CONTAINED_BIGRAMS = 8;

/** One run of words in a changed paragraph. */
export interface WordChange {
  op: "equal" | "added" | "removed";
  text: string;
}

/** One paragraph-level change. Indices are into the origin's and the copy's paragraph arrays. */
export type ParagraphChange =
  | { kind: "equal"; origin: number; copy: number; text: string; moved: boolean }
  | {
      kind: "changed";
      origin: number;
      copy: number;
      /** Word-bigram Dice coefficient of the two paragraphs. */
      similarity: number;
      words: WordChange[];
      moved: boolean;
    }
  | { kind: "removed"; origin: number; text: string }
  | { kind: "added"; copy: number; text: string };

export interface ArticleDiff {
  /** Paragraph changes in reading order of the copy (removed paragraphs where they stood). */
  paragraphs: ParagraphChange[];
  /** Share of the origin's words the copy carries unchanged (0..1). */
  share: number;
  summary: { equal: number; changed: number; added: number; removed: number; moved: number };
}

interface ParaFeatures {
  words: Uint32Array;
  bigrams: Uint32Array;
}

function features(text: string): ParaFeatures {
  const words = tokenize([text]).words.slice();
  const n = words.length;
  const grams = new Uint32Array(Math.max(n - 1, n > 0 ? 1 : 0));
  if (n === 1) grams[0] = words[0];
  for (let i = 0; i + 1 < n; i++) grams[i] = (Math.imul(words[i], 0x9e3779b1) ^ words[i + 1]) >>> 0;
  return { words, bigrams: sortedDistinct(grams).slice() };
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Shared bigrams when two paragraphs are similar enough to pair, else 0; and their Dice. */
function affinity(a: ParaFeatures, b: ParaFeatures): { shared: number; dice: number } {
  const na = a.bigrams.length;
  const nb = b.bigrams.length;
  if (na === 0 || nb === 0) return { shared: 0, dice: 0 };
  const inter = intersectionSize(a.bigrams, b.bigrams);
  const dice = (2 * inter) / (na + nb);
  const small = Math.min(na, nb);
  const ok = dice >= PARAGRAPH_DICE || (small >= MIN_CONTAINED_BIGRAMS && inter / small >= CONTAINED_SHARE);
  return { shared: ok ? inter : 0, dice };
}

/** Words of a text under the shared normalisation. */
function countWords(text: string): number {
  return tokenize([text]).words.length;
}

/** Diffs a copy against its origin, paragraph by paragraph and word by word. */
export function diffArticles(originParas: readonly string[], copyParas: readonly string[]): ArticleDiff {
  const O = originParas.map(features);
  const C = copyParas.map(features);
  const n = O.length;
  const m = C.length;
  const w = m + 1;
  // Pair weights and DP table (row-major, (n+1) × (m+1)).
  const weight = new Float64Array(n * m);
  const dice = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (sameWords(O[i].words, C[j].words)) {
        weight[i * m + j] = O[i].bigrams.length + 1; // identical beats merely similar
        dice[i * m + j] = 1;
      } else {
        const a = affinity(O[i], C[j]);
        weight[i * m + j] = a.shared;
        dice[i * m + j] = a.dice;
      }
    }
  }
  const dp = new Float64Array((n + 1) * w);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let best = Math.max(dp[(i - 1) * w + j], dp[i * w + j - 1]);
      const wij = weight[(i - 1) * m + (j - 1)];
      if (wij > 0) best = Math.max(best, dp[(i - 1) * w + j - 1] + wij);
      dp[i * w + j] = best;
    }
  }
  const copyOf = new Int32Array(n).fill(-1);
  const originOf = new Int32Array(m).fill(-1);
  for (let i = n, j = m; i > 0 && j > 0; ) {
    const wij = weight[(i - 1) * m + (j - 1)];
    if (wij > 0 && dp[i * w + j] === dp[(i - 1) * w + j - 1] + wij) {
      copyOf[i - 1] = j - 1;
      originOf[j - 1] = i - 1;
      i--;
      j--;
    } else if (dp[i * w + j] === dp[(i - 1) * w + j]) i--;
    else j--;
  }
  // Moved paragraphs: leftover similar pairs, strongest first.
  const moved = new Uint8Array(m);
  const leftovers: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (copyOf[i] >= 0) continue;
    for (let j = 0; j < m; j++) {
      if (originOf[j] < 0 && weight[i * m + j] > 0) leftovers.push([weight[i * m + j], i, j]);
    }
  }
  leftovers.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
  for (const [, i, j] of leftovers) {
    if (copyOf[i] >= 0 || originOf[j] >= 0) continue;
    copyOf[i] = j;
    originOf[j] = i;
    moved[j] = 1;
  }

  const out: ParagraphChange[] = [];
  const summary = { equal: 0, changed: 0, added: 0, removed: 0, moved: 0 };
  let carried = 0;
  let total = 0;
  for (const p of originParas) total += countWords(p);
  // Reading order: walk the copy; before each in-order paired paragraph, emit the origin
  // paragraphs removed since the previous in-order pair.
  let nextOrigin = 0;
  const flushRemoved = (upTo: number) => {
    for (; nextOrigin < upTo; nextOrigin++) {
      if (copyOf[nextOrigin] < 0) {
        out.push({ kind: "removed", origin: nextOrigin, text: originParas[nextOrigin] });
        summary.removed++;
      }
    }
  };
  for (let j = 0; j < m; j++) {
    const i = originOf[j];
    if (i < 0) {
      out.push({ kind: "added", copy: j, text: copyParas[j] });
      summary.added++;
      continue;
    }
    const isMoved = moved[j] === 1;
    if (!isMoved) {
      flushRemoved(i);
      nextOrigin = Math.max(nextOrigin, i + 1);
    }
    if (isMoved) summary.moved++;
    if (sameWords(O[i].words, C[j].words)) {
      out.push({ kind: "equal", origin: i, copy: j, text: copyParas[j], moved: isMoved });
      summary.equal++;
      carried += O[i].words.length;
    } else {
      const words: WordChange[] = diffWords(originParas[i], copyParas[j]).map((c) => ({
        op: c.added ? "added" : c.removed ? "removed" : "equal",
        text: c.value,
      }));
      for (const wc of words) if (wc.op === "equal") carried += countWords(wc.text);
      out.push({
        kind: "changed",
        origin: i,
        copy: j,
        similarity: dice[i * m + j],
        words,
        moved: isMoved,
      });
      summary.changed++;
    }
  }
  flushRemoved(n);
  return { paragraphs: out, share: total === 0 ? 0 : Math.min(1, carried / total), summary };
}
