/**
 * Corpus-level stages, run incrementally over the articles a batch added or changed:
 *  1. syndication — sketch the new articles, query the LSH index rebuilt from stored sketches
 *     (no text work for the archive), verify, regroup (union–find over all stored pairs);
 *  2. stories — assign the new articles online (see stories.ts).
 * Results are written to the store's corpus state, which the Library reads.
 */
import {
  comparePair,
  groupVersions,
  originShare,
  type Sketch,
  SyndicationIndex,
  sketchArticle,
  sketchFromBytes,
  sketchToBytes,
  sketchWords,
  type VersionDoc,
} from "../corpus/syndication/index.js";
import type { Article } from "../model/article.js";
import { STATE_KEYS, type VersionsState } from "../service/library.js";
import type { VersionGroupView } from "../service/types.js";
import type { Store } from "../store/types.js";
import { updateStories } from "./stories.js";

const SKETCH_KIND = "syndication-sketch";

/** Id under which an earlier version of an edited article takes part in version groups. */
export const versionId = (id: string, version: number) => `${id}@${version}`;

/** Parses "id@3" into its parts; a plain id has no version. */
export function parseVersionId(ref: string): { id: string; version?: number } {
  const m = /^(.*)@(\d+)$/.exec(ref);
  return m ? { id: m[1], version: Number(m[2]) } : { id: ref };
}

const byPublication = (a: Article, b: Article) =>
  (a.published === null ? 1 : 0) - (b.published === null ? 1 : 0) ||
  (a.published ?? "").localeCompare(b.published ?? "") ||
  a.id.localeCompare(b.id);

/** Updates version groups with the added/changed articles. */
export async function updateSyndication(store: Store, changed: Article[]): Promise<VersionsState> {
  const changedIds = new Set(changed.map((a) => a.id));
  const index = new SyndicationIndex();
  const sketches = new Map<string, Sketch>();
  for await (const { id, data } of store.iterateBlobs(SKETCH_KIND)) {
    let sk: Sketch;
    try {
      sk = sketchFromBytes(data);
    } catch {
      continue; // a sketch from an older SKETCH_VERSION: dropped, its article is re-sketched below if changed
    }
    sketches.set(id, sk);
    if (!changedIds.has(id) && !id.includes("@")) index.insert(id, sk);
  }
  const previous = await store.getState<VersionsState>(STATE_KEYS.versions);
  // Pairs of changed articles are recomputed: their text is new.
  const pairs: [string, string, number][] = (previous?.pairs ?? []).filter(
    ([a, b]) => !changedIds.has(a) && !changedIds.has(b),
  );
  const newBlobs: { id: string; data: Uint8Array }[] = [];
  for (const a of [...changed].sort(byPublication)) {
    for (const m of index.add({ id: a.id, paragraphs: a.paragraphs })) {
      pairs.push(a.id < m.id ? [a.id, m.id, round(m.containment)] : [m.id, a.id, round(m.containment)]);
    }
    const sk = index.getSketch(a.id)!;
    sketches.set(a.id, sk);
    newBlobs.push({ id: a.id, data: sketchToBytes(sk) });
    // An edited article: its earlier versions are versions of it, shown the same way.
    const versions = await store.listVersions(a.id);
    for (const v of versions.slice(0, -1)) {
      const vid = versionId(a.id, v.version);
      let old = sketches.get(vid);
      if (!old) {
        const prev = await store.getArticle(a.id, v.version);
        if (!prev) continue;
        old = sketchArticle(prev.paragraphs);
        sketches.set(vid, old);
        newBlobs.push({ id: vid, data: sketchToBytes(old) });
      }
      const score = comparePair(old, sk);
      pairs.push([vid, a.id, round(Math.max(score.containment, originShare(old, sk)))]);
    }
  }
  await store.putBlobs(SKETCH_KIND, newBlobs);

  const summaries = new Map((await store.listArticles()).map((s) => [s.id, s]));
  const docs: VersionDoc[] = [];
  const inPairs = new Set<string>();
  for (const [a, b] of pairs) inPairs.add(a).add(b);
  for (const id of inPairs) {
    const s = summaries.get(parseVersionId(id).id);
    const sk = sketches.get(id);
    docs.push({
      id,
      // Earlier versions of an edited article carry its publication date (the page's date does not
      // change with an edit); the origin tie-break then prefers the longer text.
      published: s?.published ?? null,
      words: sk ? sketchWords(sk) : 0,
      outlet: s ? (s.outlet ?? s.domain) : null,
    });
  }
  const groups = groupVersions(docs, pairs, {
    share: (o, m) => {
      const so = sketches.get(o);
      const sm = sketches.get(m);
      return so && sm ? round(originShare(so, sm)) : null;
    },
  });
  const views: VersionGroupView[] = groups.map((g) => ({
    id: `g-${g.origin}`,
    origin: g.origin,
    members: g.members.map((m) => ({
      id: m.id,
      outlet: m.outlet,
      published: m.published,
      share: m.id === g.origin ? 1 : (m.share ?? 0),
      title: summaries.get(parseVersionId(m.id).id)?.title ?? null,
    })),
  }));
  const state: VersionsState = {
    groups: views,
    pairs: pairs.sort((x, y) => x[0].localeCompare(y[0]) || x[1].localeCompare(y[1])),
  };
  await store.setState(STATE_KEYS.versions, state);
  return state;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Runs every corpus stage over the changed articles, under the store's corpus lock: concurrent
 * ingests and workers (other processes, other machines) update the corpus state one at a time, and
 * each update commits whole or not at all. The articles stop being pending once it commits.
 */
export async function updateCorpus(store: Store, changed: Article[]): Promise<void> {
  await store.withCorpusLock(async (tx) => {
    await runCorpusStages(tx, changed);
    await tx.clearPendingCorpus(changed.map((a) => a.id));
  });
}

async function runCorpusStages(store: Store, changed: Article[]): Promise<void> {
  const versions = await updateSyndication(store, changed);
  await updateStories(store, changed, versions);
}

/** Most pending articles one corpus update takes (bounds one transaction's size and lock time). */
export const CORPUS_BATCH_MAX = 20_000;

/**
 * Runs the corpus stages over every stored article still pending (added or changed by any process,
 * including one that crashed before its corpus update), in batches of at most `CORPUS_BATCH_MAX`.
 * `known` articles are used as they are instead of being read back from the store.
 * Returns how many articles were processed.
 */
export async function catchUpCorpus(
  store: Store,
  opts: { known?: Iterable<Article>; batchMax?: number } = {},
): Promise<number> {
  // Cheap check first: no write lock when there is nothing to do.
  if ((await store.pendingCorpus(1)).length === 0) return 0;
  const known = new Map<string, Article>();
  for (const a of opts.known ?? []) known.set(a.id, a);
  let total = 0;
  for (;;) {
    const n = await store.withCorpusLock((tx) => corpusBatch(tx, { known, batchMax: opts.batchMax }));
    total += n;
    if (n === 0) return total;
  }
}

/**
 * One batch of pending articles through the corpus stages. `store` must already hold the corpus
 * lock (the store given by `withCorpusLock`, or a queue job's locked transaction). Returns how many
 * articles it took.
 */
export async function corpusBatch(
  store: Store,
  opts: { known?: ReadonlyMap<string, Article>; batchMax?: number } = {},
): Promise<number> {
  const ids = await store.pendingCorpus(opts.batchMax ?? CORPUS_BATCH_MAX);
  if (ids.length === 0) return 0;
  const articles: Article[] = [];
  for (const id of ids) {
    // The stored current version, unless this process holds that very version in memory.
    const a = opts.known?.get(id) ?? (await store.getArticle(id));
    if (a) articles.push(a);
  }
  await runCorpusStages(store, articles);
  await store.clearPendingCorpus(ids);
  return ids.length;
}
