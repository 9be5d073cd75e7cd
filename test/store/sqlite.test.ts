import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { SqliteStore } from "../../src/store/sqlite/index.js";
import { article, runStoreContract } from "./contract.js";

runStoreContract("sqlite (memory)", async () => new SqliteStore(":memory:"));
runStoreContract(
  "sqlite (file, WAL)",
  async () => new SqliteStore(join(mkdtempSync(join(tmpdir(), "sl-")), "t.db")),
);

test("a reopened file keeps its data and migrations are applied once", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "sl-")), "t.db");
  const s1 = new SqliteStore(path);
  await s1.putArticle(article("a", ["Persisted."]));
  await s1.close();
  const s2 = new SqliteStore(path);
  assert.equal(await s2.countArticles(), 1);
  assert.equal(s2.integrityCheck(), "ok");
  await s2.close();
});
