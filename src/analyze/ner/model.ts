/**
 * The NER model: a linear-chain tagger (averaged structured perceptron, trained by
 * scripts/train-ner.ts) over BILOU tags, decoded with Viterbi under BILOU constraints.
 *
 * Weights are stored per hashed-feature bucket (one weight per tag); only buckets with a weight are
 * shipped, as Int16 values with one global scale, gzipped in `models/ner.bin.gz`.
 *
 * File layout (before gzip), little-endian:
 *   "SNER" magic, u32 header length, UTF-8 JSON header (see ModelHeader),
 *   i32[nRows] bucket ids, i16[nRows * nTags] weights, f32[(nTags + 1) * nTags] transitions
 *   (row nTags holds the start scores), each section padded to 4 bytes.
 */
import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { requireModelFile } from "../../data/models.js";
import {
  CONLL_TYPES,
  type DocFeatures,
  type Gazetteer,
  INITIAL_SENTENCE_TOKENS,
  prepareGazetteer,
  WORD_SLOTS,
  type WordEntry,
} from "./features.js";

/** BILOU tags: O, then B-, I-, L-, U- for each CoNLL type. */
export const TAGS: readonly string[] = [
  "O",
  ...CONLL_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`, `L-${t}`, `U-${t}`]),
];
export const N_TAGS = TAGS.length;

/** File name of the shipped model, under `models/`. */
export const MODEL_FILE = "ner.bin.gz";
const MAGIC = "SNER";

export interface ModelHeader {
  version: 1;
  /** log2 of the number of hash buckets. */
  bits: number;
  tags: string[];
  /** Multiply an Int16 weight by this to get the float weight. */
  scale: number;
  nRows: number;
  /** Gazetteer from the training data: [lowercased entity string, type bit mask]. */
  gazetteer: [string, number][];
  /** Frequent lowercase non-entity words of the training data (for headline detection). */
  commonWords: string[];
  /** Free-form training facts (epochs, seed, data) for provenance. */
  training: Record<string, unknown>;
}

/** Which tag may follow which under BILOU; index N_TAGS is the sentence start. */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((N_TAGS + 1) * N_TAGS);
  const kind = (t: number) => (t === 0 ? "O" : "BILU"[(t - 1) % 4]);
  const type = (t: number) => (t === 0 ? -1 : Math.floor((t - 1) / 4));
  for (let p = 0; p <= N_TAGS; p++) {
    for (let c = 0; c < N_TAGS; c++) {
      const pk = p === N_TAGS ? "O" : kind(p);
      const ck = kind(c);
      const open = pk === "B" || pk === "I";
      const ok = open
        ? (ck === "I" || ck === "L") && type(c) === type(p)
        : ck === "O" || ck === "B" || ck === "U";
      a[p * N_TAGS + c] = ok ? 1 : 0;
    }
  }
  return a;
})();

/** Tags that may end a sentence (O, L-, U-). */
export const CAN_END: Uint8Array = Uint8Array.from(TAGS, (t) => (t === "O" || /^[LU]-/.test(t) ? 1 : 0));

/**
 * Viterbi over one sentence. `emit` holds n × N_TAGS scores, `trans` (N_TAGS + 1) × N_TAGS.
 * Writes the best tag ids into `out` (length n). Disallowed BILOU transitions are never taken.
 */
export function viterbi(emit: Float32Array, n: number, trans: Float32Array, out: Uint8Array): void {
  if (n === 0) return;
  const T = N_TAGS;
  growBuffers(n);
  const score = scoreBuf;
  const back = backBuf;
  const NEG = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < T; c++) {
    score[c] = ALLOWED[T * T + c] ? trans[T * T + c] + emit[c] : NEG;
  }
  for (let i = 1; i < n; i++) {
    const base = i * T;
    const prevBase = base - T;
    for (let c = 0; c < T; c++) {
      let best = NEG;
      let arg = 0;
      for (let k = PRED_START[c]; k < PRED_START[c + 1]; k++) {
        const p = PRED[k];
        const s = score[prevBase + p] + trans[p * T + c];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[base + c] = best + emit[base + c];
      back[base + c] = arg;
    }
  }
  backtrack(n, out, 0);
}

// Allowed predecessors of each tag, as CSR lists (PRED[PRED_START[c] .. PRED_START[c+1])): Viterbi
// only visits those, about a third of all pairs under BILOU.
const PRED_START = new Uint8Array(N_TAGS + 1);
const PRED: Uint8Array = (() => {
  const list: number[] = [];
  for (let c = 0; c < N_TAGS; c++) {
    PRED_START[c] = list.length;
    for (let p = 0; p < N_TAGS; p++) if (ALLOWED[p * N_TAGS + c]) list.push(p);
  }
  PRED_START[N_TAGS] = list.length;
  return Uint8Array.from(list);
})();
/** Values cached per word by the tagger: its own weight sums, then one group per WORD_SLOTS entry. */
const EMIT_WIDTH = (1 + WORD_SLOTS.length) * N_TAGS;
/** Words whose sums the tagger caches before it starts over (count; 340 bytes each). */
const ARENA_WORDS = 1 << 16;

let scoreBuf = new Float64Array(INITIAL_SENTENCE_TOKENS * N_TAGS);
let backBuf = new Uint8Array(INITIAL_SENTENCE_TOKENS * N_TAGS);

/** Grows the shared Viterbi score and back-pointer buffers to hold n tokens. */
function growBuffers(n: number): void {
  if (scoreBuf.length < n * N_TAGS) {
    scoreBuf = new Float64Array(n * N_TAGS * 2);
    backBuf = new Uint8Array(n * N_TAGS * 2);
  }
}

/** Picks the best tag that may end the sentence and follows the back-pointers into out[at..at+n). */
function backtrack(n: number, out: Uint8Array, at: number): void {
  const T = N_TAGS;
  const score = scoreBuf;
  const back = backBuf;
  let best = Number.NEGATIVE_INFINITY;
  let arg = 0;
  const last = (n - 1) * T;
  for (let c = 0; c < T; c++) {
    if (CAN_END[c] && score[last + c] > best) {
      best = score[last + c];
      arg = c;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[at + i] = arg;
    arg = back[i * T + arg];
  }
}

/**
 * `viterbi` for a fixed model, with the transition scores unpacked once: `start[c]` (minus infinity
 * where a sentence may not start with c) and `predTrans[k]` = trans[PRED[k] → c] in PRED order.
 * Emissions are quantised sums (`acc`, n × N_TAGS) times `scale`, rounded to float32 as
 * `viterbi`'s Float32Array input would be, so both decode the same. Writes tags to out[at..at+n).
 */
function viterbiPacked(
  acc: Int32Array,
  scale: number,
  n: number,
  start: Float64Array,
  predTrans: Float64Array,
  out: Uint8Array,
  at: number,
): void {
  if (n === 0) return;
  const T = N_TAGS;
  growBuffers(n);
  const score = scoreBuf;
  const back = backBuf;
  const NEG = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < T; c++) score[c] = start[c] + Math.fround(acc[c] * scale);
  for (let i = 1; i < n; i++) {
    const base = i * T;
    const prevBase = base - T;
    let k = 0;
    for (let c = 0; c < T; c++) {
      let best = NEG;
      let arg = 0;
      for (const end = PRED_START[c + 1]; k < end; k++) {
        const p = PRED[k];
        const s = score[prevBase + p] + predTrans[k];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[base + c] = best + Math.fround(acc[base + c] * scale);
      back[base + c] = arg;
    }
  }
  backtrack(n, out, at);
}

/** A loaded model, ready to tag featurised documents. */
export class NerModel {
  readonly mask: number;
  readonly gazetteer: Gazetteer;
  readonly commonWords: ReadonlySet<string>;
  /** Float weight of one Int16 unit. */
  readonly scale: number;
  /**
   * Bucket -> row without probing, as pairs per 32 buckets: `index[2k]` has bit j set when bucket
   * 32k + j has a row, `index[2k + 1]` counts the rows of earlier buckets. Rows are stored in
   * bucket order, so bucket b's row is that count plus the set bits below b in its word. The pairs
   * take 2^bits / 4 bytes (256 KB at 20 bits), where a hash table over 62k rows took 2 MB, and one
   * lookup reads one cache line.
   */
  private readonly index: Int32Array;
  /** Emission accumulator, reused across documents (grown on demand). */
  private acc = new Int32Array(INITIAL_SENTENCE_TOKENS * N_TAGS);
  /**
   * Cached weight sums of words alone, EMIT_WIDTH values per word, in one growable array: a typed
   * array per word would cost an off-heap allocation each.
   */
  private arena = new Int32Array(1024 * EMIT_WIDTH);
  private arenaUsed = 0;
  /** Identifies the arena's current contents (`WordEntry.emitOwner`); replaced when it is reset. */
  private arenaToken: object = {};
  /** Transition scores unpacked for viterbiPacked. */
  private readonly start: Float64Array;
  private readonly predTrans: Float64Array;

  constructor(
    readonly header: ModelHeader,
    /** Bucket id of each row, ascending. */
    ids: Int32Array,
    /** Quantised weights, nRows × N_TAGS; multiply by `header.scale` for the float weight. */
    private readonly rows: Int16Array,
    readonly trans: Float32Array,
  ) {
    this.mask = (1 << header.bits) - 1;
    this.scale = header.scale;
    const T = N_TAGS;
    this.start = Float64Array.from({ length: T }, (_, c) =>
      ALLOWED[T * T + c] ? trans[T * T + c] : Number.NEGATIVE_INFINITY,
    );
    this.predTrans = new Float64Array(PRED.length);
    for (let c = 0; c < T; c++) {
      for (let k = PRED_START[c]; k < PRED_START[c + 1]; k++) this.predTrans[k] = trans[PRED[k] * T + c];
    }
    this.gazetteer = prepareGazetteer(new Map(header.gazetteer));
    this.commonWords = new Set(header.commonWords);
    const words = Math.max(1, (1 << header.bits) >>> 5);
    const index = new Int32Array(words * 2);
    for (let r = 0; r < ids.length; r++) {
      if (r > 0 && ids[r] <= ids[r - 1]) throw new Error("NER model rows are not in bucket order");
      index[(ids[r] >>> 5) << 1] |= 1 << (ids[r] & 31);
    }
    let before = 0;
    for (let k = 0; k < words; k++) {
      index[2 * k + 1] = before;
      before += popcount(index[2 * k]);
    }
    this.index = index;
  }

  /**
   * Where a word's summed quantised weights start in `arena` (see ARENA_WORDS), computed on first
   * sight: the features of the word alone ignore context. N_TAGS values for its own features, then
   * N_TAGS for each WORD_SLOTS group.
   */
  private wordEmission(e: WordEntry): number {
    if (e.emitOwner === this.arenaToken) return e.emitAt;
    if (this.arenaUsed === ARENA_WORDS) this.resetArena();
    const at = this.arenaUsed * EMIT_WIDTH;
    if (at + EMIT_WIDTH > this.arena.length) {
      const grown = new Int32Array(Math.min(ARENA_WORDS * EMIT_WIDTH, this.arena.length * 2));
      grown.set(this.arena);
      this.arena = grown;
    }
    this.arenaUsed++;
    const v = this.arena;
    this.addRows(e.local, 0, e.local.length, v, at);
    for (let g = 0; g < WORD_SLOTS.length; g++) {
      const slot = WORD_SLOTS[g];
      for (let k = 0; k < slot.length; k++)
        this.addRows(e.ctx, slot[k], slot[k] + 1, v, at + (g + 1) * N_TAGS);
    }
    e.emitOwner = this.arenaToken;
    e.emitAt = at;
    return at;
  }

  /** Forgets every word's cached sums (a new token invalidates the offsets words hold). */
  private resetArena(): void {
    this.arenaToken = {};
    this.arenaUsed = 0;
    this.arena.fill(0);
  }

  /** Adds the quantised weight rows of hashed features `feats[from..to)` into `out[at .. at + N_TAGS)`. */
  private addRows(feats: Uint32Array, from: number, to: number, out: Int32Array, at: number): void {
    const { rows, mask, index } = this;
    for (let f = from; f < to; f++) {
      const bucket = feats[f] & mask;
      const k = (bucket >>> 5) << 1;
      const word = index[k];
      const bit = 1 << (bucket & 31);
      if ((word & bit) === 0) continue;
      const o = (index[k + 1] + popcount(word & (bit - 1))) * N_TAGS;
      for (let c = 0; c < N_TAGS; c++) out[at + c] += rows[o + c];
    }
  }

  /** Best BILOU tag ids for every token of a featurised document (flat, in document order). */
  tag(df: DocFeatures): Uint8Array {
    const { feats, offsets, sentStart } = df;
    const total = offsets.length - 1;
    const out = new Uint8Array(total);
    let maxLen = 0;
    for (let s = 0; s + 1 < sentStart.length; s++) maxLen = Math.max(maxLen, sentStart[s + 1] - sentStart[s]);
    const T = N_TAGS;
    if (this.acc.length < maxLen * T) this.acc = new Int32Array(maxLen * T * 2);
    const { acc, scale } = this;
    const words = df.words;
    for (let s = 0; s + 1 < sentStart.length; s++) {
      const a = sentStart[s];
      const n = sentStart[s + 1] - a;
      acc.fill(0, 0, n * T);
      if (!df.local) {
        // Each word's cached sums: its own features at its position, and what it gives its
        // neighbours (WORD_SLOTS order: to i+1 as their left word, to i-1, to i+2, to i-2).
        for (let i = 0; i < n; i++) {
          const at = this.wordEmission(words[a + i]);
          const v = this.arena;
          addTo(acc, i * T, v, at);
          if (i + 1 < n) addTo(acc, (i + 1) * T, v, at + T);
          if (i > 0) addTo(acc, (i - 1) * T, v, at + 2 * T);
          if (i + 2 < n) addTo(acc, (i + 2) * T, v, at + 3 * T);
          if (i > 1) addTo(acc, (i - 2) * T, v, at + 4 * T);
        }
      }
      for (let i = 0; i < n; i++) this.addRows(feats, offsets[a + i], offsets[a + i + 1], acc, i * T);
      viterbiPacked(acc, scale, n, this.start, this.predTrans, out, a);
    }
    return out;
  }
}

/** out[at .. at + N_TAGS) += v[from .. from + N_TAGS). */
function addTo(out: Int32Array, at: number, v: Int32Array, from: number): void {
  for (let c = 0; c < N_TAGS; c++) out[at + c] += v[from + c];
}

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

const pad4 = (n: number) => (n + 3) & ~3;

/** Serialises a trained model (dense weights bucket-major, `2^bits × N_TAGS`) to gzipped bytes. */
export function encodeModel(
  weights: Float32Array,
  trans: Float32Array,
  bits: number,
  gazetteer: Gazetteer,
  commonWords: string[],
  training: Record<string, unknown>,
  /** Buckets whose largest |weight| is below this are dropped (unit: weight; float). */
  pruneBelow: number,
): Buffer {
  const buckets = 1 << bits;
  let maxAbs = 0;
  const keep: number[] = [];
  for (let b = 0; b < buckets; b++) {
    let m = 0;
    for (let c = 0; c < N_TAGS; c++) m = Math.max(m, Math.abs(weights[b * N_TAGS + c]));
    if (m >= pruneBelow && m > 0) {
      keep.push(b);
      maxAbs = Math.max(maxAbs, m);
    }
  }
  const scale = maxAbs / 32767 || 1;
  const header: ModelHeader = {
    version: 1,
    bits,
    tags: [...TAGS],
    scale,
    nRows: keep.length,
    gazetteer: [...gazetteer.entries()]
      .filter(([, v]) => (v & 15) !== 0)
      .map(([k, v]): [string, number] => [k, v & 15])
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)),
    commonWords,
    training,
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const jsonLen = pad4(json.length);
  const idsLen = keep.length * 4;
  const rowsLen = pad4(keep.length * N_TAGS * 2);
  const transLen = trans.length * 4;
  const buf = Buffer.alloc(8 + jsonLen + idsLen + rowsLen + transLen, 0);
  buf.write(MAGIC, 0, "ascii");
  buf.writeUInt32LE(json.length, 4);
  json.copy(buf, 8);
  let o = 8 + jsonLen;
  for (const b of keep) {
    buf.writeInt32LE(b, o);
    o += 4;
  }
  for (const b of keep) {
    for (let c = 0; c < N_TAGS; c++) {
      buf.writeInt16LE(Math.round(weights[b * N_TAGS + c] / scale), o);
      o += 2;
    }
  }
  o = 8 + jsonLen + idsLen + rowsLen;
  for (let k = 0; k < trans.length; k++) {
    buf.writeFloatLE(trans[k], o);
    o += 4;
  }
  return gzipSync(buf, { level: 9 });
}

/** Parses gzipped model bytes. */
export function decodeModel(gz: Buffer): NerModel {
  const buf = gunzipSync(gz);
  if (buf.toString("ascii", 0, 4) !== MAGIC) throw new Error("not a Storyline NER model (bad magic)");
  const jsonLength = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString("utf8", 8, 8 + jsonLength)) as ModelHeader;
  if (header.version !== 1) throw new Error(`unsupported NER model version ${header.version}`);
  if (header.tags.join(" ") !== TAGS.join(" ")) throw new Error("NER model tags do not match this code");
  const n = header.nRows;
  let o = 8 + pad4(jsonLength);
  // Copy into aligned typed arrays (the Buffer may not be 4-byte aligned).
  const ids = new Int32Array(buf.buffer.slice(buf.byteOffset + o, buf.byteOffset + o + n * 4));
  o += n * 4;
  const q = new Int16Array(buf.buffer.slice(buf.byteOffset + o, buf.byteOffset + o + n * N_TAGS * 2));
  o += pad4(n * N_TAGS * 2);
  const trans = new Float32Array(
    buf.buffer.slice(buf.byteOffset + o, buf.byteOffset + o + (N_TAGS + 1) * N_TAGS * 4),
  );
  return new NerModel(header, ids, q, trans);
}

/** Finds `models/<file>` by walking up from this module (works from src/ under tsx and from dist/). */
export function modelPath(file = MODEL_FILE): string {
  return requireModelFile(file, "NER model");
}

let cached: NerModel | null = null;

/** The shipped model, loaded once per process (no network). */
export function loadModel(path?: string): NerModel {
  if (path) return decodeModel(readFileSync(path));
  cached ??= decodeModel(readFileSync(modelPath()));
  return cached;
}
