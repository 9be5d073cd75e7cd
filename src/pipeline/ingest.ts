/**
 * Ingest: read → extract → analyze → store for every input, then the corpus-level stages
 * (syndication, stories) over what changed. One bad input never stops the batch; nothing stored
 * earlier is touched by a failure.
 *
 * Workflow:
 *  1. Pre-pass over text captures: learn lines recurring across an outlet's captures (chrome).
 *  2. For each document: extract, analyze, store (one transaction per article, so a crash leaves
 *     every article either fully stored or absent).
 *  3. Corpus stages over the added and changed articles (incremental).
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { analyzeArticle } from "../analyze/index.js";
import { extract } from "../extract/index.js";
import { learnRecurringLines, outletKeyOf } from "../extract/recurring.js";
import type { Article, RawDocument } from "../model/article.js";
import { listInputFiles, MAX_INPUT_BYTES, type ReadError, type ReadItem } from "../read/files.js";
import { countInputs, type InputOptions, readInputs } from "../read/inputs.js";
import type { PutOutcome, Store } from "../store/types.js";
import { CORPUS_BATCH_MAX, catchUpCorpus } from "./corpus.js";
import { DocumentPool } from "./threads/pool.js";

/** Documents processed ahead of the store writes, per thread. Results are stored in input order, so
 * one slow document holds back the ones after it; 16 per thread (about 10 KB each) leaves the other
 * threads work meanwhile. Raised from 4 with IN_FLIGHT_PER_THREAD (pool.ts) when bench:scale showed
 * threads waiting. */
const WINDOW_PER_THREAD = 16;

export interface IngestFailure extends ReadError {}

export interface IngestSummary {
  added: string[];
  unchanged: string[];
  newVersions: string[];
  failed: IngestFailure[];
}

export interface IngestOptions extends InputOptions {
  /** Called after each file (or URL) with the number done and the total. */
  onProgress?: (done: number, total: number, current: string) => void;
  /** Skip the analysis stage (entities, times, quotes, figures). */
  skipAnalysis?: boolean;
  /** Skip the corpus stages (syndication, stories); the articles stay pending for `catchUpCorpus`. */
  skipCorpus?: boolean;
  /** Worker threads for the per-article stages (1: in the calling thread). Stores in input order. */
  threads?: number;
}

/** Extract + analyze one raw document: the per-article stages, pure and parallelisable. */
export function processDocument(
  doc: RawDocument,
  opts: { recurring?: Map<string, Set<string>>; skipAnalysis?: boolean } = {},
): Article {
  const article = extract(doc, { recurring: opts.recurring });
  return opts.skipAnalysis || article.paragraphs.length === 0 ? article : analyzeArticle(article);
}

/** Learns recurring chrome lines from the text captures among the inputs (local files only). */
export async function learnFromCaptures(inputs: string[]): Promise<Map<string, Set<string>>> {
  const { files } = await listInputFiles(inputs.filter((i) => !/^https?:\/\//i.test(i)));
  const docs: { outlet: string | null; content: string }[] = [];
  for (const f of files) {
    const ext = extname(f).toLowerCase();
    if (ext !== ".txt" && ext !== ".md" && ext !== ".markdown") continue;
    try {
      const buf = await readFile(f);
      if (buf.length > MAX_INPUT_BYTES) continue;
      const content = buf.toString("utf8");
      docs.push({ outlet: outletKeyOf(content), content });
    } catch {
      // Unreadable files are reported by the main pass.
    }
  }
  return learnRecurringLines(docs);
}

/** Ingests files, folders (and whatever `readInputs` accepts) into the store. */
export async function ingestPaths(
  store: Store,
  inputs: string[],
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { added: [], unchanged: [], newVersions: [], failed: [] };
  const total = await countInputs(inputs);
  const recurring = await learnFromCaptures(inputs);
  const changed: Article[] = [];
  let done = 0;
  let lastFile = "";
  const tick = (file: string) => {
    done = Math.min(total, done + 1);
    opts.onProgress?.(done, total, file);
  };
  const { onProgress: _p, skipAnalysis: _a, skipCorpus: _c, threads: _t, ...inputOpts } = opts;
  const onNotModified = (url: string, id: string) => {
    // A page that answered 304 Not Modified is unchanged since the last fetch, not a failure.
    summary.unchanged.push(id);
    tick(url);
    opts.onNotModified?.(url, id);
  };
  // Documents flow through a window in input order: with a thread pool, up to WINDOW_PER_THREAD ×
  // threads documents are processed ahead while the main thread stores the results in order.
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  const pool = threads > 1 ? new DocumentPool({ threads, recurring, skipAnalysis: opts.skipAnalysis }) : null;
  type Entry = { item: ReadItem; result?: Promise<Article> };
  const window: Entry[] = [];
  const drainOne = async (entry: Entry) => {
    const { item } = entry;
    if (!item.ok) {
      summary.failed.push(item.error);
      if (item.error.record === undefined) tick(item.error.file);
      return;
    }
    const doc = item.doc;
    const unit = doc.file ?? doc.provenance.location;
    if (unit !== lastFile) {
      if (lastFile) tick(lastFile);
      lastFile = unit;
    }
    let outcome: PutOutcome;
    try {
      const article = entry.result
        ? await entry.result
        : processDocument(doc, { recurring, skipAnalysis: opts.skipAnalysis });
      if (article.paragraphs.length === 0) {
        summary.failed.push({ file: unit, record: doc.record, reason: "no article text found" });
        return;
      }
      outcome = await store.putArticle(article);
      // Kept for the corpus stages so they need not read it back; bounded to one corpus batch so
      // a huge ingest does not hold every article in memory (the rest is read back from the store).
      if (outcome !== "unchanged" && changed.length < CORPUS_BATCH_MAX) changed.push(article);
    } catch (e) {
      summary.failed.push({ file: unit, record: doc.record, reason: (e as Error).message });
      return;
    }
    if (outcome === "added") summary.added.push(doc.id);
    else if (outcome === "unchanged") summary.unchanged.push(doc.id);
    else summary.newVersions.push(doc.id);
  };
  try {
    for await (const item of readInputs(inputs, { ...inputOpts, store, onNotModified })) {
      const entry: Entry = { item };
      if (pool && item.ok) {
        entry.result = pool.process(item.doc);
        entry.result.catch(() => {}); // handled when drained, in order
      }
      window.push(entry);
      while (window.length > (pool ? pool.threads * WINDOW_PER_THREAD : 0)) await drainOne(window.shift()!);
    }
    while (window.length > 0) await drainOne(window.shift()!);
  } finally {
    await pool?.close();
  }
  if (lastFile) tick(lastFile);
  // Every pending article, not only this run's: an earlier run killed before its corpus update
  // left its articles pending, and they are caught up here.
  if (!opts.skipCorpus) await catchUpCorpus(store, { known: changed });
  return summary;
}
