/**
 * `npm run bench`: every stage's benchmark in turn, each in its own process (a per-stage script is
 * also runnable alone: `npm run bench:<stage>`). The long-running load benchmarks (serve, scale)
 * build 100,000–200,000-article stores; they run only with `--all`.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const STAGES = ["extract.ts", "syndication.ts", "stories.ts", "analyze.ts", "quotes.ts", "timelines.ts"];
const LOAD = ["serve.ts", "scale.ts"];

const scripts = process.argv.includes("--all") ? [...STAGES, ...LOAD] : STAGES;
const failed: string[] = [];
for (const script of scripts) {
  console.log(`\n######## bench/${script}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(HERE, script)], { stdio: "inherit" });
  if (r.status !== 0) failed.push(script);
}
console.log(failed.length ? `\nfinished; failed: ${failed.join(", ")}` : "\nfinished: every benchmark ran");
process.exitCode = failed.length ? 1 : 0;
