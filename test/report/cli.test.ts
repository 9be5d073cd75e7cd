/** End-to-end: `timeline`, `compare`, `export` through the real CLI on the sample corpus. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT, SAMPLE_DIR } from "../helpers/shared.js";

const CLI = join(REPO_ROOT, "src/cli/main.ts");
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", STORYLINE_DB: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test("timeline --json, compare --json and export --out on the sample", () => {
  const dir = mkdtempSync(join(tmpdir(), "sl-report-"));
  const db = join(dir, "s.db");
  assert.equal(run(["ingest", SAMPLE_DIR, "--db", db]).code, 0);

  const tl = run(["timeline", "--db", db, "--json", "--dates", "3", "--per-date", "1"]);
  assert.equal(tl.code, 0, tl.stderr);
  const dates = JSON.parse(tl.stdout);
  assert.ok(dates.length > 0 && dates.length <= 3);
  for (const d of dates) {
    assert.match(d.date, /^\d{4}(-\d{2}(-\d{2})?)?$/);
    assert.equal(d.entries.length, 1);
    const e = d.entries[0];
    assert.equal(typeof e.text, "string");
    assert.ok(Array.isArray(e.articles) && e.articles.length > 0);
    assert.ok(Array.isArray(e.outlets));
  }
  assert.equal(run(["timeline", "--db", db, "--dates", "0"]).code, 2);
  assert.equal(run(["timeline", "--db", db, "--story", "nope"]).code, 2);

  const stories = JSON.parse(run(["stories", "--db", db, "--json"]).stdout);
  const story = stories.find((s: { articles: string[] }) => s.articles.includes("000_e3fde3cb1ec42ca2"));
  assert.ok(story);
  const cmp = run(["compare", story.id, "--db", db, "--json"]);
  assert.equal(cmp.code, 0, cmp.stderr);
  const c = JSON.parse(cmp.stdout);
  assert.equal(c.story.id, story.id);
  assert.ok(c.outlets.some((o: { outlet: string }) => o.outlet === "themoscowtimes.com"));

  const out = join(dir, "r.html");
  const ex = run(["export", "--story", story.id, "--format", "html", "--out", out, "--db", db]);
  assert.equal(ex.code, 0, ex.stderr);
  assert.match(readFileSync(out, "utf8"), /^<!DOCTYPE html>/);
  assert.equal(run(["export", "--story", story.id, "--format", "pdf", "--db", db]).code, 2);
});
