import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { SAMPLE_DIR } from "../../../test/helpers/shared.js";
import type { Article, RawDocument } from "../../model/article.js";
import { STATE_KEYS } from "../../service/state.js";
import { SqliteStore } from "../../store/sqlite/index.js";
import { ingestPaths, processDocument } from "../ingest.js";
import { DocumentPool, type DocumentPoolError } from "./pool.js";

const sampleDocs = (): RawDocument[] =>
  readdirSync(SAMPLE_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({
      id: f.replace(/\.txt$/, ""),
      file: join(SAMPLE_DIR, f),
      format: "text",
      content: readFileSync(join(SAMPLE_DIR, f), "utf8"),
      provenance: { kind: "file", location: join(SAMPLE_DIR, f), fetchedAt: "2026-01-01T00:00:00Z" },
    }));

test("the thread pool returns the same articles as processing in the calling thread", async () => {
  const docs = sampleDocs();
  const pool = new DocumentPool({ threads: 2 });
  try {
    const got = await Promise.all(docs.map((d) => pool.process(d)));
    for (let i = 0; i < docs.length; i++) assert.deepEqual(got[i], processDocument(docs[i]));
  } finally {
    await pool.close();
  }
});

test("a document over the time limit fails alone and its thread is replaced", async () => {
  const [doc] = sampleDocs();
  const pool = new DocumentPool({ threads: 1, timeoutMs: 1 });
  try {
    await assert.rejects(
      pool.process(doc),
      (e: unknown) => (e as DocumentPoolError).code === "DOCUMENT_TIMEOUT",
    );
    assert.equal(pool.threads, 1);
  } finally {
    await pool.close();
  }
});

test("ingest --threads 2 stores the same articles and corpus state as one thread", async () => {
  const one = new SqliteStore(":memory:");
  const two = new SqliteStore(":memory:");
  const s1 = await ingestPaths(one, [SAMPLE_DIR]);
  const s2 = await ingestPaths(two, [SAMPLE_DIR], { threads: 2 });
  assert.deepEqual(s2, s1);
  const strip = (rows: { ingestedAt: string }[]) => rows.map((r) => ({ ...r, ingestedAt: "" }));
  assert.deepEqual(strip(await two.listArticles()), strip(await one.listArticles()));
  const noTime = (a: Article | null) => a && { ...a, provenance: { ...a.provenance, fetchedAt: "" } };
  for (const id of s1.added)
    assert.deepEqual(noTime(await two.getArticle(id)), noTime(await one.getArticle(id)));
  for (const key of Object.values(STATE_KEYS))
    assert.deepEqual(await two.getState(key), await one.getState(key), `corpus state ${key}`);
  await one.close();
  await two.close();
});
