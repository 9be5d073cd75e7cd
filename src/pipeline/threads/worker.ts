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

// Warm up before reporting ready: lazily loaded models (NER, quotes) load here, not inside the time
// limit of the first real document.
try {
  processDocument(
    {
      id: "warm-up",
      format: "text",
      content: "Warm-up\n\nThe minister said on Monday in Paris that 3 people were hurt, Reuters reported.",
      provenance: { kind: "file", location: "warm-up", fetchedAt: new Date(0).toISOString() },
    },
    { skipAnalysis: data.skipAnalysis },
  );
} catch {
  // A failure here shows up again, with its real cause, on the first document.
}
port.postMessage({ ready: true });

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
