/**
 * Worker-thread entry of the document pool: runs the per-article stages (extract + analyze) on raw
 * documents sent by the main thread and posts the articles back. Pure: no store access here.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RawDocument } from "../../model/article.js";
import { processDocument } from "../ingest.js";
import type { PoolRequest, PoolResponse, PoolWorkerData } from "./pool.js";

const data = workerData as PoolWorkerData;
const port = parentPort!;

port.on("message", (req: PoolRequest) => {
  let res: PoolResponse;
  try {
    const article = processDocument(req.doc as RawDocument, {
      recurring: req.recurring ?? data.recurring,
      skipAnalysis: data.skipAnalysis,
    });
    res = { seq: req.seq, ok: true, article };
  } catch (e) {
    res = { seq: req.seq, ok: false, error: (e as Error)?.message ?? String(e) };
  }
  port.postMessage(res);
});
