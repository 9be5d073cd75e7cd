/**
 * Scale benchmark: articles generated deterministically from real news sentences (giveme5w1h, read
 * at bench time from ../shared/bench; the bundled sample corpus when that is absent), then:
 *  - ingest throughput on SQLite with --threads 1 and --threads 2 (read + extract + analyze + store;
 *    the corpus stages, single-threaded by design, are timed separately);
 *  - throughput of 1 and 2 `storyline worker` processes on PostgreSQL (queued articles, through the
 *    corpus jobs), when a server is given (--pg URL, STORYLINE_BENCH_PG or STORYLINE_TEST_PG);
 *  - search latency p50/p95 on both stores over a database of --search-articles articles (filled
 *    without the analysis stage, which search does not use).
 *
 * Floors: 2 threads ≥ 1.7× the throughput of 1; SQLite search p95 < 50 ms at 200,000 articles.
 *
 *   npm run bench:scale -- [--articles 200000] [--search-articles N] [--pg URL] [--no-pg] [--seed 1]
 *                          [--keep-search-db PATH]  (keep the filled SQLite search database, reuse it if present)
 *                          [--no-corpus]  (do not time the corpus stages after the --threads 2 ingest)
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { catchUpCorpus } from "../src/pipeline/corpus.js";
import { ingestPaths } from "../src/pipeline/ingest.js";
import { enqueueInputs } from "../src/pipeline/queue/index.js";
import { PostgresStore } from "../src/store/postgres/index.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import type { Store } from "../src/store/types.js";
import { generateRecords, sentencesFromFolder, splitSentences } from "../test/faults/generate.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BENCH_DIR = process.env.STORYLINE_SHARED
  ? join(process.env.STORYLINE_SHARED, "bench")
  : resolve(ROOT, "..", "shared", "bench");
const GIVEME = join(BENCH_DIR, "stories", "giveme5w1h-dev.jsonl");

/** Floors from the issue. */
const THREAD_SPEEDUP_FLOOR = 1.7;
const SEARCH_P95_FLOOR_MS = 50;
const FLOOR_ARTICLES = 200_000;
/** Records per generated JSONL file. */
const SHARD = 5_000;
/** Search queries timed per store. */
const QUERIES = 300;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const ARTICLES = Number(arg("articles") ?? 200_000);
const SEARCH_ARTICLES = Number(arg("search-articles") ?? ARTICLES);
const SEED = Number(arg("seed") ?? 1);
const TIME_CORPUS = !process.argv.includes("--no-corpus");
const PG_URL = process.argv.includes("--no-pg")
  ? ""
  : (arg("pg") ?? process.env.STORYLINE_BENCH_PG ?? process.env.STORYLINE_TEST_PG ?? "");

function sourceSentences(): { sentences: string[]; source: string } {
  if (existsSync(GIVEME)) {
    const sentences: string[] = [];
    for (const line of readFileSync(GIVEME, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { text?: string };
      if (r.text) sentences.push(...splitSentences(r.text));
    }
    return { sentences, source: "giveme5w1h-dev.jsonl" };
  }
  return { sentences: sentencesFromFolder(join(ROOT, "sample")), source: "sample/ (../shared/bench absent)" };
}

/** Writes the first `n` records into JSONL shards under `dir`. */
function writeShards(dir: string, sentences: string[], n: number): void {
  mkdirSync(dir, { recursive: true });
  let lines: string[] = [];
  let shard = 0;
  for (const r of generateRecords(sentences, n, SEED)) {
    lines.push(JSON.stringify(r));
    if (lines.length === SHARD) {
      writeFileSync(join(dir, `part-${String(shard++).padStart(4, "0")}.jsonl`), `${lines.join("\n")}\n`);
      lines = [];
    }
  }
  if (lines.length)
    writeFileSync(join(dir, `part-${String(shard).padStart(4, "0")}.jsonl`), `${lines.join("\n")}\n`);
}

const secs = (t0: number) => (performance.now() - t0) / 1000;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Deterministic queries: single words, AND pairs, phrases and ORs drawn from the source sentences. */
function makeQueries(sentences: string[]): string[] {
  let a = SEED * 7919;
  const rand = () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 2 ** 32;
  };
  const words = sentences.flatMap((s) => s.toLowerCase().match(/[a-z]{4,}/g) ?? []);
  const pick = () => words[Math.floor(rand() * words.length)];
  const qs: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const k = i % 4;
    if (k === 0) qs.push(pick());
    else if (k === 1) qs.push(`${pick()} ${pick()}`);
    else if (k === 2) {
      const s = sentences[Math.floor(rand() * sentences.length)].split(" ");
      const j = Math.floor(rand() * Math.max(1, s.length - 2));
      qs.push(`"${s.slice(j, j + 2).join(" ")}"`);
    } else qs.push(`${pick()} OR ${pick()}`);
  }
  return qs;
}

async function searchLatency(
  store: Store,
  queries: string[],
): Promise<{ p50: number; p95: number; hits: number }> {
  for (const q of queries.slice(0, 20)) await store.search(q); // warm caches
  const ms: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    hits += (await store.search(q, { limit: 20 })).length;
    ms.push(performance.now() - t0);
  }
  return { p50: pct(ms, 50), p95: pct(ms, 95), hits };
}

async function sqliteIngest(dir: string, threads: number, db: string, timeCorpus: boolean) {
  const store = new SqliteStore(db);
  const t0 = performance.now();
  const c0 = process.cpuUsage(); // the whole process: main thread and worker threads
  const s = await ingestPaths(store, [dir], { threads, skipCorpus: true });
  const ingestS = secs(t0);
  const c = process.cpuUsage(c0);
  const cpuS = (c.user + c.system) / 1e6;
  const t1 = performance.now();
  if (timeCorpus) await catchUpCorpus(store);
  const corpusS = timeCorpus ? secs(t1) : Number.NaN;
  const n = await store.countArticles();
  await store.close();
  if (s.failed.length) console.log(`  (${s.failed.length} failed, e.g. ${s.failed[0].reason})`);
  // Cores actually obtained (CPU time / wall time): on a shared machine a second thread only helps
  // as far as the scheduler grants a second core.
  return {
    articles: n,
    ingestS,
    corpusS,
    perSec: n / ingestS,
    cpuS,
    coresUsed: cpuS / ingestS,
    loadavgAfter: loadavg()[0],
  };
}

function runWorkers(url: string, n: number): Promise<number> {
  const t0 = performance.now();
  const procs = Array.from(
    { length: n },
    () =>
      new Promise<void>((res, rej) => {
        const c = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            join(ROOT, "src/cli/main.ts"),
            "worker",
            "--db",
            url,
            "--until-idle",
            "--quiet",
          ],
          {
            cwd: ROOT,
            stdio: ["ignore", "ignore", "inherit"],
          },
        );
        c.on("close", (code) => (code === 0 ? res() : rej(new Error(`worker exited with ${code}`))));
      }),
  );
  return Promise.all(procs).then(() => secs(t0));
}

async function pgRun(url: string, schema: string, dir: string, workers: number) {
  const store = await PostgresStore.open(url, { schema });
  const { queued } = await enqueueInputs(store, [dir]);
  const u = new URL(url);
  u.searchParams.set("schema", schema);
  const s = await runWorkers(u.toString(), workers);
  const n = await store.countArticles();
  await store.close();
  return { queued, articles: n, seconds: s, perSec: n / s };
}

async function dropSchema(url: string, schema: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await c.end();
}

async function main() {
  const { sentences, source } = sourceSentences();
  const work = mkdtempSync(join(tmpdir(), "sl-scale-"));
  const out: Record<string, unknown> = {
    articles: ARTICLES,
    searchArticles: SEARCH_ARTICLES,
    seed: SEED,
    source,
    sentences: sentences.length,
    cpus: cpus().length,
    loadavgAtStart: loadavg()[0],
  };
  console.log(
    `scale bench: ${ARTICLES} articles for throughput, ${SEARCH_ARTICLES} for search, from ${sentences.length} sentences of ${source}; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}`,
  );
  try {
    const tpDir = join(work, "tp");
    writeShards(tpDir, sentences, ARTICLES);

    // 1. SQLite ingest, 1 and 2 threads.
    // The corpus stages are single-threaded and the same for both runs: timed once, after the
    // second; the first run's database is dropped right away (4 GB at 200,000 articles).
    const t1 = await sqliteIngest(tpDir, 1, join(work, "t1.db"), false);
    rmSync(join(work, "t1.db"), { force: true });
    console.log(
      `SQLite ingest --threads 1: ${t1.perSec.toFixed(1)} articles/s (${t1.articles} in ${t1.ingestS.toFixed(1)} s, ${t1.coresUsed.toFixed(2)} cores used, ${((1000 * t1.cpuS) / t1.articles).toFixed(1)} ms CPU/article; load ${t1.loadavgAfter.toFixed(1)})`,
    );
    const t2 = await sqliteIngest(tpDir, 2, join(work, "t2.db"), TIME_CORPUS);
    console.log(
      `SQLite ingest --threads 2: ${t2.perSec.toFixed(1)} articles/s (${t2.articles} in ${t2.ingestS.toFixed(1)} s, ${t2.coresUsed.toFixed(2)} cores used, ${((1000 * t2.cpuS) / t2.articles).toFixed(1)} ms CPU/article; corpus stages ${t2.corpusS.toFixed(1)} s; load ${t2.loadavgAfter.toFixed(1)})`,
    );
    const speedup = t2.perSec / t1.perSec;
    console.log(
      `  speedup 2 threads / 1 thread: ${speedup.toFixed(2)}× (floor ${THREAD_SPEEDUP_FLOOR}×: ${speedup >= THREAD_SPEEDUP_FLOOR ? "met" : "NOT met"})`,
    );
    out.sqliteThreads1 = t1;
    out.sqliteThreads2 = t2;
    out.threadSpeedup = speedup;

    // 2. PostgreSQL workers.
    if (PG_URL) {
      for (const w of [1, 2]) {
        const schema = `bench_scale_w${w}_${process.pid}`;
        const r = await pgRun(PG_URL, schema, tpDir, w);
        console.log(
          `PostgreSQL ${w} worker${w > 1 ? "s" : ""}: ${r.perSec.toFixed(1)} articles/s (${r.articles} in ${r.seconds.toFixed(1)} s, incl. corpus jobs and process start)`,
        );
        out[`pgWorkers${w}`] = r;
        await dropSchema(PG_URL, schema);
      }
      const a = out.pgWorkers1 as { perSec: number };
      const b = out.pgWorkers2 as { perSec: number };
      console.log(`  speedup 2 workers / 1 worker: ${(b.perSec / a.perSec).toFixed(2)}×`);
    } else console.log("PostgreSQL: no server given (--pg URL or STORYLINE_BENCH_PG): skipped");

    // 3. Search latency over a SEARCH_ARTICLES-article database (no analysis: search doesn't use it).
    const searchDir = SEARCH_ARTICLES === ARTICLES ? tpDir : join(work, "search");
    const reusing = arg("keep-search-db") !== undefined && existsSync(arg("keep-search-db")!);
    if (searchDir !== tpDir && !(reusing && !PG_URL)) writeShards(searchDir, sentences, SEARCH_ARTICLES);
    const queries = makeQueries(sentences);
    // --keep-search-db PATH keeps the filled SQLite database (or reuses it when it exists).
    const keep = arg("keep-search-db");
    const reuse = keep !== undefined && existsSync(keep);
    // Same articles as the throughput runs: search the second run's database, no refill.
    const sameAsT2 = searchDir === tpDir && keep === undefined;
    const sq = new SqliteStore(keep ?? join(work, sameAsT2 ? "t2.db" : "search.db"));
    let t0 = performance.now();
    if (!reuse && !sameAsT2)
      await ingestPaths(sq, [searchDir], { threads: 2, skipAnalysis: true, skipCorpus: true });
    const fillS = secs(t0);
    const n = await sq.countArticles();
    const ls = await searchLatency(sq, queries);
    await sq.close();
    const floorNote =
      n >= FLOOR_ARTICLES
        ? ls.p95 < SEARCH_P95_FLOOR_MS
          ? "met"
          : "NOT met"
        : `not assessed: floor is at ${FLOOR_ARTICLES} articles`;
    console.log(
      `SQLite search over ${n} articles (${reuse ? "reused database" : sameAsT2 ? "the --threads 2 database" : `filled in ${fillS.toFixed(0)} s`}): p50 ${ls.p50.toFixed(2)} ms, p95 ${ls.p95.toFixed(2)} ms (floor p95 < ${SEARCH_P95_FLOOR_MS} ms: ${floorNote}); ${QUERIES} queries, ${ls.hits} hits`,
    );
    out.sqliteSearch = { articles: n, ...ls };
    if (PG_URL) {
      const schema = `bench_scale_search_${process.pid}`;
      const ps = await PostgresStore.open(PG_URL, { schema });
      t0 = performance.now();
      await ingestPaths(ps, [searchDir], { threads: 2, skipAnalysis: true, skipCorpus: true });
      const pfill = secs(t0);
      await ps.pool.query("ANALYZE");
      const pn = await ps.countArticles();
      const lp = await searchLatency(ps, queries);
      await ps.close();
      await dropSchema(PG_URL, schema);
      console.log(
        `PostgreSQL search over ${pn} articles (filled in ${pfill.toFixed(0)} s): p50 ${lp.p50.toFixed(2)} ms, p95 ${lp.p95.toFixed(2)} ms; ${lp.hits} hits`,
      );
      out.pgSearch = { articles: pn, ...lp };
    }
    out.loadavgAtEnd = loadavg()[0];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  mkdirSync(join(ROOT, "bench", "out"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "out", "scale.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log("wrote bench/out/scale.json");
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
