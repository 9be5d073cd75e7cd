/**
 * Outlet comparison for a story: which outlets covered it and who came first; what each outlet
 * carries that the others do not, at paragraph level; which quotes and figures each carries.
 *
 * Workflow:
 *  1. Outlets: the story's articles grouped by outlet (an article without a known outlet is its
 *     own "unknown outlet" entry: two unnamed pages are not assumed to share a publisher), ordered
 *     by their first publication; undated outlets come last and are never "first".
 *  2. Paragraphs: a paragraph of one outlet is carried by another when an article of that outlet
 *     aligns with it (same or edited paragraph in the version-group diff, for copies of one wire
 *     story) or contains most of its word shingles (for any other article). The rest is exclusive.
 *  3. Quotes and figures: each outlet's, with the other outlets that carry the same ones.
 */
import type { Article } from "../../model/article.js";
import { diffArticles, shingleSet } from "../syndication/index.js";

/** Share of a paragraph's 5-word shingles found in another article for it to count as carried
 * there. 0.5, the syndication stage's copy rule (half of a text's content) at paragraph scale. */
export const PARAGRAPH_CARRIED = 0.5;
/** Paragraphs with fewer words are not compared (headings, datelines, bylines). Unit: words. */
export const MIN_PARAGRAPH_WORDS = 8;

export interface CompareArticle {
  id: string;
  title: string | null;
  published: string | null;
  url: string | null;
}

export interface ExclusiveParagraph {
  article: string;
  index: number;
  text: string;
}

export interface OutletComparison {
  outlet: string;
  /** True when the outlet has no name: the entry stands for one unnamed article. */
  unknown: boolean;
  articles: CompareArticle[];
  firstPublished: string | null;
  /** True for the outlet(s) that published first (among dated outlets). */
  first: boolean;
  /** Paragraphs no other outlet carries. */
  exclusive: ExclusiveParagraph[];
  /** Paragraphs compared (long enough) in total. */
  paragraphs: number;
  quotes: { text: string; speaker: string | null; direct: boolean; alsoIn: string[] }[];
  figures: { text: string; value: number; counts: string | null; source: string | null; alsoIn: string[] }[];
}

export interface StoryComparison {
  outlets: OutletComparison[];
  /** The first dated report: article and outlet. */
  first: { article: string; outlet: string; published: string } | null;
}

export interface CompareOptions {
  /** Article id → version group id: pairs in one group are aligned with the paragraph diff. */
  groupOf?: Map<string, string>;
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
const wordCount = (s: string) => (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** Outlet label of an article, or an "unknown outlet" label naming the article. */
export function outletLabel(a: Pick<Article, "id" | "outlet">): { label: string; unknown: boolean } {
  const o = a.outlet.name ?? a.outlet.domain;
  return o ? { label: o, unknown: false } : { label: `unknown outlet (${a.id})`, unknown: true };
}

/** Compares how the outlets of a story covered it. */
export function compareOutlets(articles: readonly Article[], opts: CompareOptions = {}): StoryComparison {
  // 1. Outlets.
  const byOutlet = new Map<string, { unknown: boolean; arts: Article[] }>();
  for (const a of articles) {
    const { label, unknown } = outletLabel(a);
    const e = byOutlet.get(label) ?? { unknown, arts: [] };
    e.arts.push(a);
    byOutlet.set(label, e);
  }
  const firstOf = (arts: Article[]) =>
    arts
      .map((a) => a.published)
      .filter((d): d is string => !!d)
      .sort()[0] ?? null;
  const outlets = [...byOutlet].map(([outlet, { unknown, arts }]) => ({
    outlet,
    unknown,
    arts: [...arts].sort((x, y) => (x.published ?? "\uffff").localeCompare(y.published ?? "\uffff")),
    firstPublished: firstOf(arts),
  }));
  outlets.sort(
    (a, b) =>
      (a.firstPublished ?? "\uffff").localeCompare(b.firstPublished ?? "\uffff") ||
      a.outlet.localeCompare(b.outlet),
  );
  const earliest = outlets[0]?.firstPublished ?? null;

  // 2. Paragraphs: carried[articleId][paragraphIndex] = set of other outlets carrying it.
  const outletOfArticle = new Map<string, string>();
  for (const o of outlets) for (const a of o.arts) outletOfArticle.set(a.id, o.outlet);
  const carried = new Map<string, Set<string>[]>();
  for (const a of articles)
    carried.set(
      a.id,
      a.paragraphs.map(() => new Set<string>()),
    );
  const shingles = new Map<string, Uint32Array>();
  for (const a of articles) shingles.set(a.id, shingleSet(a.paragraphs));
  const paraShingles = new Map<string, Uint32Array[]>();
  for (const a of articles)
    paraShingles.set(
      a.id,
      a.paragraphs.map((p) => shingleSet([p])),
    );
  for (const a of articles) {
    for (const b of articles) {
      if (a.id >= b.id) continue;
      const oa = outletOfArticle.get(a.id)!;
      const ob = outletOfArticle.get(b.id)!;
      if (oa === ob) continue;
      const ga = opts.groupOf?.get(a.id);
      if (ga && ga === opts.groupOf?.get(b.id)) {
        for (const p of diffArticles(a.paragraphs, b.paragraphs).paragraphs) {
          if (p.kind === "equal" || p.kind === "changed") {
            carried.get(a.id)![p.origin].add(ob);
            carried.get(b.id)![p.copy].add(oa);
          }
        }
      }
      for (const [x, y, oy] of [
        [a, b, ob],
        [b, a, oa],
      ] as const) {
        const ps = paraShingles.get(x.id)!;
        const whole = shingles.get(y.id)!;
        const marks = carried.get(x.id)!;
        for (let i = 0; i < ps.length; i++) {
          if (marks[i].has(oy) || ps[i].length === 0) continue;
          if (intersectionShare(ps[i], whole) >= PARAGRAPH_CARRIED) marks[i].add(oy);
        }
      }
    }
  }

  // 3. Quotes and figures per outlet.
  const quoteOutlets = new Map<string, Set<string>>();
  const figureOutlets = new Map<string, Set<string>>();
  const figureKey = (f: { value: number; unit: string | null; counts: string | null }) =>
    `${f.value}\u0000${f.unit ?? ""}\u0000${norm(f.counts ?? "")}`;
  for (const a of articles) {
    const o = outletOfArticle.get(a.id)!;
    for (const q of a.analysis?.quotes ?? []) {
      const k = norm(q.text);
      const s = quoteOutlets.get(k) ?? new Set();
      s.add(o);
      quoteOutlets.set(k, s);
    }
    for (const f of a.analysis?.figures ?? []) {
      const k = figureKey(f);
      const s = figureOutlets.get(k) ?? new Set();
      s.add(o);
      figureOutlets.set(k, s);
    }
  }

  const result: OutletComparison[] = outlets.map((o) => {
    const exclusive: ExclusiveParagraph[] = [];
    const seen = new Set<string>();
    let paragraphs = 0;
    const quotes: OutletComparison["quotes"] = [];
    const figures: OutletComparison["figures"] = [];
    const seenQ = new Set<string>();
    const seenF = new Set<string>();
    for (const a of o.arts) {
      const marks = carried.get(a.id)!;
      a.paragraphs.forEach((p, i) => {
        if (wordCount(p) < MIN_PARAGRAPH_WORDS) return;
        const k = norm(p);
        if (seen.has(k)) return; // the same paragraph in two articles of one outlet
        seen.add(k);
        paragraphs++;
        if (marks[i].size === 0) exclusive.push({ article: a.id, index: i, text: p });
      });
      for (const q of a.analysis?.quotes ?? []) {
        const k = norm(q.text);
        if (seenQ.has(k)) continue;
        seenQ.add(k);
        quotes.push({
          text: q.text,
          speaker: q.speaker?.text ?? null,
          direct: q.direct,
          alsoIn: [...(quoteOutlets.get(k) ?? [])].filter((x) => x !== o.outlet),
        });
      }
      for (const f of a.analysis?.figures ?? []) {
        const k = figureKey(f);
        if (seenF.has(k)) continue;
        seenF.add(k);
        figures.push({
          text: f.text,
          value: f.value,
          counts: f.counts,
          source: f.source,
          alsoIn: [...(figureOutlets.get(k) ?? [])].filter((x) => x !== o.outlet),
        });
      }
    }
    return {
      outlet: o.outlet,
      unknown: o.unknown,
      articles: o.arts.map((a) => ({ id: a.id, title: a.title, published: a.published, url: a.url })),
      firstPublished: o.firstPublished,
      first:
        earliest !== null &&
        o.firstPublished !== null &&
        o.firstPublished.slice(0, 10) === earliest.slice(0, 10),
      exclusive,
      paragraphs,
      quotes,
      figures,
    };
  });
  const firstOutlet = outlets.find((o) => o.firstPublished !== null);
  const firstArt = firstOutlet?.arts[0];
  return {
    outlets: result,
    first:
      firstOutlet && firstArt?.published
        ? { article: firstArt.id, outlet: firstOutlet.outlet, published: firstArt.published }
        : null,
  };
}

/** Share of `a`'s shingles present in `b` (sorted distinct arrays). */
function intersectionShare(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let c = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      c++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return a.length ? c / a.length : 0;
}
