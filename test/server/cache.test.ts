/** The server's corpus-state cache: same parsed value while unchanged, fresh after any write. */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { withStateCache } from "../../src/server/cache.js";
import { SqliteStore } from "../../src/store/index.js";

test("cached until this wrapper or another connection writes", async () => {
  const path = join(mkdtempSync(join(tmpdir(), "sl-cache-")), "c.db");
  const raw = new SqliteStore(path);
  const other = new SqliteStore(path);
  const cached = withStateCache(raw);
  await raw.setState("k", { n: 1 });
  const a = await cached.getState<{ n: number }>("k");
  assert.equal(a?.n, 1);
  assert.equal(await cached.getState("k"), a, "same object while unchanged");
  await other.setState("k", { n: 2 });
  assert.equal((await cached.getState<{ n: number }>("k"))?.n, 2, "another connection's commit is seen");
  await cached.setState("k", { n: 3 });
  assert.equal((await cached.getState<{ n: number }>("k"))?.n, 3, "own writes are seen");
  assert.equal(await cached.countArticles(), 0, "other methods pass through");
  await other.close();
  await raw.close();
});
