/**
 * Faults on SQLite: an ingest killed with SIGKILL part-way through a large batch, then run again,
 * stores every article exactly once and whole, and the file passes PRAGMA integrity_check; two
 * ingest processes writing one file at once both complete without errors.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { SqliteStore } from "../../src/store/sqlite/index.js";
import { writeJsonl } from "./generate.js";
import { assertStoredExactlyOnce, runCli, sampleSentences, waitFor } from "./helpers.js";

/** Articles in the killed batch: large enough that the kill lands mid-way (ingest of one takes ms). */
const BATCH = 400;

/** Rows visible to a separate reader (the writer may be mid-transaction). */
function countRows(db: string): number {
  try {
    const c = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (c.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
    } finally {
      c.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

test("an ingest killed with SIGKILL mid-batch, run again, stores every article exactly once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sl-fault-"));
  const input = join(dir, "batch.jsonl");
  writeJsonl(input, sampleSentences(), BATCH, 7);
  const db = join(dir, "s.db");

  const first = runCli(["ingest", input, "--db", db, "--json"]);
  await waitFor(() => countRows(db) >= BATCH / 4, 60_000);
  first.child.kill("SIGKILL");
  const killed = await first.done;
  assert.equal(killed.signal, "SIGKILL");
  const before = countRows(db);
  assert.ok(before > 0 && before < BATCH, `killed part-way (${before} of ${BATCH} stored)`);

  const second = await runCli(["ingest", input, "--db", db, "--json"]).done;
  assert.equal(second.code, 0, second.stderr);
  const summary = JSON.parse(second.stdout);
  assert.equal(summary.failed.length, 0);
  assert.equal(summary.added.length + summary.unchanged.length, BATCH);
  assert.equal(summary.unchanged.length, before, "articles stored before the kill are unchanged");

  const store = new SqliteStore(db);
  assert.equal(store.integrityCheck(), "ok");
  const fts = store.db.prepare("SELECT count(*) AS n FROM articles_fts").get() as { n: number };
  assert.equal(fts.n, BATCH, "one full-text row per article");
  await assertStoredExactlyOnce(store, [input]);
  await store.close();
});

test("two ingest processes on one SQLite file complete without errors or corruption", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sl-fault-"));
  const a = join(dir, "a.jsonl");
  const b = join(dir, "b.jsonl");
  // Overlapping halves: records 0..299 and 200..499 (100 ids written by both processes).
  writeJsonl(a, sampleSentences(), 300, 11);
  writeJsonl(b, sampleSentences(), 300, 11, 200);
  const db = join(dir, "s.db");
  const [ra, rb] = await Promise.all([
    runCli(["ingest", a, "--db", db, "--json"]).done,
    runCli(["ingest", b, "--db", db, "--json"]).done,
  ]);
  assert.equal(ra.code, 0, ra.stderr);
  assert.equal(rb.code, 0, rb.stderr);
  const sa = JSON.parse(ra.stdout);
  const sb = JSON.parse(rb.stdout);
  assert.equal(sa.failed.length + sb.failed.length, 0);
  assert.equal(sa.added.length + sb.added.length, 500, "each article added by exactly one process");

  const store = new SqliteStore(db);
  assert.equal(store.integrityCheck(), "ok");
  await assertStoredExactlyOnce(store, [a, b]);
  await store.close();
});

test("the SQLite corpus lock serialises read-modify-write updates and rolls back on failure", async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), "sl-fault-")), "s.db"));
  await store.setState("n", 0);
  await Promise.all(
    Array.from({ length: 4 }, () =>
      store.withCorpusLock(async (tx) => {
        const n = (await tx.getState<number>("n")) ?? 0;
        await new Promise((r) => setTimeout(r, 10));
        await tx.withCorpusLock(async (inner) => inner.setState("n", n + 1));
      }),
    ),
  );
  assert.equal(await store.getState("n"), 4);
  await assert.rejects(
    store.withCorpusLock(async (tx) => {
      await tx.setState("n", 99);
      throw new Error("boom");
    }),
  );
  assert.equal(await store.getState("n"), 4);
  await store.close();
});
