/**
 * Ingest: read → extract → analyze → store for every input, then the corpus-level stages.
 * One bad input never stops the batch; nothing stored earlier is touched by a failure.
 */
import { extract } from "../extract/index.js";
import type { Article } from "../model/article.js";
import type { ReadError } from "../read/files.js";
import { countInputs, type InputOptions, readInputs } from "../read/inputs.js";
import type { PutOutcome, Store } from "../store/types.js";

export interface IngestFailure extends ReadError {}

export interface IngestSummary {
  added: string[];
  unchanged: string[];
  newVersions: string[];
  failed: IngestFailure[];
}

export interface IngestOptions extends InputOptions {
  /** Called after each document with the number of files done and the total. */
  onProgress?: (done: number, total: number, current: string) => void;
  /** Per-article stages run after extraction (analysis). */
  enrich?: (article: Article) => Article;
  /** Corpus-level stages run once after the batch, with the articles that were added or changed. */
  afterBatch?: (store: Store, changed: Article[]) => Promise<void>;
}

/** Ingests files and folders into the store. */
export async function ingestPaths(
  store: Store,
  paths: string[],
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { added: [], unchanged: [], newVersions: [], failed: [] };
  const total = await countInputs(paths);
  const changed: Article[] = [];
  let done = 0;
  let lastFile = "";
  for await (const item of readInputs(paths, { store, now: opts.now })) {
    if (!item.ok) {
      summary.failed.push(item.error);
      if (item.error.record === undefined && done < total) {
        done++;
        opts.onProgress?.(done, total, item.error.file);
      }
      continue;
    }
    const doc = item.doc;
    if (doc.file && doc.file !== lastFile) {
      if (lastFile) {
        done++;
        opts.onProgress?.(done, total, lastFile);
      }
      lastFile = doc.file;
    }
    let outcome: PutOutcome;
    try {
      let article = extract(doc);
      if (article.paragraphs.length === 0) {
        summary.failed.push({
          file: doc.file ?? doc.id,
          record: doc.record,
          reason: "no article text found",
        });
        continue;
      }
      if (opts.enrich) article = opts.enrich(article);
      outcome = await store.putArticle(article);
      if (outcome !== "unchanged") changed.push(article);
    } catch (e) {
      summary.failed.push({ file: doc.file ?? doc.id, record: doc.record, reason: (e as Error).message });
      continue;
    }
    if (outcome === "added") summary.added.push(doc.id);
    else if (outcome === "unchanged") summary.unchanged.push(doc.id);
    else summary.newVersions.push(doc.id);
  }
  if (lastFile) {
    done++;
    opts.onProgress?.(done, total, lastFile);
  }
  if (opts.afterBatch && changed.length > 0) await opts.afterBatch(store, changed);
  return summary;
}
