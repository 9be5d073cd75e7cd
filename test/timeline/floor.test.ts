/**
 * Quality floor on Timeline17 (needs ../shared/bench): mean date F1 of `buildTimeline` over the
 * topics, asked for as many dates as each reference holds. bench/timelines.ts measures the full set
 * of figures (ROUGE, the baseline); this keeps the date selection from regressing. Measured 0.620.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { readT17Articles, t17Docs } from "../../bench/lib/timeline17.js";
import { buildTimeline } from "../../src/corpus/timeline/index.js";
import { BENCH_DIR, SKIP_NO_BENCH } from "../helpers/shared.js";

const FLOOR_DATE_F1 = 0.6;

test("Timeline17: mean date F1 ≥ 0.60", { skip: SKIP_NO_BENCH }, () => {
  const root = join(BENCH_DIR, "timelines", "t17");
  const f1s: number[] = [];
  for (const topic of readdirSync(root).sort()) {
    const dir = join(root, topic);
    const arts = readT17Articles(dir);
    for (const ref of readdirSync(dir).filter((f) => f.endsWith(".timeline.json"))) {
      const gold = new Set(
        (JSON.parse(readFileSync(join(dir, ref), "utf8")) as { date: string }[]).map((x) =>
          x.date.slice(0, 10),
        ),
      );
      const tl = buildTimeline(t17Docs(arts), { dates: gold.size, perDate: 1 });
      const hit = tl.filter((d) => gold.has(d.date)).length;
      f1s.push(hit ? (2 * hit) / (tl.length + gold.size) : 0);
    }
  }
  const mean = f1s.reduce((s, x) => s + x, 0) / f1s.length;
  assert.ok(mean >= FLOOR_DATE_F1, `mean date F1 ${mean.toFixed(3)} < ${FLOOR_DATE_F1}`);
});
