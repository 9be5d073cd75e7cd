import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { openStore, type PostgresStore } from "../../src/store/index.js";
import { freshPostgresStore, freshSchema, PG_URL, SKIP_NO_PG, schemaUrl } from "../helpers/postgres.js";
import { article, runStoreContract } from "./contract.js";

if (SKIP_NO_PG) {
  test("PostgreSQL store contract", { skip: SKIP_NO_PG }, () => {});
} else {
  runStoreContract("postgres (schema per test)", () => freshPostgresStore({ poolSize: 3 }));

  describe("PostgreSQL store specifics", () => {
    test("openStore selects PostgreSQL from a URL; migrations are applied once, also when racing", async () => {
      const schema = freshSchema();
      const url = schemaUrl(schema);
      const [a, b] = await Promise.all([openStore(url), openStore(url)]);
      assert.equal(a.kind, "postgres");
      await a.putArticle(article("x", ["Persisted across connections."]));
      assert.equal(await b.countArticles(), 1);
      await Promise.all([a.close(), b.close()]);
      const c = (await openStore(url)) as PostgresStore;
      const n = await c.pool.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`);
      assert.ok(n.rows[0].n >= 4);
      assert.deepEqual(await c.consistencyCheck(), []);
      await c.close();
    });

    test("the corpus lock serialises read-modify-write updates and rolls back on failure", async () => {
      const s = await freshPostgresStore({ poolSize: 6 });
      await s.setState("counter", 0);
      await Promise.all(
        Array.from({ length: 5 }, () =>
          s.withCorpusLock(async (tx) => {
            const n = (await tx.getState<number>("counter")) ?? 0;
            await new Promise((r) => setTimeout(r, 20));
            await tx.setState("counter", n + 1);
          }),
        ),
      );
      assert.equal(await s.getState("counter"), 5);
      await assert.rejects(
        s.withCorpusLock(async (tx) => {
          await tx.setState("counter", 100);
          throw new Error("boom");
        }),
      );
      assert.equal(await s.getState("counter"), 5);
      await s.close();
    });

    test("stored articles are pending for the corpus stages until cleared", async () => {
      const s = await freshPostgresStore({ poolSize: 2 });
      await s.putArticle(article("a", ["One."]));
      await s.putArticle(article("b", ["Two."]));
      await s.putArticle(article("a", ["One."]));
      assert.deepEqual(await s.pendingCorpus(), ["a", "b"]);
      await s.clearPendingCorpus(["a"]);
      assert.deepEqual(await s.pendingCorpus(), ["b"]);
      await s.close();
    });

    test("text with NUL characters is stored and searchable", async () => {
      const s = await freshPostgresStore({ poolSize: 2 });
      await s.putArticle(article("z", ["Odd\u0000bytes in a zebra story."]));
      assert.deepEqual((await s.getArticle("z"))?.paragraphs, ["Odd\u0000bytes in a zebra story."]);
      assert.deepEqual(
        (await s.search("zebra")).map((h) => h.id),
        ["z"],
      );
      await s.close();
    });
  });
}

test("a bad PostgreSQL URL fails with STORE_OPEN_FAILED", { skip: PG_URL ? false : SKIP_NO_PG }, async () => {
  const u = new URL(PG_URL);
  u.port = "1";
  await assert.rejects(openStore(u.toString()), { code: "STORE_OPEN_FAILED" });
});
