/**
 * Faults on PostgreSQL: a worker killed with SIGKILL part-way through a large queued batch, then run
 * again, stores every article exactly once and whole; the database restarted while workers run:
 * they reconnect and finish, nothing lost or duplicated. Skips without STORYLINE_TEST_PG (and the
 * restart test without STORYLINE_TEST_PG_CTL, which .ci/run sets for its throwaway cluster).
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { enqueueInputs, queueStats } from "../../src/pipeline/queue/index.js";
import { PostgresStore } from "../../src/store/postgres/index.js";
import {
  dropSchema,
  freshSchema,
  PG_URL,
  SKIP_NO_PG,
  SKIP_NO_PG_CTL,
  startPrivateCluster,
} from "../helpers/postgres.js";
import { writeJsonl } from "./generate.js";
import { assertStoredExactlyOnce, runCli, sampleSentences, waitFor } from "./helpers.js";

/** Articles in a batch: large enough that a kill or restart lands mid-way. */
const BATCH = 400;

async function setup(seed: number, server = PG_URL) {
  const schema = freshSchema("fault");
  const store = await PostgresStore.open(server, { schema, poolSize: 3 });
  const input = join(mkdtempSync(join(tmpdir(), "sl-pgfault-")), "batch.jsonl");
  writeJsonl(input, sampleSentences(), BATCH, seed);
  const { queued } = await enqueueInputs(store, [input]);
  assert.equal(queued, BATCH);
  const u = new URL(server);
  u.searchParams.set("schema", schema);
  return { schema, store, input, url: u.toString() };
}

/** The count, retrying across a restart (the pool reconnects on the next query). */
async function count(store: PostgresStore): Promise<number> {
  try {
    return await store.countArticles();
  } catch {
    return -1;
  }
}

async function assertQueueDrained(store: PostgresStore) {
  const stats = await queueStats(store);
  assert.deepEqual(
    stats.counts.filter((c) => c.state !== "done"),
    [],
    `jobs left: ${JSON.stringify(stats)}`,
  );
}

test("a worker killed with SIGKILL mid-batch, run again, stores every article exactly once", {
  skip: SKIP_NO_PG,
}, async () => {
  const { schema, store, input, url } = await setup(21);
  const first = runCli(["worker", "--db", url, "--until-idle", "--concurrency", "2"]);
  await waitFor(async () => (await count(store)) >= BATCH / 4, 60_000);
  first.child.kill("SIGKILL");
  assert.equal((await first.done).signal, "SIGKILL");
  const before = await count(store);
  assert.ok(before > 0 && before < BATCH, `killed part-way (${before} of ${BATCH} stored)`);

  const second = await runCli(["worker", "--db", url, "--until-idle", "--json"]).done;
  assert.equal(second.code, 0, second.stderr);
  assert.equal(JSON.parse(second.stdout).dead, 0);
  await assertStoredExactlyOnce(store, [input]);
  assert.deepEqual(await store.consistencyCheck(), []);
  await assertQueueDrained(store);
  await store.close();
  await dropSchema(schema);
});

test("PostgreSQL restarted while two workers run: they reconnect and finish, nothing lost or duplicated", {
  skip: SKIP_NO_PG_CTL,
}, async () => {
  // A cluster of its own: restarting the shared test server would disturb tests running alongside.
  const cluster = await startPrivateCluster();
  try {
    const { store, input, url } = await setup(22, cluster.url);
    const workers = [
      runCli(["worker", "--db", url, "--until-idle", "--json"]),
      runCli(["worker", "--db", url, "--until-idle", "--json"]),
    ];
    await waitFor(async () => (await count(store)) >= BATCH / 5, 60_000);
    cluster.restart();
    const results = await Promise.all(workers.map((w) => w.done));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const summaries = results.map((r) => JSON.parse(r.stdout));
    assert.ok(
      summaries.some((s) => s.reconnects > 0),
      "the workers saw the restart",
    );
    await waitFor(async () => (await count(store)) >= 0, 30_000);
    await assertStoredExactlyOnce(store, [input]);
    assert.deepEqual(await store.consistencyCheck(), []);
    await assertQueueDrained(store);
    await store.close();
  } finally {
    cluster.stop();
  }
});
