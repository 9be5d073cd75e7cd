/**
 * The whole pipeline on the bundled sample corpus (the five seed articles): what the issues promise
 * users on the seeds, through the same library calls the CLI makes.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { ingestPaths } from "../../src/pipeline/ingest.js";
import { Library } from "../../src/service/library.js";
import { SqliteStore } from "../../src/store/sqlite/index.js";
import { SAMPLE_DIR } from "../helpers/shared.js";

const A000 = "000_e3fde3cb1ec42ca2";
const A001 = "001_959b789aad009a97";

describe("sample corpus through the pipeline", () => {
  const store = new SqliteStore(":memory:");
  const lib = new Library(store);
  before(async () => {
    const s = await ingestPaths(store, [SAMPLE_DIR]);
    assert.equal(s.added.length, 5);
  });

  test("syndication: 000 and 001 form one group with 001 (dated) as origin; 002-004 in none", async () => {
    const groups = await lib.versionGroups();
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0].members.map((m) => m.id).sort(), [A000, A001]);
    assert.equal(groups[0].origin, A001);
    const pairs = await lib.versionPairs();
    assert.equal(pairs.length, 1);
    assert.ok(pairs[0][2] >= 0.5);
  });

  test("diff: SNHR casualty paragraph only in 000, 'more than just fighting terrorism' only in 001, hailed change", async () => {
    const d = (await lib.diff(A000, A001))!;
    const removed = d.paragraphs.filter((p) => p.kind === "removed").map((p) => p.a ?? "");
    assert.ok(
      removed.some((p) => p.includes("6,000 civilians")),
      "casualty paragraph removed in 001",
    );
    const changed = d.paragraphs.filter((p) => p.kind === "changed");
    const added = (p: (typeof changed)[number]) =>
      (p.words ?? [])
        .filter((w) => w.added)
        .map((w) => w.value)
        .join(" ");
    const gone = (p: (typeof changed)[number]) =>
      (p.words ?? [])
        .filter((w) => w.removed)
        .map((w) => w.value)
        .join(" ");
    assert.ok(changed.some((p) => added(p).includes("more than just fighting terrorism")));
    const hailed = changed.find((p) => (p.a ?? "").includes("widely hailed"))!;
    assert.ok(hailed, "the hailed paragraph is a change, not a remove + add");
    assert.match(gone(hailed), /internationally/);
    assert.match(added(hailed), /in the West/);
  });

  test("entities: aliases merged and key names typed", async () => {
    const ents = await lib.entities();
    const find = (name: string) => ents.find((e) => e.name === name || e.aliases.includes(name));
    const assad = find("Bashar al-Assad")!;
    assert.equal(assad.type, "person");
    assert.ok(assad.aliases.some((a) => a === "Assad"));
    assert.ok(
      assad.aliases.some((a) => /al Assad/.test(a)),
      "al-Assad = al Assad",
    );
    for (const p of ["Putin", "Erdogan"]) assert.equal(find(p)?.type, "person", p);
    assert.equal(find("Interfax")?.type, "organization");
    assert.equal(find("Hmeimim")?.type, "facility");
  });

  test("quotes: Assad via Interfax/TASS, shown once with both carriers; figures with SNHR as source", async () => {
    const quotes = await lib.quotes({ speaker: "assad" });
    const tass = quotes.find((q) => q.text.includes("We call on refugees"))!;
    assert.deepEqual(tass.via, ["TASS"]);
    assert.deepEqual(tass.articles.sort(), [A000, A001]);
    // One speaker by one name across articles that spell him "al-Assad" and "al Assad".
    const names = new Set(quotes.filter((q) => q.speaker?.entity).map((q) => q.speakerName));
    assert.deepEqual([...names], ["Bashar al-Assad"]);
    const figures = await lib.figures();
    const civ = figures.find((f) => f.text.includes("6,000"))!;
    assert.match(civ.source ?? "", /Syrian Network for Human Rights|SNHR/);
    assert.ok(figures.some((f) => f.text.includes("49 years")));
    assert.ok(figures.some((f) => f.text.includes("over 40 years")));
  });

  test("time expressions resolved against the publication date", async () => {
    const a = (await store.getArticle(A001))!;
    const thursday = a.analysis!.times.find((t) => /Thursday/.test(t.text))!;
    assert.equal(thursday.value, "2018-07-26");
  });
});
