/**
 * Conflicting figures: the same quantity reported with different values, side by side with who
 * reported which ("a base agreement of over 40 years" against "a lease of 49 years").
 *
 * Workflow:
 *  1. Reports. Every figure of every article, with the words around it (a window of content words
 *     on each side, within its sentence) and the entities of its sentence. Copies of one wire
 *     story report a figure once (one independent source).
 *  2. Measures. Two figures can measure the same quantity only when their units agree and what
 *     they count shares a word ("civilians killed" ~ "civilians"; "years" ~ "years").
 *  3. Context. Among those, two figures are about the same thing when their contexts are close:
 *     TF-IDF cosine of the context words and sentence entities (IDF over all figures in scope,
 *     so the story's ubiquitous names weigh little).
 *  4. Groups of such figures (connected components) that hold at least two different values from
 *     at least two independent sources are conflicts.
 */
import type { Article, Figure } from "../../model/article.js";
import type { Library } from "../../service/library.js";
import { CONTEXT_STOPWORDS } from "./data.js";

/** Content words taken on each side of a figure, within its sentence. Unit: words. A window keeps
 * "lease … 49 years" apart from "the past five years" in the same paragraph. */
export const CONTEXT_WORDS = 10;
/** Minimum TF-IDF cosine between two figures' contexts to call them one quantity. Round value: on
 * the seeds, the base agreement and the lease score ~0.2, unrelated durations in one story < 0.05. */
export const MIN_CONTEXT_COSINE = 0.12;
/** Figures of one measure compared pairwise at most; larger buckets keep their most recent ones. */
export const MAX_BUCKET = 2000;

/** One report of a figure: who said it, where. */
export interface FigureReport {
  text: string;
  value: number;
  valueMax?: number;
  approx?: string | null;
  unit: string | null;
  counts: string | null;
  /** Who the article attributes the figure to. */
  source: string | null;
  sentence: string;
  articles: string[];
  outlets: string[];
  published: string | null;
}

/** A quantity reported with different values. */
export interface FigureConflict {
  /** What is measured: the shared unit / counted noun ("years", "civilians killed"). */
  measure: string;
  /** Context words shared by the reports (what the quantity is about), most telling first. */
  about: string[];
  /** One row per distinct value, in ascending order of value. */
  values: { value: number; valueMax?: number; label: string; reports: FigureReport[] }[];
  /** Independent sources (version groups) involved. */
  sources: number;
}

export interface ConflictOptions {
  /** Article id → version group id (copies of one wire story are one source). */
  groupOf?: Map<string, string>;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Light stemming: plural "s" ("bases" → "base", "years" → "year"), possessive "'s". */
function stem(w: string): string {
  w = w.replace(/['’]s$/, "");
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) return w.slice(0, -1);
  return w;
}

function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD_RE)) out.push(m[0]);
  return out;
}

function contentStems(ws: string[]): string[] {
  return ws.filter((w) => w.length > 1 && !CONTEXT_STOPWORDS.has(w) && !/^\d/.test(w)).map(stem);
}

interface Item {
  report: FigureReport;
  group: string;
  counts: Set<string>;
  unit: string;
  context: Map<string, number>;
  vec?: Map<string, number>;
}

function contextOf(text: string, f: Figure, entities: string[]): Map<string, number> {
  const sentence = text.slice(f.sentence.start, f.sentence.end);
  const before = contentStems(words(text.slice(f.sentence.start, Math.max(f.sentence.start, f.start))));
  const after = contentStems(words(text.slice(Math.min(f.end, f.sentence.end), f.sentence.end)));
  const own = new Set(contentStems(words(f.text)));
  const ctx = new Map<string, number>();
  const add = (w: string) => {
    if (!own.has(w)) ctx.set(w, (ctx.get(w) ?? 0) + 1);
  };
  for (const w of before.slice(-CONTEXT_WORDS)) add(w);
  for (const w of after.slice(0, CONTEXT_WORDS)) add(w);
  const lower = sentence.toLowerCase();
  for (const e of entities) if (lower.includes(e.toLowerCase())) add(`@${e.toLowerCase()}`);
  return ctx;
}

/** The figures of a set of articles, one report per independent source and figure. */
export function figureReports(articles: readonly Article[], opts: ConflictOptions = {}): Item[] {
  const byKey = new Map<string, Item>();
  for (const a of articles) {
    const text = a.paragraphs.join("\n\n");
    const outlet = a.outlet.name ?? a.outlet.domain;
    const group = opts.groupOf?.get(a.id) ?? a.id;
    const names = (a.analysis?.entities ?? []).map((e) => e.name);
    for (const f of a.analysis?.figures ?? []) {
      const counts = new Set(contentStems(words(f.counts ?? "")));
      const unit = f.unit ? stem(f.unit.toLowerCase()) : "";
      if (!unit && counts.size === 0) continue; // a bare number measures nothing we can name
      const key = `${group}\u0000${f.value}\u0000${f.valueMax ?? ""}\u0000${unit}\u0000${[...counts].join(" ")}`;
      const have = byKey.get(key);
      if (have) {
        if (!have.report.articles.includes(a.id)) have.report.articles.push(a.id);
        if (outlet && !have.report.outlets.includes(outlet)) have.report.outlets.push(outlet);
        continue;
      }
      byKey.set(key, {
        group,
        unit,
        counts,
        context: contextOf(text, f, names),
        report: {
          text: f.text,
          value: f.value,
          ...(f.valueMax !== undefined ? { valueMax: f.valueMax } : {}),
          approx: f.approx ?? null,
          unit: f.unit,
          counts: f.counts,
          source: f.source,
          sentence: text.slice(f.sentence.start, f.sentence.end),
          articles: [a.id],
          outlets: outlet ? [outlet] : [],
          published: a.published,
        },
      });
    }
  }
  return [...byKey.values()];
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  if (a.size > b.size) [a, b] = [b, a];
  let s = 0;
  for (const [k, w] of a) {
    const x = b.get(k);
    if (x !== undefined) s += w * x;
  }
  return s;
}

function label(r: FigureReport): string {
  const v = r.valueMax !== undefined ? `${r.value}–${r.valueMax}` : String(r.value);
  return r.approx ? `${r.approx} ${v}` : v;
}

/** Finds the quantities reported with different values across independent sources. */
export function findConflicts(articles: readonly Article[], opts: ConflictOptions = {}): FigureConflict[] {
  const items = figureReports(articles, opts);
  // IDF of context terms over the figures in scope.
  const df = new Map<string, number>();
  for (const it of items) for (const k of it.context.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = items.length;
  for (const it of items) {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [k, c] of it.context) {
      const w = (1 + Math.log(c)) * Math.log((n + 1) / (df.get(k)! + 0.5));
      if (w <= 0) continue;
      v.set(k, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [k, w] of v) v.set(k, w / norm);
    it.vec = v;
  }
  // 2. Buckets: unit + one counted word.
  const buckets = new Map<string, number[]>();
  items.forEach((it, i) => {
    const heads = it.counts.size ? [...it.counts] : [""];
    for (const h of heads) {
      const key = `${it.unit}\u0000${h}`;
      const l = buckets.get(key) ?? [];
      l.push(i);
      buckets.set(key, l);
    }
  });
  // 3. Union of close pairs.
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const simOf = new Map<string, number>();
  for (let list of buckets.values()) {
    if (list.length < 2) continue;
    if (list.length > MAX_BUCKET) {
      list = [...list]
        .sort((a, b) => (items[b].report.published ?? "").localeCompare(items[a].report.published ?? ""))
        .slice(0, MAX_BUCKET);
    }
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x];
        const j = list[y];
        if (items[i].group === items[j].group) continue;
        const s = cosine(items[i].vec!, items[j].vec!);
        if (s < MIN_CONTEXT_COSINE) continue;
        simOf.set(`${Math.min(i, j)},${Math.max(i, j)}`, s);
        parent[find(i)] = find(j);
      }
    }
  }
  // 4. Components with differing values.
  const comps = new Map<number, number[]>();
  for (let i = 0; i < items.length; i++) {
    const r = find(i);
    const l = comps.get(r) ?? [];
    l.push(i);
    comps.set(r, l);
  }
  const out: FigureConflict[] = [];
  for (const members of comps.values()) {
    if (members.length < 2) continue;
    const byValue = new Map<string, FigureReport[]>();
    for (const i of members) {
      const r = items[i].report;
      const k = `${r.value}\u0000${r.valueMax ?? ""}`;
      const l = byValue.get(k) ?? [];
      l.push(r);
      byValue.set(k, l);
    }
    if (byValue.size < 2) continue;
    const groups = new Set(members.map((i) => items[i].group));
    if (groups.size < 2) continue;
    // What the quantity is about: context terms shared by at least two reports, by weight.
    const shared = new Map<string, number>();
    for (const i of members)
      for (const [k, w] of items[i].vec!)
        if (members.some((j) => j !== i && items[j].vec!.has(k))) shared.set(k, (shared.get(k) ?? 0) + w);
    const about = [
      ...new Set(
        [...shared].sort((a, b) => b[1] - a[1]).map(([k]) => (k.startsWith("@") ? stem(k.slice(1)) : k)),
      ),
    ].slice(0, 6);
    const first = items[members[0]];
    const measure = first.report.counts ?? first.report.unit ?? "";
    out.push({
      measure,
      about,
      sources: groups.size,
      values: [...byValue.values()]
        .map((reports) => ({
          value: reports[0].value,
          ...(reports[0].valueMax !== undefined ? { valueMax: reports[0].valueMax } : {}),
          label: [...new Set(reports.map(label))].join(" / "),
          reports,
        }))
        .sort((a, b) => a.value - b.value),
    });
  }
  return out.sort((a, b) => b.sources - a.sources || a.measure.localeCompare(b.measure));
}

/** Conflicting figures in a story, a storyline or the whole store (`storyline figures --conflicts`). */
export async function figureConflicts(
  lib: Library,
  scope: { story?: string; storyline?: string } = {},
): Promise<FigureConflict[]> {
  const articles = await lib.scopeArticles(scope);
  return findConflicts(articles, { groupOf: await lib.groupOf() });
}
