/**
 * Per-article sketch: everything the syndication index needs about one article, in one
 * Uint32Array, so it can be stored as a BLOB and loaded back without the text.
 *
 * Layout (all uint32):
 *   [0] SKETCH_VERSION   [1] words   [2] nSentences   [3] nShingles   [4] nBandKeys
 *   sentences  (nSentences)  sorted distinct hashes of the sentences with >= MIN_SENTENCE_WORDS words
 *   shingles   (nShingles)   sorted distinct SHINGLE_SIZE-word shingle hashes of the whole body
 *   bandKeys   (nBandKeys)   LSH band keys of the sentence MinHash signatures (see below)
 *
 * Sentence signatures (why not one MinHash per article): MinHash estimates Jaccard similarity,
 * and a 6-paragraph excerpt of a 20-paragraph story has Jaccard ≈ 0.3 with it although all of
 * its text is in the story, so whole-article banding misses partial copies. Instead each
 * sentence (of ≥ MIN_SENTENCE_WORDS words) gets its own small MinHash signature over its
 * shingles, banded. A copy that carries at least half of an article's sentences shares whole
 * sentences with it, which collide in every band: recall of the sentence rule is 1 by
 * construction (up to MAX_BUCKET_SCAN in lsh.ts), whatever the lengths, paragraph layout or
 * headline. A sentence with a changed word still collides with good probability (below),
 * which finds copies edited throughout for the shingle rule. Content-defined chunks of ~2
 * sentences halve the postings but were measured at 0.994 recall on the generated corpus
 * (copies that keep every other sentence share no whole chunk), so the chunk is one sentence.
 *
 * MinHash: K = BANDS × ROWS independent hash functions, h_i(x) = mix(x ⊕ seed_i) with a
 * multiply–xorshift mixer in 32-bit integer arithmetic. Sentences are small (~20 shingles), so
 * the K-pass cost is ~20·K mixes per sentence; one-permutation hashing with densification
 * would need ≥ K elements per set to avoid empty bins and gains nothing at this size, and
 * K passes keep the textbook collision probability 1 − (1 − J^ROWS)^BANDS.
 */
import { fmix32 as mix32 } from "./hash.js";
import { SHINGLE_SIZE, shingleSequence, sortedDistinct, tokenize } from "./shingles.js";

/** Module-local copy of a hot-loop import (some ESM loaders make imports getter calls). */
const fmix32 = mix32;

/** Format version stored in every sketch; bump when the layout or any hashing changes. */
export const SKETCH_VERSION = 1;
/** Header length in uint32 words. */
const HEADER = 5;

/**
 * Minimum words for a sentence to count (words after normalisation). Shorter "sentences" are
 * mostly chrome ("Email", "Close", bylines, datelines); the benchmark's gold rule uses the same
 * 6-word minimum, which matches this experience.
 */
export const MIN_SENTENCE_WORDS = 6;

/**
 * LSH bands per sentence, and MinHash rows per band. Collision probability for two sentences
 * with shingle Jaccard J is 1 − (1 − J²)²: 1 for identical sentences, 0.87 at J = 0.8, 0.59
 * at 0.6 (a 20-word sentence with one changed word), ~0 for unrelated text. Measured on the
 * generated corpus (bench/syndication.ts): recall 1.0 for the sentence rule and 0.995 for the
 * edited-copy rule; 4 bands (twice the postings) gain < 0.002 there.
 */
export const BANDS = 2;
export const ROWS = 2;
/** Hash functions per sentence signature. */
export const SIGNATURE_SIZE = BANDS * ROWS;

/** Seeds of the K MinHash functions: fixed, derived from the golden ratio (stable across runs). */
const SEEDS = (() => {
  const s = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) s[i] = fmix32(Math.imul(i + 1, 0x9e3779b9));
  return s;
})();

/** A sketch (see the module comment for its layout). */
export type Sketch = Uint32Array;

let seqBuf: Uint32Array = new Uint32Array(8192);
const mins = new Uint32Array(SIGNATURE_SIZE);

/** Computes the sketch of an article body given as paragraphs. */
export function sketchArticle(paragraphs: readonly string[]): Sketch {
  const { words, sentenceEnds } = tokenize(paragraphs);
  const nWords = words.length;
  if (seqBuf.length < nWords + 1) seqBuf = new Uint32Array(Math.max(nWords + 1, seqBuf.length * 2));
  const seq = shingleSequence(words, SHINGLE_SIZE, seqBuf);
  const nSeq = seq.length;

  // Sentences: hash of each qualifying sentence's words, and where it lies in the text.
  const nAll = sentenceEnds.length;
  const sentHash = new Uint32Array(nAll);
  const sentStart = new Uint32Array(nAll);
  const sentEnd = new Uint32Array(nAll);
  let nq = 0;
  let start = 0;
  for (let s = 0; s < nAll; s++) {
    const end = sentenceEnds[s];
    if (end - start >= MIN_SENTENCE_WORDS) {
      let h = 0x2f6b1d3a;
      for (let i = start; i < end; i++) h = Math.imul(h ^ words[i], 0x5bd1e995) ^ (h >>> 15);
      sentHash[nq] = fmix32(h);
      sentStart[nq] = start;
      sentEnd[nq] = end;
      nq++;
    }
    start = end;
  }

  // One MinHash signature per qualifying sentence, over the shingles inside it; BANDS keys each.
  const bandKeys = new Uint32Array(nq * BANDS);
  let nk = 0;
  for (let s = 0; s < nq; s++) {
    mins.fill(0xffffffff);
    const last = sentEnd[s] - SHINGLE_SIZE;
    for (let i = sentStart[s]; i <= last; i++) {
      const x = seq[i];
      for (let k = 0; k < SIGNATURE_SIZE; k++) {
        let v = Math.imul(x ^ SEEDS[k], 0x9e3779b1);
        v ^= v >>> 15;
        v = Math.imul(v, 0x85ebca6b);
        v = (v ^ (v >>> 13)) >>> 0;
        if (v < mins[k]) mins[k] = v;
      }
    }
    for (let b = 0; b < BANDS; b++) {
      let h = Math.imul(b + 1, 0x27d4eb2d);
      for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ mins[b * ROWS + r], 0x5bd1e995) ^ (h >>> 15);
      bandKeys[nk++] = fmix32(h);
    }
  }

  const sentences = sortedDistinct(sentHash.subarray(0, nq));
  const shingles = sortedDistinct(nSeq > 0 ? seq : new Uint32Array(0));
  // Distinct band keys: a repeated sentence (a paragraph printed twice) needs one posting.
  const keys = sortedDistinct(bandKeys.subarray(0, nk));
  const out = new Uint32Array(HEADER + sentences.length + shingles.length + keys.length);
  out[0] = SKETCH_VERSION;
  out[1] = nWords;
  out[2] = sentences.length;
  out[3] = shingles.length;
  out[4] = keys.length;
  out.set(sentences, HEADER);
  out.set(shingles, HEADER + sentences.length);
  out.set(keys, HEADER + sentences.length + shingles.length);
  return out;
}

/** Throws unless `s` is a sketch of the current version with a consistent length. */
export function checkSketch(s: Sketch): void {
  if (s.length < HEADER || s[0] !== SKETCH_VERSION) {
    throw new Error(`syndication: sketch version ${s[0]} is not ${SKETCH_VERSION}; re-sketch the article`);
  }
  if (s.length !== HEADER + s[2] + s[3] + s[4]) throw new Error("syndication: truncated or corrupt sketch");
}

/** Word count of the sketched text. */
export function sketchWords(s: Sketch): number {
  return s[1];
}
/** Sorted distinct sentence hashes (a view). */
export function sketchSentences(s: Sketch): Uint32Array {
  return s.subarray(HEADER, HEADER + s[2]);
}
/** Sorted distinct shingle hashes (a view). */
export function sketchShingles(s: Sketch): Uint32Array {
  const o = HEADER + s[2];
  return s.subarray(o, o + s[3]);
}
/** LSH band keys (a view). */
export function sketchBandKeys(s: Sketch): Uint32Array {
  const o = HEADER + s[2] + s[3];
  return s.subarray(o, o + s[4]);
}

/** A sketch's bytes (platform byte order, little-endian in practice), e.g. for a SQLite BLOB. */
export function sketchToBytes(s: Sketch): Uint8Array {
  return new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
}

/**
 * A sketch from stored bytes. Copies them: a BLOB read back (a Node Buffer) may sit at an offset
 * of a shared pool that is not 4-byte aligned. Throws on a sketch of another version.
 */
export function sketchFromBytes(bytes: Uint8Array): Sketch {
  if (bytes.byteLength % 4 !== 0) throw new Error("syndication: sketch bytes are not whole uint32 words");
  const s = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(s.buffer).set(bytes);
  checkSketch(s);
  return s;
}
