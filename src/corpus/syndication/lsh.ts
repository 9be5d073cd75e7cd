/**
 * The LSH band table: band key (uint32) → posting list of document slots, in typed arrays.
 *
 * A JS Map would hold one object per key and stops at 2^24 entries; at 200k articles × ~50
 * keys the table holds ~10M postings. Here keys live in an open-addressing table (linear
 * probing, power-of-two capacity, load ≤ 0.6) whose values are heads of singly linked posting
 * lists stored in two growable Int32Arrays (`postDoc`, `postNext`). New postings go to the head,
 * so a list is newest-first: scanning stops after MAX_BUCKET_SCAN postings, which bounds the
 * cost of boilerplate buckets while keeping the most recent articles.
 */

/**
 * Postings scanned per bucket in one query. A bucket this large is boilerplate shared by
 * thousands of articles (a newsletter prompt) or one wire story carried that many times; in the
 * latter case each new copy still finds the most recent 2,000, enough to join its group.
 */
export const MAX_BUCKET_SCAN = 2000;

const EMPTY = -1;

export class BandTable {
  private keys: Uint32Array;
  private heads: Int32Array;
  private mask: number;
  private used = 0;
  private postDoc: Int32Array;
  private postNext: Int32Array;
  private nPost = 0;

  constructor(expectedKeys = 1 << 16) {
    let cap = 1024;
    while (cap * 0.6 < expectedKeys) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.heads = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
    this.postDoc = new Int32Array(Math.max(1024, expectedKeys));
    this.postNext = new Int32Array(this.postDoc.length);
  }

  /** Number of postings stored (including those of removed documents). */
  get postings(): number {
    return this.nPost;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.keys.byteLength + this.heads.byteLength + this.postDoc.byteLength + this.postNext.byteLength;
  }

  private slotOf(key: number): number {
    // Keys are already uniform hashes; the multiply spreads runs of similar keys anyway.
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    const mask = this.mask;
    i &= mask;
    const keys = this.keys;
    const heads = this.heads;
    while (heads[i] !== EMPTY && keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  /** Adds `doc` to the posting list of `key`. */
  add(key: number, doc: number): void {
    if (this.nPost === this.postDoc.length) {
      const n = this.postDoc.length * 2;
      const d = new Int32Array(n);
      d.set(this.postDoc);
      this.postDoc = d;
      const x = new Int32Array(n);
      x.set(this.postNext);
      this.postNext = x;
    }
    let i = this.slotOf(key);
    if (this.heads[i] === EMPTY) {
      if (this.used + 1 > this.keys.length * 0.6) {
        this.rehash();
        i = this.slotOf(key);
      }
      this.keys[i] = key;
      this.used++;
    }
    const p = this.nPost++;
    this.postDoc[p] = doc;
    this.postNext[p] = this.heads[i];
    this.heads[i] = p;
  }

  /**
   * Calls `visit(doc)` for the postings of `key`, newest first, at most MAX_BUCKET_SCAN of them.
   */
  forEach(key: number, visit: (doc: number) => void): void {
    const i = this.slotOf(key);
    let p = this.heads[i];
    let n = 0;
    const postDoc = this.postDoc;
    const postNext = this.postNext;
    while (p !== EMPTY && n < MAX_BUCKET_SCAN) {
      visit(postDoc[p]);
      p = postNext[p];
      n++;
    }
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    const cap = oldKeys.length * 2;
    this.keys = new Uint32Array(cap);
    this.heads = new Int32Array(cap).fill(EMPTY);
    this.mask = cap - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      if (oldHeads[j] === EMPTY) continue;
      const i = this.slotOf(oldKeys[j]);
      this.keys[i] = oldKeys[j];
      this.heads[i] = oldHeads[j];
    }
  }
}
