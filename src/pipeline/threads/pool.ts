/**
 * A pool of worker threads running the per-article stages (`processDocument`: extract + analyze), so
 * one machine's cores share the CPU-heavy work while the main thread reads inputs and writes the store.
 *
 * - Each document has a time limit: a thread stuck on one document (pathological input) is
 *   terminated and replaced, the document fails with a timeout, and the other documents it held are
 *   sent again to a fresh thread.
 * - Each thread has a heap limit, so one huge document cannot take the machine's memory; a thread
 *   that dies is replaced the same way.
 * - Workers start from `worker.js` next to this file when running built code, or from `worker.ts`
 *   through tsx when running from source.
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Article, RawDocument } from "../../model/article.js";

/** Per-document time limit, in ms. Extract + analyze of a large real article takes well under a
 * second on this project's benchmark machines; ten seconds only catches runaway inputs. */
export const DOCUMENT_TIMEOUT_MS = 10_000;
/** Heap limit per thread, in MB: generous for any real article (inputs are capped at
 * MAX_INPUT_BYTES), small enough that several threads cannot exhaust a laptop. */
export const THREAD_HEAP_MB = 768;
/** Documents queued per thread. The main thread hands out new documents only between its store
 * writes (and SQLite checkpoints), so a thread needs a few queued to never wait: with 2, two
 * threads kept 1.75 of 2 cores busy in bench:scale at 200,000 articles, with 4, 1.84. */
const IN_FLIGHT_PER_THREAD = 4;

export interface PoolWorkerData {
  recurring?: Map<string, Set<string>>;
  skipAnalysis?: boolean;
}
export interface PoolRequest {
  seq: number;
  doc: RawDocument;
  /** Recurring chrome lines for this document, instead of the pool's. */
  recurring?: Map<string, Set<string>>;
}
export type PoolResponse =
  | { seq: number; ok: true; article: Article }
  | { seq: number; ok: false; error: string };

export interface DocumentPoolOptions extends PoolWorkerData {
  threads: number;
  timeoutMs?: number;
  heapMb?: number;
}

/** Error for a document that exceeded the time limit or killed its thread. */
export class DocumentPoolError extends Error {
  constructor(
    readonly code: "DOCUMENT_TIMEOUT" | "THREAD_DIED",
    message: string,
  ) {
    super(message);
    this.name = "DocumentPoolError";
  }
}

interface Task {
  seq: number;
  doc: RawDocument;
  recurring?: Map<string, Set<string>>;
  resolve: (a: Article) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Started and warmed up: documents are sent (and timed) only from then on. */
  ready: boolean;
  inFlight: Task[];
  timer: NodeJS.Timeout | null;
  dead: boolean;
}

/**
 * How to start a worker: the built `worker.js` directly, or, when running from .ts sources, a small
 * bootstrap that registers tsx's loader inside the thread first (Node 20 does not apply a parent's
 * `--import tsx` to worker threads).
 */
function workerEntry(): { script: string | URL; eval: boolean } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".ts")) {
    const api = import.meta.resolve("tsx/esm/api");
    const target = pathToFileURL(here.replace(/pool\.ts$/, "worker.ts")).href;
    return {
      script: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target)}); })`,
      eval: true,
    };
  }
  const file = here.replace(/pool\.js$/, "worker.js");
  if (!existsSync(file)) throw new Error(`worker entry not found: ${file}`);
  return { script: file, eval: false };
}

export class DocumentPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private seq = 0;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly entry = workerEntry();

  constructor(private readonly opts: DocumentPoolOptions) {
    if (!(opts.threads >= 1)) throw new RangeError("threads must be at least 1");
    this.timeoutMs = opts.timeoutMs ?? DOCUMENT_TIMEOUT_MS;
    for (let i = 0; i < opts.threads; i++) this.slots.push(this.spawn());
  }

  get threads(): number {
    return this.slots.length;
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry.script, {
      eval: this.entry.eval,
      workerData: {
        recurring: this.opts.recurring,
        skipAnalysis: this.opts.skipAnalysis,
      } satisfies PoolWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb ?? THREAD_HEAP_MB },
    });
    const slot: Slot = { worker, ready: false, inFlight: [], timer: null, dead: false };
    worker.on("message", (res: PoolResponse | { ready: true }) => {
      if ("ready" in res) {
        slot.ready = true;
        this.pump();
      } else this.onMessage(slot, res);
    });
    worker.on("error", (e) =>
      this.onDeath(slot, new DocumentPoolError("THREAD_DIED", `worker thread failed: ${e.message}`)),
    );
    worker.on("exit", (code) => {
      if (!slot.dead && !this.closed)
        this.onDeath(slot, new DocumentPoolError("THREAD_DIED", `worker thread exited with code ${code}`));
    });
    // Idle threads must not keep the process alive.
    worker.unref();
    return slot;
  }

  /** Runs extract + analyze on `doc` in a worker thread (with its own recurring chrome lines, if
   * given). Results come back in any order. */
  process(doc: RawDocument, recurring?: Map<string, Set<string>>): Promise<Article> {
    if (this.closed) return Promise.reject(new Error("pool is closed"));
    return new Promise<Article>((resolve, reject) => {
      this.queue.push({ seq: ++this.seq, doc, recurring, resolve, reject });
      this.pump();
    });
  }

  /** Threads keep the process alive only while documents are queued or in flight. */
  private updateRefs(): void {
    const busy = this.queue.length > 0 || this.slots.some((s) => s.inFlight.length > 0);
    for (const s of this.slots) if (!s.dead) busy ? s.worker.ref() : s.worker.unref();
  }

  private pump(): void {
    this.dispatch();
    this.updateRefs();
  }

  private dispatch(): void {
    for (;;) {
      if (this.queue.length === 0) return;
      let best: Slot | null = null;
      for (const s of this.slots)
        if (
          s.ready &&
          !s.dead &&
          s.inFlight.length < IN_FLIGHT_PER_THREAD &&
          (!best || s.inFlight.length < best.inFlight.length)
        )
          best = s;
      if (!best) return;
      const task = this.queue.shift()!;
      best.inFlight.push(task);
      best.worker.postMessage({
        seq: task.seq,
        doc: task.doc,
        recurring: task.recurring,
      } satisfies PoolRequest);
      if (best.inFlight.length === 1) this.arm(best);
    }
  }

  /** Starts the time limit of the slot's head task (the one the thread is working on). */
  private arm(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.inFlight.length === 0) return;
    const head = slot.inFlight[0];
    slot.timer = setTimeout(() => {
      const where = head.doc.file ?? head.doc.provenance?.location ?? head.doc.id;
      this.onDeath(
        slot,
        new DocumentPoolError(
          "DOCUMENT_TIMEOUT",
          `document ${where} exceeded the ${this.timeoutMs} ms time limit`,
        ),
      );
    }, this.timeoutMs);
  }

  private onMessage(slot: Slot, res: PoolResponse): void {
    const i = slot.inFlight.findIndex((t) => t.seq === res.seq);
    if (i < 0) return;
    const [task] = slot.inFlight.splice(i, 1);
    if (i === 0) this.arm(slot);
    if (res.ok) task.resolve(res.article);
    else task.reject(new Error(res.error));
    this.pump();
  }

  /** The head task failed (timeout or crash): reject it, requeue the others, replace the thread. */
  private onDeath(slot: Slot, err: DocumentPoolError): void {
    if (slot.dead) return;
    slot.dead = true;
    if (slot.timer) clearTimeout(slot.timer);
    const [head, ...rest] = slot.inFlight;
    slot.inFlight = [];
    void slot.worker.terminate();
    head?.reject(err);
    this.queue.unshift(...rest);
    const idx = this.slots.indexOf(slot);
    if (!this.closed) this.slots[idx] = this.spawn();
    this.pump();
  }

  /** Stops the threads; pending documents fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error("pool closed"));
    await Promise.all(
      this.slots.map(async (s) => {
        s.dead = true;
        if (s.timer) clearTimeout(s.timer);
        for (const t of s.inFlight.splice(0)) t.reject(new Error("pool closed"));
        await s.worker.terminate();
      }),
    );
  }
}
