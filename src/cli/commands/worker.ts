/**
 * `storyline worker` (pull jobs from the PostgreSQL queue and run them) and `storyline jobs` (what
 * the queue holds, and why failing jobs failed). Thin layers over src/pipeline/queue.
 */
import type { Command } from "commander";
import { queueStats, retryDeadJobs, runWorker, type WorkerEvent } from "../../pipeline/queue/index.js";
import { isPostgresLocation, openStore, type PostgresStore, resolveDbLocation } from "../../store/index.js";
import { UsageError } from "../errors.js";
import { clip, paint, printJson, table } from "../format.js";

/** Opens the PostgreSQL store named by --db / STORYLINE_DB; the queue lives only there. */
export async function openQueueStore(db: string | undefined, what: string): Promise<PostgresStore> {
  const location = resolveDbLocation(db);
  if (!isPostgresLocation(location))
    throw new UsageError(`${what} needs a PostgreSQL database (--db postgres://... or STORYLINE_DB)`);
  return (await openStore(location)) as PostgresStore;
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`invalid ${name} "${value}" (expected 1 to 256)`);
  return n;
}

export function registerWorkerCommands(program: Command): void {
  program
    .command("worker")
    .description("run queued jobs (extraction, analysis, corpus updates) from a PostgreSQL database")
    .option("--db <url>", "PostgreSQL URL (postgres://...)")
    .option("--concurrency <n>", "jobs at once; above 1 also runs extraction and analysis in threads", "1")
    .option("--until-idle", "exit once no job is pending (default: run until stopped)")
    .option("--quiet", "print only the final summary")
    .option("--json", "print the final summary as JSON")
    .action(async (opts) => {
      const concurrency = positiveInt(opts.concurrency, "--concurrency", 1);
      const store = await openQueueStore(opts.db, "worker");
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      const log = (e: WorkerEvent) => {
        if (opts.quiet || opts.json) return;
        if (e.type === "failed")
          console.error(
            paint(
              "red",
              `job ${e.job} (${e.kind}) ${e.dead ? "dead" : "will retry"}: ${e.error}`,
              process.stderr,
            ),
          );
        else if (e.type === "connection-lost")
          console.error(`database connection lost (${e.error}); retrying in ${e.retryInMs} ms`);
      };
      try {
        const summary = await runWorker(store, {
          concurrency,
          untilIdle: Boolean(opts.untilIdle),
          signal: stop.signal,
          onEvent: log,
        });
        if (opts.json) printJson(summary);
        else
          console.log(
            `${summary.done} jobs done, ${summary.failed} failed attempts, ${summary.dead} dead, ${summary.reconnects} reconnects`,
          );
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        await store.close();
      }
    });

  program
    .command("jobs")
    .description("show the job queue: counts per kind and state, and failing or dead jobs with the reason")
    .option("--db <url>", "PostgreSQL URL (postgres://...)")
    .option("--json", "print as JSON")
    .option("--limit <n>", "failing jobs to list", "50")
    .option("--retry-dead", "move dead jobs back to the queue with a fresh attempt budget")
    .action(async (opts) => {
      const store = await openQueueStore(opts.db, "jobs");
      try {
        if (opts.retryDead) {
          const n = await retryDeadJobs(store);
          if (!opts.json) console.log(`${n} dead jobs queued again`);
        }
        const stats = await queueStats(store, positiveInt(opts.limit, "--limit", 50));
        if (opts.json) {
          printJson(stats);
          return;
        }
        if (stats.counts.length === 0) console.log("no jobs");
        else
          console.log(
            table(
              ["kind", "state", "jobs"],
              stats.counts.map((c) => [c.kind, c.state, c.n]),
            ),
          );
        if (stats.failing.length > 0) {
          console.log("");
          console.log(
            table(
              ["id", "kind", "state", "attempts", "next run", "input", "reason"],
              stats.failing.map((j) => [
                j.id,
                j.kind,
                j.state,
                `${j.attempts}/${j.maxAttempts}`,
                j.state === "pending" ? j.runAt : "",
                clip(j.label, 40),
                clip(j.lastError, 80),
              ]),
            ),
          );
        }
      } finally {
        await store.close();
      }
    });
}
