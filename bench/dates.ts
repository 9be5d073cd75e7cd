/**
 * Time-expression benchmark: TempEval-3 training data (TimeBank, AQUAINT) from ../shared/bench/dates.
 * Runs our extractor and chrono-node alone (the reference baseline, measured in the same run) with
 * each document's DCT as the reference date, scores both with the shared scorer (`score.mjs --json`),
 * and prints strict/relaxed span F1, type F1 and value F1, plus throughput.
 *
 *   npx tsx bench/dates.ts            # both corpora
 *   npx tsx bench/dates.ts --errors   # also write bench/out/dates-errors-<corpus>.tsv
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as chrono from "chrono-node";
import { extractTimes } from "../src/analyze/time/index.js";
import { runScorer, SHARED_DIR } from "./lib/shared.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const DATES_DIR = join(SHARED_DIR, "bench", "dates");
const OUT_DIR = join(HERE, "out");

interface Timex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
}
interface TmlDoc {
  doc: string;
  dct: string | null;
  text: string;
  timexes: Timex[];
}
type Pred = Record<string, { start: number; end: number; type: string; value: string }[]>;

export interface Scores {
  strict: number;
  relaxed: number;
  type: number;
  value: number;
}

export interface DatesBenchResult {
  corpus: string;
  docs: number;
  timexes: number;
  ours: Scores;
  chrono: Scores;
  docsPerSec: number;
  charsPerSec: number;
}

/** Passes over each corpus for the throughput figure (more passes, steadier figure). */
const THROUGHPUT_PASSES = 3;

const pad = (n: number): string => String(n).padStart(2, "0");

/** chrono-node alone: each parse result is one expression; value at the precision chrono is certain of. */
function chronoPredict(text: string, dct: string | null): Pred[string] {
  const ref = dct ? new Date(`${dct.slice(0, 10)}T12:00:00`) : new Date();
  return chrono.parse(text, ref).map((r) => {
    const c = r.start;
    const y = c.get("year") ?? 0;
    const m = c.get("month") ?? 1;
    const d = c.get("day") ?? 1;
    const full = `${y}-${pad(m)}-${pad(d)}`;
    let value = c.isCertain("day")
      ? full
      : c.isCertain("month")
        ? `${y}-${pad(m)}`
        : c.isCertain("year")
          ? `${y}`
          : full;
    const time = c.isCertain("hour");
    if (time) value += `T${pad(c.get("hour") ?? 0)}:${pad(c.get("minute") ?? 0)}`;
    return { start: r.index, end: r.index + r.text.length, type: time ? "TIME" : "DATE", value };
  });
}

function score(predFile: string, goldDir: string): Scores {
  const j = runScorer(join(DATES_DIR, "score.mjs"), ["--pred", predFile, "--gold", goldDir]);
  return { strict: j.strict.f1, relaxed: j.relaxed.f1, type: j.type.f1, value: j.value.f1 };
}

/** Runs the benchmark on one corpus folder ("TimeBank" or "AQUAINT"). */
export async function runDatesCorpus(
  corpus: string,
  opts: { errors?: boolean } = {},
): Promise<DatesBenchResult> {
  const { readTmlDir } = (await import(pathToFileURL(join(DATES_DIR, "read-tml.mjs")).href)) as {
    readTmlDir: (dir: string) => TmlDoc[];
  };
  const goldDir = join(DATES_DIR, "tempeval3", corpus);
  const docs = readTmlDir(goldDir);
  mkdirSync(OUT_DIR, { recursive: true });

  const ours: Pred = {};
  let chars = 0;
  // Warm-up so regex compilation and JIT do not count against throughput.
  for (const d of docs.slice(0, 5)) extractTimes(d.text, d.dct);
  // CPU time of this thread, not wall time: the figure is "on one core" even on a busy machine;
  // several passes make the measured interval long enough to be stable.
  const cpu0 = process.cpuUsage();
  for (let pass = 0; pass < THROUGHPUT_PASSES; pass++) {
    for (const d of docs) {
      ours[d.doc] = extractTimes(d.text, d.dct).map(({ start, end, type, value }) => ({
        start,
        end,
        type,
        value,
      }));
      if (pass === 0) chars += d.text.length;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  const secs = (cpu.user + cpu.system) / 1e6 / THROUGHPUT_PASSES;

  const base: Pred = {};
  for (const d of docs) base[d.doc] = chronoPredict(d.text, d.dct);

  const oursFile = join(OUT_DIR, `dates-pred-${corpus}.json`);
  const baseFile = join(OUT_DIR, `dates-chrono-${corpus}.json`);
  writeFileSync(oursFile, JSON.stringify(ours));
  writeFileSync(baseFile, JSON.stringify(base));

  if (opts.errors) writeErrors(docs, ours, join(OUT_DIR, `dates-errors-${corpus}.tsv`));

  return {
    corpus,
    docs: docs.length,
    timexes: docs.reduce((n, d) => n + d.timexes.length, 0),
    ours: score(oursFile, goldDir),
    chrono: score(baseFile, goldDir),
    docsPerSec: docs.length / secs,
    charsPerSec: chars / secs,
  };
}

/** One line per disagreement: missed, spurious, or wrong span/type/value (for error analysis). */
function writeErrors(docs: TmlDoc[], pred: Pred, file: string): void {
  const lines: string[] = [
    "kind\tdoc\tdct\tgold_text\tgold_type\tgold_value\tpred_text\tpred_type\tpred_value\tcontext",
  ];
  for (const d of docs) {
    const ps = pred[d.doc] ?? [];
    const used = new Set<number>();
    const ctx = (s: number, e: number): string =>
      d.text
        .slice(Math.max(0, s - 60), Math.min(d.text.length, e + 60))
        .replace(/\s+/g, " ")
        .trim();
    for (const g of d.timexes) {
      let best = -1;
      let bestOv = 0;
      ps.forEach((p, i) => {
        const ov = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        if (ov > bestOv && !used.has(i)) {
          bestOv = ov;
          best = i;
        }
      });
      const gt = `${g.text.replace(/\s+/g, " ")}\t${g.type}\t${g.value}`;
      if (best < 0) {
        lines.push(`missed\t${d.doc}\t${d.dct}\t${gt}\t\t\t\t${ctx(g.start, g.end)}`);
        continue;
      }
      used.add(best);
      const p = ps[best];
      const pt = `${d.text.slice(p.start, p.end).replace(/\s+/g, " ")}\t${p.type}\t${p.value}`;
      const kind =
        p.value !== g.value
          ? "value"
          : p.type !== g.type
            ? "type"
            : p.start !== g.start || p.end !== g.end
              ? "span"
              : "";
      if (kind) lines.push(`${kind}\t${d.doc}\t${d.dct}\t${gt}\t${pt}\t${ctx(g.start, g.end)}`);
    }
    ps.forEach((p, i) => {
      if (!used.has(i))
        lines.push(
          `spurious\t${d.doc}\t${d.dct}\t\t\t\t${d.text.slice(p.start, p.end).replace(/\s+/g, " ")}\t${p.type}\t${p.value}\t${ctx(p.start, p.end)}`,
        );
    });
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

const f = (x: number): string => x.toFixed(3);

/** Prints the comparison table; returns the results (also written to bench/out/dates.json). */
export async function runDatesBench(opts: { errors?: boolean } = {}): Promise<DatesBenchResult[] | null> {
  if (!existsSync(DATES_DIR)) {
    console.log(`dates: benchmark data not found at ${DATES_DIR}; skipped`);
    return null;
  }
  const results: DatesBenchResult[] = [];
  for (const corpus of ["TimeBank", "AQUAINT"]) results.push(await runDatesCorpus(corpus, opts));
  console.log("Time expressions (TempEval-3 training data, DCT as reference date)");
  console.log("corpus    system        strict  relaxed  type    value");
  for (const r of results) {
    for (const [name, s] of [
      ["storyline", r.ours],
      ["chrono-node", r.chrono],
    ] as const) {
      console.log(
        `${r.corpus.padEnd(9)} ${name.padEnd(12)}  ${f(s.strict)}   ${f(s.relaxed)}    ${f(s.type)}   ${f(s.value)}`,
      );
    }
  }
  for (const r of results) {
    console.log(
      `${r.corpus}: ${r.docs} docs, ${r.timexes} timexes; storyline ${r.docsPerSec.toFixed(0)} docs/s, ${(r.charsPerSec / 1e6).toFixed(2)} M chars/s (CPU time, one core)`,
    );
  }
  console.log(
    "published on the TempEval-3 test set: HeidelTime value F1 0.776, SUTime 0.674; floor: TimeBank value F1 >= 0.80",
  );
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, "dates.json"), JSON.stringify(results, null, 1));
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await runDatesBench({ errors: process.argv.includes("--errors") });
}
