/**
 * Syndication benchmark (`npm run bench:syndication [-- --quick]`).
 *
 * 1. Accuracy: census.csv and spotify.csv from ../shared/bench/syndication, every article added to
 *    a SyndicationIndex in file order; the predicted pairs are the verified matches `add()`
 *    returns (the same pairs `storyline versions --pairs` prints), scored with the data set's
 *    own score.mjs. Printed beside the baseline "exact 5-word-shingle Jaccard ≥ 0.5 over all
 *    pairs", computed in the same run.
 * 2. Scale: a generated corpus (bench/lib/gen-corpus.ts) of 200,000 articles (20,000 with
 *    --quick or SYNDICATION_QUICK=1): signing, query and insert throughput on one core, peak
 *    memory, and recall of the copy pairs found by exact all-pairs computation on a sample of
 *    5,000 articles.
 *
 * Writes bench/out/syndication.json.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  comparePair,
  type Sketch,
  SyndicationIndex,
  sketchArticle,
  sketchShingles,
} from "../src/corpus/syndication/index.js";
import { intersectionSize, shingleSet } from "../src/corpus/syndication/shingles.js";
import { ingestPaths } from "../src/pipeline/ingest.js";
import { Library } from "../src/service/library.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import { GeneratedCorpus } from "./lib/gen-corpus.js";
import { BENCH_DIR, HAS_BENCH, REPO_ROOT, runScorer } from "./lib/shared.js";
import { type CsvArticle, loadStoryParagraphs, loadSyndicationCsv } from "./lib/syndication-data.js";

const QUICK = process.argv.includes("--quick") || process.env.SYNDICATION_QUICK === "1";
const SYND_DIR = join(BENCH_DIR, "syndication");
/** The baseline's rule: 5-word-shingle Jaccard of at least this. */
const BASELINE_JACCARD = 0.5;

interface Scores {
  precision: number;
  recall: number;
  f1: number;
  recall_verbatim: number;
  pred_pairs: number;
  gold_pairs: number;
  missed: unknown[];
  spurious: unknown[];
}

function score(name: string, system: string, pairs: [string, string][]): Scores {
  mkdirSync(join(REPO_ROOT, "bench", "out"), { recursive: true });
  const pred = join(REPO_ROOT, "bench", "out", `syndication-${name}-${system}-pred.json`);
  writeFileSync(pred, JSON.stringify({ pairs }));
  return runScorer<Scores>(join(SYND_DIR, "score.mjs"), [
    "--gold",
    join(SYND_DIR, `${name}-pairs.json`),
    "--pred",
    pred,
  ]);
}

/** Our pairs: every verified match returned while adding the articles one by one. */
export function predictPairs(docs: CsvArticle[]): [string, string, number][] {
  const index = new SyndicationIndex();
  const pairs: [string, string, number][] = [];
  for (const d of docs) {
    for (const m of index.add({ id: d.id, paragraphs: d.paragraphs }))
      pairs.push([m.id, d.id, m.containment]);
  }
  return pairs;
}

function baselinePairs(docs: CsvArticle[]): [string, string][] {
  const sets = docs.map((d) => shingleSet(d.paragraphs));
  const out: [string, string][] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const inter = intersectionSize(sets[i], sets[j]);
      const union = sets[i].length + sets[j].length - inter;
      if (union > 0 && inter / union >= BASELINE_JACCARD) out.push([docs[i].id, docs[j].id]);
    }
  }
  return out;
}

async function accuracy(): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  console.log("== accuracy (pairs sharing a text origin; scorer: syndication/score.mjs)");
  console.log("set       system                      P      R      F1     recall_verbatim  pairs");
  for (const name of ["census", "spotify"]) {
    const docs = await loadSyndicationCsv(join(SYND_DIR, `${name}.csv`));
    const ours = score(
      name,
      "ours",
      predictPairs(docs).map(([a, b]) => [a, b]),
    );
    const base = score(name, "baseline", baselinePairs(docs));
    // The product path: `storyline ingest <csv>` then `storyline versions --pairs`.
    const store = new SqliteStore(":memory:");
    await ingestPaths(store, [join(SYND_DIR, `${name}.csv`)], { skipAnalysis: true });
    const viaCli = score(
      name,
      "pipeline",
      (await new Library(store).versionPairs()).map(([a, b]) => [a, b]),
    );
    await store.close();
    const row = (sys: string, s: Scores) =>
      console.log(
        `${name.padEnd(9)} ${sys.padEnd(27)} ${s.precision.toFixed(3)}  ${s.recall.toFixed(3)}  ${s.f1.toFixed(3)}  ${s.recall_verbatim.toFixed(3)}            ${s.pred_pairs}/${s.gold_pairs}`,
      );
    row("ours (sentence LSH+verify)", ours);
    row("ours via ingest + versions", viaCli);
    row("baseline 5-shingle J>=0.5", base);
    if (ours.missed.length || ours.spurious.length) {
      console.log(
        `          missed ${JSON.stringify(ours.missed)} spurious ${JSON.stringify(ours.spurious)}`,
      );
    }
    result[name] = {
      ours: {
        precision: ours.precision,
        recall: ours.recall,
        f1: ours.f1,
        missed: ours.missed,
        spurious: ours.spurious,
      },
      pipeline: { precision: viaCli.precision, recall: viaCli.recall, f1: viaCli.f1 },
      baseline: { precision: base.precision, recall: base.recall, f1: base.f1 },
      floor: 0.95,
      meetsFloor: ours.f1 >= 0.95,
    };
  }
  return result;
}

/** Articles in the generated corpus, and in the exactly-checked sample. */
const SCALE_ARTICLES = QUICK ? 20_000 : 200_000;
const SAMPLE_ARTICLES = QUICK ? 2_000 : 5_000;
/** Seed of the generated corpus. */
const SEED = 20180727;
/** Floors from the issue. */
const RATE_FLOOR = 5_000;
const RECALL_FLOOR = 0.99;

/**
 * CPU time of this process in ms. Throughput is measured in CPU time because the bench machine
 * is shared: wall time there measures the neighbours. The wall-clock rate is printed too.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function pairKey(a: number, b: number): number {
  return a < b ? a * 4_194_304 + b : b * 4_194_304 + a;
}

async function scale(): Promise<Record<string, unknown>> {
  const csvParas: string[] = [];
  for (const name of ["census", "spotify"]) {
    for (const d of await loadSyndicationCsv(join(SYND_DIR, `${name}.csv`))) csvParas.push(...d.paragraphs);
  }
  const source = [...new Set([...loadStoryParagraphs(), ...csvParas])];
  const corpus = new GeneratedCorpus(source, { articles: SCALE_ARTICLES, seed: SEED });
  const n = corpus.size;
  console.log(
    `\n== scale: ${n} generated articles (${corpus.familySize.length} families, ${source.length} source paragraphs, seed ${SEED})`,
  );

  // Sample: whole families drawn in a seeded order until SAMPLE_ARTICLES articles.
  const inSample = new Uint8Array(corpus.familySize.length);
  {
    let count = 0;
    let f = 0;
    const step = 7919; // prime stride over families: deterministic, spread over the corpus
    const nf = corpus.familySize.length;
    for (let k = 0; k < nf && count < SAMPLE_ARTICLES; k++) {
      f = (f + step) % nf;
      if (inSample[f]) continue;
      inSample[f] = 1;
      count += corpus.familySize[f];
    }
  }
  const sampleSlot = new Int32Array(n).fill(-1); // corpus position -> sample number
  const sampleDocs: number[] = [];
  for (let k = 0; k < n; k++) {
    if (inSample[corpus.family[k]]) {
      sampleSlot[k] = sampleDocs.length;
      sampleDocs.push(k);
    }
  }
  const slotById = new Map<string, number>();
  for (let k = 0; k < n; k++)
    if (sampleSlot[k] >= 0)
      slotById.set(GeneratedCorpus.id(corpus.family[k], corpus.index[k]), sampleSlot[k]);

  const index = new SyndicationIndex();
  const found = new Set<number>();
  let signMs = 0;
  let queryMs = 0;
  let insertMs = 0;
  let genMs = 0;
  let matches = 0;
  let peakRss = 0;
  let words = 0;
  const sampleSketches: Sketch[] = new Array(sampleDocs.length);
  const t0 = performance.now();
  let wallMs = 0;
  for (let k = 0; k < n; k++) {
    const g0 = cpuMs();
    const doc = corpus.at(k);
    const w1 = performance.now();
    const g1 = cpuMs();
    const sketch = sketchArticle(doc.paragraphs);
    const g2 = cpuMs();
    const found1 = index.query(sketch, doc.id);
    const g3 = cpuMs();
    index.insert(doc.id, sketch);
    const g4 = cpuMs();
    wallMs += performance.now() - w1;
    genMs += g1 - g0;
    signMs += g2 - g1;
    queryMs += g3 - g2;
    insertMs += g4 - g3;
    words += sketch[1];
    matches += found1.length;
    const me = sampleSlot[k];
    if (me >= 0) {
      sampleSketches[me] = sketch;
      for (const m of found1) {
        const other = slotById.get(m.id);
        if (other !== undefined) found.add(pairKey(me, other));
      }
    }
    if ((k & 1023) === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if ((k + 1) % 50_000 === 0)
      console.log(`  ${k + 1} articles, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const stats = index.stats();
  const mem = process.memoryUsage();

  // Exact computation on the sample: every pair sharing at least one shingle, scored exactly.
  const posting = new Map<number, number[]>();
  for (let i = 0; i < sampleSketches.length; i++) {
    for (const h of sketchShingles(sampleSketches[i])) {
      const list = posting.get(h);
      if (list) list.push(i);
      else posting.set(h, [i]);
    }
  }
  const checked = new Set<number>();
  let truthCopy = 0;
  let truthSent = 0;
  let hitCopy = 0;
  let hitSent = 0;
  let knownPairs = 0;
  let knownHit = 0;
  const e0 = performance.now();
  for (const list of posting.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const key = pairKey(list[x], list[y]);
        if (checked.has(key)) continue;
        checked.add(key);
        const s = comparePair(sampleSketches[list[x]], sampleSketches[list[y]]);
        if (s.isCopy) {
          truthCopy++;
          if (found.has(key)) hitCopy++;
        }
        if (s.sentenceContainment >= 0.5) {
          truthSent++;
          if (found.has(key)) hitSent++;
        }
      }
    }
  }
  const exactMs = performance.now() - e0;
  // Known relations (copy -> the version it was made from), for context.
  for (let i = 0; i < sampleDocs.length; i++) {
    const k = sampleDocs[i];
    const parent = corpus.parentOf(corpus.family[k], corpus.index[k]);
    if (parent < 0) continue;
    knownPairs++;
    const p = slotById.get(GeneratedCorpus.id(corpus.family[k], parent))!;
    if (found.has(pairKey(i, p))) knownHit++;
  }
  let falseFound = 0;
  for (const key of found) if (!checked.has(key)) falseFound++;

  const rate = (ms: number) => (n / ms) * 1000;
  const total = signMs + queryMs + insertMs;
  const res = {
    articles: n,
    families: corpus.familySize.length,
    avgWords: words / n,
    signPerSec: rate(signMs),
    queryPerSec: rate(queryMs),
    insertPerSec: rate(insertMs),
    endToEndPerSec: rate(total),
    endToEndWallPerSec: rate(wallMs),
    generateMs: genMs,
    matches,
    candidates: stats.candidates,
    postings: stats.postings,
    indexBytes: stats.bytes,
    peakRssMB: peakRss / 2 ** 20,
    heapUsedMB: mem.heapUsed / 2 ** 20,
    arrayBuffersMB: mem.arrayBuffers / 2 ** 20,
    sample: {
      articles: sampleDocs.length,
      exactPairsChecked: checked.size,
      exactMs,
      truePairsSentence: truthSent,
      recallSentence: truthSent ? hitSent / truthSent : 1,
      truePairsCopyRule: truthCopy,
      recallCopyRule: truthCopy ? hitCopy / truthCopy : 1,
      reportedNotInExact: falseFound,
      knownParentPairs: knownPairs,
      knownParentRecall: knownPairs ? knownHit / knownPairs : 1,
    },
  };
  const f = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(
    `  avg ${res.avgWords.toFixed(0)} words/article; ${matches} verified matches from ${stats.candidates} candidates; ${stats.postings} postings`,
  );
  console.log(`  sign    ${f(res.signPerSec).padStart(9)} articles/s`);
  console.log(`  query   ${f(res.queryPerSec).padStart(9)} articles/s`);
  console.log(`  insert  ${f(res.insertPerSec).padStart(9)} articles/s`);
  console.log(
    `  all     ${f(res.endToEndPerSec).padStart(9)} articles/s (sign + query + insert, one core, CPU time)   floor ${f(RATE_FLOOR)}`,
  );
  console.log(
    `          ${f(res.endToEndWallPerSec).padStart(9)} articles/s wall clock (includes time-sharing the CPU with other processes; load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
  );
  console.log(
    `  memory  peak rss ${res.peakRssMB.toFixed(0)} MB; index typed arrays ${(stats.bytes / 2 ** 20).toFixed(0)} MB; heap ${res.heapUsedMB.toFixed(0)} MB`,
  );
  const s = res.sample;
  console.log(
    `  recall on ${s.articles}-article sample vs exact all-pairs (${s.exactPairsChecked} pairs sharing a shingle, ${(exactMs / 1000).toFixed(1)} s):`,
  );
  console.log(
    `    sentence containment >= 0.5: ${s.recallSentence.toFixed(4)} of ${s.truePairsSentence} pairs   floor ${RECALL_FLOOR}`,
  );
  console.log(
    `    copy rule (sentences or 70% shingles): ${s.recallCopyRule.toFixed(4)} of ${s.truePairsCopyRule} pairs`,
  );
  console.log(
    `    generator's copy->parent relations found: ${s.knownParentRecall.toFixed(4)} of ${s.knownParentPairs} (heavily cut copies fall below 0.5 by design)`,
  );
  return res;
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = { quick: QUICK };
  if (!HAS_BENCH) {
    console.log(`benchmark data not found at ${BENCH_DIR}: nothing to run`);
    return;
  }
  out.accuracy = await accuracy();
  out.scale = await scale();
  mkdirSync(join(REPO_ROOT, "bench", "out"), { recursive: true });
  writeFileSync(join(REPO_ROOT, "bench", "out", "syndication.json"), JSON.stringify(out, null, 2));
}

await main();
