/**
 * SyndicationIndex: the in-memory, incremental near-duplicate index.
 *
 * `add(doc)` sketches the article, finds the already-indexed articles it shares a text origin
 * with (LSH candidates, then exact verification, see verify.ts), inserts it and returns the
 * matches. Nothing already indexed is recomputed, so adding 100 articles to a million costs
 * 100 queries. Persisting: keep each article's sketch (`sketchArticle(paragraphs)`, a
 * Uint32Array: store its bytes as a BLOB) and rebuild with `insert(id, sketch)`, which does no
 * text work; or save the whole index with `serialize()` / `SyndicationIndex.deserialize()`.
 */
import { BandTable } from "./lsh.js";
import { checkSketch, type Sketch, sketchArticle, sketchBandKeys } from "./sketch.js";
import { comparePair, originShare } from "./verify.js";

/** An article as the index needs it. */
export interface SyndicationDoc {
  /** Unique id; an edited version of one article gets its own id (e.g. `id@v2`). */
  id: string;
  /** Body paragraphs (no chrome), in order. */
  paragraphs: readonly string[];
}

/** A verified copy relation between the queried article and an indexed one. */
export interface CopyMatch {
  /** Id of the indexed article. */
  id: string;
  /** Share of the shorter text found in the other (see `PairScore.containment`). */
  containment: number;
  /** Share of the shorter article's sentences found in the other. */
  sentenceContainment: number;
  /** Share of the smaller shingle set found in the other. */
  shingleContainment: number;
}

/** Counters for monitoring and benchmarks. */
export interface IndexStats {
  documents: number;
  postings: number;
  /** Bytes held by sketches and the band table (typed arrays only). */
  bytes: number;
  /** Candidates verified by queries so far, and how many of them were copies. */
  candidates: number;
  verifiedCopies: number;
}

const SERIAL_MAGIC = 0x53594e44; // "SYND"

export class SyndicationIndex {
  private table = new BandTable();
  private ids: (string | null)[] = [];
  private sketches: (Sketch | null)[] = [];
  private slotOf = new Map<string, number>();
  /** Query stamp per slot, to visit each candidate once per query without a Set. */
  private seen = new Int32Array(1024);
  private stamp = 0;
  private removed = 0;
  private sketchBytes = 0;
  private nCandidates = 0;
  private nCopies = 0;

  /** Number of indexed articles. */
  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** The stored sketch of an indexed article. */
  getSketch(id: string): Sketch | undefined {
    const s = this.slotOf.get(id);
    return s === undefined ? undefined : this.sketches[s]!;
  }

  /**
   * Sketches `doc`, returns its verified matches among the indexed articles, then indexes it
   * (replacing an indexed article of the same id).
   */
  add(doc: SyndicationDoc): CopyMatch[] {
    const sketch = sketchArticle(doc.paragraphs);
    const matches = this.query(sketch, doc.id);
    this.insert(doc.id, sketch);
    return matches;
  }

  /**
   * Verified matches of a sketch among the indexed articles, best first; `selfId` is skipped.
   * Does not modify the index.
   */
  query(sketch: Sketch, selfId?: string): CopyMatch[] {
    checkSketch(sketch);
    const keys = sketchBandKeys(sketch);
    const stamp = ++this.stamp;
    const seen = this.seen;
    const sketches = this.sketches;
    const candidates: number[] = [];
    for (let k = 0; k < keys.length; k++) {
      this.table.forEach(keys[k], (slot) => {
        if (seen[slot] === stamp) return;
        seen[slot] = stamp;
        if (sketches[slot] !== null) candidates.push(slot);
      });
    }
    const self = selfId === undefined ? undefined : this.slotOf.get(selfId);
    const out: CopyMatch[] = [];
    for (const slot of candidates) {
      if (slot === self) continue;
      this.nCandidates++;
      const score = comparePair(sketch, sketches[slot]!);
      if (!score.isCopy) continue;
      this.nCopies++;
      out.push({
        id: this.ids[slot]!,
        containment: score.containment,
        sentenceContainment: score.sentenceContainment,
        shingleContainment: score.shingleContainment,
      });
    }
    out.sort((a, b) => b.containment - a.containment || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out;
  }

  /** Indexes a precomputed sketch without querying (rebuilding from storage). Replaces `id`. */
  insert(id: string, sketch: Sketch): void {
    checkSketch(sketch);
    if (this.slotOf.has(id)) this.remove(id);
    const slot = this.ids.length;
    this.ids.push(id);
    this.sketches.push(sketch);
    this.slotOf.set(id, slot);
    this.sketchBytes += sketch.byteLength;
    if (slot >= this.seen.length) {
      const s = new Int32Array(this.seen.length * 2);
      s.set(this.seen);
      this.seen = s;
    }
    const keys = sketchBandKeys(sketch);
    for (let k = 0; k < keys.length; k++) this.table.add(keys[k], slot);
  }

  /** Removes an article; returns false when it was not indexed. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.sketchBytes -= this.sketches[slot]!.byteLength;
    this.sketches[slot] = null;
    this.ids[slot] = null;
    this.removed++;
    // Postings of removed slots are skipped by queries; rebuild once they are the majority.
    if (this.removed > 1024 && this.removed > this.slotOf.size) this.compact();
    return true;
  }

  /** Share of `originId`'s text carried by `memberId` (null when either is not indexed). */
  share(originId: string, memberId: string): number | null {
    const o = this.getSketch(originId);
    const m = this.getSketch(memberId);
    return o && m ? originShare(o, m) : null;
  }

  stats(): IndexStats {
    return {
      documents: this.size,
      postings: this.table.postings,
      bytes: this.sketchBytes + this.table.bytes,
      candidates: this.nCandidates,
      verifiedCopies: this.nCopies,
    };
  }

  /** Rebuilds the band table from the live articles (drops postings of removed ones). */
  private compact(): void {
    const ids = this.ids;
    const sketches = this.sketches;
    this.table = new BandTable();
    this.ids = [];
    this.sketches = [];
    this.slotOf.clear();
    this.seen = new Int32Array(1024);
    this.stamp = 0;
    this.removed = 0;
    this.sketchBytes = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== null) this.insert(ids[i]!, sketches[i]!);
  }

  /**
   * The whole index as bytes: ids (UTF-8) and sketches; the band table is rebuilt on load
   * (cheap: no text work). Format: magic, count, then per article id length, id bytes
   * (padded to 4), sketch length, sketch words.
   */
  serialize(): Uint8Array {
    const enc = new TextEncoder();
    const parts: { id: Uint8Array; sketch: Sketch }[] = [];
    let words = 2;
    for (let i = 0; i < this.ids.length; i++) {
      const id = this.ids[i];
      if (id === null) continue;
      const bytes = enc.encode(id);
      parts.push({ id: bytes, sketch: this.sketches[i]! });
      words += 2 + Math.ceil(bytes.length / 4) + this.sketches[i]!.length;
    }
    const out = new Uint32Array(words);
    const u8 = new Uint8Array(out.buffer);
    out[0] = SERIAL_MAGIC;
    out[1] = parts.length;
    let w = 2;
    for (const { id, sketch } of parts) {
      out[w++] = id.length;
      u8.set(id, w * 4);
      w += Math.ceil(id.length / 4);
      out[w++] = sketch.length;
      out.set(sketch, w);
      w += sketch.length;
    }
    return u8;
  }

  /** Loads an index written by `serialize()`. */
  static deserialize(bytes: Uint8Array): SyndicationIndex {
    const copy = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const words = new Uint32Array(copy.buffer, copy.byteOffset, Math.floor(copy.byteLength / 4));
    if (words[0] !== SERIAL_MAGIC) throw new Error("syndication: not a serialized SyndicationIndex");
    const dec = new TextDecoder();
    const index = new SyndicationIndex();
    let w = 2;
    for (let i = 0; i < words[1]; i++) {
      const len = words[w++];
      const id = dec.decode(copy.subarray(w * 4, w * 4 + len));
      w += Math.ceil(len / 4);
      const n = words[w++];
      index.insert(id, words.slice(w, w + n));
      w += n;
    }
    return index;
  }
}
