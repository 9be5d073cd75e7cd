/**
 * Sparse TF-IDF vectors with incremental document frequencies. Terms are interned to
 * integer ids; a document vector is a pair of typed arrays sorted by weight, L2-normalised.
 */

/** Prefix that keeps entity keys apart from content words in one vocabulary. */
export const ENTITY_PREFIX = "\u0001";

/** A centroid grows to this many times its term budget before it is pruned back (amortises the sort). */
const PRUNE_SLACK = 1.5;

/** A sparse vector: parallel arrays of term ids and weights. */
export interface SparseVector {
  terms: Int32Array;
  weights: Float32Array;
  /** Distinct content words of the text it was made from (before truncation), when known. */
  distinct?: number;
  /** Term ids of the text's headline, when known (always looked up for candidates). */
  title?: Set<number>;
}

/** Term ids and document frequencies, growing as documents arrive (never recomputed). */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** Term strings by id. */
  readonly terms: string[] = [];
  /** Document frequency by term id. */
  df: Int32Array = new Int32Array(1024);
  /** Number of documents counted in `df`. */
  docs = 0;

  /** Id of a term, interning it when new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      if (id >= this.df.length) {
        const grown = new Int32Array(this.df.length * 2);
        grown.set(this.df);
        this.df = grown;
      }
    }
    return id;
  }

  /** Id of a known term, or undefined. */
  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1, as scikit-learn's. */
  idf(id: number): number {
    return Math.log((this.docs + 1) / (this.df[id]! + 1)) + 1;
  }

  /** Counts one document containing the given distinct term ids. */
  countDocument(distinct: Iterable<number>): void {
    this.docs++;
    for (const id of distinct) this.df[id]!++;
  }

  toJSON(): { terms: string[]; df: number[]; docs: number } {
    return { terms: this.terms, df: Array.from(this.df.subarray(0, this.terms.length)), docs: this.docs };
  }

  static fromJSON(data: { terms: string[]; df: number[]; docs: number }): Vocabulary {
    const v = new Vocabulary();
    for (const t of data.terms) v.intern(t);
    v.df.set(data.df);
    v.docs = data.docs;
    return v;
  }
}

/**
 * Keeps the `max` largest weights of a term → weight map and L2-normalises them.
 * Returns an empty vector when all weights are zero.
 */
export function topNormalised(weights: Map<number, number>, max: number): SparseVector {
  let entries = [...weights.entries()].filter((e) => e[1] > 0);
  entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  if (entries.length > max) entries = entries.slice(0, max);
  let norm = 0;
  for (const e of entries) norm += e[1] * e[1];
  norm = Math.sqrt(norm);
  const terms = new Int32Array(entries.length);
  const out = new Float32Array(entries.length);
  entries.forEach((e, i) => {
    terms[i] = e[0];
    out[i] = e[1] / norm;
  });
  return { terms, weights: out };
}

/**
 * A cluster centroid: the sum of its members' normalised vectors, pruned to its heaviest
 * terms. Cosine with a normalised vector is `dot / norm`.
 */
export class Centroid {
  readonly weights = new Map<number, number>();
  norm = 0;

  /** Adds `scale` × a vector, then prunes to about `maxTerms` terms. */
  add(v: SparseVector, maxTerms: number, scale = 1): void {
    const w = this.weights;
    let sq = this.norm * this.norm;
    for (let i = 0; i < v.terms.length; i++) {
      const t = v.terms[i]!;
      const old = w.get(t) ?? 0;
      const x = old + scale * v.weights[i]!;
      w.set(t, x);
      sq += x * x - old * old;
    }
    this.norm = Math.sqrt(Math.max(0, sq));
    if (w.size > maxTerms * PRUNE_SLACK) this.prune(maxTerms);
  }

  /** Adds another centroid's weights (a merge), then prunes. */
  addCentroid(other: Centroid, maxTerms: number): void {
    for (const [t, x] of other.weights) this.weights.set(t, (this.weights.get(t) ?? 0) + x);
    this.prune(maxTerms);
  }

  /** Drops all but the `maxTerms` heaviest terms and recomputes the norm exactly. */
  prune(maxTerms: number): void {
    const w = this.weights;
    if (w.size > maxTerms) {
      const sorted = [...w.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      for (let i = maxTerms; i < sorted.length; i++) w.delete(sorted[i]![0]);
    }
    let n = 0;
    for (const x of w.values()) n += x * x;
    this.norm = Math.sqrt(n);
  }

  /** Cosine with a normalised sparse vector. */
  cosine(v: SparseVector): number {
    if (this.norm === 0) return 0;
    const w = this.weights;
    let dot = 0;
    for (let i = 0; i < v.terms.length; i++) {
      const x = w.get(v.terms[i]!);
      if (x !== undefined) dot += x * v.weights[i]!;
    }
    return dot / this.norm;
  }

  /** Cosine with another centroid. */
  cosineCentroid(other: Centroid): number {
    if (this.norm === 0 || other.norm === 0) return 0;
    const [small, large] = this.weights.size <= other.weights.size ? [this, other] : [other, this];
    let dot = 0;
    for (const [t, x] of small.weights) {
      const y = large.weights.get(t);
      if (y !== undefined) dot += x * y;
    }
    return dot / (this.norm * other.norm);
  }

  /** The `k` heaviest term ids, heaviest first (ties: lower id first). */
  top(k: number): number[] {
    // Insertion into a short sorted list: k is small and the map is a few hundred terms.
    const ids: number[] = [];
    const ws: number[] = [];
    for (const [t, x] of this.weights) {
      if (ids.length === k && (x < ws[k - 1]! || (x === ws[k - 1]! && t > ids[k - 1]!))) continue;
      let i = ids.length;
      while (i > 0 && (ws[i - 1]! < x || (ws[i - 1] === x && ids[i - 1]! > t))) i--;
      ids.splice(i, 0, t);
      ws.splice(i, 0, x);
      if (ids.length > k) {
        ids.pop();
        ws.pop();
      }
    }
    return ids;
  }

  /** The `k` heaviest terms as a normalised sparse vector (a probe for candidate search). */
  vector(k: number): SparseVector {
    return topNormalised(this.weights, k);
  }

  toJSON(): [number[], number[]] {
    return [[...this.weights.keys()], [...this.weights.values()]];
  }

  static fromJSON(data: [number[], number[]]): Centroid {
    const c = new Centroid();
    for (let i = 0; i < data[0].length; i++) c.weights.set(data[0][i]!, data[1][i]!);
    c.prune(Number.POSITIVE_INFINITY);
    return c;
  }
}

/** The heaviest content words and entity keys of a centroid, `k` of each, heaviest first. */
export function salient(
  c: Centroid,
  vocab: readonly string[],
  k: number,
): { terms: string[]; entities: string[] } {
  const terms: string[] = [];
  const entities: string[] = [];
  const sorted = [...c.weights.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  for (const [t] of sorted) {
    const s = vocab[t]!;
    if (s.startsWith(ENTITY_PREFIX)) {
      if (entities.length < k) entities.push(s.slice(ENTITY_PREFIX.length));
    } else if (terms.length < k) terms.push(s);
    if (terms.length >= k && entities.length >= k) break;
  }
  return { terms, entities };
}
