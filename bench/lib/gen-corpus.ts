/**
 * A generated syndication corpus with known copy relations, deterministic from a seed.
 *
 * Source text: real news paragraphs (giveme5w1h articles and the syndication CSVs, read at
 * bench time from ../shared/bench). Reusing real paragraphs verbatim across 200,000 articles
 * would make unrelated articles share whole paragraphs (a few thousand paragraphs, millions of
 * slots), so each original article's paragraph is a real paragraph *re-lexicalised*: each token
 * is replaced, with probability RELEX, by a token drawn from the whole corpus token stream
 * (frequency-weighted, punctuation attached). Paragraph lengths, sentence lengths and word
 * frequencies stay real; two originals drawn from one source paragraph share almost no 5-word
 * shingles and no sentences.
 *
 * Families: an original plus 0..n copies (most families have 0–3, a few wire stories have
 * 50–150). A copy derives from the original or from an earlier copy (chains), and is:
 * truncated (a prefix) or excerpted (a window), paragraphs dropped, words substituted and
 * deleted (0–3 % and 0–1 % per word), paragraphs merged, foreign paragraphs and a new headline
 * added. The corpus order is a seeded shuffle of all articles, so copies may come before
 * their originals. Any article can be regenerated from (family, index) alone, so nothing but
 * the descriptors is kept in memory.
 */

import { rng } from "./shared.js";

/** Probability that a token of a source paragraph is replaced when making an original. */
const RELEX = 0.5;

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface GenArticle {
  id: string;
  family: number;
  /** 0 for the original, 1.. for copies. */
  index: number;
  /** Index of the version it was copied from (-1 for the original). */
  parent: number;
  paragraphs: string[];
}

export interface CorpusSpec {
  articles: number;
  seed: number;
}

export class GeneratedCorpus {
  /** Family and index of each article, in corpus (shuffled) order. */
  readonly family: Int32Array;
  readonly index: Int32Array;
  /** Number of versions (original + copies) per family. */
  readonly familySize: Int32Array;
  private readonly tokens: string[];
  private readonly paragraphs: string[][];

  constructor(
    sourceParagraphs: readonly string[],
    readonly spec: CorpusSpec,
  ) {
    this.paragraphs = sourceParagraphs
      .map((p) => p.split(/\s+/).filter(Boolean))
      .filter((t) => t.length >= 8);
    this.tokens = this.paragraphs.flat();
    // Family sizes until the article count is reached.
    const sizes: number[] = [];
    const r = rng(mix(spec.seed, 1));
    let total = 0;
    while (total < spec.articles) {
      const u = r();
      let size: number;
      if (u < 0.002)
        size = 51 + Math.floor(r() * 100); // a wire story carried widely
      else if (u < 0.5)
        size = 1; // no copy
      else size = 2 + Math.floor(-Math.log(1 - r()) * 1.2); // 1 + geometric-ish copies
      size = Math.min(size, spec.articles - total);
      sizes.push(size);
      total += size;
    }
    this.familySize = Int32Array.from(sizes);
    this.family = new Int32Array(total);
    this.index = new Int32Array(total);
    let k = 0;
    for (let f = 0; f < sizes.length; f++) {
      for (let i = 0; i < sizes[f]; i++) {
        this.family[k] = f;
        this.index[k] = i;
        k++;
      }
    }
    // Seeded Fisher–Yates shuffle of the corpus order.
    const s = rng(mix(spec.seed, 2));
    for (let i = total - 1; i > 0; i--) {
      const j = Math.floor(s() * (i + 1));
      const f = this.family[i];
      this.family[i] = this.family[j];
      this.family[j] = f;
      const x = this.index[i];
      this.index[i] = this.index[j];
      this.index[j] = x;
    }
  }

  get size(): number {
    return this.family.length;
  }

  /** Article id of a version. */
  static id(family: number, index: number): string {
    return `f${family}-${index}`;
  }

  /** The article at corpus position `k`. */
  at(k: number): GenArticle {
    return this.version(this.family[k], this.index[k]);
  }

  /** Which version `index` of `family` was copied from (-1 for the original). */
  parentOf(family: number, index: number): number {
    if (index === 0) return -1;
    const r = rng(mix(mix(this.spec.seed, family), index));
    return r() < 0.25 ? Math.floor(r() * index) : 0;
  }

  /** Regenerates version `index` of `family`. */
  version(family: number, index: number): GenArticle {
    const id = GeneratedCorpus.id(family, index);
    if (index === 0) return { id, family, index, parent: -1, paragraphs: this.original(family) };
    const parent = this.parentOf(family, index);
    const source = this.version(family, parent).paragraphs;
    const r = rng(mix(mix(this.spec.seed, family), index ^ 0x55555555));
    return { id, family, index, parent, paragraphs: this.copy(source, r, family) };
  }

  private relex(tokens: readonly string[], r: () => number): string {
    const out: string[] = [];
    for (const t of tokens) out.push(r() < RELEX ? this.tokens[Math.floor(r() * this.tokens.length)] : t);
    return out.join(" ");
  }

  private original(family: number): string[] {
    const r = rng(mix(this.spec.seed ^ 0x1234567, family));
    const n = 4 + Math.floor(r() * 17); // 4..20 paragraphs
    const out: string[] = [];
    for (let i = 0; i < n; i++)
      out.push(this.relex(this.paragraphs[Math.floor(r() * this.paragraphs.length)], r));
    return out;
  }

  private copy(source: readonly string[], r: () => number, family: number): string[] {
    let paras = source.slice();
    // Truncate to a prefix, or excerpt a window.
    const u = r();
    if (u < 0.4) paras = paras.slice(0, Math.max(1, Math.ceil((0.3 + 0.7 * r()) * paras.length)));
    else if (u < 0.55) {
      const len = Math.max(1, Math.ceil((0.3 + 0.7 * r()) * paras.length));
      const start = Math.floor(r() * (paras.length - len + 1));
      paras = paras.slice(start, start + len);
    }
    // Drop paragraphs.
    if (paras.length > 2) paras = paras.filter(() => r() >= 0.1);
    if (paras.length === 0) paras = [source[0]];
    // Word substitutions and deletions.
    const sub = r() * 0.03;
    const del = r() * 0.01;
    paras = paras.map((p) => {
      const toks = p.split(" ");
      const out: string[] = [];
      for (const t of toks) {
        const x = r();
        if (x < del) continue;
        out.push(x < del + sub ? this.tokens[Math.floor(r() * this.tokens.length)] : t);
      }
      return out.join(" ");
    });
    // Merge adjacent paragraphs.
    const merged: string[] = [];
    for (const p of paras) {
      if (merged.length > 0 && r() < 0.1) merged[merged.length - 1] += ` ${p}`;
      else merged.push(p);
    }
    // Foreign paragraphs (the outlet's own context) and a new headline.
    if (r() < 0.4) {
      const k = 1 + Math.floor(r() * 2);
      for (let i = 0; i < k; i++) {
        const at = Math.floor(r() * (merged.length + 1));
        merged.splice(at, 0, this.relex(this.paragraphs[Math.floor(r() * this.paragraphs.length)], r));
      }
    }
    if (r() < 0.5) {
      const len = 6 + Math.floor(r() * 6);
      const start = Math.floor(r() * (this.tokens.length - len));
      merged.unshift(this.tokens.slice(start, start + len).join(" ") + ` ${family}`);
    }
    return merged;
  }
}
