/** Conflicts, outlet comparison and reports on the seed articles (bundled in sample/). */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { join } from "node:path";
import { compareOutlets } from "../../src/corpus/compare/index.js";
import { figureConflicts } from "../../src/corpus/conflicts/index.js";
import { libraryTimeline } from "../../src/corpus/timeline/articles.js";
import { ingestPaths } from "../../src/pipeline/ingest.js";
import { buildStoryReport, renderReport } from "../../src/report/index.js";
import { Library } from "../../src/service/library.js";
import { SqliteStore } from "../../src/store/sqlite/index.js";
import { REPO_ROOT, SAMPLE_DIR } from "../helpers/shared.js";

const A000 = "000_e3fde3cb1ec42ca2";
const A001 = "001_959b789aad009a97";
const A003 = "003_2289f1614a6a0eeb";

let lib: Library;
before(async () => {
  const store = new SqliteStore(":memory:");
  await ingestPaths(store, [SAMPLE_DIR]);
  lib = new Library(store);
});

async function storyWith(...ids: string[]) {
  const s = (await lib.stories()).find((x) => ids.every((id) => x.articles.includes(id)));
  assert.ok(s, `a story holding ${ids.join(", ")}`);
  return s;
}

test("conflicting figures: 'over 40 years' (000/001, one wire story) against '49 years' (003)", async () => {
  const conflicts = await figureConflicts(lib);
  const c = conflicts.find(
    (x) => x.values.some((v) => v.value === 40) && x.values.some((v) => v.value === 49),
  );
  assert.ok(c, JSON.stringify(conflicts, null, 1));
  const forty = c.values.find((v) => v.value === 40)!;
  const fortyNine = c.values.find((v) => v.value === 49)!;
  assert.deepEqual(forty.reports.flatMap((r) => r.articles).sort(), [A000, A001]);
  assert.equal(forty.reports.length, 1, "the wire story and its copy are one report");
  assert.match(forty.label, /over 40/);
  assert.deepEqual(
    fortyNine.reports.flatMap((r) => r.articles),
    [A003],
  );
  assert.equal(c.sources, 2);
  // "five years" of the amnesty quote is another quantity.
  assert.ok(!c.values.some((v) => v.value === 5));
});

test("compare: the Assad-interview copies list both outlets and the paragraphs only 000 carries", async () => {
  await storyWith(A000, A001);
  const c = compareOutlets(await lib.articlesByIds([A000, A001]), { groupOf: await lib.groupOf() });
  assert.equal(c.outlets.length, 2);
  const mt = c.outlets.find((o) => o.articles.some((a) => a.id === A001))!;
  const other = c.outlets.find((o) => o.articles.some((a) => a.id === A000))!;
  assert.ok(mt && other && mt !== other);
  assert.equal(mt.first, true, "001 is the dated one, so it came first");
  assert.equal(c.first?.article, A001);
  assert.ok(
    other.exclusive.some((p) => /Syrian Network for Human Rights/.test(p.text)),
    "SNHR paragraph only in 000",
  );
  assert.ok(!mt.exclusive.some((p) => /Syrian Network for Human Rights/.test(p.text)));
  // The edited paragraph ("hailed in the West" / "hailed internationally") is aligned, not exclusive.
  assert.ok(!other.exclusive.some((p) => /hailed internationally/.test(p.text)));
  assert.ok(!mt.exclusive.some((p) => /hailed in the West/.test(p.text)));
  const snhr = other.figures.find((f) => f.value === 6000);
  assert.ok(snhr && snhr.alsoIn.length === 0);
  const shared = other.figures.find((f) => f.value === 40);
  assert.deepEqual(shared?.alsoIn, [mt.outlet]);
});

test("compare over the whole story: every outlet once, the first reporter marked", async () => {
  const s = await storyWith(A000, A001);
  const c = compareOutlets(await lib.articlesByIds(s.articles), { groupOf: await lib.groupOf() });
  const ids = c.outlets.flatMap((o) => o.articles.map((a) => a.id)).sort();
  assert.deepEqual(ids, [...s.articles].sort());
  assert.equal(c.outlets.filter((o) => o.first).length >= 1, true);
  assert.equal(c.outlets[0].first, true, "outlets are ordered by first publication");
});

test("timeline of the story: dated events with precision and sources; copies counted once", async () => {
  const s = await storyWith(A000, A001);
  const tl = await libraryTimeline(lib, { story: s.id, perDate: 3 });
  const dates = tl.map((d) => d.date);
  assert.ok(dates.includes("2015"), dates.join(" "));
  assert.ok(dates.includes("2018-07-26"), "'Thursday' resolved against 001's date");
  const thursday = tl.find((d) => d.date === "2018-07-26")!;
  const interview = thursday.entries.find((e) => e.articles.includes(A001))!;
  assert.ok(interview.articles.includes(A000), "the undated copy is anchored on its wire story");
  assert.equal(interview.sources, 1);
  const y2015 = tl.find((d) => d.date === "2015")!;
  assert.equal(y2015.precision, "year");
  // Over the storyline (all five seeds), 2015 is reported by several independent sources.
  const line = (await lib.storylines()).find((l) => l.articles.includes(A000))!;
  const wide = await libraryTimeline(lib, { storyline: line.id, perDate: 3 });
  assert.ok(wide.find((d) => d.date === "2015")!.sources >= 2);
});

test("export md, html and json carry every section", async () => {
  const s = await storyWith(A000, A001);
  const report = await buildStoryReport(lib, s.id);
  assert.ok(report);
  const md = renderReport(report, "md");
  for (const h of [
    "Summary",
    "Timeline",
    "Outlets",
    "Version groups",
    "Quotes",
    "Figures",
    "Conflicting figures",
  ])
    assert.match(md, new RegExp(`^## ${h}$`, "m"), h);
  assert.match(md, /over 40 years/);
  const html = renderReport(report, "html");
  for (const id of ["summary", "timeline", "outlets", "versions", "quotes", "figures", "conflicts"])
    assert.ok(html.includes(`<section id="${id}">`), id);
  assert.ok(!/<script|<link|src=|@import/i.test(html), "no script, no external resources");
  assert.match(html, /<del>|<ins>/, "word-level diff of the wire copy");
  const json = JSON.parse(renderReport(report, "json"));
  for (const k of ["summary", "timeline", "comparison", "versionGroups", "quotes", "figures", "conflicts"])
    assert.ok(k in json, k);
  assert.equal(json.versionGroups.length, 1);
  const added = json.versionGroups[0].diffs[0].paragraphs.filter((p: { kind: string }) => p.kind === "added");
  assert.ok(
    added.some((p: { b: string }) => /Syrian Network for Human Rights/.test(p.b)),
    "000 adds the SNHR paragraph",
  );
  assert.equal(await buildStoryReport(lib, "no-such-story"), null);
});

test("the HTML export escapes a <script> title and body text and links only http(s) URLs", async () => {
  const store = new SqliteStore(":memory:");
  await ingestPaths(store, [join(REPO_ROOT, "test/fixtures/report/script-title.jsonl")]);
  const xlib = new Library(store);
  const [s] = await xlib.stories();
  assert.ok(s);
  const report = await buildStoryReport(xlib, s.id);
  assert.ok(report);
  const html = renderReport(report, "html");
  assert.ok(!/<script/i.test(html), "no script element");
  assert.ok(!/<b>breaks/.test(html));
  assert.match(html, /&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;/);
  assert.ok(!/href="javascript/i.test(html));
  const md = renderReport(report, "md");
  assert.ok(!/<script/i.test(md), "markdown escapes raw HTML too");
});
