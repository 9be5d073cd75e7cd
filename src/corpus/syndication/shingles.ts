/**
 * Text normalisation and word shingles.
 *
 * Normalisation (applied while scanning char codes, no intermediate strings per word):
 * lower-case; a word is a run of letters/digits (ASCII, and any code point from U+00C0 up except
 * punctuation blocks); everything else separates words, apostrophes included ("long-term" →
 * "long term", "6,000" → "6 000", "Assad's" and "Assad 's" → "assad s", so copies that space or
 * curl the apostrophe differently agree). Each word is hashed with FNV-1a + fmix32 as it is scanned.
 *
 * Shingles are hashes of SHINGLE_SIZE consecutive words over the whole body as one stream
 * (paragraph breaks are ignored, so copies that re-flow paragraphs keep the same shingles).
 */
import { ABBREVIATIONS } from "./data/abbreviations.js";
import { FNV_OFFSET as OFFSET, FNV_PRIME as PRIME, fmix32 as mix32 } from "./hash.js";

// Module-local copies of the imports used in hot loops: some ESM loaders (tsx, bundlers) turn
// imported bindings into getter calls, which cost more than the loop body itself.
const FNV_OFFSET = OFFSET;
const FNV_PRIME = PRIME;
const fmix32 = mix32;

/**
 * Words per shingle. 5 words: on the census/spotify syndication sets (see bench/syndication.ts),
 * k = 4..6 give the same pair decisions; shorter shingles start matching shared phrases of
 * unrelated articles ("the president of the"), longer ones lose more shingles to each edited word
 * (one substitution kills k shingles). 5 is also the usual choice for news near-duplicates.
 */
export const SHINGLE_SIZE = 5;

/** True for a char code that belongs to a word (after lower-casing). */
function isWordCharSlow(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false; // × ÷
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, dingbats
  if (c >= 0x2e00 && c <= 0x2e7f) return false; // supplemental punctuation
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xfe30 && c <= 0xfe4f) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false; // fullwidth punctuation
  if (c >= 0xd800 && c <= 0xdfff) return false; // surrogates (emoji mostly)
  return true;
}

/**
 * Per UTF-16 code unit: its lower-case form (when lower-casing keeps it one unit) and whether
 * it is a word character. Built once (~65k entries, a few ms) so the scanner needs no
 * `toLowerCase()` string per paragraph and no branchy tests per character.
 */
const LOWER = new Uint16Array(65536);
const WORD = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  let l = c;
  if (c >= 0x41 && c <= 0x5a) l = c + 32;
  else if (c >= 0xc0 && (c < 0xd800 || c > 0xdfff)) {
    const s = String.fromCharCode(c).toLowerCase();
    if (s.length === 1) l = s.charCodeAt(0);
  }
  LOWER[c] = l;
  WORD[c] = isWordCharSlow(l) ? 1 : 0;
}

/** Word hashes of the abbreviations, for the sentence splitter. */
const ABBREV_HASHES = new Set(ABBREVIATIONS.map(hashWord));

/** Hash of one already-normalised word, as the scanner computes it. */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return fmix32(h);
}

/** The words of a text and where its sentences end (views into scratch buffers). */
export interface Tokens {
  /** Word hashes in text order. */
  words: Uint32Array;
  /** For each sentence, the index just past its last word (ascending; the last equals words.length). */
  sentenceEnds: Uint32Array;
}

let wordBuf: Uint32Array = new Uint32Array(4096);
let sentBuf: Uint32Array = new Uint32Array(512);

/**
 * Hashes the words of `paragraphs` in order and finds sentence ends. A sentence ends at a
 * paragraph break, or at `.`/`!`/`?` (closing quotes/brackets allowed after it) followed by
 * white space and a word that starts with a capital or a digit, unless the period follows a
 * single letter ("R. Kelly", "U.S. officials") or a known abbreviation ("Mr.", "Jan.").
 * Returns views into shared scratch buffers, valid until the next call: copy what you keep.
 */
export function tokenize(paragraphs: readonly string[]): Tokens {
  let n = 0;
  let ns = 0;
  // Locals, not the module-level buffers, in the loop (module bindings are slower to access).
  let wb = wordBuf;
  let sb = sentBuf;
  const lower = LOWER;
  const word = WORD;
  for (const text of paragraphs) {
    const len = text.length;
    let h = FNV_OFFSET;
    let inWord = false;
    let wordLen = 0;
    let pending = false; // saw sentence-final punctuation after a word
    let sawSpace = false; // ... and white space after it
    let blocked = false; // ... but the period follows an initial or an abbreviation
    for (let i = 0; i < len; i++) {
      const o = text.charCodeAt(i);
      const c = lower[o];
      if (word[c] === 1) {
        if (!inWord) {
          if (pending) {
            const capital = o !== c || (c >= 0x30 && c <= 0x39);
            if (sawSpace && capital && !blocked && n > 0 && (ns === 0 || sb[ns - 1] !== n)) {
              if (ns === sb.length) sb = grow(sb);
              sb[ns++] = n;
            }
            pending = false;
          }
          inWord = true;
          wordLen = 0;
        }
        h = Math.imul(h ^ c, FNV_PRIME);
        wordLen++;
        continue;
      }
      if (inWord) {
        if (n === wb.length) wb = grow(wb);
        const wh = fmix32(h);
        wb[n++] = wh;
        h = FNV_OFFSET;
        inWord = false;
        if (c === 0x2e /* . */) {
          pending = true;
          sawSpace = false;
          blocked = wordLen === 1 || ABBREV_HASHES.has(wh);
          continue;
        }
      }
      if (c === 0x21 /* ! */ || c === 0x3f /* ? */ || c === 0x2026 /* … */) {
        if (n > 0) {
          pending = true;
          sawSpace = false;
          blocked = false;
        }
      } else if (c === 0x2e) {
        // a period after punctuation ("said.\"." or "...") keeps what was decided
        if (n > 0 && !pending) {
          pending = true;
          sawSpace = false;
          blocked = false;
        }
      } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0) {
        if (pending) sawSpace = true;
      } else if (pending && (c === 0x2c || c === 0x3b || c === 0x3a)) {
        pending = false; // "U.S., Russia": a comma, semicolon or colon after the period
      }
    }
    if (inWord) {
      if (n === wb.length) wb = grow(wb);
      wb[n++] = fmix32(h);
    }
    if (n > 0 && (ns === 0 || sb[ns - 1] !== n)) {
      if (ns === sb.length) sb = grow(sb);
      sb[ns++] = n;
    }
  }
  wordBuf = wb;
  sentBuf = sb;
  return { words: wb.subarray(0, n), sentenceEnds: sb.subarray(0, ns) };
}

/** Hashes the words of `paragraphs` in order (a view into a scratch buffer; see `tokenize`). */
export function wordHashes(paragraphs: readonly string[]): Uint32Array {
  return tokenize(paragraphs).words;
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Number of words in `paragraphs` under the same normalisation as the shingles. */
export function wordCount(paragraphs: readonly string[]): number {
  return wordHashes(paragraphs).length;
}

/**
 * Shingle hashes in text order (one per window of `k` words; a text shorter than `k` words
 * gives one shingle of all its words, an empty text none). Written into `out` when it is
 * large enough, else a new array.
 */
export function shingleSequence(words: Uint32Array, k = SHINGLE_SIZE, out?: Uint32Array): Uint32Array {
  const n = words.length;
  if (n === 0) return new Uint32Array(0);
  const m = n >= k ? n - k + 1 : 1;
  const w = Math.min(k, n);
  const res = out && out.length >= m ? out.subarray(0, m) : new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < w; j++) h = Math.imul(h ^ words[i + j], 0x5bd1e995) ^ (h >>> 15);
    res[i] = fmix32(h);
  }
  return res;
}

let radixTmp: Uint32Array = new Uint32Array(4096);
const radixCount = new Uint32Array(256);

/**
 * Sorts uint32 values ascending in place: LSD radix sort, 4 passes of 8 bits (faster than
 * `TypedArray.prototype.sort` for the few hundred hashes of an article); insertion sort below 32.
 */
export function sortUint32(a: Uint32Array): void {
  const n = a.length;
  if (n < 32) {
    for (let i = 1; i < n; i++) {
      const x = a[i];
      let j = i - 1;
      while (j >= 0 && a[j] > x) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
    return;
  }
  if (radixTmp.length < n) radixTmp = new Uint32Array(Math.max(n, radixTmp.length * 2));
  let src = a;
  let dst = radixTmp.subarray(0, n);
  const count = radixCount;
  for (let shift = 0; shift < 32; shift += 8) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[i] >>> shift) & 255]++;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const x = src[i];
      dst[count[(x >>> shift) & 255]++] = x;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  // Four passes: the result is back in `a`.
}

/** Sorts in place and removes repeats; returns the distinct prefix as a view. */
export function sortedDistinct(a: Uint32Array): Uint32Array {
  if (a.length === 0) return a;
  sortUint32(a);
  let w = 1;
  for (let i = 1; i < a.length; i++) if (a[i] !== a[w - 1]) a[w++] = a[i];
  return a.subarray(0, w);
}

/** Distinct shingle hashes of `paragraphs`, sorted ascending (a fresh array). */
export function shingleSet(paragraphs: readonly string[], k = SHINGLE_SIZE): Uint32Array {
  return sortedDistinct(shingleSequence(wordHashes(paragraphs), k)).slice();
}

/** Size of the intersection of two sorted distinct arrays (merge walk). */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let c = 0;
  const na = a.length;
  const nb = b.length;
  while (i < na && j < nb) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      c++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return c;
}

/** Share of the smaller set found in the other: |A∩B| / min(|A|,|B|) (0 when either is empty). */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const m = Math.min(a.length, b.length);
  return m === 0 ? 0 : intersectionSize(a, b) / m;
}

/**
 * Hashes of the sentences with at least `minWords` words, sorted and distinct (a fresh array).
 * A sentence hash covers its normalised words in order, so two sentences agree when they differ
 * only in case, punctuation or spacing.
 */
export function sentenceSet(tokens: Tokens, minWords: number): Uint32Array {
  const { words, sentenceEnds } = tokens;
  const out = new Uint32Array(sentenceEnds.length);
  let m = 0;
  let start = 0;
  for (let s = 0; s < sentenceEnds.length; s++) {
    const end = sentenceEnds[s];
    if (end - start >= minWords) {
      let h = 0x2f6b1d3a;
      for (let i = start; i < end; i++) h = Math.imul(h ^ words[i], 0x5bd1e995) ^ (h >>> 15);
      out[m++] = fmix32(h);
    }
    start = end;
  }
  return sortedDistinct(out.subarray(0, m)).slice();
}
