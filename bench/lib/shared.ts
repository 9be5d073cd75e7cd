/**
 * What the benchmarks, the training scripts and the benchmark-floor tests share: where
 * ../shared/bench is (re-exported from test/helpers/shared.ts), running one of its scorers, and a
 * seedable PRNG.
 */
import { execFileSync } from "node:child_process";

export { BENCH_DIR, HAS_BENCH, REPO_ROOT, SHARED_DIR } from "../../test/helpers/shared.js";

/** Largest scorer output read, in bytes: the extraction scorer prints per-page figures (~MBs). */
const SCORER_MAX_OUTPUT = 64 << 20;

/**
 * Runs one of ../shared/bench's scorers as `node <scorer> ...args --json` and returns its JSON.
 * Throws (with the scorer's exit status) if the scorer fails.
 */
// biome-ignore lint/suspicious/noExplicitAny: each scorer prints its own JSON shape; callers name it.
export function runScorer<T = any>(scorer: string, args: readonly string[]): T {
  const out = execFileSync(process.execPath, [scorer, ...args, "--json"], {
    encoding: "utf8",
    maxBuffer: SCORER_MAX_OUTPUT,
  });
  return JSON.parse(out) as T;
}

export { rng } from "../../test/helpers/rng.js";
