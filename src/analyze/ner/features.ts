/**
 * Feature extraction for the NER tagger, shared by training (scripts/train-ner.ts) and inference,
 * so both compute exactly the same hashed features.
 *
 * Every feature is a template id plus a value, hashed (FNV-1a + a murmur finaliser) into one
 * 32-bit number; the model maps hashes to weight rows (one weight per tag). No feature strings are
 * built: the hash runs over the pieces directly, so extraction allocates little.
 *
 * Features of token i: the word, its lowercase, shape, prefixes and suffixes (1-4), words and shapes
 * at ±1 and ±2, word bigrams, capitalisation flags and sentence position, whether the sentence is an
 * all-caps headline, gazetteer matches (entity strings seen in the training data, with the position of
 * the token inside the match), and document-level evidence: is the same word written with a capital
 * in mid-sentence, or in lower case, elsewhere in the document.
 */

import { AMERICAN_TO_BRITISH } from "./data/spelling.js";

const BRITISH_OF: ReadonlyMap<string, string> = new Map(AMERICAN_TO_BRITISH);

/** A document to featurise: sentences of token strings. */
export type Doc = string[][];

/** Gazetteer of lowercased entity strings (tokens joined by a space) to a bit mask of types. */
export type Gazetteer = Map<string, number>;

/** Entity types of CoNLL-2003, in bit order for gazetteer masks. */
export const CONLL_TYPES = ["PER", "ORG", "LOC", "MISC"] as const;
export type ConllType = (typeof CONLL_TYPES)[number];

/** Longest gazetteer entry tried, in tokens. */
export const GAZ_MAX_TOKENS = 6;

// Template ids. Changing any of them changes the hashes: retrain the model afterwards.
enum T {
  Bias = 1,
  Word,
  Lower,
  Shape,
  ShortShape,
  Prefix,
  Suffix,
  LowerM1,
  LowerP1,
  LowerM2,
  LowerP2,
  BigramM1,
  BigramP1,
  ShapeM1,
  ShapeP1,
  ShapeTriple,
  Flags,
  CapsSentShape,
  Gaz,
  DocCase,
  FirstLower,
  LowerM1Shape,
  ShapeP1Lower,
  GazM1,
  GazP1,
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

function mixInt(h: number, n: number): number {
  h ^= n & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= (n >>> 8) & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= (n >>> 16) & 0xffff;
  return Math.imul(h, FNV_PRIME);
}

function mixStr(h: number, s: string): number {
  return mixRange(h, s, 0, s.length);
}

/** mixStr of s.slice(from, to), without the slice. */
function mixRange(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  // A separator so that ("ab","c") and ("a","bc") differ.
  h ^= 0x1f;
  return Math.imul(h, FNV_PRIME);
}

function fin(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seed = (t: number) => mixInt(FNV_OFFSET, t);

/**
 * Normalises a surface token to the forms seen in the training data: ASCII quotes and dashes,
 * no diacritics, and British spellings (Reuters writes "Defence Ministry"; American text
 * "Defense Ministry" should look the same to the model).
 */
export function normalizeToken(w: string): string {
  if (!/^[\x20-\x7e]*$/.test(w)) {
    w = w
      .replace(/[“”„‟«»]/g, '"')
      .replace(/[‘’‚‛]/g, "'")
      .replace(/[–—―]/g, "-")
      .normalize("NFKD")
      .replace(/\p{M}/gu, "");
  }
  if (w.length >= 5 && w.length <= 14) {
    const brit = BRITISH_OF.get(w.toLowerCase());
    if (brit !== undefined) return matchCase(w, brit);
  }
  return w;
}

/** Writes `to` (lowercase) in the case pattern of `from`: "Defense" -> "Defence", "DEFENSE" -> "DEFENCE". */
function matchCase(from: string, to: string): string {
  if (from === from.toUpperCase()) return to.toUpperCase();
  if (from[0] === from[0].toUpperCase()) return to[0].toUpperCase() + to.slice(1);
  return to;
}

/**
 * Particles that prefix Arabic names ("al-Assad", "el-Sisi", "bin-Salman"). A hyphenated token with
 * one of them before a capitalised part gets the word features of that part, plus a particle flag:
 * the training data has few such tokens, but plenty of capitalised names.
 */
const NAME_PARTICLE_RE = /^(?:al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu|abd)-(?=\p{Lu})/iu;

/** Word shape: X for upper, x for lower, d for digit, other characters kept ("Al-Jazeera" -> "Xx-Xxxxxxx"). */
export function shape(w: string): string {
  let s = "";
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) s += "X";
    else if (c >= 97 && c <= 122) s += "x";
    else if (c >= 48 && c <= 57) s += "d";
    else if (c > 127) {
      const ch = w[i];
      s += ch.toUpperCase() !== ch ? "x" : ch.toLowerCase() !== ch ? "X" : ch;
    } else s += w[i];
  }
  return s;
}

/** Shape with runs collapsed ("Xxxxx" -> "Xx", "dd,ddd" -> "d,d"). */
export function shortShape(longShape: string): string {
  let s = "";
  let prev = "";
  for (let i = 0; i < longShape.length; i++) {
    const ch = longShape[i];
    if (ch !== prev) s += ch;
    prev = ch;
  }
  return s;
}

const DIGITS = /\d/g;
const HAS_DIGIT = /\d/;

/** Lowercase with digits mapped to 0, the form used for word identity features. */
export function lowerForm(w: string): string {
  const lower = w.toLowerCase();
  return HAS_DIGIT.test(lower) ? lower.replace(DIGITS, "0") : lower;
}

const isUpperCode = (c: number) => c >= 65 && c <= 90;
const isLowerCode = (c: number) => c >= 97 && c <= 122;

/** Per-token derived strings, computed once per distinct token. */
interface TokenInfo {
  word: string;
  lower: string;
  shape: string;
  short: string;
  initCap: boolean;
  allCaps: boolean;
  /** The word starts with an ASCII lowercase letter. */
  lowerFirst: boolean;
  /** The word holds an ASCII letter (for the all-caps sentence test). */
  latin: boolean;
  /** The token had a name particle stripped ("al-Assad" -> "Assad"). */
  particle: boolean;
  /** Gazetteer key: lowercase of the whole normalised token. */
  gazKey: string;
}

function info(w: string): TokenInfo {
  let word = normalizeToken(w);
  const pm = NAME_PARTICLE_RE.exec(word);
  const gazKey = pm ? lowerForm(word) : "";
  if (pm) word = word.slice(pm[0].length);
  const lower = lowerForm(word);
  const sh = shape(word);
  const c0 = word.charCodeAt(0);
  let letters = 0;
  let uppers = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (isUpperCode(c)) {
      letters++;
      uppers++;
    } else if (isLowerCode(c)) letters++;
  }
  return {
    word,
    lower,
    shape: sh.length > 12 ? sh.slice(0, 6) + sh.slice(-6) : sh,
    short: shortShape(sh),
    initCap: isUpperCode(c0),
    allCaps: letters > 0 && uppers === letters,
    lowerFirst: isLowerCode(c0),
    latin: letters > 0,
    particle: pm !== null,
    gazKey: pm ? gazKey : lower,
  };
}

/**
 * Document-level case evidence is kept per lowercase form: every word entry with the same
 * lowercase points to one form, which records the last document (by stamp) in which it was seen
 * capitalised mid-sentence or in lower case. Stamps replace per-document sets of strings.
 */
interface LowerFormInfo {
  capMid: number;
  lowerSeen: number;
}

/**
 * Hashed features of a document: `feats[offsets[i] .. offsets[i+1])` belong to token i (doc order).
 * With `local: false`, the features that depend on one word alone are left out, so a tagger can cache
 * their weight sums per word: the token's own (`words[i].local`), and those its neighbours contribute
 * (the ones in WORD_SLOTS: `words[i-1]` as left neighbour, `words[i+1]` as right one, `words[i-2]`,
 * `words[i+2]`), for every neighbour that exists. Past a sentence edge the boundary features stay in
 * `feats`.
 */
export interface DocFeatures {
  feats: Uint32Array;
  offsets: Uint32Array;
  /** Index of each sentence's first token in the flat token order, plus the total at the end. */
  sentStart: Uint32Array;
  /** Per token (doc order): the word's cached entry. */
  words: WordEntry[];
  /** Whether `feats` includes the features of single words (see above). */
  local: boolean;
}

/**
 * What is known about a word regardless of its context: derived forms (TokenInfo, kept in the
 * entry itself so a token costs one object visit) and local feature hashes.
 */
export interface WordEntry extends TokenInfo {
  /** The token as given. */
  key: string;
  /** Hashes of the word-only features (bias, word, lowercase, shapes, prefixes, suffixes). */
  local: Uint32Array;
  /** Partial hashes of the context features this word takes part in (indexed by the H_* constants). */
  ctx: Uint32Array;
  form: LowerFormInfo;
  /** The gazetteer `gazVal` was read from (the value depends on it; training swaps gazetteers). */
  gazOwner: Gazetteer | null;
  /** Gazetteer value of the word's own key (0 when absent). */
  gazVal: number;
  /** Token of the tagger cache that holds this word's weight sums (see NerModel), or null. */
  emitOwner: object | null;
  /** Where those sums start in that cache. */
  emitAt: number;
}

const BOS = "<s>";
const EOS = "</s>";

// Template seeds, computed once.
const BIAS_HASH = fin(seed(T.Bias));
const S_WORD = seed(T.Word);
const S_LOWER = seed(T.Lower);
const S_SHAPE = seed(T.Shape);
const S_SHORT_SHAPE = seed(T.ShortShape);
/** Prefix and suffix seeds by length (index 1-4). */
const S_PREFIX = Uint32Array.from({ length: 5 }, (_, k) => mixInt(seed(T.Prefix), k));
const S_SUFFIX = Uint32Array.from({ length: 5 }, (_, k) => mixInt(seed(T.Suffix), k));
const S_LOWER_M1 = seed(T.LowerM1);
const S_LOWER_P1 = seed(T.LowerP1);
const S_LOWER_M2 = seed(T.LowerM2);
const S_LOWER_P2 = seed(T.LowerP2);
const S_BIGRAM_M1 = seed(T.BigramM1);
const S_BIGRAM_P1 = seed(T.BigramP1);
const S_SHAPE_M1 = seed(T.ShapeM1);
const S_SHAPE_P1 = seed(T.ShapeP1);
const S_SHAPE_TRIPLE = seed(T.ShapeTriple);
const S_LOWER_M1_SHAPE = seed(T.LowerM1Shape);
const S_SHAPE_P1_LOWER = seed(T.ShapeP1Lower);
const S_FLAGS = seed(T.Flags);
const S_CAPS_SHAPE = seed(T.CapsSentShape);
const S_FIRST_LOWER = seed(T.FirstLower);
const S_GAZ = seed(T.Gaz);
const S_GAZ_M1 = seed(T.GazM1);
const S_GAZ_P1 = seed(T.GazP1);
const S_DOC_CASE = seed(T.DocCase);

// Indexes into WordEntry.ctx. F_* are finished feature hashes, H_* hash states that the token's
// neighbours continue (FNV runs left to right, so a prefix state can be cached per word).
/** LowerM1 feature of the next token (this word as its left neighbour). */
const F_LOWER_AS_M1 = 0;
const F_LOWER_AS_P1 = 1;
const F_LOWER_AS_M2 = 2;
const F_LOWER_AS_P2 = 3;
const F_SHAPE_AS_M1 = 4;
const F_SHAPE_AS_P1 = 5;
const F_CAPS_SHAPE = 6;
const F_FIRST_LOWER = 7;
/** BigramM1 state after this word as the left word (continued with the token's lowercase). */
const H_BIGRAM_AS_M1 = 8;
/** BigramP1 state after this word as the token (continued with the right neighbour's lowercase). */
const H_BIGRAM_P1 = 9;
/** ShapeTriple state after this word's short shape as the left neighbour. */
const H_TRIPLE_AS_M1 = 10;
/** LowerM1Shape state after this word as the left neighbour (continued with the token's short shape). */
const H_LOWER_SHAPE_AS_M1 = 11;
/** ShapeP1Lower state after this word's short shape (continued with the right neighbour's lowercase). */
const H_SHAPE_LOWER_P1 = 12;
const N_CTX = 13;

/**
 * Features a word gives its neighbours, by position relative to the token: as the left neighbour
 * (i-1), the right one (i+1), then i-2 and i+2. Each group lists indexes into `WordEntry.ctx`.
 */
export const WORD_SLOTS: readonly (readonly number[])[] = [
  [F_LOWER_AS_M1, F_SHAPE_AS_M1],
  [F_LOWER_AS_P1, F_SHAPE_AS_P1],
  [F_LOWER_AS_M2],
  [F_LOWER_AS_P2],
];

// The same values for the sentence boundaries.
const BOS_LOWER_M1 = fin(mixStr(S_LOWER_M1, BOS));
const EOS_LOWER_P1 = fin(mixStr(S_LOWER_P1, EOS));
const BOS_LOWER_M2 = fin(mixStr(S_LOWER_M2, BOS));
const BOS2_LOWER_M2 = fin(mixStr(S_LOWER_M2, "<s2>"));
const EOS_LOWER_P2 = fin(mixStr(S_LOWER_P2, EOS));
const EOS2_LOWER_P2 = fin(mixStr(S_LOWER_P2, "</s2>"));
const BOS_BIGRAM_M1 = mixStr(S_BIGRAM_M1, BOS);
const BOS_SHAPE_M1 = fin(mixStr(S_SHAPE_M1, BOS));
const EOS_SHAPE_P1 = fin(mixStr(S_SHAPE_P1, EOS));
const BOS_TRIPLE = mixStr(S_SHAPE_TRIPLE, BOS);
const BOS_LOWER_SHAPE = mixStr(S_LOWER_M1_SHAPE, BOS);
/** Finished hashes of the 16 gazetteer bits. */
const GAZ_BIT_HASH = Uint32Array.from({ length: 16 }, (_, b) => fin(mixInt(S_GAZ, b)));

/**
 * Tokens per sentence that the reused buffers hold before they grow (count). Generous, so that
 * growing stays rare: a first growth also makes V8 re-optimise the function around it.
 */
export const INITIAL_SENTENCE_TOKENS = 1024;

/** Words kept in the process-wide word cache before it is cleared (count of distinct tokens). */
const WORD_CACHE_MAX = 200_000;
const wordCache = new Map<string, WordEntry>();
const formCache = new Map<string, LowerFormInfo>();

/** The cached entry of a token string (computed on first sight). */
export function wordEntry(w: string): WordEntry {
  let e = wordCache.get(w);
  if (e !== undefined) return e;
  const t = info(w);
  const lw = t.lower;
  const affixes = Math.min(4, lw.length);
  const local = new Uint32Array(5 + 2 * affixes);
  local[0] = BIAS_HASH;
  local[1] = fin(mixStr(S_WORD, t.word));
  local[2] = fin(mixStr(S_LOWER, lw));
  local[3] = fin(mixStr(S_SHAPE, t.shape));
  local[4] = fin(mixStr(S_SHORT_SHAPE, t.short));
  for (let k = 1; k <= affixes; k++) {
    local[3 + 2 * k] = fin(mixRange(S_PREFIX[k], lw, 0, k));
    local[4 + 2 * k] = fin(mixRange(S_SUFFIX[k], lw, lw.length - k, lw.length));
  }
  const ctx = new Uint32Array(N_CTX);
  ctx[F_LOWER_AS_M1] = fin(mixStr(S_LOWER_M1, lw));
  ctx[F_LOWER_AS_P1] = fin(mixStr(S_LOWER_P1, lw));
  ctx[F_LOWER_AS_M2] = fin(mixStr(S_LOWER_M2, lw));
  ctx[F_LOWER_AS_P2] = fin(mixStr(S_LOWER_P2, lw));
  ctx[F_SHAPE_AS_M1] = fin(mixStr(S_SHAPE_M1, t.short));
  ctx[F_SHAPE_AS_P1] = fin(mixStr(S_SHAPE_P1, t.short));
  ctx[F_CAPS_SHAPE] = fin(mixStr(S_CAPS_SHAPE, t.short));
  ctx[F_FIRST_LOWER] = fin(mixStr(S_FIRST_LOWER, lw));
  ctx[H_BIGRAM_AS_M1] = mixStr(S_BIGRAM_M1, lw);
  ctx[H_BIGRAM_P1] = mixStr(S_BIGRAM_P1, lw);
  ctx[H_TRIPLE_AS_M1] = mixStr(S_SHAPE_TRIPLE, t.short);
  ctx[H_LOWER_SHAPE_AS_M1] = mixStr(S_LOWER_M1_SHAPE, lw);
  ctx[H_SHAPE_LOWER_P1] = mixStr(S_SHAPE_P1_LOWER, t.short);
  let form = formCache.get(lw);
  if (form === undefined) {
    form = { capMid: 0, lowerSeen: 0 };
    formCache.set(lw, form);
  }
  e = {
    key: w,
    word: t.word,
    lower: t.lower,
    shape: t.shape,
    short: t.short,
    initCap: t.initCap,
    allCaps: t.allCaps,
    lowerFirst: t.lowerFirst,
    latin: t.latin,
    particle: t.particle,
    gazKey: t.gazKey,
    local,
    ctx,
    form,
    gazOwner: null,
    gazVal: 0,
    emitOwner: null,
    emitAt: 0,
  };
  wordCache.set(w, e);
  return e;
}

/** Set in a gazetteer value when longer entries start with this key (see prepareGazetteer). */
export const GAZ_PREFIX = 1 << 4;

/**
 * Marks every proper token prefix of a gazetteer entry with GAZ_PREFIX, so matching can stop as soon
 * as the tokens read so far start no entry. Returns the same map (modified).
 */
export function prepareGazetteer(gaz: Gazetteer): Gazetteer {
  for (const key of [...gaz.keys()]) {
    let i = key.indexOf(" ");
    while (i > 0) {
      const p = key.slice(0, i);
      gaz.set(p, (gaz.get(p) ?? 0) | GAZ_PREFIX);
      i = key.indexOf(" ", i + 1);
    }
  }
  return gaz;
}

/**
 * Gazetteer bits of the tokens `entries[from..to)` into `bits[0..)`: bit (pos*4 + type), pos 0=B
 * 1=I 2=L 3=U. The gazetteer must have been through prepareGazetteer.
 */
function gazBits(entries: WordEntry[], from: number, to: number, gaz: Gazetteer, bits: Uint16Array): void {
  bits.fill(0, 0, to - from);
  for (let i = from; i < to; i++) {
    const e = entries[i];
    if (e.gazOwner !== gaz) {
      e.gazOwner = gaz;
      e.gazVal = gaz.get(e.gazKey) ?? 0;
    }
    let v = e.gazVal;
    if (v === 0) continue;
    let key = e.gazKey;
    for (let n = 1; n <= GAZ_MAX_TOKENS; n++) {
      const mask = v & 15;
      if (mask) {
        for (let k = 0; k < n; k++) {
          const pos = n === 1 ? 3 : k === 0 ? 0 : k === n - 1 ? 2 : 1;
          bits[i - from + k] |= mask << (pos * 4);
        }
      }
      if (!(v & GAZ_PREFIX) || i + n >= to) break;
      key = `${key} ${entries[i + n].gazKey}`;
      const next = gaz.get(key);
      if (next === undefined) break;
      v = next;
    }
  }
}

/** Stamp of the document being featurised (for LowerFormInfo). */
let docStamp = 0;
let gazBuf = new Uint16Array(INITIAL_SENTENCE_TOKENS);

/**
 * Extracts the hashed features of every token of a document. With `local` false the word-only
 * features are left out of `feats` (see DocFeatures).
 */
export function extractFeatures(doc: Doc, gaz: Gazetteer, local = true): DocFeatures {
  // Clear the caches only between documents: all entries of one document must share forms.
  if (wordCache.size >= WORD_CACHE_MAX) {
    wordCache.clear();
    formCache.clear();
  }
  const stamp = ++docStamp;
  let total = 0;
  let maxLen = 0;
  for (const s of doc) {
    total += s.length;
    if (s.length > maxLen) maxLen = s.length;
  }
  const entries: WordEntry[] = new Array(total);
  const sentStart = new Uint32Array(doc.length + 1);
  const capsSent = new Uint8Array(doc.length);
  // Pass 1: entries, all-caps sentences, and document-level case evidence per lowercase form:
  // capitalised in mid-sentence (not in an all-caps sentence), and written in lower case.
  let tok = 0;
  for (let si = 0; si < doc.length; si++) {
    const s = doc[si];
    sentStart[si] = tok;
    let letters = 0;
    let capsWords = 0;
    for (let i = 0; i < s.length; i++) {
      const e = wordEntry(s[i]);
      entries[tok + i] = e;
      if (e.latin) {
        letters++;
        if (e.allCaps) capsWords++;
      }
    }
    // An all-caps sentence (CoNLL headlines: "SOCCER - JAPAN GET LUCKY WIN").
    const caps = letters >= 2 && capsWords / letters > 0.8;
    capsSent[si] = caps ? 1 : 0;
    for (let i = 0; i < s.length; i++) {
      const t = entries[tok + i];
      if (t.lowerFirst) entries[tok + i].form.lowerSeen = stamp;
      else if (!caps && i > 0 && t.initCap && !t.allCaps && entries[tok + i - 1].word !== '"')
        entries[tok + i].form.capMid = stamp;
    }
    tok += s.length;
  }
  sentStart[doc.length] = tok;

  let feats = new Uint32Array(total * (local ? 40 : 24) + 16);
  const offsets = new Uint32Array(total + 1);
  let n = 0;
  if (gazBuf.length < maxLen) gazBuf = new Uint16Array(maxLen * 2);
  const gb = gazBuf;
  // Upper bound of the features one token adds: 13 local, 13 context, 16 gazetteer bits, 2 gazetteer
  // neighbours, 2 document case.
  const MAX_PER_TOKEN = 48;

  for (let si = 0; si < doc.length; si++) {
    const a = sentStart[si];
    const b = sentStart[si + 1];
    const len = b - a;
    const caps = capsSent[si] === 1;
    gazBits(entries, a, b, gaz, gb);
    for (let i = 0; i < len; i++) {
      const k = a + i;
      offsets[k] = n;
      if (n + MAX_PER_TOKEN > feats.length) {
        const grown = new Uint32Array(feats.length * 2 + MAX_PER_TOKEN);
        grown.set(feats);
        feats = grown;
      }
      const e = entries[k];
      const t = e;
      const c = e.ctx;
      const p1 = i > 0 ? entries[k - 1] : null;
      const p2 = i > 1 ? entries[k - 2] : null;
      const n1 = i + 1 < len ? entries[k + 1] : null;
      const n2 = i + 2 < len ? entries[k + 2] : null;
      const w = t.lower;
      const lp1 = n1 ? n1.lower : EOS;
      const short = t.short;

      if (local) {
        const lf = e.local;
        for (let j = 0; j < lf.length; j++) feats[n++] = lf[j];
      }
      // Neighbour words alone (WORD_SLOTS), or the sentence boundary.
      if (!p1) feats[n++] = BOS_LOWER_M1;
      else if (local) feats[n++] = p1.ctx[F_LOWER_AS_M1];
      if (!n1) feats[n++] = EOS_LOWER_P1;
      else if (local) feats[n++] = n1.ctx[F_LOWER_AS_P1];
      if (!p2) feats[n++] = p1 ? BOS_LOWER_M2 : BOS2_LOWER_M2;
      else if (local) feats[n++] = p2.ctx[F_LOWER_AS_M2];
      if (!n2) feats[n++] = n1 ? EOS_LOWER_P2 : EOS2_LOWER_P2;
      else if (local) feats[n++] = n2.ctx[F_LOWER_AS_P2];
      feats[n++] = fin(mixStr(p1 ? p1.ctx[H_BIGRAM_AS_M1] : BOS_BIGRAM_M1, w));
      feats[n++] = fin(mixStr(c[H_BIGRAM_P1], lp1));
      if (!p1) feats[n++] = BOS_SHAPE_M1;
      else if (local) feats[n++] = p1.ctx[F_SHAPE_AS_M1];
      if (!n1) feats[n++] = EOS_SHAPE_P1;
      else if (local) feats[n++] = n1.ctx[F_SHAPE_AS_P1];
      feats[n++] = fin(mixStr(mixStr(p1 ? p1.ctx[H_TRIPLE_AS_M1] : BOS_TRIPLE, short), n1 ? n1.short : EOS));
      feats[n++] = fin(mixStr(p1 ? p1.ctx[H_LOWER_SHAPE_AS_M1] : BOS_LOWER_SHAPE, short));
      feats[n++] = fin(mixStr(c[H_SHAPE_LOWER_P1], lp1));
      // Capitalisation flags with sentence position and headline state.
      const flags =
        (i === 0 ? 1 : 0) |
        (t.initCap ? 2 : 0) |
        (t.allCaps ? 4 : 0) |
        (caps ? 8 : 0) |
        (p1?.initCap ? 16 : 0) |
        (n1?.initCap ? 32 : 0) |
        (t.particle ? 64 : 0);
      feats[n++] = fin(mixInt(S_FLAGS, flags));
      if (caps) feats[n++] = c[F_CAPS_SHAPE];
      if (i === 0) feats[n++] = c[F_FIRST_LOWER];
      // Gazetteer matches of this token and its neighbours.
      const g = gb[i];
      if (g) for (let bit = 0; bit < 16; bit++) if (g & (1 << bit)) feats[n++] = GAZ_BIT_HASH[bit];
      if (i > 0 && gb[i - 1]) feats[n++] = fin(mixInt(S_GAZ_M1, gb[i - 1]));
      if (i + 1 < len && gb[i + 1]) feats[n++] = fin(mixInt(S_GAZ_P1, gb[i + 1]));
      // Document-level case evidence for words that start with a capital.
      if (t.initCap) {
        const dc =
          (e.form.capMid === stamp ? 1 : 0) |
          (e.form.lowerSeen === stamp ? 2 : 0) |
          (i === 0 || caps ? 4 : 0);
        feats[n++] = fin(mixInt(S_DOC_CASE, dc));
        feats[n++] = fin(mixStr(mixInt(S_DOC_CASE, dc + 8), short));
      }
    }
  }
  offsets[total] = n;
  return { feats: feats.subarray(0, n), offsets, sentStart, words: entries, local };
}
