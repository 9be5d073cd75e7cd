/**
 * Article-body extraction benchmark (`npm run bench:extract`).
 *
 * Runs our HTML extractor and Mozilla Readability.js on linkedom over the pages of
 * ../shared/bench/extraction in the same process, one page at a time on one thread, times
 * each system in interleaved rounds (gunzip and charset decoding are done beforehand and not
 * timed; both systems get the same decoded string), writes the
 * predictions to bench/out/, scores both with the benchmark's own scorer (score.mjs) and prints
 * F1 / precision / recall / pages per second side by side.
 *
 * Options: --dir <extraction dir>  --only ours  (skip Readability)  --per-page  (worst pages)
 *          --rounds N  (timed rounds per system, interleaved; the fastest counts; default 3)
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { decodeBytes } from "../src/extract/charset.js";
import { extractHtml } from "../src/extract/html/index.js";
import { runScorer, SHARED_DIR } from "./lib/shared.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const DIR = opt("--dir", join(SHARED_DIR, "bench", "extraction"));
const OUT = join(here, "out");
const onlyOurs = opt("--only", "") === "ours";
/** Timed rounds per system (the fastest counts). */
const ROUNDS = Number(opt("--rounds", "3"));

/** Reference figure published in ../shared/bench/README.md (Readability.js + linkedom, here). */
const README_READABILITY_F1 = 0.944;
/** Floors from issue 3. */
const F1_FLOOR = 0.965;
const SPEED_RATIO_FLOOR = 3;

interface Page {
  key: string;
  html: string;
  url: string;
}

interface Score {
  f1: number;
  precision: number;
  recall: number;
  perPage: { key: string; precision: number; recall: number }[];
}

export function loadPages(dir: string): Page[] {
  const truth = JSON.parse(readFileSync(join(dir, "ground-truth.json"), "utf8")) as Record<
    string,
    { url: string }
  >;
  const pages: Page[] = [];
  for (const file of readdirSync(join(dir, "html")).sort()) {
    if (!file.endsWith(".html.gz")) continue;
    const key = file.slice(0, -".html.gz".length);
    const bytes = gunzipSync(readFileSync(join(dir, "html", file)));
    pages.push({ key, html: decodeBytes(bytes).text, url: truth[key]?.url ?? "" });
  }
  return pages;
}

function score(predPath: string): Score {
  return runScorer<Score>(join(DIR, "score.mjs"), ["--pred", predPath]);
}

type Extractor = (p: Page) => string;

/** One pass over all pages: predictions and elapsed milliseconds. */
function pass(
  name: string,
  pages: Page[],
  fn: Extractor,
): { pred: Record<string, { articleBody: string }>; ms: number; failures: number } {
  const pred: Record<string, { articleBody: string }> = {};
  let failures = 0;
  const t0 = performance.now();
  for (const p of pages) {
    let body = "";
    try {
      body = fn(p);
    } catch (err) {
      failures++;
      console.error(`${name}: ${p.key}: ${(err as Error).message}`);
    }
    pred[p.key] = { articleBody: body };
  }
  return { pred, ms: performance.now() - t0, failures };
}

/**
 * Times the systems in interleaved rounds (A B A B ...) after a warm-up, keeping each system's
 * fastest round: on a shared machine this is far less sensitive to other load than one pass each.
 */
function race(
  pages: Page[],
  systems: { name: string; fn: Extractor }[],
  rounds: number,
): { name: string; pred: Record<string, { articleBody: string }>; pagesPerSec: number; failures: number }[] {
  for (const s of systems) for (const p of pages.slice(0, 5)) s.fn(p);
  const best = systems.map(() => Number.POSITIVE_INFINITY);
  const preds: Record<string, { articleBody: string }>[] = [];
  const failures: number[] = [];
  for (let r = 0; r < rounds; r++) {
    systems.forEach((s, i) => {
      const res = pass(s.name, pages, s.fn);
      best[i] = Math.min(best[i], res.ms);
      if (r === 0) {
        preds[i] = res.pred;
        failures[i] = res.failures;
      }
    });
  }
  return systems.map((s, i) => ({
    name: s.name,
    pred: preds[i],
    pagesPerSec: (pages.length * 1000) / best[i],
    failures: failures[i],
  }));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const pages = loadPages(DIR);
  const rows: { system: string; f1: number; precision: number; recall: number; pagesPerSec: number }[] = [];

  const systems: { name: string; fn: Extractor }[] = [
    { name: "storyline (htmlparser2)", fn: (p) => extractHtml(p.html, { url: p.url }).paragraphs.join("\n") },
  ];
  if (!onlyOurs) {
    const { parseHTML } = await import("linkedom");
    const { Readability } = await import("@mozilla/readability");
    systems.push({
      name: "Readability.js + linkedom",
      fn: (p) => {
        const { document } = parseHTML(p.html);
        const article = new Readability(
          document as unknown as ConstructorParameters<typeof Readability>[0],
        ).parse();
        return article?.textContent ?? "";
      },
    });
  }
  const results = race(pages, systems, ROUNDS);
  const files = ["extract-ours.json", "extract-readability.json"];
  const scores: Score[] = [];
  results.forEach((r, i) => {
    const path = join(OUT, files[i]);
    writeFileSync(path, JSON.stringify(r.pred));
    const sc = score(path);
    scores.push(sc);
    rows.push({ system: r.name, ...pick(sc), pagesPerSec: r.pagesPerSec });
  });
  const ours = results[0];
  const oursScore = scores[0];
  const rbSpeed = results[1]?.pagesPerSec ?? Number.NaN;

  console.log(`\nArticle extraction — ${pages.length} pages from ${DIR}`);
  console.log("system                       F1      precision  recall   pages/s");
  for (const r of rows)
    console.log(
      `${r.system.padEnd(28)} ${r.f1.toFixed(3)}   ${r.precision.toFixed(3)}      ${r.recall.toFixed(3)}    ${r.pagesPerSec.toFixed(1)}`,
    );
  console.log(
    `(README reference: Readability.js + linkedom F1 ${README_READABILITY_F1}; trafilatura 0.958 published)`,
  );
  const ratio = ours.pagesPerSec / rbSpeed;
  if (!onlyOurs)
    console.log(`speed ratio ours / Readability: ${ratio.toFixed(2)}x (floor ${SPEED_RATIO_FLOOR}x)`);
  console.log(`F1 floor ${F1_FLOOR}: ${oursScore.f1 >= F1_FLOOR ? "met" : "NOT met"}`);
  if (ours.failures) console.log(`ours threw on ${ours.failures} pages`);
  if (args.includes("--per-page")) {
    const worst = oursScore.perPage
      .map((p) => ({ ...p, f: (2 * p.precision * p.recall) / (p.precision + p.recall || 1) }))
      .sort((a, b) => a.f - b.f)
      .slice(0, 15);
    for (const w of worst)
      console.log(
        `  ${w.key.slice(0, 12)} f=${w.f.toFixed(3)} p=${w.precision.toFixed(3)} r=${w.recall.toFixed(3)}`,
      );
  }
  writeFileSync(
    join(OUT, "extract.json"),
    JSON.stringify({ pages: pages.length, rows, speedRatio: ratio, f1Floor: F1_FLOOR }, null, 2),
  );
}

function pick(s: Score): { f1: number; precision: number; recall: number } {
  return { f1: s.f1, precision: s.precision, recall: s.recall };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
