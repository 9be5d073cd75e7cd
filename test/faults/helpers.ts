/**
 * Helpers for fault tests: run the real CLI in a child process, wait for a condition, check that a
 * store holds each expected article exactly once, whole, and assigned by the corpus stages.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import type { RawDocument } from "../../src/model/article.js";
import { contentHash } from "../../src/model/hash.js";
import { processDocument } from "../../src/pipeline/ingest.js";
import { readPaths } from "../../src/read/files.js";
import type { StoriesState } from "../../src/service/state.js";
import { STATE_KEYS } from "../../src/service/state.js";
import type { Store } from "../../src/store/types.js";
import { REPO_ROOT, SAMPLE_DIR } from "../helpers/shared.js";
import { sentencesFromFolder } from "./generate.js";

export const CLI = join(REPO_ROOT, "src", "cli", "main.ts");

let cachedSentences: string[] | null = null;
/** Sentences of the bundled sample corpus (always present, no ../shared needed). */
export function sampleSentences(): string[] {
  cachedSentences ??= sentencesFromFolder(SAMPLE_DIR);
  return cachedSentences;
}

export interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `storyline <args>` from the sources (through tsx). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Polls `cond` every `everyMs` until it is true or `timeoutMs` passes (then throws). */
export async function waitFor(
  cond: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 50,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Articles checked against a fresh extraction of their input (the rest are checked for integrity). */
const REFERENCE_SAMPLE = 25;

/**
 * Every article of the input files stored exactly once (one version), whole (its content hash
 * matches its stored text; a sample equals a fresh extraction of its input), nothing else stored,
 * nothing left pending for the corpus stages, and every article in exactly one story.
 */
export async function assertStoredExactlyOnce(store: Store, inputs: string[]): Promise<void> {
  const docs = new Map<string, RawDocument>();
  for await (const item of readPaths(inputs)) if (item.ok) docs.set(item.doc.id, item.doc);
  const ids = [...docs.keys()].sort();
  assert.equal(await store.countArticles(), ids.length, "article count");
  const listed = (await store.listArticles()).map((a) => a.id).sort();
  assert.deepEqual(listed, ids, "stored ids");
  const step = Math.max(1, Math.floor(ids.length / REFERENCE_SAMPLE));
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const a = await store.getArticle(id);
    assert.ok(a && a.paragraphs.length > 0, `article ${id} missing or empty`);
    assert.equal(contentHash(a.title, a.paragraphs), a.contentHash, `article ${id} is not whole`);
    const versions = await store.listVersions(id);
    assert.equal(versions.length, 1, `article ${id} stored ${versions.length} times`);
    assert.equal(versions[0].contentHash, a.contentHash, `article ${id}: version row differs`);
    if (i % step === 0) {
      const ref = processDocument(docs.get(id)!);
      assert.deepEqual(a.paragraphs, ref.paragraphs, `article ${id} differs from a fresh extraction`);
    }
  }
  assert.deepEqual(await store.pendingCorpus(), [], "articles left pending for the corpus stages");
  const stories = await store.getState<StoriesState>(STATE_KEYS.stories);
  const seen = new Map<string, number>();
  for (const s of stories?.stories ?? []) for (const id of s.articles) seen.set(id, (seen.get(id) ?? 0) + 1);
  for (const id of ids) assert.equal(seen.get(id), 1, `article ${id} in ${seen.get(id) ?? 0} stories`);
  assert.equal(seen.size, ids.length, "stories reference unknown articles");
}
