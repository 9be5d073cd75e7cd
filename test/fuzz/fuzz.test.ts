/**
 * Bounded fuzzing of the readers, extraction and analysis with random and mutated inputs: no
 * exception, no document over the time limit (catastrophic regex backtracking shows up here), and no
 * runaway memory (each target runs in a worker thread with a heap limit). Seeded: the seed is printed
 * and a failing input is saved; rerun with STORYLINE_FUZZ_SEED=<seed> to reproduce, and set
 * STORYLINE_FUZZ_MS for a longer run.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, test } from "node:test";
import { Worker } from "node:worker_threads";
import { describeInput, type FuzzMessage, type TargetName } from "./targets.js";

/** Time budget per target, in ms. */
const BUDGET_MS = Number(process.env.STORYLINE_FUZZ_MS ?? 3_000);
/** Per-document time limit, in ms: real articles take tens of ms; a hang or backtracking blow-up
 * takes seconds to forever. Generous for a loaded CI machine. */
const PER_DOC_MS = 2_000;
/** Heap limit of the fuzzing thread, in MB: one input never needs more than a few tens. */
const HEAP_MB = 512;
const SEED = Number(process.env.STORYLINE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

const TARGETS: TargetName[] = ["read", "extract-html", "extract-text", "extract-record", "analyze"];

/**
 * Slow paths this fuzzer found in code owned by other parts of the project, reported with a fix and
 * awaiting it. The target still runs in full and prints its failure, but as a TODO that does not fail
 * the suite. Delete an entry as soon as its fix lands: the target is then strict again.
 */
const KNOWN_ISSUES: Partial<Record<TargetName, string>> = {};

function fuzz(target: TargetName): Promise<{ count: number; maxMs: number }> {
  const api = import.meta.resolve("tsx/esm/api");
  const entry = pathToFileURL(fileURLToPath(new URL("./targets.ts", import.meta.url))).href;
  const worker = new Worker(
    `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } },
  );
  return new Promise((resolve, reject) => {
    let current = -1;
    let timer: NodeJS.Timeout | null = null;
    const fail = (why: string) => {
      if (timer) clearTimeout(timer);
      void worker.terminate();
      let saved = "";
      if (current >= 0) {
        const file = join(tmpdir(), `storyline-fuzz-${target}-${SEED}-${current}.txt`);
        writeFileSync(file, describeInput(target, SEED, current));
        saved = `; input saved to ${file}`;
      }
      reject(new Error(`fuzz ${target}, seed ${SEED}, input ${current}: ${why}${saved}`));
    };
    worker.on("message", (m: FuzzMessage) => {
      if (m.type === "start") {
        current = m.i;
        timer = setTimeout(() => fail(`no result within ${PER_DOC_MS} ms`), PER_DOC_MS);
      } else if (m.type === "done") {
        if (timer) clearTimeout(timer);
      } else if (m.type === "error") fail(`threw: ${m.message}`);
      else {
        void worker.terminate();
        resolve({ count: m.count, maxMs: m.maxMs });
      }
    });
    worker.on("error", (e) => fail(`thread died: ${e.message}`));
    worker.postMessage({ target, seed: SEED, budgetMs: BUDGET_MS });
  });
}

describe(`fuzz (seed ${SEED}, ${BUDGET_MS} ms per target)`, () => {
  for (const target of TARGETS) {
    test(`${target}: no crash, hang or runaway memory on random and mutated inputs`, {
      todo: KNOWN_ISSUES[target] ?? false,
    }, async (t) => {
      const { count, maxMs } = await fuzz(target);
      t.diagnostic(`${target}: ${count} inputs, slowest ${maxMs.toFixed(0)} ms (seed ${SEED})`);
      assert.ok(count > 0);
    });
  }
});
