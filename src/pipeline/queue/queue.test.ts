import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { freshPostgresStore, SKIP_NO_PG, schemaUrl } from "../../../test/helpers/postgres.js";
import { SAMPLE_DIR } from "../../../test/helpers/shared.js";
import { writeJsonl } from "../../../test/faults/generate.js";
import { runCli, sampleSentences } from "../../../test/faults/helpers.js";
import { STATE_KEYS, type StoriesState, type VersionsState } from "../../service/state.js";
import { SqliteStore } from "../../store/sqlite/index.js";
import type { Store } from "../../store/types.js";
import { ingestPaths } from "../ingest.js";
import { backoffMs, enqueueInputs, queueStats, retryDeadJobs, runWorker } from "./index.js";

/** Story memberships and version groups as sets of sorted id lists (ids of clusters aside). */
async function corpusShape(store: Store) {
  const stories = await store.getState<StoriesState>(STATE_KEYS.stories);
  const versions = await store.getState<VersionsState>(STATE_KEYS.versions);
  return {
    stories: (stories?.stories ?? []).map((s) => [...s.articles].sort().join(" ")).sort(),
    groups: (versions?.groups ?? [])
      .map((g) =>
        g.members
          .map((m) => m.id)
          .sort()
          .join(" "),
      )
      .sort(),
  };
}

test("backoff doubles from the base and is capped", () => {
  assert.equal(backoffMs(1, 100), 100);
  assert.equal(backoffMs(3, 100), 400);
  assert.ok(backoffMs(50) <= 5 * 60_000);
});

describe("PostgreSQL job queue", { skip: SKIP_NO_PG }, () => {
  test("queued sample ingest, run by two workers, gives the same corpus as an in-place ingest", async () => {
    const pg = await freshPostgresStore();
    const queued = await enqueueInputs(pg, [SAMPLE_DIR]);
    assert.equal(queued.queued, 5);
    const [a, b] = await Promise.all([
      runWorker(pg, { untilIdle: true }),
      runWorker(pg, { untilIdle: true }),
    ]);
    assert.equal(a.failed + b.failed, 0);
    assert.ok(a.done + b.done >= 6, "5 article jobs and at least one corpus job");
    const sqlite = new SqliteStore(":memory:");
    await ingestPaths(sqlite, [SAMPLE_DIR]);
    assert.deepEqual(await corpusShape(pg), await corpusShape(sqlite));
    assert.deepEqual(await pg.pendingCorpus(), []);
    await sqlite.close();
    await pg.close();
  });

  test("concurrent workers store each article once and assign each to exactly one story", async () => {
    const pg = await freshPostgresStore({ poolSize: 12 });
    const file = join(mkdtempSync(join(tmpdir(), "sl-q-")), "batch.jsonl");
    writeJsonl(file, sampleSentences(), 120, 3);
    await enqueueInputs(pg, [file]);
    await Promise.all([
      runWorker(pg, { untilIdle: true }),
      runWorker(pg, { untilIdle: true }),
      runWorker(pg, { untilIdle: true }),
    ]);
    assert.equal(await pg.countArticles(), 120);
    const stories = await pg.getState<StoriesState>(STATE_KEYS.stories);
    const ids = (stories?.stories ?? []).flatMap((s) => s.articles);
    assert.equal(ids.length, 120);
    assert.equal(new Set(ids).size, 120);
    assert.deepEqual(await pg.consistencyCheck(), []);
    await pg.close();
  });

  test("failing jobs are retried with backoff, then moved aside as dead with the reason", async () => {
    const pg = await freshPostgresStore();
    // A payload that does not parse: a transient-looking failure (retried) that never heals.
    await pg.pool.query(
      "INSERT INTO jobs (kind, payload, label, max_attempts) VALUES ('article', 'not json', 'bad.json', 3)",
    );
    // A document without text: a permanent failure (dead at once).
    await pg.pool.query(
      `INSERT INTO jobs (kind, payload, label, max_attempts) VALUES ('article', $1, 'empty.txt', 3)`,
      [
        JSON.stringify({
          doc: {
            id: "empty",
            format: "text",
            content: "",
            provenance: { kind: "file", location: "empty.txt", fetchedAt: "2026-01-01T00:00:00Z" },
          },
        }),
      ],
    );
    const events: string[] = [];
    const summary = await runWorker(pg, {
      untilIdle: true,
      backoffBaseMs: 20,
      onEvent: (e) => {
        if (e.type === "failed") events.push(`${e.job}:${e.dead ? "dead" : "retry"}`);
      },
    });
    assert.equal(summary.dead, 2);
    assert.equal(summary.failed, 4, "three attempts for the bad payload, one for the empty document");
    const stats = await queueStats(pg);
    const dead = stats.failing.filter((j) => j.state === "dead");
    assert.equal(dead.length, 2);
    const bad = dead.find((j) => j.label === "bad.json")!;
    assert.equal(bad.attempts, 3);
    assert.match(bad.lastError ?? "", /JSON/);
    assert.match(dead.find((j) => j.label === "empty.txt")!.lastError ?? "", /no article text/);
    // The reasons are visible in `storyline jobs`, for people and for scripts.
    const url = schemaUrl(pg.schema!);
    const human = await runCli(["jobs", "--db", url]).done;
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /dead/);
    assert.match(human.stdout, /no article text found/);
    const json = JSON.parse((await runCli(["jobs", "--db", url, "--json"]).done).stdout);
    assert.equal(json.failing.filter((j: { state: string }) => j.state === "dead").length, 2);
    assert.equal(await retryDeadJobs(pg), 2);
    assert.equal((await queueStats(pg)).counts.find((c) => c.state === "pending")?.n, 2);
    await pg.close();
  });
});
