/**
 * The Store contract: every implementation runs this suite (SQLite now, PostgreSQL next), like
 * hono's shared router tests. `makeStore` returns a fresh, empty store.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { contentHash } from "../../src/model/hash.js";
import type { Article } from "../../src/model/article.js";
import type { Store } from "../../src/store/types.js";

export function article(id: string, paragraphs: string[], extra: Partial<Article> = {}): Article {
  const title = extra.title ?? `Title of ${id}`;
  return {
    id,
    title,
    byline: null,
    outlet: { name: "Example News", domain: "example.com" },
    url: `https://example.com/${id}`,
    published: "2020-01-02",
    dateSource: "record",
    datePrecision: "day",
    language: "en",
    paragraphs,
    chrome: [],
    provenance: { kind: "file", location: `${id}.txt`, fetchedAt: "2026-01-01T00:00:00Z" },
    contentHash: contentHash(title, paragraphs),
    messages: [],
    ...extra,
  };
}

export function runStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    test("adds, then reports unchanged content as unchanged", async () => {
      const s = await makeStore();
      assert.equal(await s.putArticle(article("a", ["Alpha paragraph."])), "added");
      assert.equal(await s.putArticle(article("a", ["Alpha paragraph."])), "unchanged");
      assert.equal(await s.countArticles(), 1);
      await s.close();
    });

    test("changed content under a known id becomes a new version, old one stays readable", async () => {
      const s = await makeStore();
      await s.putArticle(article("a", ["First text."]));
      assert.equal(await s.putArticle(article("a", ["Second text, edited."])), "new-version");
      assert.equal(await s.countArticles(), 1);
      const versions = await s.listVersions("a");
      assert.deepEqual(
        versions.map((v) => v.version),
        [1, 2],
      );
      assert.deepEqual((await s.getArticle("a"))?.paragraphs, ["Second text, edited."]);
      assert.deepEqual((await s.getArticle("a", 1))?.paragraphs, ["First text."]);
      await s.close();
    });

    test("lists in date order with filters and returns null for unknown ids", async () => {
      const s = await makeStore();
      await s.putArticle(article("late", ["x."], { published: "2021-05-01" }));
      await s.putArticle(article("early", ["y."], { published: "2019-05-01" }));
      await s.putArticle(
        article("undated", ["z."], { published: null, dateSource: "undated", datePrecision: null }),
      );
      const ids = (await s.listArticles()).map((r) => r.id);
      assert.deepEqual(ids, ["early", "late", "undated"]);
      assert.deepEqual(
        (await s.listArticles({ from: "2020-01-01" })).map((r) => r.id),
        ["late"],
      );
      assert.equal(await s.getArticle("nope"), null);
      const iterated: string[] = [];
      for await (const a of s.iterateArticles(2)) iterated.push(a.id);
      assert.deepEqual(iterated, ["early", "late", "undated"]);
      await s.close();
    });

    test("full-text search finds words and phrases, survives hostile syntax", async () => {
      const s = await makeStore();
      await s.putArticle(
        article("m", ["The Hmeimim air base hosts Russian jets."], { title: "Bases in Syria" }),
      );
      await s.putArticle(article("n", ["Unrelated story about football."]));
      assert.deepEqual(
        (await s.search("hmeimim")).map((h) => h.id),
        ["m"],
      );
      assert.deepEqual(
        (await s.search('"air base"')).map((h) => h.id),
        ["m"],
      );
      assert.deepEqual((await s.search("football OR hmeimim")).map((h) => h.id).sort(), ["m", "n"]);
      assert.deepEqual(await s.search('"unbalanced AND ( NEAR*'), []);
      assert.match((await s.search("jets"))[0].snippet, /«jets»/);
      assert.deepEqual(
        (await s.search("jets", { snippets: false })).map((h) => h.id),
        ["m"],
      );
      // A title hit ranks above a body-only hit.
      await s.putArticle(
        article("t1", ["Nothing about it here. Filler."], { title: "Drone strike near Aleppo" }),
      );
      await s.putArticle(article("t2", ["A drone was seen. Filler text about something else entirely."]));
      assert.equal((await s.search("drone"))[0].id, "t1");
      await s.close();
    });

    test("updates stored analysis in place and keeps corpus state", async () => {
      const s = await makeStore();
      const a = article("a", ["Text."]);
      await s.putArticle(a);
      await s.updateArticle({ ...a, language: "fr" });
      assert.equal((await s.getArticle("a"))?.language, "fr");
      assert.equal((await s.listVersions("a")).length, 1);
      assert.equal(await s.getState("k"), null);
      await s.setState("k", { n: 1 });
      await s.setState("k", { n: 2 });
      assert.deepEqual(await s.getState("k"), { n: 2 });
      await s.close();
    });

    test("stores per-article binary data by kind", async () => {
      const s = await makeStore();
      await s.putBlobs("sketch", [
        { id: "a", data: new Uint8Array(new Uint32Array([1, 2, 0xffffffff]).buffer) },
        { id: "b", data: new Uint8Array([9]) },
      ]);
      await s.putBlobs("sketch", [{ id: "b", data: new Uint8Array([7, 7]) }]);
      await s.putBlobs("other", [{ id: "a", data: new Uint8Array([1]) }]);
      const got: Record<string, number[]> = {};
      for await (const { id, data } of s.iterateBlobs("sketch")) got[id] = [...data];
      assert.deepEqual(Object.keys(got), ["a", "b"]);
      assert.deepEqual(got.b, [7, 7]);
      assert.equal(got.a.length, 12);
      await s.close();
    });
  });
}
