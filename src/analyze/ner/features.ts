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
  for (let i = 0; i < s.length; i++) {
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

/** Lowercase with digits mapped to 0, the form used for word identity features. */
export function lowerForm(w: string): string {
  return w.toLowerCase().replace(DIGITS, "0");
}

const isUpperCode = (c: number) => c >= 65 && c <= 90;
const isLowerCode = (c: number) => c >= 97 && c <= 122;

/** Per-token derived strings, computed once per document. */
interface TokenInfo {
  word: string;
  lower: string;
  shape: string;
  short: string;
  initCap: boolean;
  allCaps: boolean;
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
    particle: pm !== null,
    gazKey: pm ? gazKey : lower,
  };
}

/** True when a sentence is written in capitals (CoNLL headlines: "SOCCER - JAPAN GET LUCKY WIN"). */
function isCapsSentence(toks: TokenInfo[]): boolean {
  let letters = 0;
  let caps = 0;
  for (const t of toks) {
    if (/[a-zA-Z]/.test(t.word)) {
      letters++;
      if (t.allCaps) caps++;
    }
  }
  return letters >= 2 && caps / letters > 0.8;
}

/**
 * Hashed features of a document: `feats[offsets[i] .. offsets[i+1])` belong to token i (doc order).
 * With `local: false`, the token-local features (those that depend on the word alone) are left out
 * and `words[i].local` holds them instead, so a tagger can cache their weight sum per word.
 */
export interface DocFeatures {
  feats: Uint32Array;
  offsets: Uint32Array;
  /** Index of each sentence's first token in the flat token order, plus the total at the end. */
  sentStart: Uint32Array;
  /** Per token (doc order): the word's cached entry. */
  words: WordEntry[];
  /** Whether `feats` includes the token-local features. */
  local: boolean;
}

/** What is known about a word regardless of its context: derived forms and local feature hashes. */
export interface WordEntry {
  /** The token as given. */
  key: string;
  info: TokenInfo;
  /** Hashes of the word-only features (bias, word, lowercase, shapes, prefixes, suffixes). */
  local: Uint32Array;
}

/** Words kept in the process-wide word cache before it is cleared (count of distinct tokens). */
const WORD_CACHE_MAX = 200_000;
const wordCache = new Map<string, WordEntry>();

/** The cached entry of a token string (computed on first sight). */
export function wordEntry(w: string): WordEntry {
  let e = wordCache.get(w);
  if (e !== undefined) return e;
  const t = info(w);
  const local: number[] = [
    fin(seed(T.Bias)),
    fin(mixStr(seed(T.Word), t.word)),
    fin(mixStr(seed(T.Lower), t.lower)),
    fin(mixStr(seed(T.Shape), t.shape)),
    fin(mixStr(seed(T.ShortShape), t.short)),
  ];
  const lw = t.lower;
  for (let k = 1; k <= 4 && k <= lw.length; k++) {
    local.push(fin(mixStr(mixInt(seed(T.Prefix), k), lw.slice(0, k))));
    local.push(fin(mixStr(mixInt(seed(T.Suffix), k), lw.slice(lw.length - k))));
  }
  e = { key: w, info: t, local: Uint32Array.from(local) };
  if (wordCache.size >= WORD_CACHE_MAX) wordCache.clear();
  wordCache.set(w, e);
  return e;
}

const BOS = "<s>";
const EOS = "</s>";

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
 * Gazetteer bits of each token: bit (pos*4 + type), pos 0=B 1=I 2=L 3=U. The gazetteer must have
 * been through prepareGazetteer.
 */
function gazBits(toks: TokenInfo[], gaz: Gazetteer): Uint16Array {
  const bits = new Uint16Array(toks.length);
  for (let i = 0; i < toks.length; i++) {
    let key = toks[i].gazKey;
    for (let n = 1; n <= GAZ_MAX_TOKENS; n++) {
      const v = gaz.get(key);
      if (v === undefined) break;
      const mask = v & 15;
      if (mask) {
        for (let k = 0; k < n; k++) {
          const pos = n === 1 ? 3 : k === 0 ? 0 : k === n - 1 ? 2 : 1;
          bits[i + k] |= mask << (pos * 4);
        }
      }
      if (!(v & GAZ_PREFIX) || i + n >= toks.length) break;
      key = key + " " + toks[i + n].gazKey;
    }
  }
  return bits;
}

/**
 * Extracts the hashed features of every token of a document. With `local` false the word-only
 * features are left out of `feats` (see DocFeatures).
 */
export function extractFeatures(doc: Doc, gaz: Gazetteer, local = true): DocFeatures {
  const entries = doc.map((s) => s.map(wordEntry));
  const sents = entries.map((s) => s.map((e) => e.info));
  // Document-level case evidence per lowercase form: capitalised in mid-sentence (not in an
  // all-caps sentence), and written in lower case.
  const capMid = new Set<string>();
  const lowerSeen = new Set<string>();
  const capsSent: boolean[] = [];
  for (const s of sents) {
    const caps = isCapsSentence(s);
    capsSent.push(caps);
    for (let i = 0; i < s.length; i++) {
      const t = s[i];
      if (isLowerCode(t.word.charCodeAt(0))) lowerSeen.add(t.lower);
      else if (!caps && i > 0 && t.initCap && !t.allCaps && s[i - 1].word !== '"') capMid.add(t.lower);
    }
  }

  let total = 0;
  for (const s of sents) total += s.length;
  let feats = new Uint32Array(total * (local ? 40 : 24) + 16);
  const offsets = new Uint32Array(total + 1);
  const sentStart = new Uint32Array(sents.length + 1);
  let n = 0;
  let tok = 0;
  const grow = () => {
    const grown = new Uint32Array(feats.length * 2);
    grown.set(feats);
    feats = grown;
  };
  const push = (h: number) => {
    if (n === feats.length) grow();
    feats[n++] = fin(h);
  };

  for (let si = 0; si < sents.length; si++) {
    const s = sents[si];
    sentStart[si] = tok;
    const caps = capsSent[si];
    const gb = gazBits(s, gaz);
    for (let i = 0; i < s.length; i++, tok++) {
      offsets[tok] = n;
      const t = s[i];
      const p1 = i > 0 ? s[i - 1] : null;
      const p2 = i > 1 ? s[i - 2] : null;
      const n1 = i + 1 < s.length ? s[i + 1] : null;
      const n2 = i + 2 < s.length ? s[i + 2] : null;
      const lm1 = p1 ? p1.lower : BOS;
      const lp1 = n1 ? n1.lower : EOS;

      if (local) {
        const lf = entries[si][i].local;
        for (let k = 0; k < lf.length; k++) {
          if (n === feats.length) grow();
          feats[n++] = lf[k];
        }
      }
      const w = t.lower;
      push(mixStr(seed(T.LowerM1), lm1));
      push(mixStr(seed(T.LowerP1), lp1));
      push(mixStr(seed(T.LowerM2), p2 ? p2.lower : p1 ? BOS : "<s2>"));
      push(mixStr(seed(T.LowerP2), n2 ? n2.lower : n1 ? EOS : "</s2>"));
      push(mixStr(mixStr(seed(T.BigramM1), lm1), w));
      push(mixStr(mixStr(seed(T.BigramP1), w), lp1));
      push(mixStr(seed(T.ShapeM1), p1 ? p1.short : BOS));
      push(mixStr(seed(T.ShapeP1), n1 ? n1.short : EOS));
      push(mixStr(mixStr(mixStr(seed(T.ShapeTriple), p1 ? p1.short : BOS), t.short), n1 ? n1.short : EOS));
      push(mixStr(mixStr(seed(T.LowerM1Shape), lm1), t.short));
      push(mixStr(mixStr(seed(T.ShapeP1Lower), t.short), lp1));
      // Capitalisation flags with sentence position and headline state.
      const flags =
        (i === 0 ? 1 : 0) |
        (t.initCap ? 2 : 0) |
        (t.allCaps ? 4 : 0) |
        (caps ? 8 : 0) |
        (p1?.initCap ? 16 : 0) |
        (n1?.initCap ? 32 : 0) |
        (t.particle ? 64 : 0);
      push(mixInt(seed(T.Flags), flags));
      if (caps) push(mixStr(seed(T.CapsSentShape), t.short));
      if (i === 0) push(mixStr(seed(T.FirstLower), w));
      // Gazetteer matches of this token and its neighbours.
      const g = gb[i];
      if (g) for (let b = 0; b < 16; b++) if (g & (1 << b)) push(mixInt(seed(T.Gaz), b));
      if (i > 0 && gb[i - 1]) push(mixInt(seed(T.GazM1), gb[i - 1]));
      if (i + 1 < s.length && gb[i + 1]) push(mixInt(seed(T.GazP1), gb[i + 1]));
      // Document-level case evidence for words that start with a capital.
      if (t.initCap) {
        const dc = (capMid.has(w) ? 1 : 0) | (lowerSeen.has(w) ? 2 : 0) | (i === 0 || caps ? 4 : 0);
        push(mixInt(seed(T.DocCase), dc));
        push(mixStr(mixInt(seed(T.DocCase), dc + 8), t.short));
      }
    }
  }
  offsets[tok] = n;
  sentStart[sents.length] = tok;
  return { feats: feats.subarray(0, n), offsets, sentStart, words: entries.flat(), local };
}
