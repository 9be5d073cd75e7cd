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
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { CONLL_TYPES, type DocFeatures, type Gazetteer, prepareGazetteer } from "./features.js";

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
  const score = new Float64Array(n * T);
  const back = new Uint8Array(n * T);
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
      for (let p = 0; p < T; p++) {
        if (!ALLOWED[p * T + c]) continue;
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
  let best = NEG;
  let arg = 0;
  const last = (n - 1) * T;
  for (let c = 0; c < T; c++) {
    if (CAN_END[c] && score[last + c] > best) {
      best = score[last + c];
      arg = c;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * T + arg];
  }
}

/** A loaded model, ready to tag featurised documents. */
export class NerModel {
  readonly mask: number;
  readonly gazetteer: Gazetteer;
  readonly commonWords: ReadonlySet<string>;
  /**
   * Open-addressing table, bucket -> row: pairs [bucket, row] with linear probing, bucket -1 when
   * empty. Far smaller than a dense 2^bits index, so lookups stay in cache.
   */
  private readonly table: Int32Array;
  private readonly tmask: number;

  constructor(
    readonly header: ModelHeader,
    /** Bucket id of each row. */
    ids: Int32Array,
    /** Float weights, nRows × N_TAGS. */
    private readonly rows: Float32Array,
    readonly trans: Float32Array,
  ) {
    this.mask = (1 << header.bits) - 1;
    this.gazetteer = prepareGazetteer(new Map(header.gazetteer));
    this.commonWords = new Set(header.commonWords);
    let size = 1024;
    while (size < ids.length * 2.5) size *= 2;
    this.tmask = size - 1;
    this.table = new Int32Array(size * 2).fill(-1);
    for (let r = 0; r < ids.length; r++) {
      let slot = ids[r] & this.tmask;
      while (this.table[slot * 2] !== -1) slot = (slot + 1) & this.tmask;
      this.table[slot * 2] = ids[r];
      this.table[slot * 2 + 1] = r;
    }
  }

  /** Row of a bucket, or -1. */
  private rowOf(bucket: number): number {
    const { table, tmask } = this;
    let slot = bucket & tmask;
    for (;;) {
      const k = table[slot * 2];
      if (k === bucket) return table[slot * 2 + 1];
      if (k === -1) return -1;
      slot = (slot + 1) & tmask;
    }
  }

  /** Best BILOU tag ids for every token of a featurised document (flat, in document order). */
  tag(df: DocFeatures): Uint8Array {
    const total = df.offsets.length - 1;
    const out = new Uint8Array(total);
    let maxLen = 0;
    for (let s = 0; s + 1 < df.sentStart.length; s++)
      maxLen = Math.max(maxLen, df.sentStart[s + 1] - df.sentStart[s]);
    const emit = new Float32Array(maxLen * N_TAGS);
    const { rows, mask } = this;
    for (let s = 0; s + 1 < df.sentStart.length; s++) {
      const a = df.sentStart[s];
      const n = df.sentStart[s + 1] - a;
      emit.fill(0, 0, n * N_TAGS);
      for (let i = 0; i < n; i++) {
        const base = i * N_TAGS;
        for (let f = df.offsets[a + i]; f < df.offsets[a + i + 1]; f++) {
          const r = this.rowOf(df.feats[f] & mask);
          if (r < 0) continue;
          const o = r * N_TAGS;
          for (let c = 0; c < N_TAGS; c++) emit[base + c] += rows[o + c];
        }
      }
      viterbi(emit, n, this.trans, out.subarray(a, a + n));
    }
    return out;
  }
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
  const rows = new Float32Array(q.length);
  for (let k = 0; k < q.length; k++) rows[k] = q[k] * header.scale;
  return new NerModel(header, ids, rows, trans);
}

/** Finds `models/<file>` by walking up from this module (works from src/ under tsx and from dist/). */
export function modelPath(file = MODEL_FILE): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 6; k++) {
    const p = join(dir, "models", file);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  throw new Error(`NER model ${file} not found in a models/ folder above ${fileURLToPath(import.meta.url)}`);
}

let cached: NerModel | null = null;

/** The shipped model, loaded once per process (no network). */
export function loadModel(path?: string): NerModel {
  if (path) return decodeModel(readFileSync(path));
  cached ??= decodeModel(readFileSync(modelPath()));
  return cached;
}
