/**
 * Quality floor: CoNLL++ dev entity F1 (conlleval, by the shared scorer) of the shipped model with
 * the facility rules, facility counted as LOC. Issue 6 sets the floor at 0.88; measured 0.915.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { runScorer } from "../../bench/lib/shared.js";
import { tagTokens } from "../../src/analyze/ner/index.js";
import { iobFromSpans } from "../../src/analyze/ner/tags.js";
import { BENCH_DIR, SKIP_NO_BENCH } from "../helpers/shared.js";

/** Issue 6 floor for CoNLL++ dev entity F1 (unitless). */
const FLOOR_F1 = 0.88;

test("CoNLL++ dev entity F1 stays above the floor", { skip: SKIP_NO_BENCH }, async () => {
  const nerDir = join(BENCH_DIR, "ner");
  const gold = join(nerDir, "conllpp", "dev.txt");
  const { readConll } = (await import(pathToFileURL(join(nerDir, "read-conll.mjs")).href)) as {
    readConll(f: string): { sentences: { tokens: string[] }[] }[];
  };
  const tags: string[][] = [];
  for (const d of readConll(gold)) {
    const spans = tagTokens(d.sentences.map((s) => s.tokens));
    d.sentences.forEach((s, k) => {
      const sp = spans[k].map((x) => ({ ...x, type: x.type === "FAC" ? "LOC" : x.type }));
      tags.push(iobFromSpans(sp, s.tokens.length));
    });
  }
  const dir = mkdtempSync(join(tmpdir(), "ner-floor-"));
  try {
    const pred = join(dir, "pred.json");
    writeFileSync(pred, JSON.stringify({ tags }));
    const { f1 } = runScorer<{ f1: number }>(join(nerDir, "score.mjs"), ["--gold", gold, "--pred", pred]);
    assert.ok(f1 >= FLOOR_F1, `dev F1 ${f1.toFixed(3)} < floor ${FLOOR_F1}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
