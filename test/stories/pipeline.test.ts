/**
 * The seeds through the real pipeline (read → extract → analyze → syndication → stories): the
 * clusterer sees what the product gives it (NER entity names, version groups, and dates where the
 * pages state them; 000 is an undated copy of 001, 002–004 are undated).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ingestPaths } from "../../src/pipeline/ingest.js";
import { Library } from "../../src/service/library.js";
import { SqliteStore } from "../../src/store/sqlite/index.js";
import { SAMPLE_DIR } from "../helpers/shared.js";

test("seeds through the pipeline: 000+001 one story, 002/003/004 three others, one storyline", async () => {
  const store = new SqliteStore(":memory:");
  try {
    await ingestPaths(store, [SAMPLE_DIR]);
    const lib = new Library(store);
    const stories = await lib.stories();
    const storyOf = (prefix: string) => {
      const s = stories.filter((x) => x.articles.some((a) => a.startsWith(prefix)));
      assert.equal(s.length, 1, `seed ${prefix} is in exactly one story`);
      return s[0]!.id;
    };
    const seeds = ["000", "001", "002", "003", "004"];
    const ids = Object.fromEntries(seeds.map((p) => [p, storyOf(p)]));
    assert.equal(ids["000"], ids["001"], "the wire copy and its origin share a story");
    assert.equal(
      new Set([ids["000"], ids["002"], ids["003"], ids["004"]]).size,
      4,
      `002, 003 and 004 are three other stories: ${JSON.stringify(ids)}`,
    );
    const lines = await lib.storylines();
    const withSeeds = lines.filter((l) => l.articles.some((a) => seeds.some((p) => a.startsWith(p))));
    assert.equal(withSeeds.length, 1, `one storyline: ${JSON.stringify(lines.map((l) => l.articles))}`);
    assert.equal(withSeeds[0]!.articles.length, 5);
    assert.equal(withSeeds[0]!.stories.length, 4);
  } finally {
    await store.close();
  }
});
