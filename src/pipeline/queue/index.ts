/**
 * The job queue, kept in the same PostgreSQL as the store (the only infrastructure is the database),
 * and the worker loop that drains it. Any number of `storyline worker` processes, on any number of
 * machines, pull jobs with `FOR UPDATE SKIP LOCKED`.
 *
 * Each job runs inside one transaction on one connection that also holds the job's row lock:
 *  - an article job extracts and analyses the raw document in its payload, stores the article (which
 *    marks it pending for the corpus stages) and makes sure a corpus job will run after it;
 *  - a corpus job takes the corpus advisory lock and runs the corpus stages over a batch of pending
 *    articles.
 * The job's effects and its "done" mark commit together. A worker killed mid-job, or a database
 * restart, rolls the transaction back and releases the row lock: the job is simply pending again,
 * never half done and never done twice. A job that throws is rolled back to a savepoint (its effects
 * undone, the lock kept), its attempt counted, and it is retried with exponential backoff, or moved
 * aside as dead, with its reason, after `maxAttempts` failures (at once for a permanent failure).
 */
import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import type pg from "pg";
import { outletKeyOf } from "../../extract/recurring.js";
import type { Article, RawDocument } from "../../model/article.js";
import { isConnectionError, type PostgresStore } from "../../store/postgres/index.js";
import { corpusBatch } from "../corpus.js";
import { readInputs, type InputOptions } from "../../read/inputs.js";
import { type IngestFailure, learnFromCaptures, processDocument } from "../ingest.js";
import { DocumentPool } from "../threads/pool.js";

/** Failures before a job is moved aside as dead. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Retry delay after the first failure, in ms; doubles with each further failure. */
export const BACKOFF_BASE_MS = 2_000;
/** Longest retry delay, in ms. */
export const BACKOFF_MAX_MS = 5 * 60_000;
/** How often an idle worker looks for new jobs, in ms. */
export const POLL_MS = 250;
/** Reconnection delays after the database went away, in ms (first, then doubling up to the max). */
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5_000;
/** Pending articles one corpus job takes (a job's transaction and lock time stay bounded). */
export const CORPUS_JOB_BATCH = 5_000;
/** Raw documents per INSERT when enqueuing. */
const ENQUEUE_CHUNK = 200;

export type JobKind = "article" | "corpus";

/** Payload of an article job: the raw document and the recurring chrome lines of its outlet. */
export interface ArticleJobPayload {
  doc: RawDocument;
  recurring?: string[];
  skipAnalysis?: boolean;
}

/** A failure that retrying cannot fix (the job goes straight to dead). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

export interface JobRow {
  id: number;
  kind: JobKind;
  state: "pending" | "done" | "dead";
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  label: string | null;
}

export interface QueueStats {
  /** Count per kind and state. */
  counts: { kind: JobKind; state: string; n: number }[];
  /** Dead jobs and pending jobs that have failed at least once, newest first. */
  failing: JobRow[];
}

/** The time to wait before attempt `attempts + 1`, after `attempts` failures. */
export function backoffMs(attempts: number, base = BACKOFF_BASE_MS): number {
  return Math.min(BACKOFF_MAX_MS, base * 2 ** Math.max(0, attempts - 1));
}

/** Where a document came from, for `storyline jobs`. */
function labelOf(doc: RawDocument): string {
  const where = doc.file ?? doc.provenance?.location ?? doc.id;
  return doc.record !== undefined ? `${where}:${doc.record}` : where;
}

/** Enqueues article jobs for raw documents, in chunks; returns the number enqueued. */
export async function enqueueDocuments(
  store: PostgresStore,
  docs: AsyncIterable<RawDocument> | Iterable<RawDocument>,
  opts: { recurring?: Map<string, Set<string>>; skipAnalysis?: boolean; maxAttempts?: number } = {},
): Promise<number> {
  let n = 0;
  let chunk: ArticleJobPayload[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    await store.pool.query(
      `INSERT INTO jobs (kind, payload, label, max_attempts)
       SELECT 'article', p, l, $3 FROM unnest($1::text[], $2::text[]) AS t(p, l)`,
      [
        chunk.map((p) => JSON.stringify(p)),
        chunk.map((p) => labelOf(p.doc)),
        opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ],
    );
    n += chunk.length;
    chunk = [];
  };
  for await (const doc of docs) {
    const key = opts.recurring?.size ? outletKeyOf(doc.content) : null;
    const lines = key ? opts.recurring?.get(key) : undefined;
    chunk.push({ doc, recurring: lines ? [...lines] : undefined, skipAnalysis: opts.skipAnalysis });
    if (chunk.length >= ENQUEUE_CHUNK) await flush();
  }
  await flush();
  return n;
}

/** Job counts and the failing jobs, for `storyline jobs`. */
export async function queueStats(store: PostgresStore, limit = 50): Promise<QueueStats> {
  const counts = await store.pool.query<{ kind: JobKind; state: string; n: number }>(
    "SELECT kind, state, count(*)::int AS n FROM jobs GROUP BY kind, state ORDER BY kind, state",
  );
  const failing = await store.pool.query(
    `SELECT id, kind, state, attempts, max_attempts, run_at, last_error, label FROM jobs
     WHERE state = 'dead' OR (state = 'pending' AND attempts > 0) ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return {
    counts: counts.rows,
    failing: failing.rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      state: r.state,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      runAt: new Date(r.run_at).toISOString(),
      lastError: r.last_error,
      label: r.label,
    })),
  };
}

/** Moves dead jobs back to pending with a fresh attempt budget; returns how many. */
export async function retryDeadJobs(store: PostgresStore): Promise<number> {
  const res = await store.pool.query(
    "UPDATE jobs SET state = 'pending', attempts = 0, run_at = now(), finished_at = NULL WHERE state = 'dead'",
  );
  return res.rowCount ?? 0;
}

export interface WorkerOptions {
  /** Jobs processed at once (and worker threads for extraction and analysis when above 1). */
  concurrency?: number;
  /** Return once no job is pending (otherwise run until `signal` aborts). */
  untilIdle?: boolean;
  signal?: AbortSignal;
  /** First retry delay, in ms (tests use a small one). */
  backoffBaseMs?: number;
  /** Called on notable events (reconnects, failures), for logging. */
  onEvent?: (e: WorkerEvent) => void;
}

export type WorkerEvent =
  | { type: "done"; job: number; kind: JobKind }
  | { type: "failed"; job: number; kind: JobKind; error: string; dead: boolean }
  | { type: "connection-lost"; error: string; retryInMs: number };

export interface WorkerSummary {
  done: number;
  failed: number;
  dead: number;
  reconnects: number;
}

interface ClaimedJob {
  id: number;
  kind: JobKind;
  payload: string;
  attempts: number;
  maxAttempts: number;
}

/**
 * Runs jobs until idle (with `untilIdle`) or until `signal` aborts. Survives database restarts:
 * on a lost connection the job in hand is left to its rolled-back transaction (pending again) and
 * the worker reconnects with backoff.
 */
export async function runWorker(store: PostgresStore, opts: WorkerOptions = {}): Promise<WorkerSummary> {
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  const pool = concurrency > 1 ? new DocumentPool({ threads: concurrency }) : null;
  const summary: WorkerSummary = { done: 0, failed: 0, dead: 0, reconnects: 0 };
  const who = `${hostname()}:${process.pid}`;
  // Aborting the signal cuts a sleep short; the timer's listener is removed either way.
  const sleep = (ms: number) => delay(ms, undefined, { signal: opts.signal }).catch(() => {});

  const processArticle = async (job: ClaimedJob, tx: PostgresStore) => {
    const payload = JSON.parse(job.payload) as ArticleJobPayload;
    const doc = payload.doc;
    if (!doc || typeof doc.content !== "string") throw new PermanentJobError("malformed article job payload");
    const key = payload.recurring ? outletKeyOf(doc.content) : null;
    const recurring = key && payload.recurring ? new Map([[key, new Set(payload.recurring)]]) : undefined;
    const article: Article = pool
      ? await pool.process(doc, recurring)
      : processDocument(doc, { recurring, skipAnalysis: payload.skipAnalysis });
    if (article.paragraphs.length === 0) throw new PermanentJobError("no article text found");
    const outcome = await tx.putArticle(article);
    if (outcome !== "unchanged") await ensureCorpusJob(tx);
  };

  const processCorpus = async (tx: PostgresStore) => {
    await tx.takeCorpusLock();
    const n = await corpusBatch(tx, { batchMax: CORPUS_JOB_BATCH });
    // More pending than one batch: the rest goes to a follow-up job.
    if (n >= CORPUS_JOB_BATCH) await ensureCorpusJob(tx);
  };

  /** Runs one job if one is runnable; false when there was none. */
  const runOne = async (): Promise<boolean> => {
    const client = await store.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const res = await client.query(
        `SELECT id, kind, payload, attempts, max_attempts FROM jobs
         WHERE state = 'pending' AND run_at <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (res.rows.length === 0) {
        await client.query("COMMIT");
        return false;
      }
      const r = res.rows[0];
      const job: ClaimedJob = {
        id: Number(r.id),
        kind: r.kind,
        payload: r.payload,
        attempts: r.attempts,
        maxAttempts: r.max_attempts,
      };
      const tx = store.bind(client);
      await client.query("SAVEPOINT job");
      try {
        if (job.kind === "article") await processArticle(job, tx);
        else if (job.kind === "corpus") await processCorpus(tx);
        else throw new PermanentJobError(`unknown job kind "${job.kind}"`);
        // Done jobs drop their payload (the article is stored; the raw document is not needed).
        await client.query(
          "UPDATE jobs SET state = 'done', attempts = attempts + 1, finished_at = now(), last_error = NULL, payload = '{}' WHERE id = $1",
          [job.id],
        );
        await client.query("COMMIT");
        summary.done++;
        opts.onEvent?.({ type: "done", job: job.id, kind: job.kind });
        return true;
      } catch (e) {
        if (isConnectionError(e)) throw e;
        await client.query("ROLLBACK TO SAVEPOINT job");
        const attempts = job.attempts + 1;
        const dead = e instanceof PermanentJobError || attempts >= job.maxAttempts;
        const reason = `${(e as Error)?.message ?? String(e)} (attempt ${attempts} on ${who})`;
        await client.query(
          `UPDATE jobs SET attempts = $2, last_error = $3, state = $4,
             run_at = now() + ($5::double precision * interval '1 millisecond'),
             finished_at = CASE WHEN $4 = 'dead' THEN now() ELSE NULL END
           WHERE id = $1`,
          [
            job.id,
            attempts,
            reason.slice(0, 2000),
            dead ? "dead" : "pending",
            backoffMs(attempts, opts.backoffBaseMs),
          ],
        );
        await client.query("COMMIT");
        summary.failed++;
        if (dead) summary.dead++;
        opts.onEvent?.({ type: "failed", job: job.id, kind: job.kind, error: reason, dead });
        return true;
      }
    } catch (e) {
      broken = e as Error;
      if (!isConnectionError(e)) await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release(broken && isConnectionError(broken) ? broken : undefined);
    }
  };

  const pendingCount = async () =>
    (await store.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE state = 'pending'"))
      .rows[0].n;

  const lane = async () => {
    let reconnectDelay = RECONNECT_FIRST_MS;
    while (!opts.signal?.aborted) {
      try {
        const did = await runOne();
        reconnectDelay = RECONNECT_FIRST_MS;
        if (did) continue;
        if (opts.untilIdle && (await pendingCount()) === 0) return;
        await sleep(POLL_MS);
      } catch (e) {
        if (!isConnectionError(e)) throw e;
        summary.reconnects++;
        opts.onEvent?.({ type: "connection-lost", error: (e as Error).message, retryInMs: reconnectDelay });
        await sleep(reconnectDelay);
        reconnectDelay = Math.min(RECONNECT_MAX_MS, reconnectDelay * 2);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    await pool?.close();
  }
  return summary;
}

/**
 * Makes sure a corpus job will run after the caller's transaction commits: reuses a pending corpus
 * job that no worker has started (locking it until the commit), or adds one. A corpus job already
 * running may not see this transaction's articles, hence "not started".
 */
async function ensureCorpusJob(tx: PostgresStore): Promise<void> {
  await tx.transaction(async (c: Pick<pg.Pool, "query">) => {
    const free = await c.query(
      "SELECT id FROM jobs WHERE kind = 'corpus' AND state = 'pending' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
    );
    if (free.rows.length > 0) return;
    await c.query(
      "INSERT INTO jobs (kind, payload, label, max_attempts) VALUES ('corpus', '{}', 'corpus stages', $1)",
      [DEFAULT_MAX_ATTEMPTS],
    );
  });
}

export interface EnqueueSummary {
  queued: number;
  failed: IngestFailure[];
}

/**
 * `storyline ingest --queue`: reads the inputs like `ingestPaths` (files, folders, URLs) and enqueues
 * one article job per raw document instead of processing it; workers do the rest.
 */
export async function enqueueInputs(
  store: PostgresStore,
  inputs: string[],
  opts: InputOptions & { skipAnalysis?: boolean; maxAttempts?: number } = {},
): Promise<EnqueueSummary> {
  const failed: IngestFailure[] = [];
  const recurring = await learnFromCaptures(inputs);
  const { skipAnalysis, maxAttempts, ...inputOpts } = opts;
  async function* docs(): AsyncGenerator<RawDocument> {
    for await (const item of readInputs(inputs, { ...inputOpts, store })) {
      if (item.ok) yield item.doc;
      else failed.push(item.error);
    }
  }
  const queued = await enqueueDocuments(store, docs(), { recurring, skipAnalysis, maxAttempts });
  return { queued, failed };
}
