/**
 * Timeline benchmark: Timeline17 topics (../shared/bench/timelines/t17), scored by the folder's own
 * scorer (date F1, concat ROUGE-1/2, date-aligned ROUGE-1). For every topic, in the same run:
 *  - ours: `buildTimeline` (the method behind `storyline timeline`), with the topic's date count and
 *    sentences per date from `score.mjs --info`, over sentences split and time expressions resolved
 *    by our own analysis stage (the precomputed `dates` field of articles.json is not used);
 *  - baseline: the days with most articles, the first sentence of one article each.
 * Writes bench/out/timelines.json. Floors: mean date F1 ≥ 0.60; mean date-aligned ROUGE-1 ≥ 1.5×
 * the baseline's.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { splitSentences } from "../src/analyze/sentences.js";
import { buildTimeline } from "../src/corpus/timeline/index.js";
import { BENCH_DIR, REPO_ROOT, runScorer } from "./lib/shared.js";
import { readT17Articles, type T17Article, t17Docs } from "./lib/timeline17.js";

const DIR = join(BENCH_DIR, "timelines");
const SCORER = join(DIR, "score.mjs");
const OUT = join(REPO_ROOT, "bench", "out");
const FLOOR_DATE_F1 = 0.6;
const FLOOR_AROUGE_RATIO = 1.5;

interface Scores {
  date_f1: number;
  rouge1_f: number;
  rouge2_f: number;
  arouge1_f: number;
}

function info(topic: string): { dates: number; perDate: number } {
  const out = execFileSync(process.execPath, [SCORER, "--topic", topic, "--info"], { encoding: "utf8" });
  // One line per reference; topics here have one each, several would be averaged.
  const lines = [...out.matchAll(/dates=(\d+) per_date=(\d+)/g)];
  const avg = (i: number) => Math.round(lines.reduce((s, m) => s + Number(m[i]), 0) / lines.length);
  return { dates: avg(1), perDate: avg(2) };
}

function score(topic: string, pred: { date: string; text: string }[], file: string): Scores {
  writeFileSync(file, JSON.stringify(pred));
  const j = runScorer<Scores>(SCORER, ["--topic", topic, "--pred", file]);
  return { date_f1: j.date_f1, rouge1_f: j.rouge1_f, rouge2_f: j.rouge2_f, arouge1_f: j.arouge1_f };
}

/** The baseline: the T days with most articles, the first sentence of one article each. */
function baseline(arts: T17Article[], dates: number): { date: string; text: string }[] {
  const byDay = new Map<string, T17Article[]>();
  for (const a of arts) {
    const d = a.dct.slice(0, 10);
    const l = byDay.get(d) ?? [];
    l.push(a);
    byDay.set(d, l);
  }
  return [...byDay]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, dates)
    .map(([date, l]) => {
      const s = splitSentences(l[0].text)[0];
      return { date, text: s ? l[0].text.slice(s.start, s.end) : "" };
    });
}

function main(): void {
  const topics = readdirSync(join(DIR, "t17")).sort();
  mkdirSync(OUT, { recursive: true });
  const rows: { topic: string; ours: Scores; base: Scores; ms: number }[] = [];
  const t0 = performance.now();
  for (const name of topics) {
    const topic = join(DIR, "t17", name);
    const arts = readT17Articles(topic);
    const { dates, perDate } = info(topic);
    const start = performance.now();
    const tl = buildTimeline(t17Docs(arts), { dates, perDate });
    const ms = performance.now() - start;
    const pred = tl.map((d) => ({ date: d.date, text: d.entries.map((e) => e.text).join(" ") }));
    const ours = score(topic, pred, join(OUT, `timelines-${name}.json`));
    const base = score(topic, baseline(arts, dates), join(OUT, `timelines-${name}-baseline.json`));
    rows.push({ topic: name, ours, base, ms });
    console.log(
      `${name.padEnd(22)} dates=${String(dates).padStart(3)} k=${perDate}  ours: dateF1 ${ours.date_f1.toFixed(3)} R1 ${ours.rouge1_f.toFixed(3)} R2 ${ours.rouge2_f.toFixed(3)} aR1 ${ours.arouge1_f.toFixed(3)}   baseline: dateF1 ${base.date_f1.toFixed(3)} R1 ${base.rouge1_f.toFixed(3)} R2 ${base.rouge2_f.toFixed(3)} aR1 ${base.arouge1_f.toFixed(3)}   (${arts.length} articles, ${(ms / 1000).toFixed(1)} s)`,
    );
  }
  const mean = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  const ours = {
    date_f1: mean((r) => r.ours.date_f1),
    rouge1_f: mean((r) => r.ours.rouge1_f),
    rouge2_f: mean((r) => r.ours.rouge2_f),
    arouge1_f: mean((r) => r.ours.arouge1_f),
  };
  const base = {
    date_f1: mean((r) => r.base.date_f1),
    rouge1_f: mean((r) => r.base.rouge1_f),
    rouge2_f: mean((r) => r.base.rouge2_f),
    arouge1_f: mean((r) => r.base.arouge1_f),
  };
  const ratio = base.arouge1_f > 0 ? ours.arouge1_f / base.arouge1_f : Number.POSITIVE_INFINITY;
  const fmt = (s: Scores) =>
    `dateF1 ${s.date_f1.toFixed(3)}  R1 ${s.rouge1_f.toFixed(3)}  R2 ${s.rouge2_f.toFixed(3)}  aR1 ${s.arouge1_f.toFixed(3)}`;
  console.log(`\nmean over ${rows.length} topics`);
  console.log(`  ours      ${fmt(ours)}`);
  console.log(`  baseline  ${fmt(base)}`);
  console.log(`  published best (news-tls, Timeline17 average): dateF1 0.544`);
  const okF1 = ours.date_f1 >= FLOOR_DATE_F1;
  const okRatio = ratio >= FLOOR_AROUGE_RATIO;
  console.log(
    `floors: date F1 ${ours.date_f1.toFixed(3)} ≥ ${FLOOR_DATE_F1} ${okF1 ? "met" : "NOT MET"}; aR1 ratio ${ratio.toFixed(2)}× ≥ ${FLOOR_AROUGE_RATIO}× ${okRatio ? "met" : "NOT MET"}; total ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  writeFileSync(
    join(OUT, "timelines.json"),
    JSON.stringify({ topics: rows, mean: { ours, baseline: base }, ratio }, null, 2),
  );
  if (!okF1 || !okRatio) process.exitCode = 1;
}

main();
