/**
 * `npm run bench:serve`: the story-list and story-page API endpoints under concurrent load, over a
 * store of 100,000 generated articles, on loopback only and bounded in time.
 *
 * Corpus: bench/lib/gen-corpus.ts (real giveme5w1h paragraphs, re-lexicalised, in wire-copy families),
 * inserted straight into a SQLite store (no pipeline: this measures serving, not ingesting). The corpus
 * state is written in the shapes the pipeline writes (`VersionsState`, `StoriesState`): families of
 * copies are version groups; families are grouped into stories of 1–12 families (~3 articles per
 * family), stories into storylines. The server runs in a child process (so the load generator does not
 * share its event loop); the client keeps CONNECTIONS requests in flight over keep-alive sockets for
 * DURATION_MS per endpoint and records every latency.
 *
 * Floor: p95 under 100 ms on each endpoint.
 *
 * Options: --articles N (default 100000), --duration SECONDS per endpoint (default 10),
 *          --connections N (default 8), --db PATH (reuse a store built by an earlier run),
 *          --no-cache (serve without the corpus-state cache, to see what it saves).
 */
import { fork } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Article } from "../src/model/article.js";
import { startServer, withStateCache } from "../src/server/index.js";
import { Library, STATE_KEYS, type StoriesState, type VersionsState } from "../src/service/library.js";
import type { StorylineView, StoryView, VersionGroupView } from "../src/service/types.js";
import { SqliteStore } from "../src/store/index.js";
import { GeneratedCorpus } from "./lib/gen-corpus.js";
import { HAS_BENCH, rng } from "./lib/shared.js";
import { loadStoryParagraphs } from "./lib/syndication-data.js";

/** The floor: 95th-percentile latency of each endpoint, in ms. */
const P95_FLOOR_MS = 100;
const SEED = 20240917;
/** Synthetic outlets the articles are spread over. */
const OUTLETS = 80;
/** Stories per storyline: bounds of a uniform draw. */
const STORYLINE_MIN = 3;
const STORYLINE_MAX = 40;
const DAY = 86_400_000;
const START = Date.parse("2015-01-01");
/** Ten years of publication dates. */
const SPAN_DAYS = 3650;

const here = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Child process: serve a store until told to stop.

if (process.argv[2] === "--serve-child") {
  const store = new SqliteStore(process.argv[3]);
  // As `storyline serve` runs it: with the corpus-state cache, unless measuring without it.
  const lib = new Library(process.argv[4] === "no-cache" ? store : withStateCache(store));
  const server = await startServer(lib, { host: "127.0.0.1", port: 0, webRoot: null });
  process.send?.({ port: server.port });
  process.on("message", async (m) => {
    if (m === "stop") {
      await server.close();
      await store.close();
      process.exit(0);
    }
  });
} else {
  await main();
}

// ---------------------------------------------------------------------------------------------

function outletOf(n: number) {
  return { name: `Outlet ${n}`, domain: `outlet${n}.example` };
}

function day(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Builds the store: articles, version groups, stories and storylines. Returns story ids. */
async function buildStore(path: string, articles: number): Promise<void> {
  const t0 = performance.now();
  const corpus = new GeneratedCorpus(loadStoryParagraphs(), { articles, seed: SEED });
  const store = new SqliteStore(path);
  const nFamilies = corpus.familySize.length;
  // Per family: a base date; copies follow within days. Outlets drawn per article.
  const famDay = new Float64Array(nFamilies);
  const r = rng(SEED);
  for (let f = 0; f < nFamilies; f++) famDay[f] = START + Math.floor(r() * SPAN_DAYS) * DAY;
  const meta = new Map<string, { outlet: string; published: string; title: string }>();
  const insert = store.db.transaction((batch: Article[]) => {
    for (const a of batch) void store.putArticle(a);
  });
  let batch: Article[] = [];
  const fetchedAt = new Date(START).toISOString();
  for (let k = 0; k < corpus.size; k++) {
    const g = corpus.at(k);
    const ar = rng(SEED ^ (g.family * 131 + g.index));
    const outlet = outletOf(Math.floor(ar() * OUTLETS));
    const published = day(famDay[g.family] + (g.index === 0 ? 0 : Math.floor(ar() * 4) * DAY));
    const first = g.paragraphs[0] ?? "";
    const title = first.split(/\s+/).slice(0, 9).join(" ");
    meta.set(g.id, { outlet: outlet.name, published, title });
    batch.push({
      id: g.id,
      title,
      byline: null,
      outlet,
      url: `https://${outlet.domain}/${g.id}`,
      published,
      dateSource: "meta",
      datePrecision: "day",
      language: "en",
      paragraphs: g.paragraphs,
      chrome: [],
      provenance: { kind: "record", location: "bench:serve", fetchedAt },
      contentHash: `bench-${g.id}`,
      messages: [],
    });
    if (batch.length === 1000) {
      insert(batch);
      batch = [];
    }
  }
  if (batch.length) insert(batch);
  const t1 = performance.now();

  // Version groups: each family with copies.
  const members = new Map<number, string[]>();
  for (let k = 0; k < corpus.size; k++) {
    const f = corpus.family[k];
    const list = members.get(f) ?? [];
    list.push(GeneratedCorpus.id(f, corpus.index[k]));
    members.set(f, list);
  }
  const groups: VersionGroupView[] = [];
  const pairs: [string, string, number][] = [];
  for (const [f, ids] of members) {
    if (ids.length < 2) continue;
    const origin = GeneratedCorpus.id(f, 0);
    groups.push({
      id: `g-${origin}`,
      origin,
      members: ids.map((id) => ({
        id,
        outlet: meta.get(id)!.outlet,
        published: meta.get(id)!.published,
        share: id === origin ? 1 : 0.8,
        title: meta.get(id)!.title,
      })),
    });
    for (const id of ids) if (id !== origin) pairs.push([origin, id, 0.8]);
  }
  await store.setState(STATE_KEYS.versions, { groups, pairs } satisfies VersionsState);

  // Stories: runs of 1–12 families (in family order), so a story averages ~20 articles.
  const stories: StoryView[] = [];
  const sr = rng(SEED + 7);
  for (let f = 0; f < nFamilies; ) {
    const take = 1 + Math.floor(sr() * 12);
    const ids: string[] = [];
    for (let x = f; x < Math.min(nFamilies, f + take); x++) ids.push(...(members.get(x) ?? []));
    f += take;
    const dated = ids
      .map((id) => ({ id, ...meta.get(id)! }))
      .sort((a, b) => a.published.localeCompare(b.published));
    const firstA = dated[0];
    stories.push({
      id: `s-${stories.length}`,
      label: firstA.title,
      articles: ids,
      outlets: [...new Set(dated.map((a) => a.outlet))],
      firstDate: firstA.published,
      lastDate: dated[dated.length - 1].published,
      firstReporter: { id: firstA.id, outlet: firstA.outlet, published: firstA.published },
      storyline: null,
    });
  }
  const storylines: StorylineView[] = [];
  for (let i = 0; i < stories.length; ) {
    const take = STORYLINE_MIN + Math.floor(sr() * (STORYLINE_MAX - STORYLINE_MIN));
    const part = stories.slice(i, i + take);
    i += take;
    const id = `l-${storylines.length}`;
    for (const s of part) s.storyline = id;
    storylines.push({
      id,
      label: part[0].label,
      stories: part.map((s) => s.id),
      articles: part.flatMap((s) => s.articles),
    });
  }
  await store.setState(STATE_KEYS.stories, { stories, storylines } satisfies StoriesState);
  await store.close();
  console.log(
    `built ${corpus.size} articles in ${((t1 - t0) / 1000).toFixed(1)} s; ${groups.length} version groups, ` +
      `${stories.length} stories, ${storylines.length} storylines (state ${((performance.now() - t1) / 1000).toFixed(1)} s)`,
  );
}

interface Stats {
  endpoint: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Keeps `connections` requests in flight for `durationMs`; `path(i)` names the i-th request. */
async function load(
  port: number,
  endpoint: string,
  path: (i: number) => string,
  connections: number,
  durationMs: number,
): Promise<Stats> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const lat: number[] = [];
  let errors = 0;
  let n = 0;
  const deadline = performance.now() + durationMs;
  const one = (p: string) =>
    new Promise<void>((resolve) => {
      const t = performance.now();
      const req = http.get({ host: "127.0.0.1", port, path: p, agent }, (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          if (res.statusCode !== 200) errors++;
          lat.push(performance.now() - t);
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      do await one(path(n++));
      while (performance.now() < deadline);
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  const sorted = Float64Array.from(lat).sort();
  return {
    endpoint,
    requests: lat.length,
    errors,
    rps: Math.round((lat.length / elapsed) * 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: "string", default: "100000" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "8" },
      db: { type: "string" },
      "no-cache": { type: "boolean", default: false },
    },
  });
  if (!HAS_BENCH) {
    console.log("bench:serve needs ../shared/bench (giveme5w1h text); not found, skipping");
    return;
  }
  const articles = Number(values.articles);
  const durationMs = Number(values.duration) * 1000;
  const connections = Number(values.connections);
  const dir = values.db ? null : mkdtempSync(join(tmpdir(), "sl-bench-serve-"));
  const dbPath = values.db ?? join(dir!, "bench.db");
  if (!existsSync(dbPath)) await buildStore(dbPath, articles);

  const probe = new SqliteStore(dbPath);
  const state = await probe.getState<StoriesState>(STATE_KEYS.stories);
  const storyIds = (state?.stories ?? []).map((s) => s.id);
  const stateBytes = (
    probe.db.prepare("SELECT length(value) AS n FROM corpus_state WHERE key = ?").get(STATE_KEYS.stories) as {
      n: number;
    }
  ).n;
  const total = await probe.countArticles();
  await probe.close();
  console.log(
    `store: ${total} articles, ${storyIds.length} stories, stories state ${(stateBytes / 1e6).toFixed(1)} MB`,
  );

  const child = fork(here, ["--serve-child", dbPath, values["no-cache"] ? "no-cache" : "cache"], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  const pick = rng(SEED + 11);
  const results: Stats[] = [];
  let firstMs = 0;
  try {
    // Warm-up: the first requests parse the corpus state, build the lookup indexes and JIT the
    // handlers (measured apart: "first request" below).
    const tFirst = performance.now();
    await load(port, "first request", () => `/api/stories/${storyIds[0]}`, 1, 0);
    firstMs = performance.now() - tFirst;
    await load(
      port,
      "warm-up",
      (i) => (i % 2 ? "/api/stories?limit=50" : `/api/stories/${storyIds[i % storyIds.length]}`),
      2,
      1000,
    );
    results.push(
      await load(
        port,
        "GET /api/stories (pages of 50)",
        () => `/api/stories?limit=50&offset=${Math.floor(pick() * 40) * 50}`,
        connections,
        durationMs,
      ),
    );
    results.push(
      await load(
        port,
        "GET /api/stories/{id}",
        () => `/api/stories/${storyIds[Math.floor(pick() * storyIds.length)]}`,
        connections,
        durationMs,
      ),
    );
  } finally {
    child.send("stop");
    await new Promise((r) => child.once("exit", r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  }

  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log(
    `\n${connections} concurrent connections, ${durationMs / 1000} s per endpoint, loopback` +
      (values["no-cache"] ? ", WITHOUT the corpus-state cache" : ""),
  );
  console.log(
    `${"endpoint".padEnd(34)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)}  errors  floor`,
  );
  console.log(`first request after start (state parse + index build): ${firstMs.toFixed(0)} ms`);
  let ok = true;
  for (const s of results) {
    const pass = s.p95 < P95_FLOOR_MS && s.errors === 0;
    ok &&= pass;
    console.log(
      `${s.endpoint.padEnd(34)} ${String(s.rps).padStart(7)} ${f(s.p50)} ${f(s.p95)} ${f(s.p99)} ${f(s.max)}  ${String(s.errors).padStart(6)}  p95 < ${P95_FLOOR_MS} ms: ${pass ? "met" : "NOT met"}`,
    );
  }
  mkdirSync(join(here, "..", "out"), { recursive: true });
  writeFileSync(
    join(here, "..", "out", "serve.json"),
    JSON.stringify(
      {
        articles: total,
        stories: storyIds.length,
        stateBytes,
        connections,
        durationMs,
        firstMs,
        results,
        floorP95Ms: P95_FLOOR_MS,
      },
      null,
      2,
    ),
  );
  console.log(`\nserve bench: ${ok ? "floor met" : "floor NOT met"} (written to bench/out/serve.json)`);
}
