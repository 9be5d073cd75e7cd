/**
 * Locates `../shared` (benchmark data and seed corpus), which exists on developer and CI
 * machines but not on a user's clone. Benchmark-only checks skip with a clear message when absent.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHARED_DIR = process.env.STORYLINE_SHARED ?? resolve(REPO_ROOT, "..", "shared");
export const BENCH_DIR = join(SHARED_DIR, "bench");
export const HAS_BENCH = existsSync(BENCH_DIR);
/** Pass as `{ skip: SKIP_NO_BENCH }` to node:test for benchmark-only checks. */
export const SKIP_NO_BENCH: string | false = HAS_BENCH
  ? false
  : `benchmark data not found at ${BENCH_DIR} (set STORYLINE_SHARED); skipping benchmark-only check`;
/** The bundled sample corpus (the five seed articles). */
export const SAMPLE_DIR = join(REPO_ROOT, "sample");
