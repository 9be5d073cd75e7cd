/** End-to-end: the real CLI against the bundled sample corpus, in a temporary folder. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { REPO_ROOT, SAMPLE_DIR } from "../helpers/shared.js";

const CLI = join(REPO_ROOT, "src/cli/main.ts");

export function run(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", STORYLINE_DB: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), "sl-cli-"));

test("ingest the sample twice: 5 added, then 5 unchanged", () => {
  const db = join(tmp(), "s.db");
  const first = run(["ingest", SAMPLE_DIR, "--db", db]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^5 added, 0 unchanged, 0 new versions, 0 failed/m);
  const second = run(["ingest", SAMPLE_DIR, "--db", db, "--json"]);
  assert.equal(second.code, 0);
  const summary = JSON.parse(second.stdout);
  assert.equal(summary.unchanged.length, 5);
  assert.equal(summary.added.length, 0);
  const list = JSON.parse(run(["articles", "--db", db, "--json"]).stdout);
  assert.equal(list.length, 5);
});

test("show on the Sputnik seed: no menu, newsfeed or login lines in the body", () => {
  const db = join(tmp(), "s.db");
  run(["ingest", SAMPLE_DIR, "--db", db]);
  const out = run(["show", "003_2289f1614a6a0eeb", "--db", db, "--json"]);
  assert.equal(out.code, 0, out.stderr);
  const a = JSON.parse(out.stdout);
  const body = a.paragraphs.join("\n");
  for (const c of ["Newsfeed", "log in or register", "Subscribe", "Chats"]) assert.ok(!body.includes(c));
  assert.ok(a.chrome.includes("Newsfeed"));
  assert.equal(a.paragraphs.length, 7);
  const human = run(["show", "003_2289f1614a6a0eeb", "--db", db]);
  assert.match(human.stdout, /Removed chrome/);
});

test("extract on seed 001: title, date and Moscow Times URL", () => {
  const out = run(["extract", "--format", "jsonl", join(SAMPLE_DIR, "001_959b789aad009a97.txt")]);
  assert.equal(out.code, 0, out.stderr);
  const rec = JSON.parse(out.stdout.trim());
  assert.equal(rec.title, "Russian Military Needed in Syria Long Term, Assad Says");
  assert.equal(rec.published, "2018-07-27");
  assert.match(rec.url, /themoscowtimes\.com/);
  assert.equal(rec.language, "en");
  for (const k of [
    "id",
    "file",
    "title",
    "byline",
    "published",
    "dateSource",
    "outlet",
    "url",
    "language",
    "body",
  ]) {
    assert.ok(k in rec, `missing key ${k}`);
  }
});

test("changed content becomes a new version; bad files fail with exit 1 and the rest is stored", () => {
  const d = tmp();
  const db = join(d, "s.db");
  writeFileSync(
    join(d, "story.txt"),
    "A Headline For The Story\nThe first version of the body text is here.",
  );
  writeFileSync(join(d, "bad.json"), "{oops");
  const r1 = run(["ingest", join(d, "story.txt"), join(d, "bad.json"), "--db", db]);
  assert.equal(r1.code, 1);
  assert.match(r1.stderr, /bad\.json: invalid JSON/);
  writeFileSync(
    join(d, "story.txt"),
    "A Headline For The Story\nThe second, edited version of the body text is here.",
  );
  const r2 = run(["ingest", join(d, "story.txt"), "--db", db, "--json"]);
  assert.equal(r2.code, 0);
  assert.deepEqual(JSON.parse(r2.stdout).newVersions, ["story"]);
  assert.equal(JSON.parse(run(["articles", "--db", db, "--json"]).stdout).length, 1);
});

test("search finds seed text; usage errors exit 2", () => {
  const db = join(tmp(), "s.db");
  run(["ingest", SAMPLE_DIR, "--db", db]);
  const hits = JSON.parse(run(["search", "Hmeimim", "--db", db, "--json"]).stdout);
  assert.ok(hits.length >= 2);
  assert.equal(run(["show", "no-such-id", "--db", db]).code, 2);
  assert.equal(run(["frobnicate"]).code, 2);
  assert.equal(run(["articles", "--limit", "zero", "--db", db]).code, 2);
});
